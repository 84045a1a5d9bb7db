using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Incidents.Api.Infrastructure.OpenApi;

/// <summary>
/// An enum's schema lists its values, never null: the generator adds null to an enum's values when it first meets the
/// enum as a nullable request field (<c>ActionType?</c>), though the field already says it may be null
/// (<c>oneOf: [null, ActionType]</c>). With null among them, NSwag reads the enum as an empty class, and a generated
/// client could not send the field at all (recording an action, GeneratedClientTests).
/// </summary>
public sealed class EnumValues : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>().Where(s => s.Enum?.Any(IsNull) == true) ?? [])
        {
            schema.Enum = [.. schema.Enum!.Where(e => !IsNull(e))];
        }

        return Task.CompletedTask;
    }

    private static bool IsNull(JsonNode? value) => value is null || value.GetValueKind() == JsonValueKind.Null;
}
