using Incidents.Domain.Identity;
using static Incidents.Domain.Policy.ClosureStep;
using static Incidents.Domain.Policy.SchoolPolicy;
using Involvement = Incidents.Domain.Concerns.Involvement;
using PersonType = Incidents.Domain.Concerns.PersonType;
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
    /// <param name="headteacherNamed">The headteacher is on the case in another way (affected, witness): the chair takes their part.</param>
    /// <param name="chairAlleged">The chair of governors is alleged.</param>
    /// <param name="chairNamed">The chair of governors is on the case, not alleged.</param>
    /// <param name="viceChairMisRef">The chair would take the headteacher's part but is on the case too: the vice-chair does.</param>
    /// <param name="ladoDirect">Nobody in the school may manage it: it goes to the LADO directly, the DSL recording their part.</param>
    /// <param name="dslDeclaring">The DSL (or a deputy) declares it: the headteacher's decision stands without the DSL's part.</param>
    public Route(LeadRole lead, IReadOnlyList<SchoolPolicy> managedUnder, IReadOnlyList<ClosureStep> requiredBeforeClosure,
        ConcernCategory category, string policyVersion, string reason, bool headteacherAlleged = false, bool headteacherDeclaring = false,
        bool headteacherNamed = false, bool chairAlleged = false, bool chairNamed = false, string? viceChairMisRef = null, bool ladoDirect = false,
        bool dslDeclaring = false)
    {
        Lead = lead;
        ManagedUnder = managedUnder;
        RequiredBeforeClosure = requiredBeforeClosure;
        PolicyVersion = policyVersion;
        Reason = reason;
        HeadteacherDeclaring = headteacherDeclaring;
        HeadteacherNamed = headteacherNamed;
        ChairAlleged = chairAlleged;
        ChairNamed = chairNamed;
        ViceChairMisRef = viceChairMisRef;
        LadoDirect = ladoDirect;
        DslDeclaring = dslDeclaring;

        // Routes stored before December 2026 knew allegations only as staff cases led by the headteacher, or by the
        // chair when about the headteacher: read them as the allegations they were.
        Category = category == ConcernCategory.Staff && lead is LeadRole.Headteacher or LeadRole.ChairOfGovernors
            ? ConcernCategory.Allegation
            : category;
        HeadteacherAlleged = headteacherAlleged || (lead == LeadRole.ChairOfGovernors && !headteacherDeclaring && !headteacherNamed);
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

    /// <summary>The headteacher is on the case in another way (affected, witness, other): the chair takes their part.</summary>
    public bool HeadteacherNamed { get; init; }

    /// <summary>The chair of governors is alleged.</summary>
    public bool ChairAlleged { get; init; }

    /// <summary>The chair of governors is on the case, not alleged (affected, witness, other).</summary>
    public bool ChairNamed { get; init; }

    /// <summary>
    /// The vice-chair of governors (by MIS reference: they hold only the governor role) takes the chair's part, because
    /// the chair would stand in for the headteacher and is on the case too.
    /// </summary>
    public string? ViceChairMisRef { get; init; }

    /// <summary>
    /// Nobody in the school may manage it (the headteacher and the chair are both on it and there is no vice-chair to
    /// turn to): it is the LADO's directly, and the DSL records what the LADO asks and advises, reading the child's side.
    /// </summary>
    public bool LadoDirect { get; init; }

    /// <summary>The DSL (or a deputy) declares it: the headteacher's part of a joint decision stands alone.</summary>
    public bool DslDeclaring { get; init; }

    public bool IsAllegation => Category == ConcernCategory.Allegation;

    /// <summary>The headteacher is a subject, so the chair of governors stands in for them and they see nothing more.</summary>
    public bool ChairStandsInForHeadteacher => HeadteacherAlleged || HeadteacherDeclaring || HeadteacherNamed;

    /// <summary>The chair would stand in for the headteacher, but is a subject too: the vice-chair, or the LADO directly.</summary>
    public bool ChairStandsAside => ChairStandsInForHeadteacher && (ChairAlleged || ChairNamed);

    private static readonly Role[] DslRoles = [Role.Dsl, Role.DeputyDsl];

    /// <summary>
    /// The roles that handle a case led by <paramref name="lead"/> on this route (triage, escalate, refer, record
    /// actions, complete the investigation, close, reopen, correct). An allegation is the case manager's alone: the
    /// headteacher, the chair of governors when the headteacher is on the case, the vice-chair (by reference, see
    /// <see cref="ViceChairMisRef"/>) when the chair is too, nobody in the school when it is the LADO's directly. A
    /// learner's or online-safety case is the DSL's (or a deputy's), with the headteacher as the DSL's alternate (s.4.2,
    /// s.8). A staff declaration or contact case is its lead's and the headteacher's, the chair standing in when the
    /// headteacher is on the case.
    /// </summary>
    public IReadOnlySet<Role> HandlerRoles(LeadRole lead)
    {
        var roles = new HashSet<Role>(lead.HeldBy());
        switch (Category)
        {
            case ConcernCategory.Allegation:
                roles = [Role.Headteacher];
                break;
            case ConcernCategory.LearnerSafety or ConcernCategory.OnlineSafety:
                roles.UnionWith([.. DslRoles, Role.Headteacher]);
                break;
            default:
                roles.Add(Role.Headteacher);
                break;
        }

        if (ChairStandsInForHeadteacher)
        {
            roles.Remove(Role.Headteacher);
            roles.Add(Role.ChairOfGovernors);
        }

        // The chair on the case too: the vice-chair takes their part (by reference), or on an allegation the LADO.
        if (ChairStandsAside)
        {
            roles.Remove(Role.ChairOfGovernors);
        }

        if (LadoDirect)
        {
            roles.Clear();
        }

        return roles;
    }

    /// <summary>Whether the actor handles the case by the route: by a handler role, or as the vice-chair named on it.</summary>
    public bool IsHandledBy(Actor actor, LeadRole lead) =>
        actor.Roles.Any(HandlerRoles(lead).Contains)
        || actor.IsStrongly(ViceChairMisRef);
}

