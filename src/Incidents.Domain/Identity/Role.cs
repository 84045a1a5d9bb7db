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
    /// <summary>
    /// The school's filtering and monitoring system, a machine: given only by a verified alert signature, never read from
    /// a token, and it may only raise a concern from an alert (and add repeats of it).
    /// </summary>
    FilteringProvider,
}
