using Incidents.Domain.Calendar;

namespace Incidents.Projections.Cases;

/// <summary>
/// When each outstanding step of an open case falls due on the school calendar. A case is overdue for a step
/// once its due time has passed; <see cref="Next"/> is the earliest, which orders the work queue.
/// </summary>
public sealed record CaseDeadlines(
    DateTimeOffset? TriageDueAt,
    DateTimeOffset? AdviceDueAt,
    DateTimeOffset? DebriefDueAt,
    DateTimeOffset? ReferralDecisionDueAt)
{
    public static readonly CaseDeadlines None = new(null, null, null, null);

    public DateTimeOffset? Next() => new[] { TriageDueAt, AdviceDueAt, DebriefDueAt, ReferralDecisionDueAt }.Min();

    public static CaseDeadlines For(CaseSummary c, SchoolCalendar calendar, ResponseTargets targets)
    {
        if (!c.Open)
        {
            return None;
        }

        DateTimeOffset? Due(DateTimeOffset? since, int schoolDays) => since is { } at ? calendar.AddSchoolDays(at, schoolDays) : null;

        return new CaseDeadlines(
            Due(c.AwaitingTriageSince, targets.TriageSchoolDays),
            Due(c.PendingAdvice.Count == 0 ? null : c.PendingAdvice.Min(p => p.SoughtAt), targets.AdvicePendingSchoolDays),
            Due(c.AwaitingDebriefSince, targets.DebriefSchoolDays),
            Due(c.AwaitingReferralDecision ? c.RaisedAt : null, targets.ReferralDecisionSchoolDays));
    }

    /// <summary>The steps overdue at <paramref name="now"/>, by name.</summary>
    public IReadOnlyList<string> OverdueAt(DateTimeOffset now)
    {
        var overdue = new List<string>();
        if (TriageDueAt < now)
        {
            overdue.Add("triage");
        }

        if (AdviceDueAt < now)
        {
            overdue.Add("advice");
        }

        if (DebriefDueAt < now)
        {
            overdue.Add("debrief");
        }

        if (ReferralDecisionDueAt < now)
        {
            overdue.Add("referral-decision");
        }

        return overdue;
    }
}
