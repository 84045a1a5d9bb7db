using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>
/// The work queue's referral clocks, folded as the projection folds them: the decision's clock starts when the case
/// comes to need one, and a referral decided on and not yet made has a deadline of its own.
/// </summary>
public sealed class ReferralClockSpecs
{
    private static readonly Guid Id = Guid.Parse("0199a000-0000-7000-8000-00000000fee1");
    private static readonly SchoolRoles School = new("staff-head-1", "gov-chair");
    private static readonly PersonRef Dsl = new("staff-dsl-1", "Lucy Hayward");

    // Monday 9 March 2026, 10:00: every later step is a school day or more after the last.
    private static readonly DateTimeOffset Monday = new(2026, 3, 9, 10, 0, 0, TimeSpan.Zero);

    private static readonly SchoolCalendar Calendar = new(TimeZoneInfo.Utc, []);

    private static readonly Subject Learner = new("L-1", PersonType.Learner, Involvement.Affected);
    private static readonly Subject Teacher = new("staff-teacher-9", PersonType.StaffMember, Involvement.Alleged);

    private static ConcernRaised Raised(ConcernKind kind, params Subject[] subjects) =>
        new(Id, kind, "summary", subjects, Monday, Dsl, RoutingTable.SocialMediaPolicy2021.RouteFor(kind, subjects, School));

    private static CaseDeadlines Deadlines(params (object Event, DateTimeOffset RecordedAt)[] events)
    {
        var summary = events.Aggregate((CaseSummary?)null, (s, e) => CaseSummary.Fold(s, e.Event, e.RecordedAt))!;
        return CaseDeadlines.For(summary, Calendar, new ResponseTargets());
    }

    [Fact]
    public void A_case_that_became_an_allegation_is_due_its_referral_decision_from_when_it_became_one_like_the_LADO()
    {
        var thursday = Monday.AddDays(3);
        var rerouted = new ConcernRerouted(Id, RoutingTable.SocialMediaPolicy2021.RouteFor(ConcernKind.Cyberbullying, [Learner, Teacher], School), thursday, Dsl);

        var deadlines = Deadlines((Raised(ConcernKind.Cyberbullying, Learner), Monday), (rerouted, thursday));

        deadlines.ReferralDecisionDueAt.Should().Be(Calendar.AddSchoolDays(thursday, 1), "the clock starts when the case needed a decision, not when it was raised");
        deadlines.LadoConsultationDueAt.Should().Be(Calendar.AddWorkingDays(thursday, 1));
    }

    [Fact]
    public void A_case_triaged_at_immediate_risk_is_due_a_referral_decision_from_the_triage()
    {
        var tuesday = Monday.AddDays(1);
        var immediate = new ConcernTriaged(Id, RiskLevel.Immediate, TriageDecision.Investigate, "at risk tonight", tuesday, Dsl);

        Deadlines((Raised(ConcernKind.FilteringBreach, Learner), Monday)).ReferralDecisionDueAt.Should().BeNull();
        Deadlines((Raised(ConcernKind.FilteringBreach, Learner), Monday), (immediate, tuesday))
            .ReferralDecisionDueAt.Should().Be(Calendar.AddSchoolDays(tuesday, 1));
        Deadlines((Raised(ConcernKind.FilteringBreach, Learner), Monday), (immediate, tuesday),
                (new ReferralDecisionRecorded(Id, ReferralDecisionKind.DoNotRefer, "managed in school", tuesday, Dsl), tuesday))
            .ReferralDecisionDueAt.Should().BeNull();
    }

    [Fact]
    public void A_referral_decided_on_and_not_yet_made_is_due_and_flagged_until_it_is_made()
    {
        var tuesday = Monday.AddDays(1);
        var refer = new ReferralDecisionRecorded(Id, ReferralDecisionKind.Refer, "threshold met", tuesday, Dsl);
        var decided = Deadlines((Raised(ConcernKind.OnlineAbuseOrExploitation, Learner), Monday), (refer, tuesday));

        decided.ReferralDecisionDueAt.Should().BeNull();
        decided.ReferralDueAt.Should().Be(Calendar.AddSchoolDays(tuesday, 1));
        decided.OverdueAt(decided.ReferralDueAt!.Value.AddMinutes(-1)).Should().NotContain("referral");
        decided.OverdueAt(decided.ReferralDueAt!.Value.AddMinutes(1)).Should().Contain("referral");

        var made = new ExternalReferralMade(Id, Guid.NewGuid(), ReferralAgency.ChildrensSocialCare, null, "CSC-1", tuesday, Dsl);
        Deadlines((Raised(ConcernKind.OnlineAbuseOrExploitation, Learner), Monday), (refer, tuesday), (made, tuesday.AddHours(2)))
            .ReferralDueAt.Should().BeNull();
    }

    [Fact]
    public void A_decision_already_on_record_is_not_asked_for_again_when_the_case_becomes_an_allegation()
    {
        var decided = new ReferralDecisionRecorded(Id, ReferralDecisionKind.DoNotRefer, "below threshold", Monday, Dsl);
        var rerouted = new ConcernRerouted(Id, RoutingTable.SocialMediaPolicy2021.RouteFor(ConcernKind.OnlineAbuseOrExploitation, [Learner, Teacher], School), Monday, Dsl);

        Deadlines((Raised(ConcernKind.OnlineAbuseOrExploitation, Learner), Monday), (decided, Monday), (rerouted, Monday.AddDays(1)))
            .ReferralDecisionDueAt.Should().BeNull();
    }

    [Fact]
    public void A_case_whose_kind_changes_to_imagery_is_due_its_referral_decision_from_the_change()
    {
        var wednesday = Monday.AddDays(2);
        var changed = new ConcernKindChanged(Id, ConcernKind.Cyberbullying, ConcernKind.YouthProducedSexualImagery, "nudes found", wednesday, Dsl);
        var rerouted = new ConcernRerouted(Id, RoutingTable.SocialMediaPolicy2021.RouteFor(ConcernKind.YouthProducedSexualImagery, [Learner], School), wednesday, Dsl);

        var summary = new (object, DateTimeOffset)[] { (Raised(ConcernKind.Cyberbullying, Learner), Monday), (changed, wednesday), (rerouted, wednesday) }
            .Aggregate((CaseSummary?)null, (s, e) => CaseSummary.Fold(s, e.Item1, e.Item2))!;

        summary.Kind.Should().Be(ConcernKind.YouthProducedSexualImagery);
        CaseDeadlines.For(summary, Calendar, new ResponseTargets()).ReferralDecisionDueAt.Should().Be(Calendar.AddSchoolDays(wednesday, 1));
    }
}
