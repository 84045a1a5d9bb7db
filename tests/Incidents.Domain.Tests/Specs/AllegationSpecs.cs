using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Concerns.Allegations;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Debriefing;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>KCSIE Part 4: allegations follow the adult, whatever kind of concern they were raised as.</summary>
public sealed class AllegationSpecs
{
    private static readonly Subject Teacher9 = A.AllegedStaff("staff-teacher-9");

    private static Decision Raise(Actor by, ConcernKind kind, params Subject[] subjects) =>
        RaiseConcernDecider.Decide(new RaiseConcern(A.Id, kind, "summary", subjects, Earlier, by, A.School),
            RoutingTable.SocialMediaPolicy2021, Now);

    private static Route RouteOf(Decision decision) => ((ConcernRaised)decision.Events.Single()).Route;

    [Theory]
    [InlineData(ConcernKind.Cyberbullying)]
    [InlineData(ConcernKind.IllegalContent)]
    [InlineData(ConcernKind.OnlineAbuseOrExploitation)]
    [InlineData(ConcernKind.InappropriateUse)]
    [InlineData(ConcernKind.YouthProducedSexualImagery)]
    public void A_concern_of_any_kind_naming_a_member_of_staff_as_alleged_is_an_allegation_for_the_headteacher(ConcernKind kind)
    {
        var route = RouteOf(Raise(A.Teacher, kind, A.Victim("L-1"), Teacher9));

        route.Category.Should().Be(ConcernCategory.Allegation);
        route.Lead.Should().Be(LeadRole.Headteacher);
        route.ManagedUnder.Should().Contain(SchoolPolicy.AllegationsAgainstStaff);
        route.RequiredBeforeClosure.Should().Contain([ClosureStep.LadoConsultation, ClosureStep.ReferralDecision, ClosureStep.ParentsInformedDecision]);
    }

    [Theory]
    [InlineData(PersonType.SupplyStaff)]
    [InlineData(PersonType.Volunteer)]
    [InlineData(PersonType.Contractor)]
    [InlineData(PersonType.Governor)]
    public void Supply_staff_volunteers_contractors_and_governors_are_adults_the_allegations_procedure_covers(PersonType adult) =>
        RouteOf(Raise(A.Teacher, ConcernKind.Cyberbullying, A.Victim("L-1"), new Subject("adult-1", adult, Involvement.Alleged)))
            .IsAllegation.Should().BeTrue();

    [Fact]
    public void A_learner_or_a_parent_alleged_leaves_the_concern_with_the_DSL()
    {
        RouteOf(Raise(A.Teacher, ConcernKind.Cyberbullying, A.Victim("L-1"), A.AllegedLearner("L-2"))).Lead.Should().Be(LeadRole.Dsl);
        RouteOf(Raise(A.Teacher, ConcernKind.Cyberbullying, A.Victim("L-1"), new Subject("P-1", PersonType.ParentCarer, Involvement.Alleged)))
            .Category.Should().Be(ConcernCategory.LearnerSafety);
    }

    [Fact]
    public void An_allegation_about_the_headteacher_is_managed_by_the_chair_of_governors_and_says_so_on_the_route()
    {
        var route = RouteOf(Raise(A.Teacher, ConcernKind.Cyberbullying, A.Victim("L-1"), A.AllegedStaff(A.HeadteacherRef)));

        route.Lead.Should().Be(LeadRole.ChairOfGovernors);
        route.HeadteacherAlleged.Should().BeTrue();
    }

    [Fact]
    public void The_chair_of_governors_and_any_governor_may_raise_an_allegation_about_the_headteacher()
    {
        Raise(A.ChairOfGovernors, ConcernKind.StaffMisconduct, A.AllegedStaff(A.HeadteacherRef)).Accepted.Should().BeTrue();
        Raise(A.Governor, ConcernKind.StaffMisconduct, A.AllegedStaff(A.HeadteacherRef)).Accepted.Should().BeTrue();
    }

    [Fact]
    public void A_member_of_staff_declaring_something_about_themselves_is_not_alleged()
    {
        var route = RouteOf(Raise(A.Teacher, ConcernKind.PreExistingRelationship, A.Declaring(A.Teacher.Id)));

        route.IsAllegation.Should().BeFalse();
        route.Lead.Should().Be(LeadRole.Dsl);
    }

