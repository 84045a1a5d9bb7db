using Incidents.Domain.Calendar;
using Incidents.Domain.Clocks;
using Incidents.Domain.Notifications;

namespace Incidents.Projections.Cases;

/// <summary>
/// When each outstanding step of an open case falls due on the school calendar. A case is overdue for a step
/// once its due time has passed; <see cref="Next"/> is the earliest, which orders the work queue.
/// </summary>
/// <param name="LadoConsultationDueAt">An allegation is discussed with the LADO within one working day (KCSIE Part 4).</param>
/// <param name="ReviewDueAt">A monitored case's review: due by the end of its review date (midnight, school time).</param>
/// <param name="ReferralDueAt">A referral decided on and not yet made is made within its target of the decision.</param>
/// <param name="PatternReviewDueAt">A pattern of low-level concerns about one adult is reviewed within its target of being found.</param>
public sealed record CaseDeadlines(
    DateTimeOffset? TriageDueAt,
    DateTimeOffset? AdviceDueAt,
    DateTimeOffset? DebriefDueAt,
    DateTimeOffset? ReferralDecisionDueAt,
    DateTimeOffset? LadoConsultationDueAt = null,
    DateTimeOffset? ReviewDueAt = null,
    DateTimeOffset? ReferralDueAt = null,
    DateTimeOffset? PatternReviewDueAt = null)
{
    public static readonly CaseDeadlines None = new(null, null, null, null);

    public DateTimeOffset? Next() => Named().Min(d => d.DueAt);

    public static CaseDeadlines For(CaseSummary c, SchoolCalendar calendar, ResponseTargets targets) =>
        From(RunningClocks.Of(c.ClockStarts(), calendar, targets));

    /// <summary>The deadlines the queue shows, from the case's running clocks (<see cref="RunningClocks"/>, the one place they are worked out).</summary>
    public static CaseDeadlines From(IReadOnlyList<RunningClock> running)
    {
        DateTimeOffset? Due(CaseClock clock) => running.FirstOrDefault(r => r.Clock == clock)?.DueAt;
        return running.Count == 0
            ? None
            : new CaseDeadlines(
                Due(CaseClock.Triage), Due(CaseClock.AdviceChase), Due(CaseClock.Debrief), Due(CaseClock.ReferralDecision),
                Due(CaseClock.LadoConsultation), Due(CaseClock.MonitoringReview), Due(CaseClock.Referral), Due(CaseClock.LowLevelPatternReview));
    }

    /// <summary>The steps overdue at <paramref name="now"/>, by name.</summary>
    public IReadOnlyList<string> OverdueAt(DateTimeOffset now) => Named().Where(d => d.DueAt < now).Select(d => d.Name).ToList();

    // The names the queue shows, in the order it lists them.
    private IEnumerable<(string Name, DateTimeOffset? DueAt)> Named() =>
    [
        ("triage", TriageDueAt), ("advice", AdviceDueAt), ("debrief", DebriefDueAt), ("referral-decision", ReferralDecisionDueAt),
        ("lado-consultation", LadoConsultationDueAt), ("review", ReviewDueAt), ("referral", ReferralDueAt), ("pattern-review", PatternReviewDueAt),
    ];
}
