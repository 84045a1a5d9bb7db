namespace Incidents.Domain.Identity;

/// <summary>The roles a token can carry (claim <c>role</c>, kebab-case on the wire).</summary>
public enum Role
{
    Staff,
    Dsl,
    Headteacher,
    Leadership,
    ChairOfGovernors,
    Governor,
    Mis,
}
