using System.Net;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>The policy's rules as the MIS meets them: each refusal is a problem with its rule code, and changes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class PolicyRulesOverHttpTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);
    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-15);

    [Fact]
    public async Task A_decision_to_refer_without_a_referral_made_blocks_closure_until_the_referral_is_recorded()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("online-sexual-harassment", Subject("L-8001")));
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "high", decision = "monitor", rationale = "Messages deleted, monitoring", occurredAt = When, reviewBy = InAWeek });
        await _concerns.Command(People.Dsl, id, "referral-decision", new { decision = "refer", rationale = "Over threshold", occurredAt = When });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = "L-8001", details = "Phoned both parents", occurredAt = When });

        var refused = await _concerns.Command(People.Dsl, id, "close", new { rationale = "Done", occurredAt = When }, HttpStatusCode.UnprocessableEntity);
        refused["rule"]!.GetValue<string>().Should().Be("referral-not-made");

        await _concerns.Command(People.Dsl, id, "referrals", new { agency = "childrens-social-care", reference = "CSC-991", occurredAt = When });
        var closed = await _concerns.Command(People.Dsl, id, "close", new { rationale = "Referred", occurredAt = When });
        closed["status"]!.GetValue<string>().Should().Be("closed");
        closed["closure"]!["outcome"]!.GetValue<string>().Should().Be("monitored");
    }

    [Fact]
    public async Task The_lead_passes_to_a_deputy_DSL_but_never_to_a_role_the_policy_does_not_allow()
    {
        var id = await _concerns.Raise(People.Teacher);

        var reassigned = await _concerns.Command(People.Dsl, id, "lead",
            new { lead = "dsl", assignee = new { id = People.DeputyDsl.Id, name = People.DeputyDsl.Name }, reason = "DSL on leave", occurredAt = When });
        var refused = await _concerns.Command(People.Dsl, id, "lead", new { lead = "chair-of-governors", reason = "x", occurredAt = When }, HttpStatusCode.UnprocessableEntity);

        reassigned["lead"]!["assignee"]!["id"]!.GetValue<string>().Should().Be(People.DeputyDsl.Id);
        refused["rule"]!.GetValue<string>().Should().Be("lead-not-eligible");
    }

    [Fact]
    public async Task Adding_the_headteacher_as_alleged_subject_reroutes_the_case_to_the_chair_and_shuts_the_headteacher_out()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject("staff-teacher-5", "staff-member", "alleged")));
        (await _concerns.Read(People.Headteacher, id))["lead"]!["role"]!.GetValue<string>().Should().Be("headteacher");

        var rerouted = await _concerns.Command(People.Headteacher, id, "subjects",
            new { subjects = new[] { Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged") }, occurredAt = When });

        // The answer tells the headteacher it was recorded and nothing more: from now on the case is not theirs to see.
        rerouted.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["view", "id", "version", "kind", "status", "occurredAt", "closed"]);
        (await _concerns.Get(People.Headteacher, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var asChair = await _concerns.Read(People.ChairOfGovernors, id);
        asChair["subjects"]!.AsArray().Should().HaveCount(2);
        asChair["lead"]!["role"]!.GetValue<string>().Should().Be("chair-of-governors");
    }

    [Fact]
    public async Task A_command_dated_in_the_future_is_a_400_and_advice_for_an_unknown_escalation_is_404()
    {
        var id = await _concerns.Raise(People.Teacher);

        var future = await _concerns.Command(People.Dsl, id, "notes", new { note = "x", occurredAt = DateTimeOffset.UtcNow.AddDays(2) }, HttpStatusCode.BadRequest);
        var unknown = await _concerns.Command(People.Dsl, id, $"escalations/{Guid.NewGuid()}/advice",
            new { adviser = "a", summary = "s", occurredAt = When }, HttpStatusCode.NotFound);

        future["errors"]!["occurredAt"].Should().NotBeNull();
        unknown["rule"]!.GetValue<string>().Should().Be("escalation-not-found");
        (await _concerns.Read(People.Dsl, id))["version"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task Underage_use_needs_parents_informed_or_a_recorded_reason_before_closing()
    {
        var id = await _concerns.Raise(People.Mis, RaiseRequest("underage-use", Subject("L-8101")));
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "no-further-action", rationale = "Account closed", occurredAt = When });

        var refused = await _concerns.Command(People.Dsl, id, "close", new { rationale = "Closed", occurredAt = When }, HttpStatusCode.UnprocessableEntity);
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-not-informed", subjectMisRef = "L-8101", details = "Informing would place the learner at risk; social care advised", occurredAt = When });
        var closed = await _concerns.Command(People.Dsl, id, "close", new { rationale = "Closed", occurredAt = When });

        refused["rule"]!.GetValue<string>().Should().Be("parents-informed-decision-required");
        closed["parentsDecisions"]!.AsArray().Should().ContainSingle();
        closed["parentsDecisions"]![0]!["learnerMisRef"]!.GetValue<string>().Should().Be("L-8101");
        closed["parentsDecisions"]![0]!["informed"]!.GetValue<bool>().Should().BeFalse();
    }
}
