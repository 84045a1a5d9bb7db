using Incidents.Domain.Calendar;
using Incidents.Domain.Notifications;

namespace Incidents.Domain.Clocks;

/// <summary>
/// When each of a case's clocks started, as its read model (<c>CaseSummary</c>) folds them from the events: null for a
/// clock that is not running. The calendar and the targets turn these into due times (<see cref="RunningClocks.Of"/>),
/// so a calendar change moves every due time without touching the events.
/// </summary>
public sealed record ClockStarts
{
    public bool Open { get; init; } = true;

    public DateTimeOffset? Triage { get; init; }

    /// <summary>The oldest unanswered request for advice.</summary>
    public DateTimeOffset? AdviceSought { get; init; }

    public DateTimeOffset? Debrief { get; init; }

    public DateTimeOffset? ReferralDecision { get; init; }

    public DateTimeOffset? Referral { get; init; }

    public DateTimeOffset? LadoConsultation { get; init; }

    /// <summary>When a pattern of low-level concerns about the same adult was found, waiting for its review.</summary>
    public DateTimeOffset? LowLevelPatternReview { get; init; }

    /// <summary>A monitored case is reviewed by the end of this school-local date.</summary>
    public DateOnly? MonitoringReviewBy { get; init; }

    /// <summary>
    /// Clocks with a due date of their own, one per item (the debrief's agreed changes: <see cref="CaseClock.DebriefChange"/>,
    /// keyed by the change, owned by someone, due by the end of a school-local date).
    /// </summary>
    public IReadOnlyList<DatedClock> Dated { get; init; } = [];
}

/// <summary>A clock due by the end of a school-local date, with a key telling it apart from others of its kind on the case.</summary>
public sealed record DatedClock(CaseClock Clock, string Key, DateOnly DueBy, string? OwnerMisRef = null);

/// <summary>One running clock of a case: what it waits for, when it started and when it falls due.</summary>
/// <param name="Key">Tells apart several clocks of one kind on a case (debrief changes); empty otherwise.</param>
public sealed record RunningClock(CaseClock Clock, DateTimeOffset DueAt, string Key = "", string? OwnerMisRef = null);

/// <summary>Which alert a scheduled check is for: the reminder to the lead before the due time, or the escalation after it.</summary>
public enum ClockAlertKind
{
    Reminder,
    Overdue,
}

/// <summary>What to do when a scheduled check fires.</summary>
public abstract record ClockCheckOutcome
{
    /// <summary>Send the alert now (once: the sender records it under <see cref="RunningClocks.AlertId"/>).</summary>
    public sealed record Send : ClockCheckOutcome;

    /// <summary>Not yet: check again at this time.</summary>
    public sealed record WaitUntil(DateTimeOffset At) : ClockCheckOutcome;

    /// <summary>The clock stopped, or its due time moved (a new check is scheduled for the new one): nothing to do.</summary>
    public sealed record Stale : ClockCheckOutcome;
}

