using System.Net;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>
/// Every way out of a case keeps what closing keeps (issue 24): withdrawing skips neither the LADO nor an immediate
/// referral, a duplicate points to a case the caller may read, and a concern's kind can change so its route follows.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WaysOutOverHttpTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);
    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-20);

    private static object Review(params string[] triggers) => new
    {
        devices = "One phone, locked away",
        deletion = "Deleted with the DSL",
        reportRemoveOffered = true,
        parents = "Parents told the same day",
        immediateReferralTriggers = triggers,
        occurredAt = When,
    };

    private Task<Guid> Allegation(string adult, string learner) =>
        _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject(adult, "staff-member", "alleged"), Subject(learner)));

    [Fact]
    public async Task An_allegation_the_LADO_never_heard_of_is_withdrawn_only_as_a_duplicate_of_an_allegation_the_caller_may_read()
    {
        var id = await Allegation("staff-teacher-241", "L-24101");

        (await _concerns.Command(People.Headteacher, id, "withdraw", new { reason = "Raised in error", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("withdrawal-skips-lado-consultation");
        (await _concerns.Command(People.Headteacher, id, "withdraw", new { reason = "Raised twice", duplicateOf = Guid.NewGuid(), occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("duplicate-not-found");
        // The headteacher may not read an allegation about themselves: pointing to it answers as a case that does not exist.
        var aboutTheHead = await _concerns.Raise(People.ChairOfGovernors, RaiseRequest("staff-misconduct", Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"), Subject("L-24102")));
        (await _concerns.Command(People.Headteacher, id, "withdraw", new { reason = "Raised twice", duplicateOf = aboutTheHead, occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("duplicate-not-found");
        var learnersCase = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-24101")));
        (await _concerns.Command(People.Headteacher, id, "withdraw", new { reason = "Raised twice", duplicateOf = learnersCase, occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("duplicate-does-not-keep-duties");
        (await _concerns.Read(People.Headteacher, id))["version"]!.GetValue<long>().Should().Be(1, "a refused withdrawal changes nothing");

        var kept = await Allegation("staff-teacher-241", "L-24101");
        var withdrawn = await _concerns.Command(People.Headteacher, id, "withdraw", new { reason = "Raised twice by two teachers", duplicateOf = kept, occurredAt = When });

        withdrawn["status"]!.GetValue<string>().Should().Be("withdrawn");
        withdrawn["closure"]!["duplicateOf"]!.GetValue<Guid>().Should().Be(kept);
        var history = (await Json(await _concerns.Get(People.Headteacher, $"/api/concerns/{id}/history"))).AsArray();
        history.Last()!["data"]!["duplicateOf"]!.GetValue<Guid>().Should().Be(kept);
    }

    [Fact]
    public async Task An_allegation_is_withdrawn_as_raised_in_error_once_the_LADO_was_consulted()
    {
        var id = await Allegation("staff-teacher-242", "L-24201");
        await _concerns.Command(People.Headteacher, id, "lado-consultation", new { officer = "LADO duty officer", advice = "No further action: the wrong member of staff was named", occurredAt = When });

        (await _concerns.Command(People.Headteacher, id, "withdraw", new { reason = "The LADO agrees it was raised in error", occurredAt = When }))
            ["status"]!.GetValue<string>().Should().Be("withdrawn");
    }

    [Fact]
    public async Task Imagery_needing_an_immediate_referral_is_not_withdrawn_until_the_police_or_social_care_are_told()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("youth-produced-sexual-imagery", Subject("L-24301")));
        await _concerns.Command(People.Dsl, id, "imagery-review", Review("coercion-or-capacity-to-consent"));

        (await _concerns.Command(People.Dsl, id, "withdraw", new { reason = "Raised in error", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("withdrawal-skips-immediate-referral");
        // A second review without the trigger does not clear it.
        await _concerns.Command(People.Dsl, id, "imagery-review", Review());
        (await _concerns.Command(People.Dsl, id, "withdraw", new { reason = "Raised in error", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("withdrawal-skips-immediate-referral");

        await _concerns.Command(People.Dsl, id, "referrals", new { agency = "police", reference = "KENT-2401", occurredAt = When });
        (await _concerns.Command(People.Dsl, id, "withdraw", new { reason = "The police hold it under their reference", occurredAt = When }))
            ["status"]!.GetValue<string>().Should().Be("withdrawn");
    }

    [Fact]
    public async Task Nudes_found_in_a_cyberbullying_case_change_its_kind_and_the_UKCIS_initial_review_follows()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-24401")));
        (await _concerns.Command(People.Dsl, id, "imagery-review", Review(), HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("imagery-review-not-applicable");

        (await _concerns.Command(People.Teacher, id, "kind", new { kind = "youth-produced-sexual-imagery", reason = "Nudes found", occurredAt = When }, HttpStatusCode.Forbidden))
            ["rule"]!.GetValue<string>().Should().Be("not-case-handler");
        (await _concerns.Command(People.Dsl, id, "kind", new { kind = "nudes", reason = "Nudes found", occurredAt = When }, HttpStatusCode.BadRequest))
            ["errors"].Should().NotBeNull();
        (await _concerns.Command(People.Dsl, id, "kind", new { kind = "youth-produced-sexual-imagery", occurredAt = When }, HttpStatusCode.BadRequest))
            ["errors"]!["reason"].Should().NotBeNull();
        (await _concerns.Command(People.Dsl, id, "kind", new { kind = "cyberbullying", reason = "x", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("kind-unchanged");

        var changed = await _concerns.Command(People.Dsl, id, "kind", new { kind = "youth-produced-sexual-imagery", reason = "Nudes of a learner were found among the messages", occurredAt = When });

        changed["kind"]!.GetValue<string>().Should().Be("youth-produced-sexual-imagery");
        changed["route"]!["requiredBeforeClosure"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(["imagery-initial-review", "referral-decision"]);
        changed["outstandingBeforeClosure"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain("imagery-initial-review-required");
        await _concerns.Command(People.Dsl, id, "imagery-review", Review());
        var history = (await Json(await _concerns.Get(People.Dsl, $"/api/concerns/{id}/history"))).AsArray();
        history.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("concern-raised", "concern-kind-changed", "concern-rerouted", "imagery-initial-review-recorded");

        await _concerns.Command(People.Dsl, id, "withdraw", new { reason = "Raised in error", occurredAt = When });
        (await _concerns.Command(People.Dsl, id, "kind", new { kind = "cyberbullying", reason = "x", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("concern-closed");
    }

    [Fact]
    public async Task A_case_triaged_at_immediate_risk_does_not_close_without_a_referral_decision()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("filtering-breach", Subject("L-24501")));
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "immediate", decision = "no-further-action", rationale = "Blocked at once", occurredAt = When });

        (await _concerns.Command(People.Dsl, id, "close", new { rationale = "Filter fixed", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("referral-decision-required");
        await _concerns.Command(People.Dsl, id, "referral-decision", new { decision = "do-not-refer", rationale = "No child was harmed", occurredAt = When });
        (await _concerns.Command(People.Dsl, id, "close", new { rationale = "Filter fixed", occurredAt = When }))
            ["status"]!.GetValue<string>().Should().Be("closed");
    }
}
