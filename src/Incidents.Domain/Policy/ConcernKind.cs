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
    /// <summary>
    /// KCSIE Part 4 section 2: conduct by an adult in the school below the harm threshold (including a self-report),
    /// recorded in confidence and reviewed for patterns.
    /// </summary>
    LowLevelConcern,
    /// <summary>
    /// A learner searching for, or writing about, self-harm or suicide (KCSIE: a child at risk of harm; the UKCIS advice
    /// names a child presenting as suicidal or self-harming): a safeguarding concern for the DSL, most often from the
    /// school's monitoring system.
    /// </summary>
    SelfHarm,
}

/// <summary>Whom a kind of concern is about, which decides who besides the lead may handle it.</summary>
public enum ConcernCategory
{
    /// <summary>A learner's safety or wellbeing: the DSL's remit.</summary>
    LearnerSafety,
    /// <summary>The school's online-safety systems (filtering and monitoring).</summary>
    OnlineSafety,
    /// <summary>A member of staff's own position (a declaration) or their contact with learners.</summary>
    Staff,
    /// <summary>
    /// An adult in the school is alleged to have harmed a child or acted against the policy: managed under the
    /// allegations procedure by the case manager, whatever the kind (KCSIE Part 4).
    /// </summary>
    Allegation,
    /// <summary>
    /// A low-level concern about an adult in the school (KCSIE Part 4 section 2): below the harm threshold, so not an
    /// allegation and no LADO consultation; handled by the DSL or the headteacher as the school sets.
    /// </summary>
    LowLevelConcern,
}

/// <summary>Whether a kind of concern must name an adult in the school, and how (a column of the routing table).</summary>
public enum AdultSubject
{
    /// <summary>Any subjects; an alleged adult still makes it an allegation.</summary>
    Optional,
    /// <summary>Must name the adult alleged (staff misconduct).</summary>
    Alleged,
    /// <summary>Must name the member of staff concerned: declaring it themselves, or alleged by someone else.</summary>
    DeclaringOrAlleged,
}
