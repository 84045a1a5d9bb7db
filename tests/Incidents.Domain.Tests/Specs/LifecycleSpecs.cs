using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Debriefing;
using Incidents.Domain.Concerns.Escalating;
using Incidents.Domain.Concerns.Investigating;
using Incidents.Domain.Concerns.JointDecisions;
using Incidents.Domain.Concerns.Leading;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Concerns.Referring;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Concerns.Triaging;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

public sealed class RaisingSpecs
{
    private static Decision Raise(Actor by, ConcernKind kind, DateTimeOffset occurredAt, params Subject[] subjects) =>
        RaiseConcernDecider.Decide(new RaiseConcern(A.Id, kind, "summary", subjects, occurredAt, by, A.School),
            RoutingTable.SocialMediaPolicy2021, Now);

    [Fact]
    public void Any_member_of_staff_or_the_MIS_may_raise_and_the_route_is_recorded()
    {
        foreach (var raiser in new[] { A.Teacher, A.Mis, A.Dsl })
        {
            var decision = Raise(raiser, ConcernKind.Cyberbullying, Earlier, A.Learner());
            decision.Accepted.Should().BeTrue();
            var raised = decision.Events.Should().ContainSingle().Which.Should().BeOfType<ConcernRaised>().Subject;
            raised.Route.Lead.Should().Be(LeadRole.Dsl);
            raised.Route.PolicyVersion.Should().Be(RoutingTable.SocialMediaPolicy2021.PolicyVersion);
        }
    }

    [Fact]
    public void A_governor_raises_a_concern_as_the_policys_staff_and_follows_only_its_status_never_acting_on_it()
    {
        var decision = Raise(A.Governor, ConcernKind.Cyberbullying, Earlier, A.Learner());
        decision.Accepted.Should().BeTrue("s.1's staff includes the governing body");
        var concern = decision.Events.Aggregate((Concern?)null, Concern.Evolve)!;

        CaseAccess.ReadLevelFor(A.Governor, concern).Should().Be(ReadLevel.Status);
        CaseAccess.ReadLevelFor(new Actor("gov-3", "Another governor", new HashSet<Role> { Role.Governor }), concern).Should().Be(ReadLevel.None);
        CaseAccess.CheckHandler(A.Governor, concern)!.Rule.Should().Be("governors-do-not-act");
    }

    [Fact]
    public void Someone_holding_no_role_of_the_school_may_not_raise() =>
        Raise(new Actor("nobody", "Nobody", new HashSet<Role>()), ConcernKind.Cyberbullying, Earlier, A.Learner()).Violation!.Rule.Should().Be("may-not-raise");

    [Fact]
    public void A_concern_cannot_have_happened_in_the_future() =>
        Raise(A.Teacher, ConcernKind.Cyberbullying, Now.AddHours(1), A.Learner()).Violation!.Rule.Should().Be("occurred-in-future");

    [Fact]
    public void Staff_misconduct_must_name_the_member_of_staff() =>
        Raise(A.Teacher, ConcernKind.StaffMisconduct, Earlier, A.Learner()).Violation!.Rule.Should().Be("alleged-staff-member-required");

    [Fact]
    public void An_allegation_about_the_headteacher_is_routed_to_the_chair_of_governors() =>
        ((ConcernRaised)Raise(A.Teacher, ConcernKind.StaffMisconduct, Earlier, A.AllegedStaff(A.HeadteacherRef)).Events[0])
            .Route.Lead.Should().Be(LeadRole.ChairOfGovernors);
}

public sealed class CaseHandlingSpecs
{
    [Fact]
    public void The_lead_triages_and_an_investigation_starts() =>
        Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => TriageConcernDecider.Decide(c, new TriageConcern(RiskLevel.High, TriageDecision.Investigate, "why", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(ConcernTriaged)).Status.Should().Be(ConcernStatus.UnderInvestigation);

    [Fact]
    public void A_class_teacher_cannot_triage() =>
        Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => TriageConcernDecider.Decide(c, new TriageConcern(RiskLevel.Low, TriageDecision.Monitor, "why", Earlier, A.Teacher), now))
            .ThenRefused("not-case-handler", ViolationKind.Forbidden);

