namespace Incidents.Domain.Calendar;

/// <summary>
/// How quickly the school expects each step, in school days (configurable per school), except the LADO's working day. A case that misses one
/// is flagged as overdue on the DSL's work queue.
/// </summary>
public sealed record ResponseTargets
{
    /// <summary>Triage within one school day of the concern being raised (or reopened).</summary>
    public int TriageSchoolDays { get; init; } = 1;

    /// <summary>Advice from the Education Safeguarding Service pending for longer than this is chased.</summary>
    public int AdvicePendingSchoolDays { get; init; } = 5;

    /// <summary>The leadership debrief follows the investigation within this many school days.</summary>
    public int DebriefSchoolDays { get; init; } = 10;

    /// <summary>
    /// Where a referral decision is needed (refer or not, with the rationale), it is made within this many school days of
    /// the case coming to need one: raised, rerouted (e.g. becoming an allegation) or triaged at immediate risk.
    /// </summary>
    public int ReferralDecisionSchoolDays { get; init; } = 1;

    /// <summary>A referral decided on is made within this many school days of the decision.</summary>
    public int ReferralSchoolDays { get; init; } = 1;

    /// <summary>
    /// A pattern of low-level concerns about the same adult (KCSIE Part 4 section 2) is reviewed by the case manager within
    /// this many school days of being found.
    /// </summary>
    public int LowLevelPatternReviewSchoolDays { get; init; } = 5;

    /// <summary>KCSIE Part 4: an allegation is discussed with the LADO within one <b>working</b> day, holidays or not.</summary>
    public int LadoConsultationWorkingDays { get; init; } = 1;
}
