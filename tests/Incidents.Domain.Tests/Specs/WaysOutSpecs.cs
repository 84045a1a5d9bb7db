using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Corrections;
using Incidents.Domain.Concerns.Imagery;
using Incidents.Domain.Concerns.Referring;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>
/// Every way out of a case keeps what closing keeps: withdrawing skips neither an immediate referral nor an
/// allegation's LADO consultation, and a case at immediate risk is never closed without a referral decision.
/// </summary>
public sealed class WaysOutSpecs
{
    private static readonly Guid OtherId = Guid.Parse("0199a000-0000-7000-8000-000000000002");

    private static readonly ConcernRaised Imagery = A.Raised(ConcernKind.YouthProducedSexualImagery, A.Victim("L-1"));

    private static readonly ConcernRaised Allegation = A.Raised(ConcernKind.StaffMisconduct, A.Victim("L-1"), A.AllegedStaff("staff-teacher-9"));

    private static ImageryInitialReviewRecorded Review(params ImmediateReferralTrigger[] triggers) =>
        new(A.Id, null, "Phone kept locked", "Deleted with the DSL", true, "Parents told the same day", triggers, Earlier, A.Dsl.AsPerson());

    private static ExternalReferralMade ReferredTo(ReferralAgency agency) => new(A.Id, Guid.NewGuid(), agency, null, "REF-1", Earlier, A.Dsl.AsPerson());

    private static Func<Concern, DateTimeOffset, Decision> Withdraw(Actor by, DuplicateCase? duplicateOf = null) =>
        (c, now) => WithdrawConcernDecider.Decide(c, new WithdrawConcern("raised in error", Earlier, by, duplicateOf), now);

    /// <summary>Another case, as stored, with its own id.</summary>
    private static Concern Other(params object[] events) =>
        events.Aggregate((Concern?)null, (s, e) => Concern.Evolve(s, e))! with { Id = OtherId };

    private static Func<Concern, DateTimeOffset, Decision> ChangeKind(ConcernKind kind, Actor by) =>
        (c, now) => ChangeConcernKindDecider.Decide(c, new ChangeConcernKind(kind, "Nudes were found on the phones", Earlier, by, A.School),
            RoutingTable.SocialMediaPolicy2021, now);

    private static Decision Close(Concern c, DateTimeOffset now) => CloseConcernDecider.Decide(c, new CloseConcern("rationale", Earlier, c.Lead.Role == LeadRole.Headteacher ? A.Headteacher : A.Dsl), now);

    [Fact]
    public void An_imagery_case_needing_an_immediate_referral_is_not_withdrawn_as_raised_in_error_until_the_referral_is_made()
    {
        Given(Imagery, Review(ImmediateReferralTrigger.CoercionOrCapacityToConsent))
            .When(Withdraw(A.Dsl)).ThenRefused("withdrawal-skips-immediate-referral");
        Given(Imagery, Review(ImmediateReferralTrigger.CoercionOrCapacityToConsent), ReferredTo(ReferralAgency.ChildrensSocialCare))
            .When(Withdraw(A.Dsl)).ThenAccepted(typeof(ConcernWithdrawn));
    }

    [Fact]
    public void An_allegation_the_LADO_never_heard_of_is_not_withdrawn_as_raised_in_error()
    {
        Given(Allegation).When(Withdraw(A.Headteacher)).ThenRefused("withdrawal-skips-lado-consultation");
        Given(Allegation, A.LadoConsulted(A.Headteacher)).When(Withdraw(A.Headteacher)).ThenAccepted(typeof(ConcernWithdrawn));
    }

    [Fact]
    public void A_duplicate_allegation_is_withdrawn_by_pointing_to_the_allegation_where_the_LADO_is_consulted()
    {
        var withdrawn = Given(Allegation)
            .When(Withdraw(A.Headteacher, new DuplicateCase(OtherId, Other(Allegation))))
            .ThenAccepted(typeof(ConcernWithdrawn));

        withdrawn.Closure!.DuplicateOf.Should().Be(OtherId);
        withdrawn.Status.Should().Be(ConcernStatus.Withdrawn);
    }

