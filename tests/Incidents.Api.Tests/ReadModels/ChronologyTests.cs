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
        // Contact reported by the adult's colleague names them without alleging anything: the DSL's to look at.
        var contact = await _concerns.Raise(People.Teacher, RaiseRequest("personal-account-contact", Subject(adult, "staff-member", "other")));
        var content = await _concerns.Raise(People.AnotherTeacher, RaiseRequest("conflicting-content", Subject(adult, "staff-member", "alleged")));
        var misconduct = await _concerns.Raise(People.AnotherTeacher, RaiseRequest("staff-misconduct", Subject(adult, "staff-member", "alleged")));
        await api.ProjectionsCaughtUp();

        var byHeadteacher = await Chronology(People.Headteacher, $"/api/staff/{adult}/chronology");
        byHeadteacher.Select(e => e!["concernId"]!.GetValue<Guid>()).Should().BeEquivalentTo([contact, content, misconduct]);

        var byDsl = await Chronology(People.Dsl, $"/api/staff/{adult}/chronology");
        byDsl.Select(e => e!["concernId"]!.GetValue<Guid>()).Should().Equal(contact);

        // The adult, even holding the DSL role, never sees an allegation about themselves.
        var accused = new Actor(adult, "Accused adult", new HashSet<Role> { Role.Dsl, Role.Staff });
        (await Chronology(accused, $"/api/staff/{adult}/chronology")).Select(e => e!["concernId"]!.GetValue<Guid>()).Should().NotContain([content, misconduct]);

        (await _concerns.Get(People.Teacher, $"/api/staff/{adult}/chronology")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(People.Leadership, $"/api/staff/{adult}/chronology")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(People.Mis, $"/api/learners/{adult}/chronology")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(People.Governor, $"/api/learners/{adult}/chronology")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_DSL_sees_that_a_child_is_in_an_allegations_case_and_who_manages_it_but_not_the_allegation()
    {
        var learner = $"C-{Guid.NewGuid():N}"[..12];
        var adult = $"S-{Guid.NewGuid():N}"[..12];
        var when = DateTimeOffset.UtcNow.AddMinutes(-5);
        var allegation = await _concerns.Raise(People.Teacher, new
        {
            kind = "cyberbullying",
            summary = "Teacher sent the child SECRET-DETAIL messages",
            subjects = new[] { Subject(learner), Subject(adult, "staff-member", "alleged") },
            occurredAt = when.AddDays(-1),
        });
        await _concerns.Command(People.Headteacher, allegation, "notes", new { note = "Case manager's note on the allegation", occurredAt = when });
        await _concerns.Command(People.Headteacher, allegation, "actions", new { type = "support-offered", subjectMisRef = learner, details = "Daily check-ins with the pastoral lead", occurredAt = when });
        await _concerns.Command(People.Dsl, allegation, "actions", new { type = "parents-informed", subjectMisRef = learner, details = "Mother phoned by the DSL", occurredAt = when });

        // The chair manages an allegation about the headteacher with the same child.
        var aboutTheHead = await _concerns.Raise(People.ChairOfGovernors, new
        {
            kind = "staff-misconduct",
            summary = "Headteacher HEAD-DETAIL",
            subjects = new[] { Subject(learner), Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged") },
            occurredAt = when.AddDays(-1),
        });
        await api.ProjectionsCaughtUp();

        var byDsl = await Chronology(People.Dsl, $"/api/learners/{learner}/chronology");
        byDsl.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("in-allegations-case", "in-allegations-case", "support-offered", "parents-informed");
        byDsl.Where(e => e!["type"]!.GetValue<string>() == "in-allegations-case").Select(e => (e!["concernId"]!.GetValue<Guid>(), e["entry"]!.GetValue<string>()))
            .Should().BeEquivalentTo(new[]
            {
                (allegation, "In an allegations case managed by the headteacher; the DSL keeps the child's side (support, parents)"),
                (aboutTheHead, "In an allegations case managed by the chair of governors; the DSL keeps the child's side (support, parents)"),
            });
        var text = byDsl.ToJsonString();
        foreach (var hidden in new[] { "SECRET-DETAIL", "HEAD-DETAIL", "Case manager's note", adult, People.Teacher.Id, People.ChairOfGovernors.Id })
        {
            text.Should().NotContain(hidden);
        }

        (await Chronology(People.Dsl, $"/api/staff/{adult}/chronology")).Should().BeEmpty("the allegation about the adult is the case manager's");

        // The case manager reads the whole of their case, and the headteacher nothing of the one about them.
        var byHeadteacher = await Chronology(People.Headteacher, $"/api/learners/{learner}/chronology");
        byHeadteacher.Select(e => e!["concernId"]!.GetValue<Guid>()).Should().OnlyContain(id => id == allegation);
        byHeadteacher.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("concern-raised", "note", "support-offered", "parents-informed");
        byHeadteacher.ToJsonString().Should().Contain("SECRET-DETAIL").And.NotContain("HEAD-DETAIL");
    }

    [Fact]
    public async Task A_child_removed_from_a_case_no_longer_sees_it_and_a_correction_stands_beside_the_original()
    {
        var right = $"C-{Guid.NewGuid():N}"[..12];
        var wrong = right + "-W";
        var when = DateTimeOffset.UtcNow.AddMinutes(-5);
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject(right), Subject(wrong)));
        await _concerns.Command(People.Dsl, id, "notes", new { note = "Spoke to the children on Tuesday", occurredAt = when });
        await api.ProjectionsCaughtUp();
        (await Chronology(People.Dsl, $"/api/learners/{wrong}/chronology")).Select(e => e!["concernId"]!.GetValue<Guid>()).Should().Contain(id);

        await _concerns.Command(People.Dsl, id, "subject-removals", new { subject = Subject(wrong), reason = "Added in error: another child of the same name", occurredAt = when });
        (await Chronology(People.Dsl, $"/api/learners/{wrong}/chronology")).Should().BeEmpty("the case decides who is on it, before the index catches up");
        await _concerns.Command(People.Dsl, id, "amendments", new { amendsVersion = 2, correction = "Spoke to the children on Wednesday", reason = "Wrong day recorded", occurredAt = when });
        await api.ProjectionsCaughtUp();

        (await Chronology(People.Dsl, $"/api/learners/{wrong}/chronology")).Should().BeEmpty();
        var kept = await Chronology(People.Dsl, $"/api/learners/{right}/chronology");
        kept.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("concern-raised", "note", "subject-removed", "entry-amended");
        kept[1]!["entry"]!.GetValue<string>().Should().Be("Spoke to the children on Tuesday", "the original stays");
        kept[3]!["entry"]!.GetValue<string>().Should().Be("Correction to entry 2: Spoke to the children on Wednesday (reason: Wrong day recorded)");

        // The history keeps the removal and who made it.
        var history = await Json(await _concerns.Get(People.Dsl, $"/api/concerns/{id}/history"));
        history.ToJsonString().Should().Contain("subject-removed").And.Contain(People.Dsl.Id).And.Contain(wrong);
    }

    [Fact]
    public async Task A_learner_without_concerns_has_an_empty_chronology() =>
        (await Chronology(People.Dsl, "/api/learners/NOBODY-1/chronology")).Should().BeEmpty();
}
