namespace Incidents.Domain.Policy;

/// <summary>A step the policy requires to be on record before a concern of some kind can close.</summary>
public enum ClosureStep
{
    /// <summary>Refer to an agency, or record why not (section 8, child protection policy).</summary>
    ReferralDecision,
    /// <summary>For every learner on the case: parents/carers informed, or the reason they were not (section 6).</summary>
    ParentsInformedDecision,
    /// <summary>A decision recorded jointly by the DSL and the headteacher (section 4.2), or the chair when the headteacher declares.</summary>
    JointDecisionOfDslAndHeadteacher,
    /// <summary>Allegations (KCSIE Part 4): the case manager has discussed the allegation with the LADO.</summary>
    LadoConsultation,
    /// <summary>Youth-produced sexual imagery (UKCIS advice): the DSL's initial review is on record.</summary>
    ImageryInitialReview,
}