/// <summary>
/// The service's clocks as a pure function: which run on a case and when each falls due, on the school calendar as
/// it is now, and what a scheduled check does when it fires. The scheduling (Wolverine's durable scheduled messages)
/// only carries these decisions out. A new kind of clock is a line in <see cref="Of"/> (and a start in
/// <see cref="ClockStarts"/>, folded by <c>CaseSummary</c>).
/// </summary>
public static class RunningClocks
{
    public static IReadOnlyList<RunningClock> Of(ClockStarts c, SchoolCalendar calendar, ResponseTargets targets)
    {
        // A debrief's agreed change is the school's, not the case's: it runs on after the case closes.
        var running = c.Dated.Select(d => new RunningClock(d.Clock, calendar.StartOf(d.DueBy.AddDays(1)), d.Key, d.OwnerMisRef)).ToList();
        if (!c.Open)
        {
            return running;
        }

        void SchoolDays(CaseClock clock, DateTimeOffset? since, int days)
        {
            if (since is { } at)
            {
                running.Add(new RunningClock(clock, calendar.AddSchoolDays(at, days)));
            }
        }

        SchoolDays(CaseClock.Triage, c.Triage, targets.TriageSchoolDays);
        SchoolDays(CaseClock.AdviceChase, c.AdviceSought, targets.AdvicePendingSchoolDays);
        SchoolDays(CaseClock.Debrief, c.Debrief, targets.DebriefSchoolDays);
        SchoolDays(CaseClock.ReferralDecision, c.ReferralDecision, targets.ReferralDecisionSchoolDays);
        if (c.LadoConsultation is { } lado)
        {
            // KCSIE Part 4: working days, which run through the school holidays.
            running.Add(new RunningClock(CaseClock.LadoConsultation, calendar.AddWorkingDays(lado, targets.LadoConsultationWorkingDays)));
        }

        if (c.MonitoringReviewBy is { } reviewBy)
        {
            running.Add(new RunningClock(CaseClock.MonitoringReview, calendar.StartOf(reviewBy.AddDays(1))));
        }

        SchoolDays(CaseClock.Referral, c.Referral, targets.ReferralSchoolDays);
        SchoolDays(CaseClock.LowLevelPatternReview, c.LowLevelPatternReview, targets.LowLevelPatternReviewSchoolDays);
        return running;
    }

    /// <summary>
    /// A scheduled check fires: send its alert if the clock still runs with the same due time and the alert's time has
    /// come. A reminder comes <paramref name="remindBefore"/> ahead of the due time and only while the clock is not yet
    /// overdue (then the escalation says more); the escalation comes once the due time has passed.
    /// </summary>
    public static ClockCheckOutcome Check(IReadOnlyList<RunningClock> running, CaseClock clock, string key, ClockAlertKind kind, DateTimeOffset dueAt,
        DateTimeOffset now, TimeSpan remindBefore)
    {
        var current = running.FirstOrDefault(r => r.Clock == clock && r.Key == key);
        if (current is null || current.DueAt != dueAt)
        {
            return new ClockCheckOutcome.Stale();
        }

        var at = AlertAt(current, kind, remindBefore);
        if (kind == ClockAlertKind.Reminder && now >= dueAt)
        {
            return new ClockCheckOutcome.Stale();
        }

        return now >= at ? new ClockCheckOutcome.Send() : new ClockCheckOutcome.WaitUntil(at);
    }

    /// <summary>When a clock's alert of a kind is due.</summary>
    public static DateTimeOffset AlertAt(RunningClock clock, ClockAlertKind kind, TimeSpan remindBefore) =>
        kind == ClockAlertKind.Reminder ? clock.DueAt - remindBefore : clock.DueAt;

    /// <summary>One alert's identity: a clock of a case, its due time and the kind. Sent at most once.</summary>
    public static string AlertId(Guid concernId, CaseClock clock, string key, ClockAlertKind kind, DateTimeOffset dueAt) =>
        $"{concernId:N}/{clock}/{key}/{dueAt.UtcTicks}/{kind}";

    /// <summary>How the work queue names a clock among its overdue steps.</summary>
    public static string QueueName(CaseClock clock) => clock switch
    {
        CaseClock.Triage => "triage",
        CaseClock.AdviceChase => "advice",
        CaseClock.Debrief => "debrief",
        CaseClock.ReferralDecision => "referral-decision",
        CaseClock.LadoConsultation => "lado-consultation",
        CaseClock.MonitoringReview => "review",
        CaseClock.Referral => "referral",
        CaseClock.DebriefChange => "debrief-change",
        CaseClock.LowLevelPatternReview => "pattern-review",
        _ => clock.ToString(),
    };
}

/// <summary>A case's clocks may have started, stopped or moved: its scheduled checks are brought up to date.</summary>
public sealed record CaseClocksChanged(Guid ConcernId);
