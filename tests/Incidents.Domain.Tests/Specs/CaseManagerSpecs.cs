using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Concerns.Allegations;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Debriefing;
using Incidents.Domain.Concerns.Investigating;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Concerns.Referring;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Concerns.Triaging;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>
/// Who manages a case when the usual case manager cannot (KCSIE Part 4): the vice-chair of governors in the chair's
/// place, and on a case gone to the LADO directly, the case manager the LADO or the governing body appoint.
/// </summary>
public sealed class CaseManagerSpecs
{
    private static readonly Subject Head = new(A.HeadteacherRef, PersonType.StaffMember, Involvement.Alleged);
    private static readonly Subject Chair = new("gov-chair", PersonType.Governor, Involvement.Alleged);

    /// <summary>A governor the LADO appoints to manage the case: only the governor role on their token.</summary>
    private static readonly Actor Appointee = new("gov-appointed", "Appointed governor", new HashSet<Role> { Role.Governor });

    private static readonly DirectoryPerson AppointeeListed = Listed("gov-appointed", PersonType.Governor);

    private static DirectoryPerson Listed(string misRef, PersonType type) =>
        new() { Id = DirectoryPerson.KeyFor(misRef), MisRef = misRef, Type = type, GivenName = "Sam", FamilyName = misRef };

    private static ConcernRaised RaisedAbout(SchoolRoles school, params Subject[] subjects)
    {
        var decision = RaiseConcernDecider.Decide(new RaiseConcern(A.Id, ConcernKind.StaffMisconduct, "s", subjects, Earlier, A.Dsl, school),
            RoutingTable.SocialMediaPolicy2021, Now);
        decision.Violation.Should().BeNull();
        return (ConcernRaised)decision.Events.Single();
    }

    /// <summary>The headteacher and the chair alleged, a child affected, no vice-chair named: the LADO's directly.</summary>
    private static ConcernRaised LadoDirect() => RaisedAbout(A.School, Head, Chair, A.Victim("L-1"));

    private static AppointCaseManager Appoint(Actor by, string misRef = "gov-appointed", DirectoryPerson? listed = null) =>
        new(misRef, listed ?? (misRef == "gov-appointed" ? AppointeeListed : null), "LADO duty officer (J. Patel)", "The governing body asked the LADO", Earlier, by);

    [Fact]
    public void The_vice_chair_manages_an_allegation_about_the_headteacher_and_the_chair_and_no_other_governor_gains_anything()
    {
        var concern = Given(RaisedAbout(A.SchoolWithViceChair, Head, Chair, A.Victim("L-1"))).State;

        concern.CaseManagerRef.Should().Be(A.ViceChairRef);
        CaseAccess.ManagesByReference(A.ViceChair, concern).Should().BeTrue("the case is on the vice-chair's work queue");
        CaseAccess.ReadLevelFor(A.ViceChair, concern).Should().Be(ReadLevel.Full);
        CaseActions.OfferedTo(A.ViceChair, concern, Now).Should().Contain([CaseAction.Triage, CaseAction.ConsultLado, CaseAction.Close]);

        CaseAccess.ManagesByReference(A.Governor, concern).Should().BeFalse();
        CaseAccess.ReadLevelFor(A.Governor, concern).Should().Be(ReadLevel.None, "the governor role alone reads nothing");
        CaseAccess.CheckHandler(A.Governor, concern)!.Rule.Should().Be("governors-do-not-act");
        CaseActions.OfferedTo(A.Governor, concern, Now).Should().BeEmpty();
    }

    [Fact]
    public void The_vice_chair_signed_in_without_a_second_factor_neither_reads_nor_acts_as_case_manager()
    {
        var concern = Given(RaisedAbout(A.SchoolWithViceChair, Head, Chair, A.Victim("L-1"))).State;
        var singleFactor = A.ViceChair with { SingleFactor = true };

        CaseAccess.ReadLevelFor(singleFactor, concern).Should().Be(ReadLevel.None);
        CaseAccess.CheckHandler(singleFactor, concern).Should().NotBeNull();
        CaseAccess.ManagesByReference(singleFactor, concern).Should().BeFalse();
        CaseAccess.CheckDebriefer(singleFactor, concern).Should().NotBeNull();
    }

