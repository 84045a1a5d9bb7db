using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Imagery;
using Incidents.Domain.Concerns.Referring;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>Sharing nudes and semi-nudes: the UKCIS advice for education settings.</summary>
public sealed class ImagerySpecs
{
    private static readonly ConcernRaised Raised = A.Raised(ConcernKind.YouthProducedSexualImagery, A.Victim("L-1"));

    private static ImageryInitialReviewRecorded Review(params ImmediateReferralTrigger[] triggers) =>
        new(A.Id, null, "Phone seized and kept locked", "Deleted by the learner with the DSL", true, "Parents told the same day", triggers, Earlier, A.Dsl.AsPerson());

    private static Func<Concern, DateTimeOffset, Decision> RecordReview(ImageryViewing? viewing, Actor by, params ImmediateReferralTrigger[] triggers) =>
        (c, now) => RecordInitialReviewDecider.Decide(c, new RecordInitialReview(viewing, "devices", "deletion", true, "parents", triggers, Earlier, by), now);

    [Fact]
    public void A_sexual_imagery_concern_closes_only_after_the_DSLs_initial_review_is_recorded() =>
        Given(Raised, A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed("L-1"), A.DoNotRefer(A.Dsl))
            .When(Close).ThenRefused("imagery-initial-review-required");

    [Fact]
    public void Do_not_refer_is_refused_when_a_child_under_13_is_in_imagery_of_sexual_acts() =>
        Given(Raised, Review(ImmediateReferralTrigger.SexualActsChildUnder13))
            .When((c, now) => RecordReferralDecisionDecider.Decide(c, new RecordReferralDecision(ReferralDecisionKind.DoNotRefer, "managed in school", Earlier, A.Dsl), now))
            .ThenRefused("immediate-referral-required");

    [Fact]
    public void Do_not_refer_is_refused_when_an_adult_is_involved_even_before_the_review() =>
        Given(A.Raised(ConcernKind.YouthProducedSexualImagery, A.Victim("L-1"), A.AllegedStaff("staff-teacher-9")))
            .When((c, now) => RecordReferralDecisionDecider.Decide(c, new RecordReferralDecision(ReferralDecisionKind.DoNotRefer, "x", Earlier, A.Headteacher), now))
            .ThenRefused("immediate-referral-required");

    [Fact]
    public void A_trigger_found_after_a_decision_not_to_refer_stops_the_case_closing()
    {
        var state = Given(Raised, A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed("L-1"), A.DoNotRefer(A.Dsl),
            Review(ImmediateReferralTrigger.ImmediateRiskOfHarm)).State;

        ClosureChecklist.Outstanding(state).Select(v => v.Rule).Should().Contain("immediate-referral-required");
    }

    [Fact]
    public void With_a_trigger_the_referral_must_go_to_the_police_or_childrens_social_care()
    {
        var refer = new ReferralDecisionRecorded(A.Id, ReferralDecisionKind.Refer, "UKCIS trigger", Earlier, A.Dsl.AsPerson());
        Given(Raised, A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed("L-1"), Review(ImmediateReferralTrigger.SexualActsChildUnder13), refer,
                new ExternalReferralMade(A.Id, Guid.NewGuid(), ReferralAgency.Ceop, null, "CEOP-1", Earlier, A.Dsl.AsPerson()))
            .When(Close).ThenRefused("police-or-social-care-referral-required");
        Given(Raised, A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed("L-1"), Review(ImmediateReferralTrigger.SexualActsChildUnder13), refer,
                new ExternalReferralMade(A.Id, Guid.NewGuid(), ReferralAgency.Police, null, "KENT-1", Earlier, A.Dsl.AsPerson()))
            .When(Close).ThenAccepted(typeof(ConcernClosed));
    }

    [Fact]
    public void Without_a_trigger_the_school_may_manage_it_with_its_reasons_recorded() =>
        Given(Raised, A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed("L-1"), Review())
            .When((c, now) => RecordReferralDecisionDecider.Decide(c, new RecordReferralDecision(ReferralDecisionKind.DoNotRefer, "consensual, same age, deleted", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(ReferralDecisionRecorded));

    [Fact]
    public void Imagery_is_viewed_only_by_the_DSL_or_a_deputy_with_another_senior_member_present()
    {
        var byTheDsl = new ImageryViewing(A.Dsl.AsPerson(), "to decide on a referral", [A.Headteacher.AsPerson()]);
        Given(Raised).When(RecordReview(byTheDsl, A.Dsl)).ThenAccepted(typeof(ImageryInitialReviewRecorded));
        Given(Raised).When(RecordReview(byTheDsl with { Present = [] }, A.Dsl)).ThenRefused("imagery-viewing-needs-second-senior-member");
        Given(Raised).When(RecordReview(new ImageryViewing(A.Teacher.AsPerson(), "curious", [A.Dsl.AsPerson()]), A.Dsl)).ThenRefused("imagery-viewed-only-by-dsl");
        Given(Raised).When(RecordReview(new ImageryViewing(A.Headteacher.AsPerson(), "x", [A.Dsl.AsPerson()]), A.Headteacher)).ThenRefused("imagery-viewed-only-by-dsl");
    }

    [Fact]
    public void An_initial_review_of_imagery_belongs_to_imagery_concerns() =>
        Given(A.Raised(ConcernKind.Cyberbullying)).When(RecordReview(null, A.Dsl)).ThenRefused("imagery-review-not-applicable");

    private static Decision Close(Concern c, DateTimeOffset now) => CloseConcernDecider.Decide(c, new CloseConcern("rationale", Earlier, A.Dsl), now);
}
