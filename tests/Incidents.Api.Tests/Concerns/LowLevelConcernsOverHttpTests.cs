using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>
/// Low-level concerns about adults (KCSIE Part 4 section 2) over HTTP: recorded in confidence for the DSL (the test
/// school's setting), never forced to the LADO, reviewed for patterns from the work queue, and an allegation once the
/// harm threshold is met.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LowLevelConcernsOverHttpTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);
    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-20);

    /// <summary>An adult of its own for each test: patterns count every low-level concern the database holds about them.</summary>
    private static Actor NewAdult() => new($"staff-ll-{Guid.NewGuid():N}"[..20], "The adult", new HashSet<Role> { Role.Staff, Role.Dsl, Role.Leadership });

    /// <summary>Raises them, so the class teacher's own list of concerns stays short for the tests that read it.</summary>
    private static readonly Actor Colleague = new("staff-ll-colleague", "A colleague", new HashSet<Role> { Role.Staff });

    private Task<Guid> LowLevel(Actor about, Actor? by = null) =>
        _concerns.Raise(by ?? Colleague, RaiseRequest("low-level-concern", Subject(about.Id, "staff-member", "alleged")));

    private async Task<JsonNode?> QueueItem(Actor actor, Guid id)
    {
        await api.ProjectionsCaughtUp();
        var response = await _concerns.Get(actor, "/api/queue?kind=low-level-concern&limit=200");
        var body = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        return body["items"]!.AsArray().SingleOrDefault(i => i!["id"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task A_low_level_concern_is_the_DSLs_needs_no_LADO_and_neither_the_adult_nor_the_MIS_reads_it()
    {
        var adult = NewAdult();
        var id = await LowLevel(adult);

        var view = await _concerns.Read(People.Dsl, id);
        view["route"]!["category"]!.GetValue<string>().Should().Be("low-level-concern");
        view["lead"]!["role"]!.GetValue<string>().Should().Be("dsl");
        view["outstandingBeforeClosure"]!.AsArray().Select(x => x!.GetValue<string>()).Should().NotContain("lado-consultation-required");

        (await _concerns.Get(adult, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the adult holds the DSL role and still reads nothing");
        (await _concerns.Get(adult, $"/api/concerns/{id}/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Post(adult, $"/api/concerns/{id}/notes", new { note = "x", occurredAt = When })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(People.Mis, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(People.Leadership, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await QueueItem(People.Dsl, id)).Should().NotBeNull();
        (await QueueItem(adult, id)).Should().BeNull("a case about them is on nobody's queue they read");
        var feed = await Json(await _concerns.Get(People.Mis, "/api/concerns?limit=200&kind=low-level-concern"));
        feed["items"]!.AsArray().Should().BeEmpty("low-level concerns never reach the MIS");
    }

    [Fact]
    public async Task An_adult_reporting_themselves_is_recorded_and_reads_nothing_of_it_afterwards()
    {
        var adult = NewAdult() with { Roles = new HashSet<Role> { Role.Staff } };
        var id = await _concerns.Raise(adult, RaiseRequest("low-level-concern", Subject(adult.Id, "staff-member", "declaring")));

        (await _concerns.Get(adult, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Read(People.Dsl, id))["route"]!["category"]!.GetValue<string>().Should().Be("low-level-concern");
    }

    [Fact]
    public async Task A_low_level_concern_naming_two_adults_is_refused_with_its_rule()
    {
        var response = await _concerns.Post(Colleague, "/api/concerns", RaiseRequest("low-level-concern",
            Subject(NewAdult().Id, "staff-member", "alleged"), Subject(NewAdult().Id, "volunteer", "alleged")));
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await Json(response))["rule"]!.GetValue<string>().Should().Be("low-level-concern-about-one-adult");
    }

    [Fact]
    public async Task A_third_low_level_concern_about_the_same_adult_puts_a_pattern_review_on_the_DSLs_queue_until_it_is_recorded()
    {
        var adult = NewAdult();
        var first = await LowLevel(adult);
        var second = await LowLevel(adult, People.AnotherTeacher);
        (await _concerns.Read(People.Dsl, second))["pattern"].Should().BeNull("two are not yet the school's pattern of three");
        (await QueueItem(People.Dsl, second))!["patternReviewOf"]!.AsArray().Should().BeEmpty();

        var third = await LowLevel(adult);

        var view = await _concerns.Read(People.Dsl, third);
        view["pattern"]!["earlierConcernIds"]!.AsArray().Select(x => x!.GetValue<Guid>()).Should().BeEquivalentTo([first, second]);
        view["outstandingBeforeClosure"]!.AsArray().Select(x => x!.GetValue<string>()).Should().Contain("pattern-review-required");
        var item = await QueueItem(People.Dsl, third);
        item!["patternReviewOf"]!.AsArray().Select(x => x!.GetValue<Guid>()).Should().BeEquivalentTo([first, second]);

        (await _concerns.Command(Colleague, third, "pattern-review", new { outcome = "x", occurredAt = When }, HttpStatusCode.Forbidden))
            ["rule"]!.GetValue<string>().Should().Be("not-case-handler");
        (await _concerns.Post(adult, $"/api/concerns/{third}/pattern-review", new { outcome = "x", occurredAt = When })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var reviewed = await _concerns.Command(People.Dsl, third, "pattern-review", new { outcome = "Spoke to them; code of conduct refresher", occurredAt = When });
        reviewed["pattern"]!["review"]!["outcome"]!.GetValue<string>().Should().Be("Spoke to them; code of conduct refresher");
        (await QueueItem(People.Dsl, third))!["patternReviewOf"]!.AsArray().Should().BeEmpty();
        (await _concerns.Command(People.Dsl, third, "pattern-review", new { outcome = "again", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("no-pattern-to-review");
    }

    [Fact]
    public async Task A_low_level_concern_that_meets_the_harm_threshold_becomes_the_headteachers_allegation_with_the_LADO_clock_from_then()
    {
        var adult = NewAdult();
        var id = await LowLevel(adult);
        await api.ProjectionsCaughtUp();
        (await _concerns.Command(Colleague, id, "threshold-met", new { reason = "x", occurredAt = When }, HttpStatusCode.Forbidden))
            ["rule"]!.GetValue<string>().Should().Be("not-case-handler");

        await _concerns.Command(People.Dsl, id, "threshold-met", new { reason = "Messaged a pupil privately at night", occurredAt = When });

        var view = await _concerns.Read(People.Headteacher, id);
        view["route"]!["category"]!.GetValue<string>().Should().Be("allegation");
        view["lead"]!["role"]!.GetValue<string>().Should().Be("headteacher");
        view["harmThresholdMetAt"].Should().NotBeNull();
        view["outstandingBeforeClosure"]!.AsArray().Select(x => x!.GetValue<string>()).Should().Contain("lado-consultation-required");
        (await _concerns.Get(adult, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await api.ProjectionsCaughtUp();
        var queue = await Json(await _concerns.Get(People.Headteacher, "/api/queue?kind=low-level-concern&limit=200"));
        var item = queue["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!;
        item["deadlines"]!["ladoConsultationDueAt"].Should().NotBeNull("the LADO's working day runs from when it became an allegation");

        (await _concerns.Command(People.Headteacher, id, "threshold-met", new { reason = "again", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("not-a-low-level-concern");
    }
}
