namespace Incidents.Domain.Concerns;

/// <summary>What a refusal means to the caller: maps onto 400, 403, 404 or 422.</summary>
public enum ViolationKind
{
    /// <summary>The command itself is malformed (e.g. happened in the future).</summary>
    Invalid,
    /// <summary>The actor may not do this.</summary>
    Forbidden,
    /// <summary>Something the command refers to does not exist, or the actor may not know that it does.</summary>
    NotFound,
    /// <summary>The policy does not allow this now.</summary>
    RuleBroken,
}

/// <summary>A refusal, with a stable machine-readable rule code and a sentence for people.</summary>
public sealed record RuleViolation(string Rule, string Detail, ViolationKind Kind);

/// <summary>The outcome of a decision: the events to append, or the rule that refused it.</summary>
public sealed record Decision(IReadOnlyList<object> Events, RuleViolation? Violation)
{
    public bool Accepted => Violation is null;

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Reject(RuleViolation violation) => new([], violation);

    public static implicit operator Decision(RuleViolation violation) => Reject(violation);
}
