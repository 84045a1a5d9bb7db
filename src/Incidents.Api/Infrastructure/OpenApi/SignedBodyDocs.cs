using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Wolverine.Http;

namespace Incidents.Api.Infrastructure.OpenApi;

/// <summary>
/// The body of an endpoint that reads its own bytes (to check their signature before parsing them), as the JSON it
/// takes: the generator sees no body parameter on such an endpoint, so it names the type itself.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SignedJsonBodyAttribute(Type requestType) : Attribute
{
    public Type RequestType { get; } = requestType;
}

public sealed class SignedBodyDocs : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var body = context.Description.ActionDescriptor.EndpointMetadata.OfType<HttpChain>().FirstOrDefault()?.Method.Method
            .GetCustomAttributes(true).OfType<SignedJsonBodyAttribute>().FirstOrDefault();
        if (body is null)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(body.RequestType, null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = schema, Example = RequestExamples.For(body.RequestType) },
            },
        };
    }
}