    [Fact]
    public void Nobody_in_the_school_manages_a_case_gone_to_the_LADO_directly_until_the_DSL_records_whom_they_appointed()
    {
        var concern = Given(LadoDirect()).State;
        concern.Route.LadoDirect.Should().BeTrue();
        CaseAccess.CheckHandler(Appointee, concern).Should().NotBeNull();
        CaseActions.OfferedTo(A.Dsl, concern, Now).Should().Contain([CaseAction.AppointCaseManager, CaseAction.ConsultLado]);
        CaseAccess.QueueLevelFor(A.Dsl, concern).Should().Be(ReadLevel.ChildSide, "it waits on the DSL's queue, at the child's side");
        CaseAccess.QueueLevelFor(A.Governor, concern).Should().BeNull();

        var appointed = Given(LadoDirect())
            .When((c, now) => AppointCaseManagerDecider.Decide(c, Appoint(A.Dsl), now))
            .ThenAccepted(typeof(CaseManagerAppointed));

        appointed.AppointedCaseManager.Should().BeEquivalentTo(new
        {
            Person = new PersonRef("gov-appointed", "Sam gov-appointed"),
            AppointedBy = "LADO duty officer (J. Patel)",
            RecordedBy = A.Dsl.AsPerson(),
            OccurredAt = Earlier,
        });
        CaseAccess.CheckHandler(Appointee, appointed).Should().BeNull();
        CaseAccess.ReadLevelFor(Appointee, appointed).Should().Be(ReadLevel.Full);
        CaseAccess.ManagesByReference(Appointee, appointed).Should().BeTrue("the case is on their work queue");
        CaseAccess.ReadLevelFor(A.Dsl, appointed).Should().Be(ReadLevel.ChildSide, "the DSL keeps the child's side");
        CaseAccess.QueueLevelFor(A.Dsl, appointed).Should().BeNull("it is the appointed case manager's work now");
        CaseAccess.QueueLevelFor(Appointee, appointed).Should().Be(ReadLevel.Full);
        CaseAccess.ReadLevelFor(A.Governor, appointed).Should().Be(ReadLevel.None, "another governor gains nothing");
        CaseAccess.ReadLevelFor(A.Headteacher, appointed).Should().Be(ReadLevel.None);
        CaseAccess.ReadLevelFor(A.ChairOfGovernors, appointed).Should().Be(ReadLevel.None);
    }

    [Fact]
    public void The_appointed_case_manager_takes_the_case_to_closed_and_debriefs_it()
    {
        var concern = Given(LadoDirect()).When((c, now) => AppointCaseManagerDecider.Decide(c, Appoint(A.Dsl), now))
            .ThenAccepted(typeof(CaseManagerAppointed));

        concern = Step(concern, c => TriageConcernDecider.Decide(c, new TriageConcern(RiskLevel.High, TriageDecision.Investigate, "LADO asked", Earlier, Appointee), Now));
        concern = Step(concern, c => ConsultLadoDecider.Decide(c, new ConsultLado("LADO", "Investigate in school", Earlier, Appointee), Now));
        concern = Step(concern, c => RecordReferralDecisionDecider.Decide(c, new RecordReferralDecision(ReferralDecisionKind.DoNotRefer, "LADO advised", Earlier, Appointee), Now));
        concern = Step(concern, c => RecordActionDecider.Decide(c, new RecordAction(ActionType.ParentsInformed, null, "L-1", "Met mother", Earlier, Appointee), Now));
        concern = Step(concern, c => CompleteInvestigationDecider.Decide(c,
            new CompleteInvestigation("findings", InvestigationOutcome.Unsubstantiated, Earlier, Appointee), Now));
        CaseAccess.CheckDebriefer(A.Dsl, concern).Should().NotBeNull("the case manager debriefs it");
        concern = Step(concern, c => RecordDebriefDecider.Decide(c, new RecordDebrief([Appointee.AsPerson()], ["lesson"], [], Earlier, Appointee), Now));
        concern = Step(concern, c => CloseConcernDecider.Decide(c, new CloseConcern("Done", Earlier, Appointee), Now));

        concern.Status.Should().Be(ConcernStatus.Closed);
        concern.Closure!.By.Should().Be(Appointee.AsPerson());
    }

