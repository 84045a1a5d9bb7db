using static Incidents.Domain.Policy.ClosureStep;
using static Incidents.Domain.Policy.SchoolPolicy;

namespace Incidents.Domain.Policy;

/// <summary>How one kind of concern is handled under a given version of the policy.</summary>
public sealed record RouteRule(
    ConcernKind Kind,
    ConcernCategory Category,
    LeadRole Lead,
    IReadOnlyList<SchoolPolicy> ManagedUnder,
    IReadOnlyList<ClosureStep> RequiredBeforeClosure,
    string PolicyReference);

/// <summary>The route a concern was given when raised; stored on the event so the audit trail shows why.</summary>
public sealed record Route(
    LeadRole Lead,
    IReadOnlyList<SchoolPolicy> ManagedUnder,
    IReadOnlyList<ClosureStep> RequiredBeforeClosure,
    ConcernCategory Category,
    string PolicyVersion,
    string Reason);

/// <summary>
/// The school's Social Media Policy as data: for each kind of concern, who leads it, which school policies
/// it is managed under, and what must be recorded before it can close. Versioned with the policy it
/// implements; a new policy version is a new table, and old concerns keep the route they were raised with.
/// </summary>
public sealed class RoutingTable
{
    /// <summary>St James' CE Primary School Social Media Policy, written September 2021, ratified November 2021.</summary>
    public static readonly RoutingTable SocialMediaPolicy2021 = new(
        "st-james-social-media-policy/2021-09",
        [
            new(ConcernKind.Cyberbullying, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection, AntiBullying, Behaviour], [ParentsInformedDecision],
                "s.6, s.8: peer on peer abuse; DSL responds to safeguarding risks; parents informed as appropriate"),
            new(ConcernKind.YouthProducedSexualImagery, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection, Behaviour, MobileAndSmartTechnology], [ReferralDecision],
                "s.8: youth produced sexual imagery is a child protection concern for the DSL"),
            new(ConcernKind.OnlineSexualHarassment, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection, AntiBullying, Behaviour], [ReferralDecision],
                "s.8: online sexual violence and harassment is a child protection concern for the DSL"),
            new(ConcernKind.OnlineAbuseOrExploitation, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection], [ReferralDecision],
                "s.8: online abuse and exploitation is a child protection concern for the DSL"),
            new(ConcernKind.IllegalContent, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection, AcceptableUse, DataSecurity], [ReferralDecision],
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
            new(ConcernKind.StaffMisconduct, ConcernCategory.Staff, LeadRole.Headteacher,
                [AllegationsAgainstStaff, ChildProtection, StaffCodeOfConduct], [ReferralDecision],
                "s.4: staff misuse of social media is handled under child protection and allegations against staff"),
            new(ConcernKind.PersonalAccountContact, ConcernCategory.Staff, LeadRole.Dsl,
                [ChildProtection, StaffCodeOfConduct], [],
                "s.4.2: contact through personal accounts is reported to the DSL (or deputy) or the headteacher"),
            new(ConcernKind.ConflictingContent, ConcernCategory.Staff, LeadRole.LeadershipTeam,
                [StaffCodeOfConduct], [],
                "s.4.1: staff notify the leadership team of content that conflicts with their role"),
            new(ConcernKind.PreExistingRelationship, ConcernCategory.Staff, LeadRole.Dsl,
                [StaffCodeOfConduct, ChildProtection], [JointDecisionOfDslAndHeadteacher],
                "s.4.2: discussed with the DSL and the headteacher; decisions and advice formally recorded"),
        ]);

    private readonly Dictionary<ConcernKind, RouteRule> _rules;

    public RoutingTable(string policyVersion, IEnumerable<RouteRule> rules)
    {
        PolicyVersion = policyVersion;
        _rules = rules.ToDictionary(r => r.Kind);
        var missing = Enum.GetValues<ConcernKind>().Where(k => !_rules.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"Routing table {policyVersion} has no rule for: {string.Join(", ", missing)}");
        }
    }

    public string PolicyVersion { get; }

    public RouteRule RuleFor(ConcernKind kind) => _rules[kind];

    /// <summary>
    /// The route for a new concern. An allegation about the headteacher is led by the chair of governors,
    /// because nobody may lead a case about themselves.
    /// </summary>
    public Route RouteFor(ConcernKind kind, bool allegationAboutHeadteacher)
    {
        var rule = RuleFor(kind);
        if (rule.Lead == LeadRole.Headteacher && allegationAboutHeadteacher)
        {
            return new Route(LeadRole.ChairOfGovernors, rule.ManagedUnder, rule.RequiredBeforeClosure, rule.Category,
                PolicyVersion, rule.PolicyReference + "; the allegation is about the headteacher, so the chair of governors leads");
        }

        return new Route(rule.Lead, rule.ManagedUnder, rule.RequiredBeforeClosure, rule.Category, PolicyVersion,
            rule.PolicyReference);
    }
}
