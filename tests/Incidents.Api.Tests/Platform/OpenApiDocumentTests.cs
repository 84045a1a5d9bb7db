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

    [Theory]
    [InlineData("getWorkQueue", "kind,status,risk,lead,assignee,from,to,limit,after")]
    [InlineData("listConcernsForSync", "updatedSince,status,kind,limit,after")]
    [InlineData("getGovernorReport", "from,to,format")]
    [InlineData("searchDirectory", "search,type,limit")]
    [InlineData("queryAuditTrail", "actor,from,to,kind,eventType,concern,limit,after")]
    [InlineData("exportAuditTrail", "actor,from,to,kind,eventType,concern")]
    [InlineData("queryAccessLog", "actor,resource,target,from,to,limit,after")]
    public async Task Every_list_names_its_query_parameters_with_their_types_and_limits(string operationId, string names)
    {
        var operation = Operations(await Document()).Single(o => o.Operation["operationId"]!.GetValue<string>() == operationId).Operation;

        var parameters = operation["parameters"]!.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query").ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);
        parameters.Keys.Should().Equal(names.Split(','));
        foreach (var (name, parameter) in parameters)
        {
            parameter["description"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace(name);
            parameter["schema"]!["type"].Should().NotBeNull(name);
        }

        if (parameters.TryGetValue("limit", out var limit))
        {
            limit["schema"]!["type"]!.GetValue<string>().Should().Be("integer");
            limit["schema"]!["minimum"]!.GetValue<int>().Should().Be(1);
            limit["schema"]!["maximum"]!.GetValue<int>().Should().Be(operationId == "searchDirectory" ? 50 : 200);
        }

        if (parameters.TryGetValue("from", out var from))
        {
            from["schema"]!["format"]!.GetValue<string>().Should().Be("date");
        }

        if (parameters.TryGetValue("after", out var after))
        {
            after["schema"]!["maxLength"]!.GetValue<int>().Should().Be(512);
        }
    }

    [Fact]
    public async Task A_search_requires_its_text_and_a_filter_lists_the_values_it_takes()
    {
        var operations = Operations(await Document()).ToDictionary(o => o.Operation["operationId"]!.GetValue<string>(), o => o.Operation);
        JsonNode Parameter(string operationId, string name) =>
            operations[operationId]["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!;

        Parameter("searchDirectory", "search")["required"]!.GetValue<bool>().Should().BeTrue();
        Parameter("searchDirectory", "search")["schema"]!["maxLength"]!.GetValue<int>().Should().Be(100);
        Parameter("getWorkQueue", "kind")["schema"]!["pattern"]!.GetValue<string>().Should().Contain("youth-produced-sexual-imagery");
        Parameter("listConcernsForSync", "updatedSince")["schema"]!["format"]!.GetValue<string>().Should().Be("date-time");
        Parameter("getGovernorReport", "format")["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("json", "csv", "html");
    }

    [Fact]
    public async Task Every_answer_is_typed_as_what_it_carries_and_a_repeated_raise_answers_the_case()
    {
        var document = await Document();

        document.ToJsonString().Should().NotContain("IResult", "no answer is typed by an ASP.NET name a client cannot use");
        var raise = Operations(document).Single(o => o.Operation["operationId"]!.GetValue<string>() == "raiseConcern").Operation;
        foreach (var status in new[] { "200", "201" })
        {
            raise["responses"]![status]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Should().EndWith("/ConcernReadView", status);
        }
    }

    [Fact]
    public async Task Every_answer_about_a_case_is_one_of_the_read_level_views_told_apart_by_view()
    {
        var document = await Document();

        // Raising (and its retry), reading a case, and every command on one (but a debrief change's, whose owner is
        // answered the change: they may not read the case).
        var answers = Operations(document)
            .Where(o => (o.Path == "/api/concerns" && o.Method == "post") || (o.Path == "/api/concerns/{id}" && o.Method == "get")
                        || (o.Path.StartsWith("/api/concerns/{id}/", StringComparison.Ordinal) && o.Method == "post"
                            && !o.Path.Contains("/debrief-changes/", StringComparison.Ordinal)))
            .SelectMany(o => o.Operation["responses"]!.AsObject().Where(r => r.Key is "200" or "201").Select(r => (Name: $"{o.Method} {o.Path} {r.Key}", Response: r.Value!)))
            .ToList();
        answers.Should().HaveCountGreaterThan(25);
        foreach (var (name, response) in answers)
        {
            response["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Should().Be("#/components/schemas/ConcernReadView", name);
        }

        var schemas = document["components"]!["schemas"]!;
        var union = schemas["ConcernReadView"]!;
        union["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("view");
        union["properties"]!["view"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("full", "child-side", "sync", "status");
        union["discriminator"]!["propertyName"]!.GetValue<string>().Should().Be("view");
        var mapping = union["discriminator"]!["mapping"]!.AsObject().ToDictionary(m => m.Key, m => m.Value!.GetValue<string>());
        mapping.Should().Equal(new Dictionary<string, string>
        {
            ["full"] = "#/components/schemas/ConcernView",
            ["child-side"] = "#/components/schemas/ChildSideView",
            ["sync"] = "#/components/schemas/ConcernSyncView",
            ["status"] = "#/components/schemas/ConcernStatusView",
        });
        foreach (var view in new[] { "ConcernView", "ChildSideView", "ConcernSyncView", "ConcernStatusView" })
        {
            var allOf = schemas[view]!["allOf"]!.AsArray();
            allOf[0]!["$ref"]!.GetValue<string>().Should().Be("#/components/schemas/ConcernReadView", $"{view} is a read-level view");
            allOf[1]!["properties"]!["id"].Should().NotBeNull(view);
        }

        // Each view's fields as the service writes them (docs/api.md, "Read levels"), sharing the document's types.
        var sync = schemas["ConcernSyncView"]!["allOf"]![1]!;
        sync["properties"]!.AsObject().Select(p => p.Key).Should().Equal("id", "version", "kind", "status", "lead", "occurredAt", "subjects");
        sync["properties"]!["subjects"]!["items"]!["$ref"]!.GetValue<string>().Should().Be("#/components/schemas/Subject");
        schemas["ConcernStatusView"]!["allOf"]![1]!["properties"]!.AsObject().Select(p => p.Key).Should().Equal("id", "version", "kind", "status", "occurredAt", "closed");
        schemas["ConcernView"]!["allOf"]![1]!["properties"]!["triage"]!["oneOf"]!.AsArray().Should().HaveCount(2, "a triage not yet recorded is null");
    }
}
