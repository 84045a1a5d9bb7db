using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Wolverine.Http;

namespace Incidents.Api.Infrastructure.OpenApi;

/// <summary>
/// Each operation as a client developer reads it: a camelCase operationId from the endpoint's name
/// (<c>raiseConcern</c>, <c>getGovernorReport</c>), the endpoint's XML doc comment split into a one-sentence summary
/// and the whole text as its description, and an example body for a command.
/// </summary>
public sealed class OperationDocs : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // The route's name ([WolverinePost(..., Name = "RaiseConcern")]); Wolverine's own operation id is made of the route.
        var name = metadata.OfType<IRouteNameMetadata>().Select(m => m.RouteName).FirstOrDefault(n => n is { Length: > 0 })
                   ?? metadata.OfType<HttpChain>().FirstOrDefault()?.Method.Method.GetCustomAttributes(true).OfType<WolverineHttpMethodAttribute>()
                       .Select(a => a.Name).FirstOrDefault(n => n is { Length: > 0 });
        if (name is { Length: > 0 })
        {
            operation.OperationId = char.ToLowerInvariant(name[0]) + name[1..];
        }

        // The XML comment arrives as the summary (Microsoft.AspNetCore.OpenApi's generator), the description as Wolverine's
        // route-made name (GET_api_queue): the whole comment describes, its first sentence summarises.
        if ((operation.Description is null || !operation.Description.Contains(' ', StringComparison.Ordinal)) && operation.Summary is { Length: > 0 } text)
        {
            operation.Description = text;
            operation.Summary = FirstSentence(text);
        }

        var requestType = metadata.OfType<IAcceptsMetadata>().FirstOrDefault()?.RequestType;
        if (requestType is not null && RequestExamples.For(requestType) is { } example
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
        {
            json.Example = example;
        }

        return Task.CompletedTask;
    }

    public static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text.Trim() : text[..(end + 1)].Trim();
    }
}
