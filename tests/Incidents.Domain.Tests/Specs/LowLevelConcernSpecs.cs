using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Corrections;
using Incidents.Domain.Concerns.LowLevel;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>KCSIE Part 4 section 2: low-level concerns about adults, below the harm threshold, recorded in confidence.</summary>
public sealed class LowLevelConcernSpecs
{
    private const string TeacherRef = "staff-teacher-9";
    private static readonly Actor Colleague = A.Teacher;
    private static readonly Actor Subject9 = new(TeacherRef, "Subject", new HashSet<Role> { Role.Staff });
    private static readonly SchoolRoles ToHeadteacher = A.School with { LowLevelConcernsGoTo = LeadRole.Headteacher };

    private static RaiseConcern Command(Actor by, SchoolRoles school, params Subject[] subjects) =>
        new(A.Id, ConcernKind.LowLevelConcern, "over-familiar messages", subjects, Earlier, by, school);

    private static Decision Raise(Actor by, SchoolRoles school, params Subject[] subjects) =>
        RaiseConcernDecider.Decide(Command(by, school, subjects), RoutingTable.SocialMediaPolicy2021, Now);

    private static ConcernRaised Raised(Decision decision) => decision.Events.OfType<ConcernRaised>().Single();

    private static Concern Case(Actor by, SchoolRoles school, params Subject[] subjects) =>
        Raise(by, school, subjects).Events.Aggregate((Concern?)null, Concern.Evolve)!;

    private static EarlierLowLevelConcern Before(string about, int monthsAgo) => new(Guid.CreateVersion7(), about, Earlier.AddMonths(-monthsAgo));

    [Fact]
    public void A_low_level_concern_about_a_member_of_staff_is_not_an_allegation_and_needs_no_LADO_consultation()
    {
        var route = Raised(Raise(Colleague, A.School, A.AllegedStaff(TeacherRef))).Route;

        route.Category.Should().Be(ConcernCategory.LowLevelConcern);
        route.IsAllegation.Should().BeFalse();
        route.RequiredBeforeClosure.Should().NotContain(ClosureStep.LadoConsultation);
    }

    [Theory]
    [InlineData(PersonType.SupplyStaff)]
    [InlineData(PersonType.Volunteer)]
    [InlineData(PersonType.Contractor)]
    [InlineData(PersonType.Governor)]
    public void A_low_level_concern_may_be_about_any_adult_in_the_school(PersonType adult) =>
        Raised(Raise(Colleague, A.School, new Subject("adult-1", adult, Involvement.Alleged))).Route.Category.Should().Be(ConcernCategory.LowLevelConcern);

    [Fact]
    public void Low_level_concerns_go_to_the_DSL_or_the_headteacher_as_the_school_sets()
    {
        Raised(Raise(Colleague, A.School, A.AllegedStaff(TeacherRef))).Route.Lead.Should().Be(LeadRole.Dsl);
        Raised(Raise(Colleague, ToHeadteacher, A.AllegedStaff(TeacherRef))).Route.Lead.Should().Be(LeadRole.Headteacher);
    }

    [Fact]
    public void A_low_level_concern_going_to_the_headteacher_is_not_the_DSLs_to_handle_or_read()
    {
        var concern = Case(Colleague, ToHeadteacher, A.AllegedStaff(TeacherRef));

        CaseAccess.CheckHandler(A.Dsl, concern).Should().NotBeNull();
        CaseAccess.ReadLevelFor(A.Dsl, concern).Should().Be(ReadLevel.None);
        CaseAccess.CheckHandler(A.Headteacher, concern).Should().BeNull();
    }

    [Fact]
    public void A_low_level_concern_about_the_headteacher_goes_to_the_chair_whatever_the_school_sets()
    {
        foreach (var school in new[] { A.School, ToHeadteacher })
        {
            var concern = Case(Colleague, school, A.AllegedStaff(A.HeadteacherRef));

            concern.Route.Lead.Should().Be(LeadRole.ChairOfGovernors);
            CaseAccess.CheckHandler(A.ChairOfGovernors, concern).Should().BeNull();
            CaseAccess.ReadLevelFor(A.Headteacher, concern).Should().Be(ReadLevel.None);
        }
    }

    [Fact]
    public void The_adult_a_low_level_concern_is_about_reads_nothing_of_it()
    {
        var concern = Case(Colleague, A.School, A.AllegedStaff(TeacherRef));

        CaseAccess.ReadLevelFor(Subject9, concern).Should().Be(ReadLevel.None);
        CaseAccess.ReadLevelFor(Colleague, concern).Should().Be(ReadLevel.Status, "the colleague who raised it follows that it is being dealt with");
    }