    [Fact]
    public void Only_the_member_of_staff_themselves_can_declare_something_about_themselves() =>
        Raise(A.Dsl, ConcernKind.ConflictingContent, A.Declaring(A.Teacher.Id)).Violation!.Rule.Should().Be("declarant-must-be-raiser");

    [Fact]
    public void Someone_else_reporting_a_colleagues_conflicting_content_makes_it_an_allegation() =>
        RouteOf(Raise(A.Dsl, ConcernKind.ConflictingContent, Teacher9)).IsAllegation.Should().BeTrue();

    [Fact]
    public void Staff_misconduct_must_name_the_adult_alleged() =>
        Raise(A.Teacher, ConcernKind.StaffMisconduct, A.Victim("L-1")).Violation!.Rule.Should().Be("alleged-staff-member-required");

    [Fact]
    public void The_declarant_follows_the_status_of_their_own_declaration_and_nothing_more()
    {
        var declared = Given(A.Raised(ConcernKind.PreExistingRelationship, A.Declaring(A.Teacher.Id))).State;

        CaseAccess.ReadLevelFor(A.Teacher, declared).Should().Be(ReadLevel.Status);
        CaseAccess.CheckHandler(A.Teacher, declared)!.Rule.Should().Be("subject-of-own-case");
    }

