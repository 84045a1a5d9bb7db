namespace Incidents.Domain.Concerns;

public enum ConcernStatus
{
    Raised,
    Monitoring,
    UnderInvestigation,
    InvestigationCompleted,
    Debriefed,
    /// <summary>Triaged as no further action; waiting to be closed.</summary>
    NoFurtherAction,
    Closed,
    /// <summary>Closed and reopened on new information; needs triage again.</summary>
    Reopened,
    /// <summary>Raised in error and withdrawn: closed, and not counted as a concern handled.</summary>
    Withdrawn,
}

public enum RiskLevel
{
    Low,
    Medium,
    High,
    Immediate,
}

public enum TriageDecision
{
    Investigate,
    Monitor,
    NoFurtherAction,
}

public static class TriageDecisions
{
    /// <summary>Where a case stands once triaged with this decision.</summary>
    public static ConcernStatus StatusAfter(this TriageDecision decision) => decision switch
    {
        TriageDecision.Investigate => ConcernStatus.UnderInvestigation,
        TriageDecision.Monitor => ConcernStatus.Monitoring,
        _ => ConcernStatus.NoFurtherAction,
    };
}

public enum InvestigationOutcome
{
    Substantiated,
    Unsubstantiated,
    Unfounded,
    False,
    Malicious,
}

public enum ReferralAgency
{
    Police,
    ChildrensSocialCare,
    /// <summary>Local Authority Designated Officer (allegations against staff).</summary>
    Lado,
    /// <summary>Child Exploitation and Online Protection command.</summary>
    Ceop,
    Other,
}

public enum ReferralDecisionKind
{
    Refer,
    DoNotRefer,
}

public enum SanctionKind
{
    LearnerBehaviourSanction,
    StaffDisciplinary,
}

public enum ClosureOutcome
{
    /// <summary>Closed after the policy's steps were completed.</summary>
    Resolved,
    /// <summary>Closed without investigation, with a rationale.</summary>
    NoFurtherAction,
    /// <summary>Closed after a period of monitoring, with a rationale.</summary>
    Monitored,
    /// <summary>Raised in error and withdrawn.</summary>
    Withdrawn,
}

/// <summary>
/// UKCIS advice on sharing nudes and semi-nudes: when any of these holds, the DSL refers to the police and/or
/// children's social care at once; the school may not manage it alone.
/// </summary>
public enum ImmediateReferralTrigger
{
    AdultInvolved,
    /// <summary>Coercion, blackmail or grooming, or concerns about capacity to consent (e.g. special educational needs).</summary>
    CoercionOrCapacityToConsent,
    /// <summary>Sexual acts unusual for the child's developmental stage, or violence.</summary>
    UnusualActsOrViolence,
    /// <summary>The imagery involves sexual acts and any child in it is under 13.</summary>
    SexualActsChildUnder13,
    /// <summary>A child is at immediate risk of harm because of the sharing (e.g. suicidal or self-harming).</summary>
    ImmediateRiskOfHarm,
}

public enum ProposedChangeKind
{
    Policy,
    Curriculum,
}

/// <summary>The Education People's Education Safeguarding Service: where section 8 says to seek advice.</summary>
public static class Agencies
{
    public const string EducationSafeguardingService = "Education Safeguarding Service";
}
