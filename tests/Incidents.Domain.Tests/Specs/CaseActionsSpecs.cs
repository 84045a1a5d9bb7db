using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>What the pages offer each person on a case: only what the deciders would let them do.</summary>
public sealed class CaseActionsSpecs
{
    private static IReadOnlyList<CaseAction> Offered(Actor actor, params object[] events) => CaseActions.OfferedTo(actor, Given(events).State, Now);

    [Fact]
    public void The_DSL_is_offered_triage_advice_actions_and_closure_on_a_new_cyberbullying_case_and_nothing_for_allegations_or_imagery()
    {
        var offered = Offered(A.Dsl, A.Raised(ConcernKind.Cyberbullying, A.Learner()));

        offered.Should().Contain([CaseAction.Triage, CaseAction.SeekAdvice, CaseAction.RecordAction, CaseAction.AddNote, CaseAction.Close]);
        offered.Should().NotContain([CaseAction.ConsultLado, CaseAction.ShareWithDsl, CaseAction.ImageryReview, CaseAction.Debrief, CaseAction.RecordAdvice, CaseAction.Reopen]);
    }

    [Fact]
    public void The_member_of_staff_who_raised_a_concern_and_a_governor_are_offered_nothing()
    {
        Offered(A.Teacher, A.Raised(ConcernKind.Cyberbullying, A.Learner())).Should().BeEmpty();
        Offered(A.Governor, A.Raised(ConcernKind.Cyberbullying, A.Learner())).Should().BeEmpty();
    }

    [Fact]
    public void Recording_advice_is_offered_only_while_advice_is_awaited()
    {
        var sought = new AdviceSought(A.Id, Guid.NewGuid(), Agencies.EducationSafeguardingService, "What next?", Earlier, A.Dsl.AsPerson());

        Offered(A.Dsl, A.Raised(ConcernKind.Cyberbullying, A.Learner()), sought).Should().Contain(CaseAction.RecordAdvice);
        Offered(A.Dsl, A.Raised(ConcernKind.Cyberbullying, A.Learner()), sought,
                new AdviceReceived(A.Id, sought.EscalationId, "Adviser", "Manage in school", Earlier, A.Dsl.AsPerson()))
            .Should().NotContain(CaseAction.RecordAdvice);
    }

    [Fact]
    public void On_an_allegation_against_a_teacher_the_headteacher_manages_it_and_the_DSL_keeps_only_the_childs_side()
    {
        object[] allegation = [A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), A.AllegedStaff("staff-teacher-9"))];

        Offered(A.Headteacher, allegation).Should().Contain([CaseAction.ConsultLado, CaseAction.ShareWithDsl, CaseAction.Triage, CaseAction.Close]);
        Offered(A.Dsl, allegation).Should().Equal(CaseAction.RecordAction);
        Offered(A.AccusedTeacher, allegation).Should().BeEmpty();
    }

    [Fact]
    public void On_an_allegation_about_the_headteacher_the_chair_manages_it_and_the_headteacher_is_offered_nothing()
    {
        object[] allegation = [A.Raised(ConcernKind.StaffMisconduct, A.Victim("L-1"), A.AllegedStaff(A.Headteacher.Id))];

        Offered(A.ChairOfGovernors, allegation).Should().Contain([CaseAction.ConsultLado, CaseAction.Close]);
        Offered(A.Headteacher, allegation).Should().BeEmpty();
    }

    [Fact]
    public void Leadership_is_offered_the_debrief_once_the_investigation_is_complete_and_not_before_or_after_it_is_held()
    {
        var raised = A.Raised(ConcernKind.Cyberbullying, A.Learner());

        Offered(A.Leadership, raised).Should().NotContain(CaseAction.Debrief);
        Offered(A.Leadership, raised, A.Triaged(TriageDecision.Investigate), A.Investigated()).Should().Contain(CaseAction.Debrief);
        Offered(A.Leadership, raised, A.Triaged(TriageDecision.Investigate), A.Investigated(), A.Debriefed()).Should().NotContain(CaseAction.Debrief);
    }

    [Fact]
    public void The_youth_produced_imagery_initial_review_is_offered_on_those_cases_only()
    {
        Offered(A.Dsl, A.Raised(ConcernKind.YouthProducedSexualImagery, A.Learner())).Should().Contain(CaseAction.ImageryReview);
        Offered(A.Dsl, A.Raised(ConcernKind.FilteringBreach, A.Learner())).Should().NotContain(CaseAction.ImageryReview);
    }

    [Fact]
    public void A_closed_case_offers_its_handler_only_reopening()
    {
        var closed = new ConcernClosed(A.Id, ClosureOutcome.Resolved, "done", Earlier, A.Dsl.AsPerson());

        Offered(A.Dsl, A.Raised(ConcernKind.FilteringBreach, A.Learner()), A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed(), closed)
            .Should().Equal(CaseAction.Reopen);
    }

    [Fact]
    public void Identifying_someone_named_by_name_is_offered_to_the_handler_while_they_are_on_the_case_open_or_closed()
    {
        var visitor = new Subject("unlisted-00000000beef", PersonType.Other, Involvement.Witness);
        var closed = new ConcernWithdrawn(A.Id, "raised in error", Earlier, A.Dsl.AsPerson());

        Offered(A.Dsl, A.Raised(ConcernKind.FilteringBreach, A.Learner(), visitor)).Should().Contain(CaseAction.IdentifySubject);
        Offered(A.Dsl, A.Raised(ConcernKind.FilteringBreach, A.Learner(), visitor), closed).Should().Equal(CaseAction.IdentifySubject);
        Offered(A.Dsl, A.Raised(ConcernKind.FilteringBreach, A.Learner())).Should().NotContain(CaseAction.IdentifySubject);
        Offered(A.Teacher, A.Raised(ConcernKind.FilteringBreach, A.Learner(), visitor)).Should().BeEmpty();
    }
}