    [Fact]
    public void The_DSL_does_not_handle_an_allegation_but_keeps_the_childs_side()
    {
        var allegation = Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), Teacher9)).State;

        CaseAccess.CheckHandler(A.Dsl, allegation)!.Rule.Should().Be("not-case-handler");
        CaseAccess.ReadLevelFor(A.Dsl, allegation).Should().Be(ReadLevel.ChildSide);
        CaseAccess.ReadLevelFor(A.DeputyDsl, allegation).Should().Be(ReadLevel.ChildSide);
        Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), Teacher9))
            .When((c, now) => RecordActionDecider.Decide(c, new RecordAction(ActionType.SupportOffered, null, "L-1", "ELSA sessions", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(SupportOffered));
        Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), Teacher9))
            .When((c, now) => RecordActionDecider.Decide(c, new RecordAction(ActionType.SanctionApplied, SanctionKind.StaffDisciplinary, Teacher9.MisRef, "x", Earlier, A.Dsl), now))
            .ThenRefused("not-case-handler");
        Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), Teacher9))
            .When((c, now) => RecordActionDecider.Decide(c, new RecordAction(ActionType.SupportOffered, null, Teacher9.MisRef, "x", Earlier, A.Dsl), now))
            .ThenRefused("child-side-is-for-learners");
    }

    [Fact]
    public void The_case_manager_may_share_the_allegation_with_the_DSL_who_then_reads_it_whole()
    {
        var shared = Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), Teacher9))
            .When((c, now) => ShareWithDslDecider.Decide(c, new ShareWithDsl("The DSL is supporting the child at home", Earlier, A.Headteacher), now))
            .ThenAccepted(typeof(AllegationSharedWithDsl));

        CaseAccess.ReadLevelFor(A.Dsl, shared).Should().Be(ReadLevel.Full);
        CaseAccess.CheckHandler(A.Dsl, shared).Should().NotBeNull("sharing is not handing over");
    }

    [Fact]
    public void The_adult_alleged_never_reads_the_case_whatever_roles_they_hold()
    {
        var allegation = Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), A.AllegedStaff(A.AccusedTeacher.Id))).State;

        CaseAccess.ReadLevelFor(A.AccusedTeacher, allegation).Should().Be(ReadLevel.None);
    }

    [Fact]
    public void The_MIS_never_learns_of_an_allegation_not_even_one_it_raised()
    {
        CaseAccess.ReadLevelFor(A.Mis, Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), Teacher9)).State).Should().Be(ReadLevel.None);
        var raisedByTheMis = A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), Teacher9) with { RaisedBy = A.Mis.AsPerson() };
        CaseAccess.ReadLevelFor(A.Mis, Given(raisedByTheMis).State).Should().Be(ReadLevel.None);
        CaseAccess.ReadLevelFor(A.Mis, Given(A.Raised(ConcernKind.Cyberbullying) with { RaisedBy = A.Mis.AsPerson() }).State).Should().Be(ReadLevel.Sync);
    }

    [Fact]
    public void An_allegation_closes_only_after_the_LADO_is_consulted_and_a_referral_decision_is_made()
    {
        var spec = Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), Teacher9), A.Triaged(TriageDecision.NoFurtherAction, A.Headteacher),
            A.ParentsInformed("L-1"));
        spec.When((c, now) => Close(c, A.Headteacher, now)).ThenRefused("lado-consultation-required");
        Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), Teacher9), A.Triaged(TriageDecision.NoFurtherAction, A.Headteacher),
                A.ParentsInformed("L-1"), A.LadoConsulted(A.Headteacher))
            .When((c, now) => Close(c, A.Headteacher, now)).ThenRefused("referral-decision-required");
        Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), Teacher9), A.Triaged(TriageDecision.NoFurtherAction, A.Headteacher),
                A.ParentsInformed("L-1"), A.LadoConsulted(A.Headteacher), A.DoNotRefer(A.Headteacher))
            .When((c, now) => Close(c, A.Headteacher, now)).ThenAccepted(typeof(ConcernClosed));
    }

    [Fact]
    public void A_referral_to_the_LADO_is_the_consultation()
    {
        var referred = Given(A.Raised(ConcernKind.StaffMisconduct, Teacher9),
            new ExternalReferralMade(A.Id, Guid.NewGuid(), ReferralAgency.Lado, null, "LADO-42", Earlier, A.Headteacher.AsPerson())).State;

        ClosureChecklist.Outstanding(referred).Select(v => v.Rule).Should().NotContain("lado-consultation-required");
    }

    [Fact]
    public void The_LADO_is_consulted_on_allegations_only() =>
        Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => ConsultLadoDecider.Decide(c, new ConsultLado("LADO", "advice", Earlier, A.Dsl), now))
            .ThenRefused("lado-is-for-allegations");

    [Fact]
    public void Naming_an_adult_as_alleged_later_hands_the_case_to_the_headteacher()
    {
        var state = Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1")))
            .When((c, now) => AddSubjectsDecider.Decide(c, new AddSubjects([Teacher9], Earlier, A.Dsl, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenAccepted(typeof(SubjectsAdded), typeof(ConcernRerouted));

        state.Route.IsAllegation.Should().BeTrue();
        state.Lead.Role.Should().Be(LeadRole.Headteacher);
        CaseAccess.CheckHandler(A.Dsl, state).Should().NotBeNull();
    }

    [Fact]
    public void When_the_headteacher_becomes_alleged_later_the_chair_takes_the_case_and_the_headteacher_is_shut_out()
    {
        var state = Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), Teacher9))
            .When((c, now) => AddSubjectsDecider.Decide(c, new AddSubjects([A.AllegedStaff(A.HeadteacherRef)], Earlier, A.Headteacher, A.School),
                RoutingTable.SocialMediaPolicy2021, now))
            .ThenAccepted(typeof(SubjectsAdded), typeof(ConcernRerouted));

        state.Route.HeadteacherAlleged.Should().BeTrue();
        CaseAccess.ReadLevelFor(A.Headteacher, state).Should().Be(ReadLevel.None);
        CaseAccess.CheckHandler(A.ChairOfGovernors, state).Should().BeNull();
    }

    [Fact]
    public void An_allegation_about_the_headteacher_is_debriefed_by_the_chair_never_by_the_leadership_team()
    {
        var investigated = Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff(A.HeadteacherRef)),
            A.Triaged(TriageDecision.Investigate, A.ChairOfGovernors), A.Investigated());

        investigated.When((c, now) => Debrief(c, A.Leadership, now)).ThenRefused("debrief-is-for-the-chair");
        CaseAccess.ReadLevelFor(A.Leadership, investigated.State).Should().Be(ReadLevel.None, "no leadership member reads it");
        var debriefed = investigated.When((c, now) => Debrief(c, A.ChairOfGovernors, now)).ThenAccepted(typeof(DebriefHeld));
        CaseAccess.ReadLevelFor(A.Leadership, debriefed).Should().Be(ReadLevel.None);
    }

    [Fact]
    public void The_headteacher_is_shut_out_of_an_allegation_about_them_even_under_another_id() =>
        CaseAccess.ReadLevelFor(new Actor("another-id", "Head", new HashSet<Role> { Role.Headteacher }),
            Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff(A.HeadteacherRef))).State).Should().Be(ReadLevel.None);

    private static Decision Close(Concern c, Actor by, DateTimeOffset now) => CloseConcernDecider.Decide(c, new CloseConcern("done", Earlier, by), now);

    private static Decision Debrief(Concern c, Actor by, DateTimeOffset now) =>
        RecordDebriefDecider.Decide(c, new RecordDebrief([by.AsPerson()], ["lesson"], [], Earlier, by), now);
}
