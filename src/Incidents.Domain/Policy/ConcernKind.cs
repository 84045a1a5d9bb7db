namespace Incidents.Domain.Policy;

/// <summary>The kinds of concern the Social Media Policy names (sections 3, 4, 6 and 8).</summary>
public enum ConcernKind
{
    Cyberbullying,
    /// <summary>Sharing nudes or semi-nudes ("sexting").</summary>
    YouthProducedSexualImagery,
    OnlineSexualHarassment,
    OnlineAbuseOrExploitation,
    IllegalContent,
    FilteringBreach,
    /// <summary>Staff misuse of social media or a breach of this policy (section 4).</summary>
    StaffMisconduct,
    /// <summary>A learner on a service below its minimum age (section 6).</summary>
    UnderageUse,
    /// <summary>Inappropriate or excessive use in school hours or on school devices (section 3).</summary>
    InappropriateUse,
    /// <summary>A learner or family contacting staff through personal accounts (section 4.2).</summary>
    PersonalAccountContact,
    /// <summary>Content a member of staff shared that conflicts with their role (section 4.1).</summary>
    ConflictingContent,
    /// <summary>A member of staff's existing relationship with a learner's family (section 4.2).</summary>
    PreExistingRelationship,
}

/// <summary>Whom a kind of concern is about, which decides who besides the lead may handle it.</summary>
public enum ConcernCategory
{
    /// <summary>A learner's safety or wellbeing: the DSL's remit.</summary>
    LearnerSafety,
    /// <summary>The school's online-safety systems (filtering and monitoring).</summary>
    OnlineSafety,
    /// <summary>The conduct or position of a member of staff.</summary>
    Staff,
}
