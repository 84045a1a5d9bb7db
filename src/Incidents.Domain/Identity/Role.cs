namespace Incidents.Domain.Identity;

/// <summary>The roles a token can carry (claim <c>role</c>, kebab-case on the wire).</summary>
public enum Role
{
    Staff,
    /// <summary>The Designated Safeguarding Lead.</summary>
    Dsl,
    Headteacher,
    Leadership,
    ChairOfGovernors,
    Governor,
    Mis,
    /// <summary>A deputy DSL: acts as the DSL on the child's side, and stands in when the DSL is a subject.</summary>
    DeputyDsl,
}
