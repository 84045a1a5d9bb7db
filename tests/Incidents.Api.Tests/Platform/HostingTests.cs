using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;

namespace Incidents.Api.Tests.Platform;

[Collection(ApiCollection.Name)]
public sealed class HostingTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_without_a_token(string path)
    {
        var response = await _concerns.Get(null, path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_concern_endpoints_and_needs_no_token()
    {
        var response = await _concerns.Get(null, "/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        document["openapi"]!.GetValue<string>().Should().StartWith("3.1");
        var paths = document["paths"]!.AsObject();
        paths.Select(p => p.Key).Should().Contain(["/api/concerns", "/api/concerns/{id}", "/api/concerns/{id}/history"]);
        foreach (var action in new[] { "triage", "escalations", "escalations/{escalationId}/advice", "referrals", "referral-decision",
                     "actions", "investigation/complete", "debrief", "close", "reopen", "lead", "subjects", "notes", "withdraw", "kind" })
        {
            var post = paths[$"/api/concerns/{{id}}/{action}"]?["post"];
            post.Should().NotBeNull(action);
            post!["requestBody"].Should().NotBeNull(action);
            post["responses"]!.AsObject().Select(r => r.Key).Should().Contain(["200", "400", "401", "403", "404", "409", "412", "422"], action);
        }

        // Every API operation declares the bearer token it needs, so a generated client sends one; the filtering
        // provider's webhook declares its signature instead (a machine holds no token).
        var bearer = document["components"]!["securitySchemes"]!["bearer"]!;
        bearer["type"]!.GetValue<string>().Should().Be("http");
        bearer["scheme"]!.GetValue<string>().Should().Be("bearer");
        foreach (var (path, item) in paths)
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var scheme = path.StartsWith("/api/filtering/", StringComparison.Ordinal) && path.EndsWith("/alerts", StringComparison.Ordinal)
                    ? "filtering-signature"
                    : "bearer";
                operation!["security"]!.AsArray().Single()!.AsObject().Select(s => s.Key).Should().Equal([scheme], $"{method} {path}");
            }
        }
    }

    [Fact]
    public async Task The_API_reference_is_served_at_docs()
    {
        var response = await _concerns.Get(null, "/docs/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("Incidents API");
    }
}
