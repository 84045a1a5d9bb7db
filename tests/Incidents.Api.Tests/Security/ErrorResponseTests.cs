using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Incidents.Api.Tests.Reliability;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Security;

/// <summary>
/// Errors a client developer can act on: the field and what it takes, never a .NET type or namespace, and a
/// <c>type</c> of the service's own that docs/api.md explains.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ErrorResponseTests(ApiHost api)
{
    private const string TypeBase = "https://incidents.example/problems/";
    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task An_unknown_kind_is_a_400_naming_the_field_and_the_kinds_that_exist()
    {
        var problem = await Problem(await Json("/api/concerns", """
            {"kind":"gossip","summary":"x","subjects":[{"misRef":"L-1","type":"learner","involvement":"affected"}],"occurredAt":"2026-11-20T10:00:00Z"}
            """), HttpStatusCode.BadRequest);

        problem["type"]!.GetValue<string>().Should().Be(TypeBase + "validation");
        var kind = problem["errors"]!["kind"]!.AsArray().Single()!.GetValue<string>();
        kind.Should().StartWith("kind must be one of: ").And.Contain("cyberbullying").And.Contain("youth-produced-sexual-imagery")
            .And.Contain("online-sexual-harassment").And.NotContain("gossip");
    }

    [Fact]
    public async Task An_unknown_value_deep_in_the_body_names_its_path_and_the_values_allowed()
    {
        var problem = await Problem(await Json("/api/concerns", """
            {"kind":"cyberbullying","summary":"x","subjects":[{"misRef":"L-1","type":"alien","involvement":"affected"}],"occurredAt":"2026-11-20T10:00:00Z"}
            """), HttpStatusCode.BadRequest);

        problem["errors"]!["subjects[0].type"]!.AsArray().Single()!.GetValue<string>().Should().StartWith("subjects[0].type must be one of: ").And.Contain("learner");
    }

    [Theory]
    [InlineData("/api/concerns", """{"kind":"cyberbullying","summary":5}""", "summary", "summary must be a string.")]
    [InlineData("/api/concerns", """{"kind":"cyberbullying","occurredAt":"last tuesday"}""", "occurredAt", "occurredAt must be a date and time in ISO 8601")]
    [InlineData("/api/concerns", """{"kind":"cyberbullying","subjects":"L-1"}""", "subjects", "subjects must be an array.")]
    [InlineData("/api/concerns", """{"kind":"cyberbullying","colour":"red"}""", "colour", "colour is not a field of this request.")]
    public async Task A_field_of_the_wrong_type_is_named_with_what_it_takes(string path, string body, string field, string message)
    {
        var problem = await Problem(await Json(path, body), HttpStatusCode.BadRequest);

        problem["errors"]![field]!.AsArray().Single()!.GetValue<string>().Should().StartWith(message);
    }

    [Fact]
    public async Task No_answer_to_a_malformed_request_names_a_dotnet_type_and_every_type_is_documented()
    {
        var existing = await _concerns.Raise(People.Dsl);
        string[] paths = ["/api/concerns", $"/api/concerns/{existing}/notes", $"/api/concerns/{existing}/triage", $"/api/concerns/{existing}/actions"];
        string[] bodies =
        [
            """{"kind":"gossip"}""", """{"note":5,"occurredAt":"2026-11-20T10:00:00Z"}""", """{"risk":"extreme","decision":"investigate"}""",
            """{"occurredAt":"soon"}""", """{"occurredAt":12}""", """{"subjects":[{"misRef":["x"]}]}""", """{"injected":1}""",
            """{"type":"parents-informed","subjectMisRef":{}}""", "[]", "null", "{", "", "\"text\"", "{\"a\":" + new string('[', 100),
            """{"kind":"cyberbullying","subjects":[{"type":"learner","involvement":"bystander-ish"}]}""", """{"triage":true,"risk":1}""",
        ];

        var answers = new List<(string Request, HttpResponseMessage Response)>();
        foreach (var path in paths)
        {
            foreach (var body in bodies)
            {
                answers.Add(($"POST {path} {body}", await Json(path, body)));
            }

            answers.Add(($"POST {path} as text", await _concerns.Post(People.Dsl, path, new StringContent("kind=gossip", Encoding.UTF8, "text/plain"))));
        }

        answers.Add(("POST /api/concerns/not-a-guid", await _concerns.Post(People.Dsl, "/api/concerns/not-a-guid", new { note = "x" })));
        answers.Add(("GET /api/concerns/not-a-guid/notes", await _concerns.Get(People.Dsl, "/api/concerns/not-a-guid/notes")));
        answers.Add(("GET without a token", await _concerns.Get(null, "/api/queue")));
        answers.Add(("GET /api/queue as a governor", await _concerns.Get(People.Governor, "/api/queue")));
        answers.Add(("GET /api/queue?limit=lots", await _concerns.Get(People.Dsl, "/api/queue?limit=lots")));
        answers.Add(("DELETE an existing case", await _concerns.Send(People.Dsl, HttpMethod.Delete, $"/api/concerns/{existing}")));

        var documented = await File.ReadAllTextAsync(Path.Combine(ApiNode.RepositoryRoot, "docs", "api.md"));
        foreach (var (request, response) in answers)
        {
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).Should().BeInRange(400, 499, request);
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", request);
            DotnetName().Match(text).Success.Should().BeFalse("{0} answered {1}", request, text);
            var problem = JsonNode.Parse(text)!;
            var type = problem["type"]!.GetValue<string>();
            type.Should().StartWith(TypeBase, request);
            if (problem["rule"]?.GetValue<string>() is not { } rule || type != TypeBase + rule) // a policy rule's type is its code
            {
                documented.Should().Contain($"`{type[TypeBase.Length..]}`", "docs/api.md explains every problem type ({0})", request);
            }
        }
    }

    [Theory]
    [InlineData("POST", "/api/concerns/not-a-guid")]
    [InlineData("PUT", "/api/concerns/not-a-guid")]
    [InlineData("GET", "/api/concerns/not-a-guid/triage")]
    [InlineData("GET", "/api/concerns/00000000-0000-0000-0000-000000000001/escalations/not-a-guid/advice")]
    public async Task A_malformed_id_in_the_address_is_a_404_whatever_the_method(string method, string path)
    {
        var response = await _concerns.Send(People.Dsl, new HttpMethod(method), path, new { note = "x" });

        var problem = await Problem(response, HttpStatusCode.NotFound);
        problem["type"]!.GetValue<string>().Should().Be(TypeBase + "not-found");
        response.Content.Headers.Contains("Allow").Should().BeFalse();
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_415_saying_what_to_send()
    {
        var response = await _concerns.Post(People.Dsl, "/api/concerns", new StringContent("kind=cyberbullying", Encoding.UTF8, "text/plain"));

        var problem = await Problem(response, HttpStatusCode.UnsupportedMediaType);
        problem["type"]!.GetValue<string>().Should().Be(TypeBase + "unsupported-media-type");
        problem["detail"]!.GetValue<string>().Should().Contain("Content-Type: application/json");
    }

    [Fact]
    public async Task A_method_an_existing_address_does_not_take_stays_405()
    {
        var response = await _concerns.Send(People.Dsl, HttpMethod.Delete, $"/api/concerns/{Guid.NewGuid()}");

        (await Problem(response, HttpStatusCode.MethodNotAllowed))["type"]!.GetValue<string>().Should().Be(TypeBase + "method-not-allowed");
    }

    private Task<HttpResponseMessage> Json(string path, string body) =>
        _concerns.Post(People.Dsl, path, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        DotnetName().Match(text).Success.Should().BeFalse(text);
        return JsonNode.Parse(text)!;
    }

    // A namespace-qualified name (Incidents.Api.Concerns..., System.Int32) or a generic arity (Nullable`1).
    [GeneratedRegex(@"\b(System|Microsoft|Incidents|Wolverine|Marten|JasperFx|Npgsql|Weasel)\.[A-Z]|`\d")]
    private static partial Regex DotnetName();
}
