using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>A person's chronology: everything about them across their concerns, in the order it happened.</summary>
[Collection(ApiCollection.Name)]
public sealed class ChronologyTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    private async Task<JsonArray> Chronology(Actor actor, string path)
    {
        var response = await _concerns.Get(actor, path);
        var body = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        return body["entries"]!.AsArray();
    }

    [Fact]
    public async Task A_learners_chronology_spans_their_concerns_in_order_shows_backdating_and_leaves_out_entries_about_others()
    {
        var learner = $"C-{Guid.NewGuid():N}"[..12];
        var other = learner + "-X";
        var threeDaysAgo = DateTimeOffset.UtcNow.AddDays(-3);
        var first = await _concerns.Raise(People.Teacher, new
        {
            kind = "cyberbullying",
            summary = "Name-calling in a gaming chat",
            subjects = new[] { Subject(learner), Subject(other, involvement: "alleged") },
            occurredAt = threeDaysAgo.AddDays(-1),
        });
        var second = await _concerns.Raise(People.AnotherTeacher, RaiseRequest("underage-use", Subject(learner)));
        await _concerns.Command(People.Dsl, first, "notes", new { note = "Learner told form tutor", occurredAt = threeDaysAgo });
        await _concerns.Command(People.Dsl, first, "actions", new { type = "sanction-applied", sanction = "learner-behaviour-sanction", subjectMisRef = other, details = "Detention for the other learner", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-2) });
        await _concerns.Command(People.Dsl, first, "actions", new { type = "support-offered", subjectMisRef = learner, details = "Check-ins with pastoral lead", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await api.ProjectionsCaughtUp();

        var entries = await Chronology(People.Dsl, $"/api/learners/{learner}/chronology");

        entries.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("concern-raised", "note", "concern-raised", "support-offered");
        entries.Select(e => e!["concernId"]!.GetValue<Guid>()).Should().Equal(first, first, second, first);
        entries.Select(e => e!["occurredAt"]!.GetValue<DateTimeOffset>()).Should().BeInAscendingOrder();
        entries.ToJsonString().Should().NotContain("Detention for the other learner");

        var note = entries[1]!;
        note["entry"]!.GetValue<string>().Should().Be("Learner told form tutor");
        note["backdated"]!.GetValue<bool>().Should().BeTrue();
        note["recordedAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        note["recordedBy"]!["id"]!.GetValue<string>().Should().Be(People.Dsl.Id);
        entries[3]!["backdated"]!.GetValue<bool>().Should().BeFalse();
        entries[2]!["concernKind"]!.GetValue<string>().Should().Be("underage-use");

        // The other learner's chronology has their own sanction, not this learner's support.
        var theirs = await Chronology(People.Headteacher, $"/api/learners/{other}/chronology");
        theirs.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("concern-raised", "note", "sanction-applied");
    }

    [Fact]
    public async Task Repeated_low_level_concerns_about_one_adult_are_seen_together_by_the_headteacher_and_only_where_the_DSL_takes_part()
    {
        var adult = $"S-{Guid.NewGuid():N}"[..12];
        var contact = await _concerns.Raise(People.Teacher, RaiseRequest("personal-account-contact", Subject(adult, "staff-member", "alleged")));
        var content = await _concerns.Raise(People.AnotherTeacher, RaiseRequest("conflicting-content", Subject(adult, "staff-member", "alleged")));
        var misconduct = await _concerns.Raise(People.AnotherTeacher, RaiseRequest("staff-misconduct", Subject(adult, "staff-member", "alleged")));
        await api.ProjectionsCaughtUp();

        var byHeadteacher = await Chronology(People.Headteacher, $"/api/staff/{adult}/chronology");
        byHeadteacher.Select(e => e!["concernId"]!.GetValue<Guid>()).Should().BeEquivalentTo([contact, content, misconduct]);

        var byDsl = await Chronology(People.Dsl, $"/api/staff/{adult}/chronology");
        byDsl.Select(e => e!["concernId"]!.GetValue<Guid>()).Should().Equal(contact);

        // The adult, even holding the DSL role, never sees concerns about themselves.
        var accused = new Actor(adult, "Accused adult", new HashSet<Role> { Role.Dsl, Role.Staff });
        (await Chronology(accused, $"/api/staff/{adult}/chronology")).Should().BeEmpty();

        (await _concerns.Get(People.Teacher, $"/api/staff/{adult}/chronology")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(People.Leadership, $"/api/staff/{adult}/chronology")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(People.Mis, $"/api/learners/{adult}/chronology")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(People.Governor, $"/api/learners/{adult}/chronology")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_learner_without_concerns_has_an_empty_chronology() =>
        (await Chronology(People.Dsl, "/api/learners/NOBODY-1/chronology")).Should().BeEmpty();
}