/// <summary>
/// The school's facts the routing needs (from configuration, checked at start): who holds the offices, and (per
/// command, loaded by whoever gives it) what the directory says each person named is. Who someone is to the school is
/// the school's fact, never the caller's.
/// </summary>
/// <param name="ViceChairOfGovernorsMisRef">Takes the chair's part when the chair would stand in for the headteacher but cannot.</param>
/// <param name="DslMisRefs">The DSL and the deputies.</param>
public sealed record SchoolRoles(
    string HeadteacherMisRef,
    string ChairOfGovernorsMisRef,
    string? ViceChairOfGovernorsMisRef = null,
    IReadOnlyList<string>? DslMisRefs = null)
{
    /// <summary>What the directory lists each person named in the command as (keys are <see cref="Key"/>s); unlisted refs are absent.</summary>
    public IReadOnlyDictionary<string, PersonType> Listed { get; init; } = new Dictionary<string, PersonType>();

    public IReadOnlyList<string> Dsls => DslMisRefs ?? [];

    /// <summary>Who handles low-level concerns about adults, as the school sets (KCSIE Part 4 section 2): the DSL or the headteacher.</summary>
    public LeadRole LowLevelConcernsGoTo { get; init; } = LeadRole.Dsl;

    /// <summary>These facts with what the directory lists for the people a command names.</summary>
    public SchoolRoles WithListed(IEnumerable<(string MisRef, PersonType Type)> listed) =>
        this with { Listed = listed.GroupBy(p => Key(p.MisRef)).ToDictionary(g => g.Key, g => g.First().Type) };

    /// <summary>These facts, knowing one more person as a DSL (a raiser whose token says so).</summary>
    public SchoolRoles WithDsl(string misRef) => this with { DslMisRefs = [.. Dsls, misRef] };

    public static string Key(string misRef) => misRef.Trim().ToLowerInvariant();

    private static bool Same(string? a, string b) => a is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    public bool IsHeadteacher(string misRef) => Same(HeadteacherMisRef, misRef);

    public bool IsChair(string misRef) => Same(ChairOfGovernorsMisRef, misRef);

    public bool IsViceChair(string misRef) => Same(ViceChairOfGovernorsMisRef, misRef);

    public bool IsDsl(string misRef) => Dsls.Any(d => Same(d, misRef));

    /// <summary>The headteacher, the chair, the vice-chair, the DSL and the deputies: adults of the school, whatever a caller says.</summary>
    public bool HoldsOffice(string misRef) => IsHeadteacher(misRef) || IsChair(misRef) || IsViceChair(misRef) || IsDsl(misRef);

    /// <summary>What the school says the person is, when it says: the directory, else an office's holder is an adult.</summary>
    public PersonType? TypeOf(string misRef) =>
        Listed.TryGetValue(Key(misRef), out var type) ? type : null;

    /// <summary>An adult in the school by the school's facts (the directory, the offices), or by the type given when they say nothing.</summary>
    public bool IsAdultInSchool(Subject subject) =>
        HoldsOffice(subject.MisRef) || (TypeOf(subject.MisRef) is { } listed ? (subject with { Type = listed }).IsAdultInSchool : subject.IsAdultInSchool);

    public bool IsAllegedAdult(Subject subject) => subject.Involvement == Involvement.Alleged && IsAdultInSchool(subject);

    public bool IsDeclarant(Subject subject) => subject.Involvement == Involvement.Declaring && IsAdultInSchool(subject);
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
    /// for each child, and imagery has an initial review. Revision 3 (December 2026) adds self-harm, which the school's monitoring
    /// system reports (s.3, s.7). Concerns raised under earlier revisions keep their route.
    /// </summary>
    public static readonly RoutingTable SocialMediaPolicy2021 = new(
        "st-james-social-media-policy/2021-09/r3",
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
            new(ConcernKind.SelfHarm, ConcernCategory.LearnerSafety, LeadRole.Dsl,
                [ChildProtection], [ReferralDecision, ParentsInformedDecision],
                "s.6, s.7: the DSL responds to safeguarding risks the school's monitoring finds; KCSIE and the UKCIS advice: a child presenting as suicidal or self-harming is at risk of harm"),
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
    /// <param name="formerlyAlleged">
    /// Everyone once alleged on the case (taken off since): still shut out of it, so an office holder among them is
    /// still on it for the routing's purposes.
    /// </param>
    /// <param name="harmThresholdMet">A low-level concern whose harm threshold was met is routed as the allegation it became.</param>
    public Route RouteFor(ConcernKind kind, IReadOnlyCollection<Subject> subjects, SchoolRoles school, bool harmThresholdMet = false,
        IReadOnlyCollection<string>? formerlyAlleged = null)
    {
        var rule = RuleFor(kind);
        subjects = [.. subjects, .. (formerlyAlleged ?? []).Where(r => !subjects.Any(s => s.Is(r))).Select(r => new Subject(r, PersonType.Other, Involvement.Other))];
        var alleged = subjects.Where(school.IsAllegedAdult).ToList();
        var headteacherAlleged = alleged.Any(s => school.IsHeadteacher(s.MisRef));
        var headteacherDeclaring = !headteacherAlleged && subjects.Any(s => school.IsDeclarant(s) && school.IsHeadteacher(s.MisRef));
        var headteacherNamed = !headteacherAlleged && !headteacherDeclaring && subjects.Any(s => school.IsHeadteacher(s.MisRef));
        var chairAlleged = alleged.Any(s => school.IsChair(s.MisRef));
        var chairNamed = !chairAlleged && subjects.Any(s => school.IsChair(s.MisRef));
        var dslDeclaring = subjects.Any(s => school.IsDeclarant(s) && school.IsDsl(s.MisRef));
        var chairStandsIn = headteacherAlleged || headteacherDeclaring || headteacherNamed;

        // Whoever the school names next takes the case when the headteacher and the chair are both on it: the
        // vice-chair, unless they are on it too, else the LADO directly (KCSIE Part 4: the governing body and the LADO).
        var chairStandsAside = chairStandsIn && (chairAlleged || chairNamed);
        var viceChair = chairStandsAside && school.ViceChairOfGovernorsMisRef is { } v && !subjects.Any(s => school.IsViceChair(s.MisRef)) ? v.Trim() : null;
        var ladoDirect = chairStandsAside && viceChair is null && alleged.Count > 0;
        var who = ladoDirect
            ? "; the headteacher and the chair of governors are both on it, so it goes to the LADO directly and the DSL records their part"
            : viceChair is not null
                ? "; the headteacher and the chair of governors are both on it, so the vice-chair of governors takes the chair's part"
                : chairStandsAside ? "; the chair of governors is on it too, so the lead acts without them" : "";

        if (rule.Category == ConcernCategory.LowLevelConcern && !harmThresholdMet)
        {
            // Below the threshold there is no LADO: with the headteacher and the chair both on it, the vice-chair takes the
            // chair's part, else the DSL (the school's other recipient of low-level concerns) handles it without either.
            var low = Concerns.LowLevel.LowLevelRouting.RouteFor(rule, subjects, school, PolicyVersion);
            return low with
            {
                Lead = chairStandsIn && viceChair is null && chairStandsAside ? LeadRole.Dsl : chairStandsIn ? LeadRole.ChairOfGovernors : low.Lead,
                Reason = low.Reason + who,
                HeadteacherAlleged = headteacherAlleged,
                HeadteacherDeclaring = headteacherDeclaring,
                HeadteacherNamed = headteacherNamed,
                ChairAlleged = chairAlleged,
                ChairNamed = chairNamed,
                ViceChairMisRef = viceChair,
                DslDeclaring = dslDeclaring,
            };
        }

        if (alleged.Count == 0)
        {
            return new Route(rule.Lead, rule.ManagedUnder, rule.RequiredBeforeClosure, rule.Category, PolicyVersion,
                rule.PolicyReference + (headteacherDeclaring ? "; the headteacher declares it, so the chair of governors takes the headteacher's part"
                    : headteacherNamed ? "; the headteacher is on it, so the chair of governors takes the headteacher's part" : "") + who,
                headteacherAlleged: false, headteacherDeclaring, headteacherNamed, chairAlleged, chairNamed, viceChair, ladoDirect, dslDeclaring);
        }

        var steps = Allegations.RequiredBeforeClosure
            .Concat(rule.RequiredBeforeClosure.Where(step => step != ClosureStep.JointDecisionOfDslAndHeadteacher))
            .Distinct()
            .ToList();
        return new Route(
            // The DSL's queue holds what goes to the LADO directly: the DSL records the LADO's part.
            ladoDirect ? LeadRole.Dsl : chairStandsIn ? LeadRole.ChairOfGovernors : LeadRole.Headteacher,
            Allegations.ManagedUnder.Concat(rule.ManagedUnder).Distinct().ToList(),
            steps,
            ConcernCategory.Allegation,
            PolicyVersion,
            Allegations.PolicyReference + (headteacherAlleged
                ? "; the headteacher is alleged, so the chair of governors is the case manager"
                : chairStandsIn
                    ? "; the headteacher is on it, so the chair of governors is the case manager"
                    : "; an adult in the school is alleged, so the headteacher is the case manager") + who,
            headteacherAlleged,
            headteacherDeclaring,
            headteacherNamed,
            chairAlleged,
            chairNamed,
            viceChair,
            ladoDirect,
            dslDeclaring);
    }
}