    [Fact]
    public void An_adult_reporting_themselves_reads_nothing_of_their_low_level_concern_not_even_its_status()
    {
        var concern = Case(Subject9, A.School, A.Declaring(TeacherRef));

        concern.Route.Category.Should().Be(ConcernCategory.LowLevelConcern);
        CaseAccess.ReadLevelFor(Subject9, concern).Should().Be(ReadLevel.None);
        CaseAccess.ReadLevelFor(A.Dsl, concern).Should().Be(ReadLevel.Full);
    }

    [Fact]
    public void The_headteacher_reporting_themselves_reads_nothing_and_the_chair_handles_it()
    {
        var concern = Case(A.Headteacher, A.School, A.Declaring(A.HeadteacherRef));

        CaseAccess.ReadLevelFor(A.Headteacher, concern).Should().Be(ReadLevel.None);
        CaseAccess.CheckHandler(A.ChairOfGovernors, concern).Should().BeNull();
    }

    [Fact]
    public void The_DSL_who_is_the_subject_of_a_low_level_concern_neither_reads_nor_handles_it_and_a_deputy_does()
    {
        var concern = Case(Colleague, A.School, A.AllegedStaff(A.Dsl.Id));

        CaseAccess.ReadLevelFor(A.Dsl, concern).Should().Be(ReadLevel.None);
        CaseAccess.CheckHandler(A.DeputyDsl, concern).Should().BeNull();
    }

    [Fact]
    public void A_low_level_concern_is_never_shown_to_the_MIS()
    {
        var concern = Case(Colleague, A.School, A.AllegedStaff(TeacherRef), A.Victim("L-1"));

        CaseAccess.ReadLevelFor(A.Mis, concern).Should().Be(ReadLevel.None);
    }

    [Fact]
    public void A_low_level_concern_names_exactly_one_adult_in_the_school()
    {
        Raise(Colleague, A.School, A.Victim("L-1")).Violation!.Rule.Should().Be("alleged-staff-member-required");
        Raise(Colleague, A.School, A.AllegedStaff(TeacherRef), A.AllegedStaff("staff-teacher-8")).Violation!.Rule
            .Should().Be("low-level-concern-about-one-adult");
    }

