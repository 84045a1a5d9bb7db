using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Incidents.Api.Infrastructure.OpenApi;

/// <summary>
/// Declares in the OpenAPI document that every <c>/api</c> operation needs a bearer token (an OpenID Connect access
/// token, a JWT), so a generated MIS client and the reference at /docs send one. Health checks and the document
/// itself need none.
/// </summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public const string Scheme = "bearer";

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

        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] };
        foreach (var item in document.Paths.Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal)).Select(p => p.Value))
        {
            foreach (var operation in item.Operations?.Values.ToList() ?? [])
            {
                operation.Security = [requirement];
            }
        }

        return Task.CompletedTask;
    }
}
