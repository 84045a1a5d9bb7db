using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.LowLevel;

/// <summary>
/// Low-level concerns about adults in the school (KCSIE Part 4 section 2): conduct below the harm threshold, recorded
/// in confidence. The adult named (alleged by a colleague, or declaring when they report themselves) is "the subject of
/// the concern": never an allegation while it stays below the threshold, so no LADO consultation, and they read nothing
/// of it (<see cref="CaseAccess.ReadLevelFor"/>).
/// </summary>
public static class LowLevelConcerns
{
    /// <summary>Whether a route is a low-level concern still below the harm threshold.</summary>
    public static bool IsLowLevel(this Route route) => route.Category == ConcernCategory.LowLevelConcern;

    /// <summary>The adults in the school the concern is about: alleged, or declaring about themselves.</summary>
    public static IReadOnlyList<string> AdultsNamed(IEnumerable<Subject> subjects) => subjects
        .Where(s => s.IsAllegedAdult || s.IsDeclarant)
        .Select(s => s.MisRef.Trim())
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();

    /// <summary>The subject of a low-level concern, when it names exactly one adult in the school.</summary>
    public static string? SubjectOf(IEnumerable<Subject> subjects) => AdultsNamed(subjects) is [var one] ? one : null;

    /// <summary>
    /// A case becomes a low-level concern by a change of kind only while it is no allegation: an allegation falls below the
    /// harm threshold only on the LADO's word, recorded on it, never by relabelling it; and it names one adult as on raising.
    /// </summary>
    public static RuleViolation? CheckKindChange(Concern concern, ConcernKind to, RoutingTable policy) =>
        policy.RuleFor(to).Category != ConcernCategory.LowLevelConcern ? null
        : concern.Route.IsAllegation ? Rules.AllegationNotMadeLowLevel
        : Check(to, concern.Subjects, policy);

    /// <summary>A low-level concern is about one adult: patterns are counted per adult, and the adult reads none of it.</summary>
    public static RuleViolation? Check(ConcernKind kind, IReadOnlyCollection<Subject> subjects, RoutingTable policy) =>
        policy.RuleFor(kind).Category == ConcernCategory.LowLevelConcern && SubjectOf(subjects) is null
            ? Rules.LowLevelConcernIsAboutOneAdult
            : null;
}

/// <summary>Who handles a low-level concern: the DSL or the headteacher as the school sets; the chair when it is about the headteacher.</summary>
public static class LowLevelRouting
{
    public static Route RouteFor(RouteRule rule, IReadOnlyCollection<Subject> subjects, SchoolRoles school, string policyVersion)
    {
        var about = subjects.Where(s => s.IsAllegedAdult || s.IsDeclarant).ToList();
        var headteacher = about.Where(s => s.Is(school.HeadteacherMisRef)).ToList();
        if (headteacher.Count > 0)
        {
            return new Route(LeadRole.ChairOfGovernors, rule.ManagedUnder, rule.RequiredBeforeClosure, rule.Category, policyVersion,
                rule.PolicyReference + "; it is about the headteacher, so the chair of governors handles it",
                headteacherAlleged: headteacher.Any(s => s.IsAllegedAdult), headteacherDeclaring: headteacher.Any(s => s.IsDeclarant));
        }

        var lead = school.LowLevelConcernsGoTo == LeadRole.Headteacher ? LeadRole.Headteacher : LeadRole.Dsl;
        return new Route(lead, rule.ManagedUnder, rule.RequiredBeforeClosure, rule.Category, policyVersion,
            rule.PolicyReference + (lead == LeadRole.Headteacher
                ? "; the school has them go to the headteacher"
                : "; the school has them go to the DSL"));
    }
}

/// <summary>When earlier low-level concerns about the same adult make a pattern (school settings).</summary>
/// <param name="Count">How many low-level concerns about one adult, this one included, make a pattern.</param>
/// <param name="Months">Within how many months before this one's date they count.</param>
public sealed record LowLevelPatternSettings(int Count = 3, int Months = 12);

/// <summary>An earlier low-level concern, as the raise is told of it: which case, about whom, and when it happened.</summary>
public sealed record EarlierLowLevelConcern(Guid ConcernId, string SubjectMisRef, DateTimeOffset OccurredAt)
{
    /// <summary>What a stored case counts for: a low-level concern (even one since found to meet the threshold), not withdrawn as raised in error.</summary>
    public static EarlierLowLevelConcern? Of(Concern concern) =>
        concern.Kind == ConcernKind.LowLevelConcern && concern.Status != ConcernStatus.Withdrawn && LowLevelConcerns.SubjectOf(concern.Subjects) is { } about
            ? new EarlierLowLevelConcern(concern.Id, about, concern.OccurredAt)
            : null;
}

public static class LowLevelPatterns
{
    /// <summary>
    /// The earlier concerns that, with this one, make a pattern about <paramref name="subjectMisRef"/>; empty when they do not.
    /// </summary>
    public static IReadOnlyList<Guid> Find(string subjectMisRef, DateTimeOffset occurredAt, IEnumerable<EarlierLowLevelConcern> earlier, LowLevelPatternSettings settings)
    {
        var since = occurredAt.AddMonths(-settings.Months);
        var same = earlier
            .Where(e => string.Equals(e.SubjectMisRef.Trim(), subjectMisRef.Trim(), StringComparison.OrdinalIgnoreCase) && e.OccurredAt >= since)
            .OrderBy(e => e.OccurredAt)
            .Select(e => e.ConcernId)
            .Distinct()
            .ToList();
        return same.Count + 1 >= settings.Count ? same : [];
    }
}
