using Incidents.Domain.Concerns.Acting;

namespace Incidents.Domain.Concerns;

/// <summary>
/// The child's side of a case someone else leads (<see cref="ReadLevel.ChildSide"/>): what the DSL keeps for each child
/// on it, their support and their parents' decision, and the corrections of those entries. The one definition, used by
/// the actions the DSL may record, the API's view, the chronology and the case page.
/// </summary>
public static class ChildSide
{
    /// <summary>The actions the DSL records for a child on an allegation, as the case manager does.</summary>
    public static readonly IReadOnlySet<ActionType> Actions = new HashSet<ActionType>
    {
        ActionType.SupportOffered, ActionType.ParentsInformed, ActionType.ParentsNotInformed,
    };

    /// <summary>The entry types those actions fold into (<see cref="Concern.Entries"/>).</summary>
    public static readonly IReadOnlySet<string> EntryTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "support-offered", "parents-informed", "parents-not-informed",
    };

    private static readonly IReadOnlySet<string> ParentsEntryTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "parents-informed", "parents-not-informed",
    };

    /// <summary>
    /// The entries on one child's side: their support and their parents, recorded for them (under any reference they
    /// had on the case). A decision about parents stored before December 2026 named no child: it stands for every child.
    /// </summary>
    public static IReadOnlyList<CaseEntry> EntriesFor(Concern concern, string learnerMisRef)
    {
        var refs = concern.RefsOf(learnerMisRef);
        return concern.Entries
            .Where(e => EntryTypes.Contains(e.Type))
            .Where(e => e.SubjectMisRef is { } subject
                ? refs.Any(r => string.Equals(r.Trim(), subject.Trim(), StringComparison.OrdinalIgnoreCase))
                : ParentsEntryTypes.Contains(e.Type))
            .ToList();
    }

    /// <summary>Every child's side of the case: the entries for each learner on it.</summary>
    public static IReadOnlyList<CaseEntry> Entries(Concern concern) =>
        concern.Learners.SelectMany(l => EntriesFor(concern, l.MisRef)).Distinct().OrderBy(e => e.Version).ToList();

    /// <summary>The parents' decisions for the learners on the case.</summary>
    public static IReadOnlyList<ParentsDecision> ParentsDecisions(Concern concern) =>
        concern.ParentsDecisions.Where(d => concern.Learners.Any(l => l.Is(d.LearnerMisRef))).ToList();

    /// <summary>
    /// Whether the entry recorded at <paramref name="version"/> is on this child's side. A correction shows only where
    /// the entry it corrects shows: a correction of anything else (the allegation, a note, the case's opening) is not.
    /// </summary>
    public static bool Shows(Concern concern, string learnerMisRef, long version) =>
        EntriesFor(concern, learnerMisRef).Any(e => e.Version == version);

    /// <summary>The corrections of entries on some child's side of the case.</summary>
    public static IReadOnlyList<Amendment> Corrections(Concern concern)
    {
        var versions = Entries(concern).Select(e => e.Version).ToHashSet();
        return concern.Amendments.Where(a => versions.Contains(a.AmendsVersion)).ToList();
    }
}
