using Incidents.Domain.Concerns;

namespace Incidents.Projections.People;

/// <summary>
/// Every concern one person (a learner or an adult) is a subject of, keyed <c>learner:L-1001</c> or
/// <c>staff:S-12</c>: the index behind a person's chronology.
/// </summary>
public sealed record PersonCases
{
    public string Id { get; init; } = "";

    public IReadOnlyList<Guid> ConcernIds { get; init; } = [];

    /// <summary>The key of a person's record: learners and adults are kept apart, and MIS references compare case-insensitively.</summary>
    public static string KeyFor(PersonType type, string misRef) => $"{Prefix(type)}:{misRef.Trim().ToLowerInvariant()}";

    public static string Prefix(PersonType type) => type switch
    {
        PersonType.Learner => "learner",
        PersonType.StaffMember => "staff",
        PersonType.ParentCarer => "parent",
        _ => "other",
    };
}