    [Fact]
    public void The_member_of_staff_concerned_never_takes_part_in_their_own_case_whatever_their_roles() =>
        Given(A.Raised(ConcernKind.PersonalAccountContact, A.AllegedStaff(A.AccusedTeacher.Id)))
            .When((c, now) => AddChronologyNote(c, A.AccusedTeacher, now))
            .ThenRefused("subject-of-own-case", ViolationKind.NotFound);

    [Fact]
    public void The_headteacher_cannot_act_on_a_case_about_themselves() =>
        Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff(A.HeadteacherRef)))
            .When((c, now) => TriageConcernDecider.Decide(c, new TriageConcern(RiskLevel.Low, TriageDecision.NoFurtherAction, "x", Earlier, A.Headteacher), now))
            .ThenRefused("subject-of-own-case");

    [Fact]
    public void The_chair_of_governors_leads_a_case_about_the_headteacher() =>
        Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff(A.HeadteacherRef)))
            .When((c, now) => TriageConcernDecider.Decide(c, new TriageConcern(RiskLevel.High, TriageDecision.Investigate, "x", Earlier, A.ChairOfGovernors), now))
            .ThenAccepted(typeof(ConcernTriaged));

    [Fact]
    public void Advice_is_sought_from_the_Education_Safeguarding_Service_unless_another_agency_is_named()
    {
        var state = Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => SeekAdviceDecider.Decide(c, new SeekAdvice(Guid.NewGuid(), null, "How to proceed?", Earlier, A.Headteacher), now))
            .ThenAccepted(typeof(AdviceSought));

        state.Escalations.Single().Agency.Should().Be(Agencies.EducationSafeguardingService);
        state.AdvicePending.Should().BeTrue();
    }

    [Fact]
    public void A_concern_cannot_close_while_advice_is_pending()
    {
        var escalation = Guid.NewGuid();
        Given(A.Raised(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.NoFurtherAction),
                new AdviceSought(A.Id, escalation, "ESS", "q", Earlier, A.Dsl.AsPerson()))
            .When((c, now) => Close(c, A.Dsl, now))
            .ThenRefused("advice-pending", ViolationKind.RuleBroken);
    }

    [Fact]
    public void Advice_is_recorded_once_for_a_known_escalation()
    {
        var escalation = Guid.NewGuid();
        var spec = Given(A.Raised(ConcernKind.FilteringBreach), new AdviceSought(A.Id, escalation, "ESS", "q", Earlier, A.Dsl.AsPerson()));
        spec.When((c, now) => RecordAdviceDecider.Decide(c, new RecordAdvice(Guid.NewGuid(), "adv", "s", Earlier, A.Dsl), now))
            .ThenRefused("escalation-not-found", ViolationKind.NotFound);
        var state = spec.When((c, now) => RecordAdviceDecider.Decide(c, new RecordAdvice(escalation, "adv", "s", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(AdviceReceived));
        state.AdvicePending.Should().BeFalse();
        Given(A.Raised(ConcernKind.FilteringBreach), new AdviceSought(A.Id, escalation, "ESS", "q", Earlier, A.Dsl.AsPerson()),
                new AdviceReceived(A.Id, escalation, "adv", "s", Earlier, A.Dsl.AsPerson()))
            .When((c, now) => RecordAdviceDecider.Decide(c, new RecordAdvice(escalation, "adv", "s", Earlier, A.Dsl), now))
            .ThenRefused("advice-already-recorded");
    }

    [Theory]
    [InlineData(ConcernKind.OnlineSexualHarassment)]
    [InlineData(ConcernKind.OnlineAbuseOrExploitation)]
    [InlineData(ConcernKind.IllegalContent)]
    public void Serious_harm_cases_need_a_referral_decision_before_closing(ConcernKind kind) =>
        Given(A.Raised(kind), A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed())
            .When((c, now) => Close(c, A.Dsl, now))
            .ThenRefused("referral-decision-required");

    [Fact]
    public void A_decision_to_refer_needs_the_referral_itself_on_record() =>
        Given(A.Raised(ConcernKind.IllegalContent), A.Triaged(TriageDecision.NoFurtherAction),
                new ReferralDecisionRecorded(A.Id, ReferralDecisionKind.Refer, "threshold met", Earlier, A.Dsl.AsPerson()))
            .When((c, now) => Close(c, A.Dsl, now))
            .ThenRefused("referral-not-made");

    [Fact]
    public void A_recorded_decision_not_to_refer_lets_the_case_close() =>
        Given(A.Raised(ConcernKind.IllegalContent), A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed(),
                new ReferralDecisionRecorded(A.Id, ReferralDecisionKind.DoNotRefer, "below threshold, advice taken", Earlier, A.Dsl.AsPerson()))
            .When((c, now) => Close(c, A.Dsl, now))
            .ThenAccepted(typeof(ConcernClosed)).Closure!.Outcome.Should().Be(ClosureOutcome.NoFurtherAction);

    [Theory]
    [InlineData(ConcernKind.Cyberbullying)]
    [InlineData(ConcernKind.UnderageUse)]
    public void Parents_must_be_informed_or_the_reason_recorded_before_closing(ConcernKind kind)
    {
        Given(A.Raised(kind), A.Triaged(TriageDecision.Monitor))
            .When((c, now) => Close(c, A.Dsl, now))
            .ThenRefused("parents-informed-decision-required");
        Given(A.Raised(kind), A.Triaged(TriageDecision.Monitor), new ParentsNotInformed(A.Id, "L-1", "Would place the learner at risk", Earlier, A.Dsl.AsPerson()))
            .When((c, now) => Close(c, A.Dsl, now))
            .ThenAccepted(typeof(ConcernClosed));
    }

    [Fact]
    public void The_debrief_follows_a_completed_investigation()
    {
        Given(A.Raised(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.Investigate))
            .When((c, now) => Debrief(c, A.Leadership, now))
            .ThenRefused("investigation-not-completed");
        Given(A.Raised(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.Investigate), A.Investigated())
            .When((c, now) => Debrief(c, A.Leadership, now))
            .ThenAccepted(typeof(DebriefHeld)).Status.Should().Be(ConcernStatus.Debriefed);
    }

    [Fact]
    public void Only_leadership_or_the_headteacher_record_the_debrief() =>
        Given(A.Raised(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.Investigate), A.Investigated())
            .When((c, now) => Debrief(c, A.Dsl, now))
            .ThenRefused("debrief-is-for-leadership", ViolationKind.Forbidden);

    [Fact]
    public void An_investigated_case_closes_as_resolved_only_after_the_debrief()
    {
        Given(A.Raised(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.Investigate), A.Investigated())
            .When((c, now) => Close(c, A.Dsl, now))
            .ThenRefused("debrief-required");
        Given(A.Raised(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.Investigate), A.Investigated(), A.Debriefed())
            .When((c, now) => Close(c, A.Dsl, now))
            .ThenAccepted(typeof(ConcernClosed)).Closure!.Outcome.Should().Be(ClosureOutcome.Resolved);
    }

    [Fact]
    public void A_case_without_investigation_closes_as_no_further_action_only_with_a_rationale() =>
        Given(A.Raised(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.NoFurtherAction))
            .When((c, now) => CloseConcernDecider.Decide(c, new CloseConcern(" ", Earlier, A.Dsl), now))
            .ThenRefused("rationale-required", ViolationKind.Invalid);

    [Fact]
    public void A_closed_case_refuses_commands_until_reopened_and_then_needs_triage_again()
    {
        var closed = new ConcernClosed(A.Id, ClosureOutcome.NoFurtherAction, "r", Earlier, A.Dsl.AsPerson());
        Given(A.Raised(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.NoFurtherAction), closed)
            .When((c, now) => AddChronologyNote(c, A.Dsl, now))
            .ThenRefused("concern-closed");
        var reopened = Given(A.Raised(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.NoFurtherAction), closed)
            .When((c, now) => ReopenConcernDecider.Decide(c, new ReopenConcern("new information", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(ConcernReopened));
        reopened.Status.Should().Be(ConcernStatus.Reopened);
        reopened.Triage.Should().BeNull();
        Given(A.Raised(ConcernKind.FilteringBreach))
            .When((c, now) => ReopenConcernDecider.Decide(c, new ReopenConcern("x", Earlier, A.Dsl), now))
            .ThenRefused("concern-not-closed");
    }

    [Fact]
    public void The_lead_can_pass_to_a_deputy_DSL_but_not_to_an_ineligible_role_or_the_subject()
    {
        Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => ReassignLeadDecider.Decide(c, new ReassignLead(LeadRole.Dsl, A.DeputyDsl.AsPerson(), "leave", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(LeadReassigned)).Lead.Assignee.Should().Be(A.DeputyDsl.AsPerson());
        Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => ReassignLeadDecider.Decide(c, new ReassignLead(LeadRole.ChairOfGovernors, null, "x", Earlier, A.Dsl), now))
            .ThenRefused("lead-not-eligible");
        Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff(A.AccusedTeacher.Id)))
            .When((c, now) => ReassignLeadDecider.Decide(c, new ReassignLead(LeadRole.Headteacher, A.AccusedTeacher.AsPerson(), "x", Earlier, A.Headteacher), now))
            .ThenRefused("subject-cannot-lead");
    }

    [Fact]
    public void Adding_the_headteacher_as_alleged_reroutes_a_staff_case_to_the_chair_of_governors()
    {
        var state = Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff("staff-teacher-5")))
            .When((c, now) => AddSubjectsDecider.Decide(c, new AddSubjects([A.AllegedStaff(A.HeadteacherRef)], Earlier, A.Headteacher, A.School),
                RoutingTable.SocialMediaPolicy2021, now))
            .ThenAccepted(typeof(SubjectsAdded), typeof(ConcernRerouted));

        state.Lead.Role.Should().Be(LeadRole.ChairOfGovernors);
        CaseAccess.CheckHandler(A.Headteacher, state)!.Rule.Should().Be("subject-of-own-case");
    }

    [Fact]
    public void A_pre_existing_relationship_needs_the_DSL_and_the_headteacher_to_agree_one_decision()
    {
        var decision = Guid.NewGuid();
        var proposed = new JointDecisionProposed(A.Id, decision, "Use school channels only", Role.Dsl, Earlier, A.Dsl.AsPerson());
        var spec = Given(A.Raised(ConcernKind.PreExistingRelationship, A.Declaring(A.Teacher.Id)), A.Triaged(TriageDecision.Monitor), proposed);
        spec.When((c, now) => Close(c, A.Dsl, now)).ThenRefused("joint-decision-required");
        spec.When((c, now) => JointDecisionDecider.Decide(c, new AgreeJointDecision(decision, Earlier, A.DeputyDsl), now))
            .ThenRefused("joint-decision-needs-other-role");
        var agreed = spec.When((c, now) => JointDecisionDecider.Decide(c, new AgreeJointDecision(decision, Earlier, A.Headteacher), now))
            .ThenAccepted(typeof(JointDecisionAgreed));
        Given(A.Raised(ConcernKind.PreExistingRelationship, A.Declaring(A.Teacher.Id)), A.Triaged(TriageDecision.Monitor), proposed,
                new JointDecisionAgreed(A.Id, decision, Role.Headteacher, Earlier, A.Headteacher.AsPerson()))
            .When((c, now) => Close(c, A.Dsl, now))
            .ThenAccepted(typeof(ConcernClosed));
        agreed.JointDecision!.AgreedBy.Should().Be(A.Headteacher.AsPerson());
    }

    [Fact]
    public void A_sanction_must_say_which_kind_and_parents_informed_is_recorded_as_the_decision()
    {
        Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => RecordActionDecider.Decide(c, new RecordAction(ActionType.SanctionApplied, null, "L-1", "x", Earlier, A.Dsl), now))
            .ThenRefused("sanction-type-required");
        Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => RecordActionDecider.Decide(c, new RecordAction(ActionType.ParentsInformed, null, "L-1", "phoned", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(ParentsInformed)).ParentsDecisionFor("L-1")!.Informed.Should().BeTrue();
    }

    [Fact]
    public void An_investigation_completes_only_when_one_was_started() =>
        Given(A.Raised(ConcernKind.Cyberbullying), A.Triaged(TriageDecision.Monitor))
            .When((c, now) => CompleteInvestigationDecider.Decide(c, new CompleteInvestigation("f", InvestigationOutcome.Unfounded, Earlier, A.Dsl), now))
            .ThenRefused("investigation-not-started");

    private static Decision Close(Concern c, Actor by, DateTimeOffset now) =>
        CloseConcernDecider.Decide(c, new CloseConcern("rationale", Earlier, by), now);

    private static Decision Debrief(Concern c, Actor by, DateTimeOffset now) =>
        RecordDebriefDecider.Decide(c, new RecordDebrief([A.Leadership.AsPerson()], ["lesson"], [], Earlier, by), now);

    private static Decision AddChronologyNote(Concern c, Actor by, DateTimeOffset now) =>
        Concerns.Notes.AddChronologyNoteDecider.Decide(c, new Concerns.Notes.AddChronologyNote("note", Earlier, by), now);
}
