using System.Net;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>
/// Corrections without losing history (issue 17, fault 11): an entry amended with its reason, a subject added in
/// error removed, a concern raised in error withdrawn; the original stays in the history with who corrected it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CorrectionsOverHttpTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);
    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-20);

    [Fact]
    public async Task An_amended_entry_keeps_the_original_in_the_history_beside_the_correction_and_its_reason()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-11001")));
        var noted = await _concerns.Command(People.Dsl, id, "notes", new { note = "Spoke to L-11001's father", occurredAt = When });
        var noteVersion = noted["version"]!.GetValue<long>();

        var amended = await _concerns.Command(People.Dsl, id, "amendments", new
        {
            amendsVersion = noteVersion,
            correction = "Spoke to L-11001's mother",
            reason = "Recorded the wrong parent",
            occurredAt = When,
        });

        amended["amendments"]!.AsArray().Should().ContainSingle();
        amended["amendments"]![0]!["amendsVersion"]!.GetValue<long>().Should().Be(noteVersion);
        amended["amendments"]![0]!["reason"]!.GetValue<string>().Should().Be("Recorded the wrong parent");
        amended["entries"]!.AsArray().Single()!["text"]!.GetValue<string>().Should().Be("Spoke to L-11001's father", "the original stays");
        var history = (await Json(await _concerns.Get(People.Dsl, $"/api/concerns/{id}/history"))).AsArray();
        history.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("concern-raised", "chronology-note-added", "entry-amended");
        history[2]!["recordedBy"]!.GetValue<string>().Should().Be(People.Dsl.Id);
    }

    [Fact]
    public async Task Amending_an_entry_that_does_not_exist_is_404_and_an_amendment_without_a_reason_is_400_and_neither_changes_anything()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-11101")));

        var missing = await _concerns.Command(People.Dsl, id, "amendments", new { amendsVersion = 42, correction = "x", reason = "y", occurredAt = When }, HttpStatusCode.NotFound);
        missing["rule"]!.GetValue<string>().Should().Be("entry-not-found");
        var noReason = await _concerns.Command(People.Dsl, id, "amendments", new { amendsVersion = 1, correction = "x", occurredAt = When }, HttpStatusCode.BadRequest);
        noReason["errors"]!["reason"].Should().NotBeNull();
        var byTeacher = await _concerns.Command(People.Teacher, id, "amendments", new { amendsVersion = 1, correction = "x", reason = "y", occurredAt = When }, HttpStatusCode.Forbidden);
        byTeacher["rule"]!.GetValue<string>().Should().Be("not-case-handler");

        (await _concerns.Read(People.Dsl, id))["version"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task A_subject_added_in_error_is_removed_with_the_reason_and_who_removed_them_stays_in_the_history()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-11201"), Subject("L-11202")));

        var removed = await _concerns.Command(People.Dsl, id, "subject-removals", new { subject = Subject("L-11202"), reason = "Wrong child: same first name", occurredAt = When });

        removed["subjects"]!.AsArray().Select(s => s!["misRef"]!.GetValue<string>()).Should().Equal("L-11201");
        (await _concerns.Command(People.Dsl, id, "actions", new { type = "support-offered", subjectMisRef = "L-11202", details = "x", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("action-subject-not-on-case");

        // Only the child who remains needs their parents' decision before closing.
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "no-further-action", rationale = "One message, apologised", occurredAt = When });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = "L-11201", details = "Phoned father", occurredAt = When });
        await _concerns.Command(People.Dsl, id, "close", new { rationale = "Resolved with an apology", occurredAt = When });

        var history = (await Json(await _concerns.Get(People.Dsl, $"/api/concerns/{id}/history"))).AsArray();
        history.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("concern-raised", "subject-removed", "concern-triaged", "parents-informed", "concern-closed");
        history[1]!["recordedBy"]!.GetValue<string>().Should().Be(People.Dsl.Id);
    }

    [Fact]
    public async Task Removing_the_last_subject_or_someone_not_on_the_case_is_refused_and_changes_nothing()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-11301")));
        var allegation = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject("staff-teacher-113", "staff-member", "alleged"), Subject("L-11302")));

        var last = await _concerns.Command(People.Dsl, id, "subject-removals", new { subject = Subject("L-11301"), reason = "x", occurredAt = When }, HttpStatusCode.UnprocessableEntity);
        last["rule"]!.GetValue<string>().Should().Be("last-subject");
        var notOnCase = await _concerns.Command(People.Dsl, id, "subject-removals", new { subject = Subject("L-99999"), reason = "x", occurredAt = When }, HttpStatusCode.NotFound);
        notOnCase["rule"]!.GetValue<string>().Should().Be("subject-not-on-case");
        var otherInvolvement = await _concerns.Command(People.Dsl, id, "subject-removals", new { subject = Subject("L-11301", involvement: "alleged"), reason = "x", occurredAt = When }, HttpStatusCode.NotFound);
        otherInvolvement["rule"]!.GetValue<string>().Should().Be("subject-not-on-case");
        var noSubject = await _concerns.Command(People.Dsl, id, "subject-removals", new { reason = "x", occurredAt = When }, HttpStatusCode.BadRequest);
        noSubject["errors"]!["subject"].Should().NotBeNull();

        // Staff misconduct must name the adult: removing them would leave an allegation about nobody.
        var theAdult = await _concerns.Command(People.Headteacher, allegation, "subject-removals",
            new { subject = Subject("staff-teacher-113", "staff-member", "alleged"), reason = "x", occurredAt = When }, HttpStatusCode.UnprocessableEntity);
        theAdult["rule"]!.GetValue<string>().Should().Be("alleged-staff-member-required");

        (await _concerns.Read(People.Dsl, id))["version"]!.GetValue<long>().Should().Be(1);
        (await _concerns.Read(People.Headteacher, allegation))["version"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task A_concern_raised_in_error_is_withdrawn_closes_as_withdrawn_and_takes_no_further_command()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-11401")));

        var byRaiser = await _concerns.Command(People.Teacher, id, "withdraw", new { reason = "Wrong learner", occurredAt = When }, HttpStatusCode.Forbidden);
        byRaiser["rule"]!.GetValue<string>().Should().Be("not-case-handler");
        (await _concerns.Command(People.Dsl, id, "withdraw", new { occurredAt = When }, HttpStatusCode.BadRequest))["errors"]!["reason"].Should().NotBeNull();

        var withdrawn = await _concerns.Command(People.Dsl, id, "withdraw", new { reason = "Raised on the wrong learner; re-raised", occurredAt = When });
        withdrawn["status"]!.GetValue<string>().Should().Be("withdrawn");
        withdrawn["closure"]!["outcome"]!.GetValue<string>().Should().Be("withdrawn");
        withdrawn["closure"]!["rationale"]!.GetValue<string>().Should().Be("Raised on the wrong learner; re-raised");

        (await _concerns.Command(People.Dsl, id, "notes", new { note = "late", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("concern-closed");
        (await _concerns.Command(People.Dsl, id, "withdraw", new { reason = "again", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("concern-closed");
        (await _concerns.Read(People.Teacher, id))["closed"]!.GetValue<bool>().Should().BeTrue();
    }
}
