namespace Incidents.Domain.Policy;

/// <summary>A step the policy requires to be on record before a concern of some kind can close.</summary>
public enum ClosureStep
{
    /// <summary>Refer to an agency, or record why not (section 8, child protection policy).</summary>
    ReferralDecision,
    /// <summary>Parents/carers informed, or the reason they were not (section 6).</summary>
    ParentsInformedDecision,
    /// <summary>A decision recorded jointly by the DSL and the headteacher (section 4.2).</summary>
    JointDecisionOfDslAndHeadteacher,
}
