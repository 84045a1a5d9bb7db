using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Allegations;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Imagery;
using Incidents.Domain.Concerns.JointDecisions;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>Who someone is is the school's fact, never the caller's; and somebody can always act.</summary>
public sealed class SchoolFactsSpecs
{
    private static readonly RoutingTable Policy = RoutingTable.SocialMediaPolicy2021;

    private static Subject As(string misRef, PersonType type, Involvement involvement) => new(misRef, type, involvement);

    private static Decision Raise(ConcernKind kind, Actor by, SchoolRoles school, params Subject[] subjects) =>
        RaiseConcernDecider.Decide(new RaiseConcern(A.Id, kind, "s", subjects, Earlier, by, school), Policy, Now);

    private static Concern Raised(ConcernKind kind, Actor by, SchoolRoles school, params Subject[] subjects)
    {
        var decision = Raise(kind, by, school, subjects);
        decision.Violation.Should().BeNull();
        return decision.Events.Aggregate((Concern?)null, Concern.Evolve)!;
    }

    /// <summary>A concern stored with whatever type its raiser gave, as before the school's facts were checked.</summary>
    private static Concern StoredWith(ConcernKind kind, params Subject[] subjects) =>
        Concern.Evolve(null, new ConcernRaised(A.Id, kind, "s", subjects, Earlier, A.Teacher.AsPerson(),
            Policy.RouteFor(kind, subjects, new SchoolRoles("someone-else", "someone-else-2"))));

    [Fact]
    public void A_type_the_directory_contradicts_is_refused_on_raise_add_and_identify()
    {
        var school = A.School.WithListed([("staff-teacher-9", PersonType.StaffMember), ("L-1", PersonType.Learner)]);
        Raise(ConcernKind.Cyberbullying, A.Teacher, school, A.Victim("L-1"), As("staff-teacher-9", PersonType.ParentCarer, Involvement.Alleged))
            .Violation!.Rule.Should().Be("type-contradicts-directory");
        Raise(ConcernKind.Cyberbullying, A.Teacher, school, As("L-1", PersonType.Other, Involvement.Affected))
            .Violation!.Rule.Should().Be("type-contradicts-directory");

        Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1")))
            .When((c, now) => AddSubjectsDecider.Decide(c, new AddSubjects([As("staff-teacher-9", PersonType.ParentCarer, Involvement.Alleged)], Earlier, A.Dsl, school), Policy, now))
            .ThenRefused("type-contradicts-directory", ViolationKind.Invalid);
    }

    [Theory]
    [InlineData(A.HeadteacherRef)]
    [InlineData("gov-chair")]
    [InlineData("staff-dsl-1")]
    [InlineData("staff-dsl-2")]
    [InlineData(A.ViceChairRef)]
    public void The_schools_office_holders_are_adults_of_the_school_whatever_type_a_caller_gives(string officeHolder)
    {
        Raise(ConcernKind.Cyberbullying, A.Teacher, A.SchoolWithViceChair, A.Victim("L-1"), As(officeHolder, PersonType.ParentCarer, Involvement.Alleged))
            .Violation!.Rule.Should().Be("type-contradicts-directory");
        Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1")))
            .When((c, now) => AddSubjectsDecider.Decide(c, new AddSubjects([As(officeHolder, PersonType.Other, Involvement.Alleged)], Earlier, A.Dsl, A.SchoolWithViceChair), Policy, now))
            .ThenRefused("type-contradicts-directory");
    }

