using static Incidents.Domain.Policy.ClosureStep;
using static Incidents.Domain.Policy.SchoolPolicy;
using Subject = Incidents.Domain.Concerns.Subject;

namespace Incidents.Domain.Policy;

/// <summary>How one kind of concern is handled under a given version of the policy.</summary>
/// <param name="AdultSubject">Whether the kind must name an adult in the school, and how.</param>
public sealed record RouteRule(
    ConcernKind Kind,
    ConcernCategory Category,
    LeadRole Lead,
    IReadOnlyList<SchoolPolicy> ManagedUnder,
    IReadOnlyList<ClosureStep> RequiredBeforeClosure,
    string PolicyReference,
    AdultSubject AdultSubject = AdultSubject.Optional);

/// <summary>How an allegation against an adult in the school is managed, whatever its kind (KCSIE Part 4).</summary>
public sealed record AllegationsProcedure(
    IReadOnlyList<SchoolPolicy> ManagedUnder,
    IReadOnlyList<ClosureStep> RequiredBeforeClosure,
    string PolicyReference);

/// <summary>
/// The route a concern was given; stored on the event so the audit trail shows why, and old concerns keep it
/// when the policy changes.
/// </summary>
public sealed record Route
{
    /// <param name="headteacherAlleged">
    /// Absent (false) in routes stored before allegations had a route of their own; the chair as lead says it then. A
    /// plain bool because the store's serializer binds a constructor parameter only to a property of the same type.
    /// </param>
    /// <param name="headteacherDeclaring">The headteacher declares something about themselves: the chair takes their part.</param>
    public Route(LeadRole lead, IReadOnlyList<SchoolPolicy> managedUnder, IReadOnlyList<ClosureStep> requiredBeforeClosure,
        ConcernCategory category, string policyVersion, string reason, bool headteacherAlleged = false, bool headteacherDeclaring = false)
    {
        Lead = lead;
        ManagedUnder = managedUnder;
        RequiredBeforeClosure = requiredBeforeClosure;
        PolicyVersion = policyVersion;
        Reason = reason;
        HeadteacherDeclaring = headteacherDeclaring;

        // Routes stored before December 2026 knew allegations only as staff cases led by the headteacher, or by the
        // chair when about the headteacher: read them as the allegations they were.
        Category = category == ConcernCategory.Staff && lead is LeadRole.Headteacher or LeadRole.ChairOfGovernors
            ? ConcernCategory.Allegation
            : category;
        HeadteacherAlleged = headteacherAlleged || lead == LeadRole.ChairOfGovernors;
    }

    public LeadRole Lead { get; init; }

    public IReadOnlyList<SchoolPolicy> ManagedUnder { get; init; }

    public IReadOnlyList<ClosureStep> RequiredBeforeClosure { get; init; }

    public ConcernCategory Category { get; init; }

    public string PolicyVersion { get; init; }

    public string Reason { get; init; }

    /// <summary>An allegation about the headteacher: the chair of governors is the case manager.</summary>
    public bool HeadteacherAlleged { get; init; }

    /// <summary>The headteacher declares something about themselves: the chair takes the headteacher's part.</summary>
    public bool HeadteacherDeclaring { get; init; }

    public bool IsAllegation => Category == ConcernCategory.Allegation;

    /// <summary>The headteacher is a subject, so the chair of governors stands in for them and they see nothing more.</summary>
    public bool ChairStandsInForHeadteacher => HeadteacherAlleged || HeadteacherDeclaring;
}

/// <summary>The school's people the routing needs to know (from configuration, checked at start).</summary>
public sealed record SchoolRoles(string HeadteacherMisRef, string ChairOfGovernorsMisRef)
{
    /// <summary>Who handles low-level concerns about adults, as the school sets (KCSIE Part 4 section 2): the DSL or the headteacher.</summary>
    public LeadRole LowLevelConcernsGoTo { get; init; } = LeadRole.Dsl;
}