    [Fact]
    public void A_duplicate_points_to_a_case_that_keeps_the_duties_this_one_still_has()
    {
        var cyberbullying = Other(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1")));
        Given(Allegation).When(Withdraw(A.Headteacher, new DuplicateCase(OtherId, cyberbullying))).ThenRefused("duplicate-does-not-keep-duties");
        Given(Imagery, Review(ImmediateReferralTrigger.ImmediateRiskOfHarm))
            .When(Withdraw(A.Dsl, new DuplicateCase(OtherId, Other(Imagery)))).ThenRefused("duplicate-does-not-keep-duties");
        Given(Imagery, Review(ImmediateReferralTrigger.ImmediateRiskOfHarm))
            .When(Withdraw(A.Dsl, new DuplicateCase(OtherId, Other(Imagery, Review(ImmediateReferralTrigger.ImmediateRiskOfHarm)))))
            .ThenAccepted(typeof(ConcernWithdrawn));
    }

    [Fact]
    public void A_duplicate_of_no_case_the_caller_may_read_of_itself_or_of_a_withdrawn_case_is_refused()
    {
        Given(Allegation).When(Withdraw(A.Headteacher, new DuplicateCase(OtherId, null))).ThenRefused("duplicate-not-found");
        // The headteacher may not read an allegation about themselves, so it is no case they may point to.
        var aboutTheHead = Other(A.Raised(ConcernKind.StaffMisconduct, A.Victim("L-1"), A.AllegedStaff(A.HeadteacherRef)));
        Given(Allegation).When(Withdraw(A.Headteacher, new DuplicateCase(OtherId, aboutTheHead))).ThenRefused("duplicate-not-found");
        Given(Allegation).When(Withdraw(A.Headteacher, new DuplicateCase(A.Id, Given(Allegation).State))).ThenRefused("duplicate-of-itself");
        var withdrawnAllegation = Other(Allegation, A.LadoConsulted(A.Headteacher), new ConcernWithdrawn(A.Id, "in error", Earlier, A.Headteacher.AsPerson()));
        Given(Allegation).When(Withdraw(A.Headteacher, new DuplicateCase(OtherId, withdrawnAllegation))).ThenRefused("duplicate-withdrawn");
    }

    [Fact]
    public void A_case_triaged_at_immediate_risk_is_not_withdrawn_without_a_referral_decision()
    {
        var immediate = new ConcernTriaged(A.Id, RiskLevel.Immediate, TriageDecision.Investigate, "at risk tonight", Earlier, A.Dsl.AsPerson());
        Given(A.Raised(ConcernKind.FilteringBreach), immediate).When(Withdraw(A.Dsl)).ThenRefused("withdrawal-skips-referral-decision");
        Given(A.Raised(ConcernKind.FilteringBreach), immediate, A.DoNotRefer(A.Dsl)).When(Withdraw(A.Dsl)).ThenAccepted(typeof(ConcernWithdrawn));
    }

    [Fact]
    public void A_concern_with_no_duty_outstanding_is_withdrawn_as_raised_in_error_as_before() =>
        Given(A.Raised(ConcernKind.Cyberbullying)).When(Withdraw(A.Dsl)).ThenAccepted(typeof(ConcernWithdrawn))
            .Closure!.DuplicateOf.Should().BeNull();

    [Fact]
    public void A_case_triaged_at_immediate_risk_needs_a_referral_decision_before_it_closes()
    {
        var immediate = new ConcernTriaged(A.Id, RiskLevel.Immediate, TriageDecision.NoFurtherAction, "handled at once", Earlier, A.Dsl.AsPerson());
        Given(A.Raised(ConcernKind.FilteringBreach), immediate).When(Close).ThenRefused("referral-decision-required");
        Given(A.Raised(ConcernKind.FilteringBreach), immediate, A.DoNotRefer(A.Dsl)).When(Close).ThenAccepted(typeof(ConcernClosed));
        Given(A.Raised(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.NoFurtherAction)).When(Close).ThenAccepted(typeof(ConcernClosed));
    }

    [Fact]
    public void A_parent_alleged_on_an_imagery_case_is_an_adult_involved_so_do_not_refer_is_refused()
    {
        var parent = new Subject("unlisted-00000000cafe", PersonType.ParentCarer, Involvement.Alleged);
        var state = Given(A.Raised(ConcernKind.YouthProducedSexualImagery, A.Victim("L-1"), parent)).State;

        state.ImmediateReferralRequired.Should().BeTrue();
        state.Route.IsAllegation.Should().BeFalse("a parent is not an adult in the school, so the DSL keeps the case");
        Given(A.Raised(ConcernKind.YouthProducedSexualImagery, A.Victim("L-1"), parent))
            .When((c, now) => RecordReferralDecisionDecider.Decide(c, new RecordReferralDecision(ReferralDecisionKind.DoNotRefer, "x", Earlier, A.Dsl), now))
            .ThenRefused("immediate-referral-required");
        Given(A.Raised(ConcernKind.YouthProducedSexualImagery, A.Victim("L-1"), A.AllegedLearner("L-2"))).State.ImmediateReferralRequired.Should().BeFalse();
    }

    [Fact]
    public void A_second_initial_review_adds_to_the_first_and_cannot_clear_a_trigger()
    {
        var state = Given(Imagery, Review(ImmediateReferralTrigger.SexualActsChildUnder13))
            .When((c, now) => RecordInitialReviewDecider.Decide(c, new RecordInitialReview(null, "devices", "deletion", true, "parents", [], Earlier, A.Dsl), now))
            .ThenAccepted(typeof(ImageryInitialReviewRecorded));

        state.ImmediateReferralRequired.Should().BeTrue();
        state.ImageryReview!.ImmediateReferralTriggers.Should().Equal(ImmediateReferralTrigger.SexualActsChildUnder13);
        Given(Imagery, Review(ImmediateReferralTrigger.SexualActsChildUnder13), Review(ImmediateReferralTrigger.ImmediateRiskOfHarm)).State
            .ImageryReview!.ImmediateReferralTriggers.Should().BeEquivalentTo([ImmediateReferralTrigger.SexualActsChildUnder13, ImmediateReferralTrigger.ImmediateRiskOfHarm]);
    }

    [Fact]
    public void Nudes_found_in_a_cyberbullying_case_get_the_UKCIS_initial_review_once_its_kind_is_changed()
    {
        var raisedUnderR1 = A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1")) is var r ? r with { Route = r.Route with { PolicyVersion = "r1" } } : null!;
        var state = Given(raisedUnderR1, A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed("L-1"))
            .When(ChangeKind(ConcernKind.YouthProducedSexualImagery, A.Dsl))
            .ThenAccepted(typeof(ConcernKindChanged), typeof(ConcernRerouted));

        state.Kind.Should().Be(ConcernKind.YouthProducedSexualImagery);
        state.Route.RequiredBeforeClosure.Should().Contain([ClosureStep.ImageryInitialReview, ClosureStep.ReferralDecision]);
        state.Route.PolicyVersion.Should().Be("r1", "the case keeps the policy version it was raised under");
        ClosureChecklist.Outstanding(state).Select(v => v.Rule).Should().Contain(["imagery-initial-review-required", "referral-decision-required"]);
        CaseActions.OfferedTo(A.Dsl, state, Now).Should().Contain(CaseAction.ImageryReview);
    }

    [Fact]
    public void Only_those_who_handle_an_open_case_change_its_kind_and_only_to_another_kind()
    {
        Given(A.Raised(ConcernKind.Cyberbullying)).When(ChangeKind(ConcernKind.YouthProducedSexualImagery, A.Teacher)).ThenRefused("not-case-handler");
        Given(A.Raised(ConcernKind.Cyberbullying), new ConcernWithdrawn(A.Id, "in error", Earlier, A.Dsl.AsPerson()))
            .When(ChangeKind(ConcernKind.YouthProducedSexualImagery, A.Dsl)).ThenRefused("concern-closed");
        Given(A.Raised(ConcernKind.Cyberbullying)).When(ChangeKind(ConcernKind.Cyberbullying, A.Dsl)).ThenRefused("kind-unchanged");
        CaseActions.OfferedTo(A.Dsl, Given(A.Raised(ConcernKind.Cyberbullying)).State, Now).Should().Contain(CaseAction.ChangeKind);
        CaseActions.OfferedTo(A.Teacher, Given(A.Raised(ConcernKind.Cyberbullying)).State, Now).Should().NotContain(CaseAction.ChangeKind);
    }

    [Fact]
    public void A_kind_about_a_member_of_staff_needs_them_named_and_an_allegation_stays_with_its_case_manager()
    {
        Given(A.Raised(ConcernKind.Cyberbullying)).When(ChangeKind(ConcernKind.StaffMisconduct, A.Dsl)).ThenRefused("alleged-staff-member-required");
        var state = Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), A.AllegedStaff("staff-teacher-9")))
            .When(ChangeKind(ConcernKind.YouthProducedSexualImagery, A.Headteacher))
            .ThenAccepted(typeof(ConcernKindChanged), typeof(ConcernRerouted));

        state.Route.IsAllegation.Should().BeTrue();
        state.Lead.Role.Should().Be(LeadRole.Headteacher);
        state.Route.RequiredBeforeClosure.Should().Contain([ClosureStep.LadoConsultation, ClosureStep.ImageryInitialReview]);
        state.ImmediateReferralRequired.Should().BeTrue("an adult is involved in the imagery");
    }

    [Fact]
    public void A_trigger_the_initial_review_found_stands_when_the_kind_is_changed_away_from_imagery()
    {
        var state = Given(Imagery, A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed("L-1"), Review(ImmediateReferralTrigger.ImmediateRiskOfHarm))
            .When(ChangeKind(ConcernKind.Cyberbullying, A.Dsl))
            .ThenAccepted(typeof(ConcernKindChanged), typeof(ConcernRerouted));

        state.ImmediateReferralRequired.Should().BeTrue();
        ClosureChecklist.Outstanding(state).Select(v => v.Rule).Should().Contain("referral-decision-required");
    }
}