    [Fact]
    public void A_second_adult_cannot_be_added_to_a_low_level_concern()
    {
        Given(Raised(Raise(Colleague, A.School, A.AllegedStaff(TeacherRef))))
            .When((c, now) => AddSubjectsDecider.Decide(c, new AddSubjects([A.AllegedStaff("staff-teacher-8")], Earlier, A.Dsl, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenRefused("low-level-concern-about-one-adult");
    }

    [Fact]
    public void A_third_low_level_concern_about_the_same_adult_within_twelve_months_puts_a_pattern_review_on_the_queue_showing_the_earlier_ones()
    {
        var earlier = new[] { Before(TeacherRef, 2), Before(TeacherRef, 11), Before("staff-other", 1), Before(TeacherRef, 13) };
        var decision = RaiseConcernDecider.Decide(Command(Colleague, A.School, A.AllegedStaff(TeacherRef)) with { EarlierLowLevel = earlier },
            RoutingTable.SocialMediaPolicy2021, Now);

        var found = decision.Events.OfType<LowLevelPatternFound>().Single();
        found.AdultMisRef.Should().Be(TeacherRef);
        found.EarlierConcernIds.Should().Equal(earlier[1].ConcernId, earlier[0].ConcernId);
        decision.Events.Aggregate((Concern?)null, Concern.Evolve)!.PatternReviewDue.Should().BeTrue();
    }

    [Fact]
    public void Fewer_low_level_concerns_than_the_school_sets_make_no_pattern()
    {
        var command = Command(Colleague, A.School, A.AllegedStaff(TeacherRef)) with { EarlierLowLevel = [Before(TeacherRef, 1)] };
        RaiseConcernDecider.Decide(command, RoutingTable.SocialMediaPolicy2021, Now).Events.Should().ContainSingle();

        var stricter = command with { Patterns = new LowLevelPatternSettings(Count: 2, Months: 6) };
        RaiseConcernDecider.Decide(stricter, RoutingTable.SocialMediaPolicy2021, Now).Events.OfType<LowLevelPatternFound>().Should().ContainSingle();
    }

    [Fact]
    public void A_withdrawn_low_level_concern_counts_for_no_pattern()
    {
        var concern = Case(Colleague, A.School, A.AllegedStaff(TeacherRef));
        EarlierLowLevelConcern.Of(concern).Should().NotBeNull();
        EarlierLowLevelConcern.Of(Concern.Evolve(concern, new ConcernWithdrawn(A.Id, "raised in error", Earlier, A.Dsl.AsPerson()))).Should().BeNull();
    }

    private static object[] WithPattern() =>
    [
        Raised(Raise(Colleague, A.School, A.AllegedStaff(TeacherRef))),
        new LowLevelPatternFound(A.Id, TeacherRef, [Guid.CreateVersion7(), Guid.CreateVersion7()], Earlier, Colleague.AsPerson()),
    ];

    [Fact]
    public void The_case_manager_records_the_pattern_review_and_it_leaves_the_queue()
    {
        var after = Given(WithPattern())
            .When((c, now) => ReviewPatternDecider.Decide(c, new ReviewPattern("Spoke to them; shared with HR", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(LowLevelPatternReviewed));

        after.PatternReviewDue.Should().BeFalse();
        after.Pattern!.Review!.Outcome.Should().Be("Spoke to them; shared with HR");
    }

    [Fact]
    public void A_pattern_is_reviewed_once_and_only_where_there_is_one()
    {
        Given(Raised(Raise(Colleague, A.School, A.AllegedStaff(TeacherRef))))
            .When((c, now) => ReviewPatternDecider.Decide(c, new ReviewPattern("nothing", Earlier, A.Dsl), now))
            .ThenRefused("no-pattern-to-review");
        Given([.. WithPattern(), new LowLevelPatternReviewed(A.Id, "done", Earlier, A.Dsl.AsPerson())])
            .When((c, now) => ReviewPatternDecider.Decide(c, new ReviewPattern("again", Earlier, A.Dsl), now))
            .ThenRefused("no-pattern-to-review");
    }

    [Fact]
    public void A_pattern_is_not_reviewed_by_the_adult_it_is_about_nor_by_a_colleague()
    {
        Given(WithPattern())
            .When((c, now) => ReviewPatternDecider.Decide(c, new ReviewPattern("fine", Earlier, Subject9), now))
            .ThenRefused("subject-of-own-case", ViolationKind.NotFound);
        Given(WithPattern())
            .When((c, now) => ReviewPatternDecider.Decide(c, new ReviewPattern("fine", Earlier, Colleague), now))
            .ThenRefused("not-case-handler", ViolationKind.Forbidden);
    }

    [Fact]
    public void A_low_level_concern_with_a_pattern_waiting_for_review_cannot_close()
    {
        var concern = Given([.. WithPattern(), new ConcernTriaged(A.Id, RiskLevel.Low, TriageDecision.NoFurtherAction, "spoken to", Earlier, A.Dsl.AsPerson())]).State;

        ClosureChecklist.Outstanding(concern).Select(r => r.Rule).Should().Equal("pattern-review-required");
    }

    [Fact]
    public void A_low_level_concern_that_meets_the_harm_threshold_becomes_an_allegation_for_the_headteacher_with_the_LADO_to_consult()
    {
        var after = Given(Raised(Raise(Colleague, A.School, A.AllegedStaff(TeacherRef))))
            .When((c, now) => MeetHarmThresholdDecider.Decide(c, new MeetHarmThreshold("Messages a child privately", Earlier, A.Dsl, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenAccepted(typeof(HarmThresholdMet), typeof(ConcernRerouted));

        after.Route.IsAllegation.Should().BeTrue();
        after.Route.Lead.Should().Be(LeadRole.Headteacher);
        after.Route.RequiredBeforeClosure.Should().Contain(ClosureStep.LadoConsultation);
        after.HarmThresholdMetAt.Should().Be(Earlier);
        CaseAccess.ReadLevelFor(Subject9, after).Should().Be(ReadLevel.None);
    }

    [Fact]
    public void A_self_report_that_meets_the_harm_threshold_names_the_adult_as_alleged_so_they_still_read_nothing()
    {
        var after = Given(Raised(Raise(Subject9, A.School, A.Declaring(TeacherRef))))
            .When((c, now) => MeetHarmThresholdDecider.Decide(c, new MeetHarmThreshold("disclosed an offence", Earlier, A.Dsl, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenAccepted(typeof(HarmThresholdMet), typeof(SubjectsAdded), typeof(ConcernRerouted));

        after.Route.IsAllegation.Should().BeTrue();
        after.Alleges(TeacherRef).Should().BeTrue();
        CaseAccess.ReadLevelFor(Subject9, after).Should().Be(ReadLevel.None);
    }

    [Fact]
    public void A_low_level_concern_about_the_headteacher_that_meets_the_threshold_stays_with_the_chair()
    {
        var after = Given(Raised(Raise(Colleague, A.School, A.AllegedStaff(A.HeadteacherRef))))
            .When((c, now) => MeetHarmThresholdDecider.Decide(c, new MeetHarmThreshold("reason", Earlier, A.ChairOfGovernors, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenAccepted(typeof(HarmThresholdMet), typeof(ConcernRerouted));

        after.Route.Lead.Should().Be(LeadRole.ChairOfGovernors);
        after.Route.IsAllegation.Should().BeTrue();
    }

    [Fact]
    public void Adding_a_witness_to_a_low_level_concern_that_met_the_threshold_keeps_it_an_allegation()
    {
        var met = Given(Raised(Raise(Colleague, A.School, A.AllegedStaff(TeacherRef))))
            .When((c, now) => MeetHarmThresholdDecider.Decide(c, new MeetHarmThreshold("reason", Earlier, A.Dsl, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenAccepted(typeof(HarmThresholdMet), typeof(ConcernRerouted));

        var decision = AddSubjectsDecider.Decide(met, new AddSubjects([A.Victim("L-1")], Earlier, A.Headteacher, A.School), RoutingTable.SocialMediaPolicy2021, Now);
        decision.Events.Should().ContainSingle().Which.Should().BeOfType<SubjectsAdded>();
    }

    [Fact]
    public void Only_a_low_level_concern_can_meet_the_harm_threshold_and_only_its_handler_says_so()
    {
        Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => MeetHarmThresholdDecider.Decide(c, new MeetHarmThreshold("reason", Earlier, A.Dsl, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenRefused("not-a-low-level-concern");
        Given(Raised(Raise(Colleague, A.School, A.AllegedStaff(TeacherRef))))
            .When((c, now) => MeetHarmThresholdDecider.Decide(c, new MeetHarmThreshold("reason", Earlier, Colleague, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenRefused("not-case-handler");
        Given(Raised(Raise(Colleague, A.School, A.AllegedStaff(TeacherRef))))
            .When((c, now) => MeetHarmThresholdDecider.Decide(c, new MeetHarmThreshold("reason", Earlier, Subject9, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenRefused("subject-of-own-case");
    }

    [Fact]
    public void An_allegation_is_never_relabelled_a_low_level_concern_to_escape_the_LADO()
    {
        Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), A.AllegedStaff(TeacherRef)))
            .When((c, now) => ChangeConcernKindDecider.Decide(c, new ChangeConcernKind(ConcernKind.LowLevelConcern, "below threshold", Earlier, A.Headteacher, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenRefused("allegation-not-made-low-level");
    }

    [Fact]
    public void A_concern_changed_into_a_low_level_concern_names_one_adult_and_is_routed_as_one()
    {
        var after = Given(A.Raised(ConcernKind.ConflictingContent, A.Declaring(TeacherRef)))
            .When((c, now) => ChangeConcernKindDecider.Decide(c, new ChangeConcernKind(ConcernKind.LowLevelConcern, "about conduct, not content", Earlier, A.Headteacher, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenAccepted(typeof(ConcernKindChanged), typeof(ConcernRerouted));

        after.Route.Category.Should().Be(ConcernCategory.LowLevelConcern);
        CaseAccess.ReadLevelFor(Subject9, after).Should().Be(ReadLevel.None);
    }

    [Fact]
    public void The_case_manager_is_offered_the_pattern_review_and_the_harm_threshold_and_nobody_else_is()
    {
        var concern = Given(WithPattern()).State;

        CaseActions.OfferedTo(A.Dsl, concern, Now).Should().Contain([CaseAction.ReviewPattern, CaseAction.MeetHarmThreshold]);
        CaseActions.OfferedTo(Colleague, concern, Now).Should().NotContain([CaseAction.ReviewPattern, CaseAction.MeetHarmThreshold]);
        CaseActions.OfferedTo(A.Dsl, Given(A.Raised(ConcernKind.Cyberbullying)).State, Now).Should().NotContain([CaseAction.ReviewPattern, CaseAction.MeetHarmThreshold]);
    }
}