    [Fact]
    public void Identifying_someone_as_an_office_holder_the_directory_lists_otherwise_is_refused() =>
        Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), As("unlisted-abc", PersonType.ParentCarer, Involvement.Alleged)))
            .When((c, now) => IdentifySubjectDecider.Decide(c,
                new IdentifySubject("unlisted-abc", A.HeadteacherRef, PersonType.ParentCarer, Earlier, A.Dsl, A.School.WithListed([(A.HeadteacherRef, PersonType.ParentCarer)])), Policy, now))
            .ThenRefused("type-contradicts-directory");

    [Theory]
    [InlineData(A.HeadteacherRef, PersonType.ParentCarer)]
    [InlineData("staff-dsl-1", PersonType.ParentCarer)]
    [InlineData("staff-dsl-1", PersonType.Learner)]
    [InlineData(A.HeadteacherRef, PersonType.Other)]
    public void Someone_named_alleged_as_anything_neither_reads_nor_leads_the_case_about_them(string misRef, PersonType type)
    {
        var concern = StoredWith(ConcernKind.Cyberbullying, A.Victim("L-1"), As(misRef, type, Involvement.Alleged));
        var person = new[] { A.Headteacher, A.Dsl }.Single(a => a.Id == misRef);
        CaseAccess.ReadLevelFor(person, concern).Should().Be(ReadLevel.None);
        CaseAccess.CheckHandler(person, concern).Should().Be(Rules.SubjectOfOwnCase);
        CaseAccess.OwnInvolvement(person, concern).Should().Be(Involvement.Alleged);
    }

    [Fact]
    public void The_headteacher_named_alleged_as_a_parent_routes_the_case_to_the_chair()
    {
        var route = Policy.RouteFor(ConcernKind.Cyberbullying, [A.Victim("L-1"), As(A.HeadteacherRef, PersonType.ParentCarer, Involvement.Alleged)], A.School);
        route.IsAllegation.Should().BeTrue();
        route.Lead.Should().Be(LeadRole.ChairOfGovernors);
        route.HeadteacherAlleged.Should().BeTrue();
    }

    [Fact]
    public void An_office_holder_named_in_any_other_way_does_not_handle_the_case()
    {
        var concern = Raised(ConcernKind.Cyberbullying, A.Teacher, A.School, A.Victim("L-1"), As("staff-dsl-1", PersonType.StaffMember, Involvement.Witness));
        CaseAccess.CheckHandler(A.Dsl, concern).Should().Be(Rules.SubjectOfOwnCase);
        CaseAccess.CheckHandler(A.DeputyDsl, concern).Should().BeNull();

        var headteacherWitness = Raised(ConcernKind.StaffMisconduct, A.Teacher, A.School, A.Victim("L-1"), A.AllegedStaff("staff-teacher-9"),
            As(A.HeadteacherRef, PersonType.StaffMember, Involvement.Witness));
        CaseAccess.CheckHandler(A.Headteacher, headteacherWitness).Should().Be(Rules.SubjectOfOwnCase);
        CaseAccess.CheckHandler(A.ChairOfGovernors, headteacherWitness).Should().BeNull("the chair takes the headteacher's part");
    }

    [Fact]
    public void Someone_named_by_name_identified_as_the_headteacher_reroutes_the_case_to_the_chair()
    {
        var state = Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), As("unlisted-abc", PersonType.ParentCarer, Involvement.Alleged)))
            .When((c, now) => IdentifySubjectDecider.Decide(c, new IdentifySubject("unlisted-abc", A.HeadteacherRef, PersonType.StaffMember, Earlier, A.Dsl, A.School), Policy, now))
            .ThenAccepted(typeof(SubjectIdentified), typeof(ConcernRerouted));
        state.Route.Lead.Should().Be(LeadRole.ChairOfGovernors);
        CaseAccess.ReadLevelFor(A.Headteacher, state).Should().Be(ReadLevel.None);
        CaseAccess.CheckHandler(A.ChairOfGovernors, state).Should().BeNull();
    }

    [Fact]
    public void A_closed_case_that_becomes_an_allegation_on_identification_is_reopened_for_the_case_manager()
    {
        var closed = new ConcernClosed(A.Id, ClosureOutcome.Resolved, "done", Earlier, A.Dsl.AsPerson());
        var state = Given(A.Raised(ConcernKind.UnderageUse, A.Victim("L-1"), As("unlisted-abc", PersonType.ParentCarer, Involvement.Alleged)),
                A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed("L-1"), closed)
            .When((c, now) => IdentifySubjectDecider.Decide(c, new IdentifySubject("unlisted-abc", "staff-teacher-9", PersonType.StaffMember, Earlier, A.Dsl, A.School), Policy, now))
            .ThenAccepted(typeof(SubjectIdentified), typeof(ConcernReopened), typeof(ConcernRerouted));
        state.IsClosed.Should().BeFalse();
        state.Route.IsAllegation.Should().BeTrue();
        CaseAccess.CheckHandler(A.Headteacher, state).Should().BeNull("the case manager has it");
        ClosureChecklist.Outstanding(state).Should().Contain(Rules.LadoConsultationRequired);
    }

    [Fact]
    public void Once_alleged_always_shut_out_even_when_removed_as_named_in_error()
    {
        var state = Given(A.Raised(ConcernKind.StaffMisconduct, A.Victim("L-1"), A.AllegedStaff("staff-dsl-1"), A.AllegedStaff("staff-teacher-9")))
            .When((c, now) => AddSubjectsDecider.Decide(c, new RemoveSubject(A.AllegedStaff("staff-dsl-1"), "named in error", Earlier, A.Headteacher, A.School), Policy, now))
            .ThenAccepted(typeof(SubjectRemoved));
        CaseAccess.ReadLevelFor(A.Dsl, state).Should().Be(ReadLevel.None);
        CaseAccess.CheckChildSide(A.Dsl, state, "L-1").Should().Be(Rules.SubjectOfOwnCase);
        CaseAccess.ReadLevelFor(A.DeputyDsl, state).Should().Be(ReadLevel.ChildSide);
    }

    [Fact]
    public void The_headteacher_declaring_while_the_chair_is_alleged_goes_to_the_vice_chair()
    {
        var atRaise = Raised(ConcernKind.PreExistingRelationship, A.Headteacher, A.SchoolWithViceChair,
            A.Declaring(A.HeadteacherRef), As("gov-chair", PersonType.Governor, Involvement.Alleged));
        CaseAccess.CheckHandler(A.ViceChair, atRaise).Should().BeNull();
        CaseAccess.ReadLevelFor(A.ViceChair, atRaise).Should().Be(ReadLevel.Full);
        CaseAccess.ReadLevelFor(A.ChairOfGovernors, atRaise).Should().Be(ReadLevel.None);

        var addedLater = Given([.. Raise(ConcernKind.PreExistingRelationship, A.Headteacher, A.SchoolWithViceChair, A.Declaring(A.HeadteacherRef)).Events])
            .When((c, now) => AddSubjectsDecider.Decide(c, new AddSubjects([As("gov-chair", PersonType.Governor, Involvement.Alleged)], Earlier, A.Dsl, A.SchoolWithViceChair), Policy, now))
            .ThenAccepted(typeof(SubjectsAdded), typeof(ConcernRerouted));
        CaseAccess.CheckHandler(A.ViceChair, addedLater).Should().BeNull();
    }

    [Fact]
    public void The_headteacher_declaring_while_the_chair_is_alleged_with_no_vice_chair_goes_to_the_LADO_directly()
    {
        Subject[] subjects = [A.Declaring(A.HeadteacherRef), A.Victim("L-1"), As("gov-chair", PersonType.Governor, Involvement.Alleged)];
        var concern = Raised(ConcernKind.PreExistingRelationship, A.Headteacher, A.School, subjects);
        concern.Route.LadoDirect.Should().BeTrue();
        concern.Route.Lead.Should().Be(LeadRole.Dsl, "the DSL's queue shows it");
        CaseAccess.ReadLevelFor(A.Dsl, concern).Should().Be(ReadLevel.ChildSide);
        Given([.. Raise(ConcernKind.PreExistingRelationship, A.Headteacher, A.School, subjects).Events])
            .When((c, now) => ConsultLadoDecider.Decide(c, new ConsultLado("LADO", "The LADO manages it", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(LadoConsulted));
    }

    [Fact]
    public void An_allegation_about_the_headteacher_and_the_chair_is_recorded_for_the_vice_chair_or_else_the_LADO()
    {
        var withViceChair = Raised(ConcernKind.StaffMisconduct, A.Dsl, A.SchoolWithViceChair, A.AllegedStaff(A.HeadteacherRef), As("gov-chair", PersonType.Governor, Involvement.Alleged));
        withViceChair.Route.ViceChairMisRef.Should().Be(A.ViceChairRef);
        CaseAccess.CheckHandler(A.ViceChair, withViceChair).Should().BeNull();
        CaseAccess.CheckDebriefer(A.ViceChair, withViceChair).Should().BeNull();
        CaseAccess.CheckHandler(A.Governor, withViceChair).Should().NotBeNull("only the vice-chair among the governors");

        var noViceChair = Raised(ConcernKind.StaffMisconduct, A.Dsl, A.School, A.AllegedStaff(A.HeadteacherRef), As("gov-chair", PersonType.Governor, Involvement.Alleged));
        noViceChair.Route.LadoDirect.Should().BeTrue();
        new[] { A.Headteacher, A.ChairOfGovernors, A.Dsl, A.DeputyDsl, A.Leadership }.Should().OnlyContain(a => CaseAccess.CheckHandler(a, noViceChair) != null);
        CaseAccess.CheckLadoRecorder(A.Dsl, noViceChair).Should().BeNull();
        CaseAccess.ReadLevelFor(A.Dsl, noViceChair).Should().Be(ReadLevel.ChildSide, "visible to the DSL as the LADO's, at the child's side");
        CaseAccess.ReadLevelFor(A.Headteacher, noViceChair).Should().Be(ReadLevel.None);
        CaseAccess.ReadLevelFor(A.ChairOfGovernors, noViceChair).Should().Be(ReadLevel.None);
    }

    [Fact]
    public void The_DSLs_own_declaration_closes_on_the_headteachers_decision_without_a_deputy()
    {
        var declared = Raised(ConcernKind.PreExistingRelationship, A.Dsl, A.School, A.Declaring(A.Dsl.Id));
        declared.Route.DslDeclaring.Should().BeTrue();
        var decision = Guid.NewGuid();
        var proposed = Given([.. Raise(ConcernKind.PreExistingRelationship, A.Dsl, A.School, A.Declaring(A.Dsl.Id)).Events, A.Monitored(new DateOnly(2026, 6, 1))])
            .When((c, now) => JointDecisionDecider.Decide(c, new ProposeJointDecision(decision, "No contact on social media", Earlier, A.Headteacher), now))
            .ThenAccepted(typeof(JointDecisionProposed));
        CloseConcernDecider.Decide(proposed, new CloseConcern("decided", Earlier, A.Headteacher), Now).Violation.Should().BeNull();
    }

    [Fact]
    public void The_DSL_records_the_initial_review_and_their_viewing_on_an_imagery_case_with_an_adult_alleged()
    {
        var viewing = new ImageryViewing(A.Dsl.AsPerson(), "to decide on referral", [A.Headteacher.AsPerson()]);
        Given(A.Raised(ConcernKind.YouthProducedSexualImagery, A.Victim("L-1"), A.AllegedStaff("staff-teacher-9")))
            .When((c, now) => RecordInitialReviewDecider.Decide(c, new RecordInitialReview(viewing, "phone", "deleted", true, "told",
                [ImmediateReferralTrigger.AdultInvolved], Earlier, A.Dsl), now))
            .ThenAccepted(typeof(ImageryInitialReviewRecorded));
        Given(A.Raised(ConcernKind.YouthProducedSexualImagery, A.Victim("L-1"), A.AllegedStaff("staff-dsl-1")))
            .When((c, now) => RecordInitialReviewDecider.Decide(c, new RecordInitialReview(null, "phone", "deleted", true, "told", [], Earlier, A.Dsl), now))
            .ThenRefused("subject-of-own-case");
    }
}
