using Incidents.Domain.Policy;

namespace Incidents.Domain.Filtering;

/// <summary>One row of the table: a category a filtering or monitoring provider reports, and the kind of concern it becomes.</summary>
public sealed record FilteringCategoryRule(string Category, ConcernKind Kind, string Reason);

/// <summary>What the table made of a provider's category; <see cref="Mapped"/> is false for one it does not list.</summary>
public sealed record FilteringCategoryMatch(string Category, ConcernKind Kind, bool Mapped, string Reason);

/// <summary>
/// The provider's categories as the policy's kinds of concern, as data (like the routing table): versioned, read by
/// the DSL, and the same for every provider, because the documented alert shape names categories in these words. A
/// category the table does not list is never dropped: it becomes a filtering breach for the DSL, who decides what it is.
/// </summary>
public sealed class FilteringCategoryTable
{
    /// <summary>
    /// The categories of the UK Safer Internet Centre's "appropriate filtering and monitoring" definitions (illegal
    /// content on the IWF and counter-terrorism lists; discrimination, drugs, extremism, gambling, malware, pornography,
    /// piracy, self-harm, violence) and the monitoring categories providers add (grooming, bullying, harassment).
    /// </summary>
    public static readonly FilteringCategoryTable Default = new(
        "filtering-categories/2026-12/r1",
        [
            new("child-sexual-abuse", ConcernKind.IllegalContent, "On the IWF's list: illegal content, a child protection concern for the DSL (s.8)"),
            new("terrorism", ConcernKind.IllegalContent, "On the police's counter-terrorism list: illegal content (s.8)"),
            new("illegal-content", ConcernKind.IllegalContent, "Illegal content (s.8)"),
            new("extremism", ConcernKind.OnlineAbuseOrExploitation, "Radicalisation is exploitation (KCSIE; the Prevent duty): a child protection concern for the DSL"),
            new("radicalisation", ConcernKind.OnlineAbuseOrExploitation, "Radicalisation is exploitation (KCSIE; the Prevent duty)"),
            new("grooming", ConcernKind.OnlineAbuseOrExploitation, "Online abuse and exploitation (s.8)"),
            new("sexual-exploitation", ConcernKind.OnlineAbuseOrExploitation, "Online abuse and exploitation (s.8)"),
            new("self-harm", ConcernKind.SelfHarm, "A child at risk of harm: a safeguarding concern for the DSL (KCSIE)"),
            new("suicide", ConcernKind.SelfHarm, "A child at risk of harm: a safeguarding concern for the DSL (KCSIE)"),
            new("bullying", ConcernKind.Cyberbullying, "Peer on peer abuse, including cyberbullying (s.8)"),
            new("sexual-harassment", ConcernKind.OnlineSexualHarassment, "Online sexual violence and harassment (s.8)"),
            new("pornography", ConcernKind.InappropriateUse, "Inappropriate use of school devices and systems (s.3)"),
            new("adult-content", ConcernKind.InappropriateUse, "Inappropriate use of school devices and systems (s.3)"),
            new("discrimination", ConcernKind.InappropriateUse, "Inappropriate use of school devices and systems (s.3)"),
            new("drugs", ConcernKind.InappropriateUse, "Inappropriate use of school devices and systems (s.3)"),
            new("gambling", ConcernKind.InappropriateUse, "Inappropriate use of school devices and systems (s.3)"),
            new("violence", ConcernKind.InappropriateUse, "Inappropriate use of school devices and systems (s.3)"),
            new("weapons", ConcernKind.InappropriateUse, "Inappropriate use of school devices and systems (s.3)"),
            new("social-media", ConcernKind.InappropriateUse, "Learners' personal social media use in school is not permitted (s.3, s.6)"),
            new("filter-bypass", ConcernKind.FilteringBreach, "An attempt to get round the school's filtering (s.3, s.8: breaches of filtering)"),
            new("malware-hacking", ConcernKind.FilteringBreach, "A threat to the school's systems (s.3, s.8: breaches of filtering)"),
            new("piracy", ConcernKind.FilteringBreach, "Copyright theft on the school's systems (s.3)"),
        ]);

    /// <summary>What a category the table does not list becomes.</summary>
    public const ConcernKind Unmapped = ConcernKind.FilteringBreach;

    public const string UnmappedReason = "Not in the table: a filtering or monitoring concern for the DSL, who decides what it is (s.3, s.8)";

    private readonly Dictionary<string, FilteringCategoryRule> _rules;

    public FilteringCategoryTable(string version, IReadOnlyList<FilteringCategoryRule> rules)
    {
        Version = version;
        Rules = rules;
        _rules = rules.ToDictionary(r => Normalise(r.Category), StringComparer.Ordinal);
    }

    public string Version { get; }

    public IReadOnlyList<FilteringCategoryRule> Rules { get; }

    /// <summary>The kind a category becomes: the table's, else <see cref="Unmapped"/>.</summary>
    public FilteringCategoryMatch KindFor(string category)
    {
        var key = Normalise(category);
        return _rules.TryGetValue(key, out var rule)
            ? new FilteringCategoryMatch(key, rule.Kind, true, rule.Reason)
            : new FilteringCategoryMatch(key, Unmapped, false, UnmappedReason);
    }

    /// <summary>Categories compare as lower-case words joined by hyphens ("Self Harm", "self_harm" and "self-harm" are one).</summary>
    public static string Normalise(string category) =>
        string.Join('-', category.Trim().ToLowerInvariant().Split([' ', '_', '-', '/'], StringSplitOptions.RemoveEmptyEntries));
}
