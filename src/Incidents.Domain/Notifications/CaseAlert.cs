namespace Incidents.Domain.Notifications;

/// <summary>
/// Something about a case that someone must know now. The sender says what happened, never who is told: the
/// recipients are worked out from the case and the school's settings where the alert is delivered, so nobody
/// alleged is ever told about the case about them, whatever sent it.
/// </summary>
/// <param name="ConcernId">The case.</param>
/// <param name="Reason">Why the alert is sent.</param>
/// <param name="At">When the alert was raised (the service's clock).</param>
/// <param name="Clock">For a reminder or an escalation: which target.</param>
/// <param name="DueAt">For a reminder or an escalation: when the target falls (or fell) due.</param>
/// <param name="OwnerMisRef">For a debrief change: the person who owns it.</param>
public sealed record CaseAlert(
    Guid ConcernId,
    AlertReason Reason,
    DateTimeOffset At,
    CaseClock? Clock = null,
    DateTimeOffset? DueAt = null,
    string? OwnerMisRef = null);

/// <summary>Why a case alerts someone.</summary>
public enum AlertReason
{
    /// <summary>A concern was raised: its lead (or case manager) is told.</summary>
    ConcernRaised,

    /// <summary>Raised or triaged at immediate risk: the DSL, the deputies and the headteacher together.</summary>
    ImmediateRisk,

    /// <summary>A target falls due soon: its lead is reminded.</summary>
    ClockReminder,

    /// <summary>A target has passed: escalated to the headteacher (the chair for cases the headteacher manages).</summary>
    ClockOverdue,
}

/// <summary>The targets the service keeps for a case: each a durable clock with a reminder and an escalation.</summary>
public enum CaseClock
{
    Triage,
    ReferralDecision,
    Referral,
    AdviceChase,
    LadoConsultation,
    Debrief,
    DebriefChange,
    MonitoringReview,
    LowLevelPatternReview,
}
