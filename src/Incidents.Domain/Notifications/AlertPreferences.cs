using Incidents.Domain.Policy;

namespace Incidents.Domain.Notifications;

/// <summary>
/// Who else the DSL (or the headteacher) wants told when a concern is raised, or put at immediate risk: each entry a
/// person of the school by MIS reference and the kinds they follow (none listed: every kind). Never applies to an
/// allegation or a low-level concern, which only their case manager hears of.
/// </summary>
public sealed record AlertPreferences(IReadOnlyList<AlsoAlert> AlsoAlert)
{
    public static readonly AlertPreferences None = new([]);

    /// <summary>At most this many people may be added.</summary>
    public const int MaxPeople = 50;
}

/// <param name="MisRef">An adult of the school (a deputy, the online-safety lead...).</param>
/// <param name="Kinds">The kinds of concern they are told of; empty for every kind.</param>
public sealed record AlsoAlert(string MisRef, IReadOnlyList<ConcernKind> Kinds)
{
    public bool Follows(ConcernKind kind) => Kinds.Count == 0 || Kinds.Contains(kind);
}
