namespace Incidents.Domain.Identity;

/// <summary>
/// Who is acting: <see cref="Id"/> is the token's <c>sub</c>, which for a person is their MIS staff
/// reference, so it can be compared with a concern's subjects.
/// </summary>
public sealed record Actor(string Id, string Name, IReadOnlySet<Role> Roles)
{
    /// <summary>
    /// Signed in to the web app without a second factor: the roles that read case detail are already left out of the
    /// session, and a person who manages a case by reference (the vice-chair, an appointed case manager) does not either.
    /// </summary>
    public bool SingleFactor { get; init; }

    public bool Has(Role role) => Roles.Contains(role);

    /// <summary>Whether this is the person with the reference, and signed in strongly enough to act as them on a case.</summary>
    public bool IsStrongly(string? personId) =>
        !SingleFactor && personId is not null && string.Equals(Id.Trim(), personId.Trim(), StringComparison.OrdinalIgnoreCase);

    public bool HasAny(params Role[] roles) => roles.Any(Roles.Contains);

    public PersonRef AsPerson() => new(Id, Name);
}

/// <summary>A member of staff (or a client such as the MIS) named on a record: id and display name.</summary>
public sealed record PersonRef(string Id, string Name);
