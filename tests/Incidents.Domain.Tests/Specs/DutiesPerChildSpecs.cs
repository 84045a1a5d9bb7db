using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>Section 6: parents, sanctions and support are decided for each child, not once for the case.</summary>
public sealed class DutiesPerChildSpecs
{
    private static readonly ConcernRaised TwoChildren = A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), A.AllegedLearner("L-2"));

    [Theory]
    [InlineData(ConcernKind.Cyberbullying)]
    [InlineData(ConcernKind.YouthProducedSexualImagery)]
    [InlineData(ConcernKind.OnlineSexualHarassment)]
    [InlineData(ConcernKind.OnlineAbuseOrExploitation)]
    [InlineData(ConcernKind.IllegalContent)]
    [InlineData(ConcernKind.UnderageUse)]
    public void Every_learner_safety_kind_needs_the_parents_decision_before_it_closes(ConcernKind kind) =>
        RoutingTable.SocialMediaPolicy2021.RuleFor(kind).RequiredBeforeClosure.Should().Contain(ClosureStep.ParentsInformedDecision);

    [Fact]
    public void Informing_the_victims_parents_does_not_close_a_case_whose_other_child_was_never_considered()
    {
        var oneInformed = Given(TwoChildren, A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed("L-1"));

        oneInformed.When(Close).ThenRefused("parents-informed-decision-required");
        ClosureChecklist.Outstanding(oneInformed.State).Should().ContainSingle(v => v.Rule == "parents-informed-decision-required")
            .Which.Detail.Should().Contain("L-2");
        Given(TwoChildren, A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed("L-1"),
                new ParentsNotInformed(A.Id, "L-2", "Advice from social care: not yet", Earlier, A.Dsl.AsPerson()))
            .When(Close).ThenAccepted(typeof(ConcernClosed));
    }

    [Fact]
    public void An_action_names_the_child_it_was_taken_for() =>
        Given(TwoChildren).When(Act(ActionType.SupportOffered, null, null)).ThenRefused("action-subject-required");

    [Fact]
    public void An_action_naming_a_learner_who_is_not_a_subject_of_the_case_is_refused() =>
        Given(TwoChildren).When(Act(ActionType.SanctionApplied, SanctionKind.LearnerBehaviourSanction, "L-99")).ThenRefused("action-subject-not-on-case");

    [Fact]
    public void Sanctions_and_support_are_recorded_against_the_child()
    {
        var state = Given(TwoChildren).When(Act(ActionType.SanctionApplied, SanctionKind.LearnerBehaviourSanction, "l-2")).ThenAccepted(typeof(SanctionApplied));

        state.Entries.Single().SubjectMisRef.Should().Be("L-2", "the reference as the case holds it");
    }

    [Fact]
    public void Parents_decisions_are_for_learners_and_staff_discipline_for_adults()
    {
        var withAdult = A.Raised(ConcernKind.StaffMisconduct, A.Victim("L-1"), A.AllegedStaff("staff-teacher-9"));
        Given(withAdult).When(Act(ActionType.ParentsInformed, null, "staff-teacher-9", A.Headteacher)).ThenRefused("action-subject-must-be-learner");
        Given(withAdult).When(Act(ActionType.SanctionApplied, SanctionKind.StaffDisciplinary, "L-1", A.Headteacher)).ThenRefused("disciplinary-is-for-adults");
        Given(withAdult).When(Act(ActionType.SanctionApplied, SanctionKind.StaffDisciplinary, "staff-teacher-9", A.Headteacher)).ThenAccepted(typeof(SanctionApplied));
    }

    [Fact]
    public void A_parents_decision_stored_for_the_whole_case_before_decisions_were_per_child_stands_for_each_child_it_had() =>
        Given(TwoChildren, new ParentsInformed(A.Id, null, "phoned both families", Earlier, A.Dsl.AsPerson()))
            .State.ParentsDecisions.Select(d => d.LearnerMisRef).Should().Equal("L-1", "L-2");

    private static Decision Close(Concern c, DateTimeOffset now) => CloseConcernDecider.Decide(c, new CloseConcern("rationale", Earlier, A.Dsl), now);

    private static Func<Concern, DateTimeOffset, Decision> Act(ActionType type, SanctionKind? sanction, string? subject, Actor? by = null) =>
        (c, now) => RecordActionDecider.Decide(c, new RecordAction(type, sanction, subject, "details", Earlier, by ?? A.Dsl), now);
}
