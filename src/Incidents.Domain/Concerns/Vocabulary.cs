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
