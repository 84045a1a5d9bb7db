using System.Globalization;
using System.Text.Json.Nodes;
using Incidents.Api.Infrastructure.Queries;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Incidents.Api.Infrastructure.OpenApi;

/// <summary>
/// Lists a list endpoint's query parameters (<see cref="QueryParametersAttribute"/>) with their types and limits,
/// from <see cref="QueryDefinitions"/>, the same definitions the endpoint accepts: the endpoints read the query string
/// themselves, so the generator alone saw none, and a client generated from the document could not filter or page.
/// </summary>
public sealed class QueryParameterDocs : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParametersAttribute>().FirstOrDefault() is not { } declared)
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        foreach (var definition in QueryDefinitions.For(declared.Set))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = definition.Name,
                In = ParameterLocation.Query,
                Required = definition.Required,
                Description = definition.Description,
                Schema = SchemaOf(definition),
            });
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema SchemaOf(QueryParameterDefinition definition)
    {
        var schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = definition.MaxLength };
        switch (definition.Value)
        {
            case QueryValue.Limit:
                schema.Type = JsonSchemaType.Integer;
                schema.Format = "int32";
                schema.Minimum = "1";
                schema.Maximum = definition.Maximum?.ToString(CultureInfo.InvariantCulture);
                schema.Default = definition.Default is { } d ? JsonValue.Create(d) : null;
                break;
            case QueryValue.Instant:
                schema.Format = "date-time";
                break;
            case QueryValue.Date:
                schema.Format = "date";
                break;
            case QueryValue.Choice:
                schema.Enum = [.. definition.Choices.Select(c => (JsonNode)JsonValue.Create(c))];
                break;
            case QueryValue.EnumList:
                // Several values, comma-separated, in one parameter: a pattern of the allowed names.
                schema.Pattern = $"^({string.Join('|', definition.Choices)})(,({string.Join('|', definition.Choices)}))*$";
                break;
            default:
                break;
        }

        return schema;
    }
}
