using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Security;

/// <summary>Body limits, headers and CORS on the shared host.</summary>
[Collection(ApiCollection.Name)]
public sealed class HardeningTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_with_413_and_nothing_is_recorded()
    {
        var huge = new string('x', 70 * 1024);
        var before = await _concerns.Get(People.Mis, "/api/concerns?limit=1");
        var response = await _concerns.Post(People.Teacher, "/api/concerns", new { kind = "cyberbullying", summary = huge, subjects = new[] { Subject("H-1") }, occurredAt = Yesterday });
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        // Without a Content-Length (chunked), the limit still holds.
        var chunked = await _concerns.Post(People.Teacher, "/api/concerns", new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"summary\":\"{huge}\"}}")))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        }, r => r.Headers.TransferEncodingChunked = true);
        chunked.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        before.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/concerns/not-a-guid")]
    [InlineData("/api/concerns/not-a-guid/history")]
    [InlineData("/api/no-such-thing")]
    public async Task A_path_that_names_nothing_is_a_404_problem(string path)
    {
        var response = await _concerns.Get(People.Dsl, path);
        var command = await _concerns.Post(People.Dsl, path + "/notes", new { note = "x", occurredAt = Yesterday });

        foreach (var answer in new[] { response, command })
        {
            answer.StatusCode.Should().Be(HttpStatusCode.NotFound);
            answer.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
    }

    [Fact]
    public async Task Every_response_carries_security_headers_and_no_CORS_is_granted_by_default()
    {
        foreach (var response in new[]
                 {
                     await _concerns.Get(People.Dsl, "/api/queue"),
                     await _concerns.Get(null, "/api/queue"),
                     await _concerns.Get(null, "/health/live"),
                     await _concerns.Send(null, HttpMethod.Options, "/api/concerns", configure: r =>
                     {
                         r.Headers.Add("Origin", "https://evil.example");
                         r.Headers.Add("Access-Control-Request-Method", "POST");
                     }),
                 })
        {
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
            response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
            response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
            response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'");
            response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        }

        var api1 = await _concerns.Get(People.Dsl, "/api/queue");
        api1.Headers.CacheControl!.NoStore.Should().BeTrue();
    }
}

/// <summary>Rate limiting and CORS with a configured origin, on a host with a tiny limit.</summary>
[Collection(HardeningCollection.Name)]
public sealed class RateLimitAndCorsTests(HardeningHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task A_client_over_its_limit_gets_429_with_Retry_After_while_other_clients_carry_on()
    {
        var busy = new Actor("staff-busy-1", "Busy client", new HashSet<Role> { Role.Dsl });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < HardeningHost.RequestsPerWindow + 2; i++)
        {
            statuses.Add((await _concerns.Get(busy, "/api/queue")).StatusCode);
        }

        statuses.Take(HardeningHost.RequestsPerWindow).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        var refused = await _concerns.Get(busy, "/api/queue");
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.Should().BePositive();
        (await Json(refused))["type"]!.GetValue<string>().Should().EndWith("too-many-requests");

        var other = new Actor("staff-quiet-1", "Another client", new HashSet<Role> { Role.Dsl });
        (await _concerns.Get(other, "/api/queue")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_a_configured_origin_is_granted_CORS()
    {
        var caller = new Actor("staff-cors-1", "Browser client", new HashSet<Role> { Role.Dsl });
        var allowed = await _concerns.Send(caller, HttpMethod.Get, "/api/queue", configure: r => r.Headers.Add("Origin", HardeningHost.AllowedOrigin));
        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(HardeningHost.AllowedOrigin);

        var caller2 = new Actor("staff-cors-2", "Browser client", new HashSet<Role> { Role.Dsl });
        var other = await _concerns.Send(caller2, HttpMethod.Get, "/api/queue", configure: r => r.Headers.Add("Origin", "https://evil.example"));
        other.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }
}
