using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Incidents.Api.Infrastructure.OpenApi;
using Incidents.Api.Tests.Support;

namespace Incidents.Api.Tests.Platform;

/// <summary>The OpenAPI document as a client developer (or a client generator) reads it.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    private async Task<JsonNode> Document()
    {
        var response = await _concerns.Get(null, "/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => (p.Key, o.Key, o.Value!)));

    [Fact]
    public async Task Every_operation_has_a_readable_operationId_a_summary_and_a_description()
    {
        var operations = Operations(await Document()).ToList();

        operations.Should().HaveCountGreaterThan(20);
        foreach (var (path, method, operation) in operations)
        {
            var name = $"{method} {path}";
            operation["operationId"]!.GetValue<string>().Should().MatchRegex("^[a-z][A-Za-z]+$", name);
            operation["summary"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace(name).And.EndWith(".", name);
            operation["description"]!.GetValue<string>().Length.Should().BeGreaterThanOrEqualTo(operation["summary"]!.GetValue<string>().Length, name);
        }

        operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        var byId = operations.ToDictionary(o => o.Operation["operationId"]!.GetValue<string>(), o => $"{o.Method} {o.Path}");
        byId["raiseConcern"].Should().Be("post /api/concerns");
        byId["getGovernorReport"].Should().Be("get /api/reports/governors");
        byId["triageConcern"].Should().Be("post /api/concerns/{id}/triage");
    }

    [Fact]
    public async Task Every_command_carries_an_example_body_the_service_reads_and_the_raise_example_raises_a_concern()
    {
        var operations = Operations(await Document()).Where(o => o.Operation["requestBody"] is not null).ToList();

        operations.Should().HaveCountGreaterThan(15);
        foreach (var (path, method, operation) in operations)
        {
            operation["requestBody"]!["content"]!["application/json"]!["example"].Should().NotBeNull($"{method} {path} shows an example");
        }

        var options = new JsonSerializerOptions();
        Json.Configure(options);
        foreach (var (type, json) in RequestExamples.ByRequestType)
        {
            var read = () => JsonSerializer.Deserialize(json, type, options);
            read.Should().NotThrow($"the {type.Name} example uses the API's field names and values");
        }

        var raise = operations.Single(o => o.Operation["operationId"]!.GetValue<string>() == "raiseConcern").Operation;
        var example = raise["requestBody"]!["content"]!["application/json"]!["example"]!.ToJsonString();
        var response = await _concerns.Post(People.Dsl, "/api/concerns", new StringContent(example, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_reference_says_what_the_service_is_and_how_to_get_a_Development_token()
    {
        var info = (await Document())["info"]!;

        info["title"]!.GetValue<string>().Should().Be("Incidents API");
        info["description"]!.GetValue<string>().Should().Contain("Social Media Policy").And.Contain("Designated Safeguarding Lead")
            .And.Contain("dotnet run --project src/Incidents.Api -v q -- token --role dsl");
        var docs = await _concerns.Get(null, "/docs/");
        (await docs.Content.ReadAsStringAsync()).Should().Contain("Incidents API");
    }
}
