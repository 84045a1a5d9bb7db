using Incidents.Domain.Concerns;

namespace Incidents.Projections.People;

/// <summary>How a person is on one concern: a person can be on it more than once (a witness, and later alleged).</summary>
public sealed record PersonInvolvement(Guid ConcernId, PersonType Type, Involvement Involvement);

/// <summary>
/// Every concern one person (a learner or an adult) is a subject of, keyed <c>learner:L-1001</c> or
/// <c>staff:S-12</c>: the index behind a person's chronology.
/// </summary>
public sealed record PersonCases
{
    public string Id { get; init; } = "";

    public IReadOnlyList<Guid> ConcernIds { get; init; } = [];

    /// <summary>Each way the person is on each concern: a removal takes one away, and the concern goes with the last.</summary>
    public IReadOnlyList<PersonInvolvement> Involvements { get; init; } = [];

    /// <summary>The key of a person's record: learners and adults are kept apart, and MIS references compare case-insensitively.</summary>
    public static string KeyFor(PersonType type, string misRef) => $"{Prefix(type)}:{misRef.Trim().ToLowerInvariant()}";

    public static string KeyFor(Subject subject) => KeyFor(subject.Type, subject.MisRef);

    /// <summary>Every adult in the school (staff, supply staff, volunteers, contractors, governors) has one staff record.</summary>
    public static string Prefix(PersonType type) => type switch
    {
        PersonType.Learner => "learner",
        PersonType.StaffMember or PersonType.SupplyStaff or PersonType.Volunteer or PersonType.Contractor or PersonType.Governor => "staff",
        PersonType.ParentCarer => "parent",
        _ => "other",
    };
}
