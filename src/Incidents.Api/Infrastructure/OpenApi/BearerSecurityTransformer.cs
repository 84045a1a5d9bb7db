using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Incidents.Api.Infrastructure.OpenApi;

/// <summary>
/// Declares in the OpenAPI document that every <c>/api</c> operation needs a bearer token (an OpenID Connect access
/// token, a JWT), so a generated MIS client and the reference at /docs send one. Health checks and the document
/// itself need none; the filtering provider's webhook takes its signature instead.
/// </summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public const string Scheme = "bearer";

    /// <summary>The one machine endpoint that takes a signature instead (the filtering provider's webhook).</summary>
    public const string FilteringSignatureScheme = "filtering-signature";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from the school's identity provider with sub, name and role claims (README, \"Who may do what\").",
        };

        document.Components.SecuritySchemes[FilteringSignatureScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Filtering.FilteringSignature.SignatureHeader,
            Description = "The filtering provider's webhook takes no token: X-Signature: sha256=<hex HMAC-SHA256 with the provider's secret of " +
                          "\"<X-Timestamp>.<body>\">, and X-Timestamp: the Unix time in seconds (docs/api.md, \"Alerts from the filtering provider\").",
        };

        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] };
        var signature = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(FilteringSignatureScheme, document)] = [] };
        foreach (var (path, item) in document.Paths.Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in item.Operations?.Values.ToList() ?? [])
            {
                operation.Security = [path == Filtering.FilteringAlertEndpoint.Route ? signature : requirement];
            }
        }

        return Task.CompletedTask;
    }
}