    [Theory]
    [InlineData(A.HeadteacherRef)]
    [InlineData("gov-chair")]
    [InlineData("staff-teacher-3")]
    [InlineData("staff-witness-1")]
    public void Nobody_on_the_case_is_appointed_its_case_manager(string onTheCase)
    {
        var raised = RaisedAbout(A.School, Head, Chair, A.Victim("L-1"), new Subject("staff-teacher-3", PersonType.StaffMember, Involvement.Alleged),
            new Subject("staff-witness-1", PersonType.StaffMember, Involvement.Witness));
        Given(raised)
            .When((c, now) => AppointCaseManagerDecider.Decide(c, Appoint(A.Dsl, onTheCase, Listed(onTheCase, PersonType.StaffMember)), now))
            .ThenRefused("subject-cannot-lead");
    }

    [Fact]
    public void Someone_once_alleged_and_removed_in_error_is_never_appointed_its_case_manager()
    {
        var raised = RaisedAbout(A.School, Head, Chair, A.Victim("L-1"), new Subject("staff-teacher-3", PersonType.StaffMember, Involvement.Alleged));
        var removed = new SubjectRemoved(A.Id, new Subject("staff-teacher-3", PersonType.StaffMember, Involvement.Alleged), "in error", Earlier, A.Dsl.AsPerson());
        Given(raised, removed)
            .When((c, now) => AppointCaseManagerDecider.Decide(c, Appoint(A.Dsl, "staff-teacher-3", Listed("staff-teacher-3", PersonType.StaffMember)), now))
            .ThenRefused("subject-cannot-lead");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(PersonType.Learner)]
    [InlineData(PersonType.ParentCarer)]
    public void The_appointed_case_manager_is_an_adult_of_the_school_in_the_directory(PersonType? type) =>
        Given(LadoDirect())
            .When((c, now) => AppointCaseManagerDecider.Decide(c, Appoint(A.Dsl, "person-x", type is { } t ? Listed("person-x", t) : null), now))
            .ThenRefused("case-manager-must-be-adult-in-directory");

    [Fact]
    public void Only_the_DSL_or_a_deputy_records_the_appointment_and_only_on_a_case_gone_to_the_LADO_directly()
    {
        Given(LadoDirect()).When((c, now) => AppointCaseManagerDecider.Decide(c, Appoint(A.DeputyDsl), now)).ThenAccepted(typeof(CaseManagerAppointed));
        Given(LadoDirect()).When((c, now) => AppointCaseManagerDecider.Decide(c, Appoint(A.Governor), now)).ThenRefused("governors-do-not-act");
        Given(LadoDirect()).When((c, now) => AppointCaseManagerDecider.Decide(c, Appoint(A.Teacher), now)).ThenRefused("not-case-handler");
        Given(LadoDirect()).When((c, now) => AppointCaseManagerDecider.Decide(c, Appoint(A.Headteacher), now)).ThenRefused("subject-of-own-case");
        Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff("staff-teacher-9"), A.Victim("L-1")))
            .When((c, now) => AppointCaseManagerDecider.Decide(c, Appoint(A.Headteacher), now))
            .ThenRefused("case-manager-appointment-is-for-lado-direct");
    }

    [Fact]
    public void The_appointed_case_manager_named_on_the_case_later_is_shut_out_and_the_DSL_may_record_another()
    {
        var appointed = Given(LadoDirect()).When((c, now) => AppointCaseManagerDecider.Decide(c, Appoint(A.Dsl), now)).ThenAccepted(typeof(CaseManagerAppointed));
        var named = Step(appointed, c => AddSubjectsDecider.Decide(c,
            new AddSubjects([new Subject("gov-appointed", PersonType.Governor, Involvement.Alleged)], Earlier, Appointee, A.School), RoutingTable.SocialMediaPolicy2021, Now));

        CaseAccess.ReadLevelFor(Appointee, named).Should().Be(ReadLevel.None);
        CaseAccess.CheckHandler(Appointee, named).Should().NotBeNull();
        AppointCaseManagerDecider.Decide(named, Appoint(A.Dsl, "staff-slt-1", Listed("staff-slt-1", PersonType.StaffMember)), Now).Accepted.Should().BeTrue();
    }

    private static Concern Step(Concern concern, Func<Concern, Decision> decide)
    {
        var decision = decide(concern);
        decision.Violation.Should().BeNull();
        return decision.Events.Aggregate(concern, Concern.Evolve);
    }
}
