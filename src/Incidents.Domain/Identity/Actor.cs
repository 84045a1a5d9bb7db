namespace Incidents.Domain.Identity;

/// <summary>
/// Who is acting: <see cref="Id"/> is the token's <c>sub</c>, which for a person is their MIS staff
/// reference, so it can be compared with a concern's subjects.
/// </summary>
public sealed record Actor(string Id, string Name, IReadOnlySet<Role> Roles)
{
    public bool Has(Role role) => Roles.Contains(role);

    public bool HasAny(params Role[] roles) => roles.Any(Roles.Contains);

    public PersonRef AsPerson() => new(Id, Name);
}

/// <summary>A member of staff (or a client such as the MIS) named on a record: id and display name.</summary>
public sealed record PersonRef(string Id, string Name);