/// <summary>
/// The school's Social Media Policy as data: for each kind of concern, who leads it, which school policies
/// it is managed under, and what must be recorded before it can close. Versioned with the policy it
/// implements; a new policy version is a new table, and old concerns keep the route they were raised with.
/// </summary>
public sealed class RoutingTable
{
    /// <summary>
    /// St James' CE Primary School Social Media Policy, written September 2021, ratified November 2021. Revision 2
    /// (December 2026) reads it with KCSIE and the UKCIS advice: allegations follow the adult, parents are decided
    /// for each child, and imagery has an initial review. Concerns raised under revision 1 keep their route.
    /// </summary>
    public static readonly RoutingTable SocialMediaPolicy2021 = new(
        "st-james-social-media-policy/2021-09/r2",
        [
            new(ConcernKind.Cyberbullying, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection, AntiBullying, Behaviour], [ParentsInformedDecision],
                "s.6, s.8: peer on peer abuse; DSL responds to safeguarding risks; parents informed as appropriate"),
            new(ConcernKind.YouthProducedSexualImagery, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection, Behaviour, MobileAndSmartTechnology], [ImageryInitialReview, ReferralDecision, ParentsInformedDecision],
                "s.8: youth produced sexual imagery is a child protection concern for the DSL; UKCIS advice: initial review, immediate referral when a trigger holds"),
            new(ConcernKind.OnlineSexualHarassment, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection, AntiBullying, Behaviour], [ReferralDecision, ParentsInformedDecision],
                "s.8: online sexual violence and harassment is a child protection concern for the DSL"),
            new(ConcernKind.OnlineAbuseOrExploitation, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection], [ReferralDecision, ParentsInformedDecision],
                "s.8: online abuse and exploitation is a child protection concern for the DSL"),
            new(ConcernKind.IllegalContent, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection, AcceptableUse, DataSecurity], [ReferralDecision, ParentsInformedDecision],
                "s.8: illegal content is a child protection concern for the DSL"),
            new(ConcernKind.UnderageUse, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection, AcceptableUse, HomeSchoolAgreement], [ParentsInformedDecision],
                "s.6: underage use of social media is shared with parents/carers"),
            new(ConcernKind.FilteringBreach, ConcernCategory.OnlineSafety, LeadRole.Dsl,
                [AcceptableUse, DataSecurity, MobileAndSmartTechnology], [],
                "s.1, s.3, s.8: the DSL has overall responsibility for online safety, filtering and monitoring"),
            new(ConcernKind.InappropriateUse, ConcernCategory.OnlineSafety, LeadRole.Dsl,
                [AcceptableUse, Behaviour, MobileAndSmartTechnology], [],
                "s.3: inappropriate or excessive use may lead to removal of internet access or disciplinary action"),
            new(ConcernKind.StaffMisconduct, ConcernCategory.Allegation, LeadRole.Headteacher,
                [AllegationsAgainstStaff, ChildProtection, StaffCodeOfConduct], [LadoConsultation, ReferralDecision],
                "s.4: staff misuse of social media is handled under child protection and allegations against staff",
                AdultSubject.Alleged),
            new(ConcernKind.PersonalAccountContact, ConcernCategory.Staff, LeadRole.Dsl,
                [ChildProtection, StaffCodeOfConduct], [],
                "s.4.2: contact through personal accounts is reported to the DSL (or deputy) or the headteacher"),
            new(ConcernKind.ConflictingContent, ConcernCategory.Staff, LeadRole.LeadershipTeam,
                [StaffCodeOfConduct], [],
                "s.4.1: staff notify the leadership team of content that conflicts with their role",
                AdultSubject.DeclaringOrAlleged),
            new(ConcernKind.PreExistingRelationship, ConcernCategory.Staff, LeadRole.Dsl,
                [StaffCodeOfConduct, ChildProtection], [JointDecisionOfDslAndHeadteacher],
                "s.4.2: discussed with the DSL and the headteacher; decisions and advice formally recorded",
                AdultSubject.DeclaringOrAlleged),
            new(ConcernKind.LowLevelConcern, ConcernCategory.LowLevelConcern, LeadRole.Dsl,
                [StaffCodeOfConduct], [],
                "KCSIE Part 4 section 2: low-level concerns about adults are shared in confidence with the DSL or the headteacher, as the school sets, recorded and reviewed for patterns",
                AdultSubject.DeclaringOrAlleged),
        ],
        new AllegationsProcedure(
            [AllegationsAgainstStaff, ChildProtection, StaffCodeOfConduct],
            [LadoConsultation, ReferralDecision, ParentsInformedDecision],
            "s.3, s.4: allegations against staff; KCSIE Part 4: the headteacher is case manager (the chair of governors when the headteacher is alleged) and consults the LADO within one working day"));

    private readonly Dictionary<ConcernKind, RouteRule> _rules;

    public RoutingTable(string policyVersion, IEnumerable<RouteRule> rules, AllegationsProcedure allegations)
    {
        PolicyVersion = policyVersion;
        Allegations = allegations;
        _rules = rules.ToDictionary(r => r.Kind);
        var missing = Enum.GetValues<ConcernKind>().Where(k => !_rules.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"Routing table {policyVersion} has no rule for: {string.Join(", ", missing)}");
        }
    }

    public string PolicyVersion { get; }

    public AllegationsProcedure Allegations { get; }

    public RouteRule RuleFor(ConcernKind kind) => _rules[kind];

    /// <summary>
    /// The route for a concern with these subjects. Who is alleged decides before the kind does: any adult in the
    /// school named as alleged makes it an allegation, managed by the headteacher, or by the chair of governors
    /// when the headteacher is alleged, because nobody manages a case about themselves.
    /// </summary>
    /// <param name="harmThresholdMet">A low-level concern whose harm threshold was met is routed as the allegation it became.</param>
    public Route RouteFor(ConcernKind kind, IReadOnlyCollection<Subject> subjects, SchoolRoles school, bool harmThresholdMet = false)
    {
        var rule = RuleFor(kind);
        if (rule.Category == ConcernCategory.LowLevelConcern && !harmThresholdMet)
        {
            return Concerns.LowLevel.LowLevelRouting.RouteFor(rule, subjects, school, PolicyVersion);
        }

        bool IsHeadteacher(Subject s) => s.Is(school.HeadteacherMisRef);
        var alleged = subjects.Where(s => s.IsAllegedAdult).ToList();
        var headteacherDeclaring = subjects.Any(s => s.IsDeclarant && IsHeadteacher(s));
        if (alleged.Count == 0)
        {
            return new Route(rule.Lead, rule.ManagedUnder, rule.RequiredBeforeClosure, rule.Category, PolicyVersion,
                rule.PolicyReference + (headteacherDeclaring ? "; the headteacher declares it, so the chair of governors takes the headteacher's part" : ""),
                headteacherAlleged: false, headteacherDeclaring);
        }

        var headteacherAlleged = alleged.Any(IsHeadteacher);
        var steps = Allegations.RequiredBeforeClosure
            .Concat(rule.RequiredBeforeClosure.Where(step => step != ClosureStep.JointDecisionOfDslAndHeadteacher))
            .Distinct()
            .ToList();
        return new Route(
            headteacherAlleged ? LeadRole.ChairOfGovernors : LeadRole.Headteacher,
            Allegations.ManagedUnder.Concat(rule.ManagedUnder).Distinct().ToList(),
            steps,
            ConcernCategory.Allegation,
            PolicyVersion,
            Allegations.PolicyReference + (headteacherAlleged
                ? "; the headteacher is alleged, so the chair of governors is the case manager"
                : "; an adult in the school is alleged, so the headteacher is the case manager"),
            headteacherAlleged,
            headteacherDeclaring);
    }
}
