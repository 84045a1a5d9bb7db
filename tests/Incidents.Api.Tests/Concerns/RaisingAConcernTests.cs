using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Incidents.Api.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

[Collection(ApiCollection.Name)]
public sealed class RaisingAConcernTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task A_member_of_staff_raises_a_concern_and_reads_it_back_with_its_location_and_version()
    {
        var response = await _concerns.Post(People.Dsl, "/api/concerns", RaiseRequest("cyberbullying", Subject("L-2001")));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await Json(response);
        var id = created["id"]!.GetValue<Guid>();
        response.Headers.Location!.ToString().Should().Be($"/api/concerns/{id}");
        response.Headers.ETag!.Tag.Should().Be("\"1\"");

        var read = await _concerns.Read(People.Dsl, id);
        read["kind"]!.GetValue<string>().Should().Be("cyberbullying");
        read["status"]!.GetValue<string>().Should().Be("raised");
        read["lead"]!["role"]!.GetValue<string>().Should().Be("dsl");
        read["route"]!["managedUnder"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Contain("child-protection");
        read["route"]!["policyVersion"]!.GetValue<string>().Should().Be("st-james-social-media-policy/2021-09/r3");
        read["subjects"]![0]!["misRef"]!.GetValue<string>().Should().Be("L-2001");
    }

    [Fact]
    public async Task Every_stored_event_carries_the_acting_user_a_correlation_id_a_causation_id_and_the_server_time()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var response = await _concerns.Post(People.Teacher, "/api/concerns", RaiseRequest(),
            r => r.Headers.Add("X-Correlation-Id", "mis-sync-42"));
        var id = (await Json(response))["id"]!.GetValue<Guid>();

        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(id);

        events.Should().ContainSingle();
        var raised = events[0];
        raised.UserName.Should().Be(People.Teacher.Id);
        raised.CorrelationId.Should().Be("mis-sync-42");
        raised.CausationId.Should().StartWith("http:POST /api/concerns");
        raised.Timestamp.Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Without_a_token_the_request_is_refused_with_401_and_nothing_is_recorded()
    {
        var response = await _concerns.Post(null, "/api/concerns", RaiseRequest());

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused_with_401()
    {
        var forged = api.TokenFor(People.Dsl)[..^4] + "AAAA";
        var response = await _concerns.Post(null, "/api/concerns", RaiseRequest(),
            r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_concern_without_a_kind_is_a_400_problem_listing_every_bad_field_and_changes_nothing()
    {
        var before = await CountEvents();
        var response = await _concerns.Post(People.Dsl, "/api/concerns",
            new { summary = "", subjects = Array.Empty<object>(), occurredAt = DateTimeOffset.UtcNow.AddDays(3) });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await Json(response);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("kind", "summary", "subjects", "occurredAt");
        (await CountEvents()).Should().Be(before);
    }

    [Fact]
    public async Task Something_reported_as_happening_before_the_school_opened_is_refused_as_a_typo()
    {
        var before = await CountEvents();
        var opened = new DateTimeOffset(2005, 9, 1, 0, 0, 0, TimeSpan.FromHours(1)); // School:OpenedOn in the test host, in school time

        var typo = await _concerns.Post(People.Dsl, "/api/concerns", new
        {
            kind = "cyberbullying",
            summary = "Messages in a group chat",
            subjects = new[] { Subject("L-1") },
            occurredAt = opened.AddMinutes(-1),
        });
        typo.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(typo))["errors"]!["occurredAt"]![0]!.GetValue<string>().Should().Contain("2005-09-01");
        (await CountEvents()).Should().Be(before);

        await _concerns.Raise(People.Dsl, new { kind = "cyberbullying", summary = "Old messages found", subjects = new[] { Subject("L-1") }, occurredAt = opened });
    }

    [Theory]
    [InlineData("""{"kind":"not-a-kind","summary":"x","subjects":[{"misRef":"L1","type":"learner","involvement":"affected"}],"occurredAt":"2026-01-01T00:00:00Z"}""")]
    [InlineData("""{"kind":"cyberbullying","summary":"x","subjects":[],"occurredAt":"2026-01-01T00:00:00Z","unexpected":true}""")]
    [InlineData("""{"kind":""")]
    public async Task Malformed_json_is_a_400_problem(string body)
    {
        var response = await _concerns.Post(People.Dsl, "/api/concerns", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_concern_nobody_may_see_or_that_does_not_exist_is_404()
    {
        var response = await _concerns.Get(People.Dsl, $"/api/concerns/{Guid.NewGuid()}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private async Task<long> CountEvents()
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
