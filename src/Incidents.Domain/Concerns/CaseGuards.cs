using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns;

/// <summary>The checks every command on an existing case makes, in the order that leaks least.</summary>
public static class CaseGuards
{
    /// <summary>Clients' clocks drift; a minute's tolerance stops a "now" from a client being refused.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Access first (so a refusal tells nothing about the case), then the time, then whether it is open.</summary>
    public static RuleViolation? HandlerOnOpenCase(Concern concern, Actor actor, DateTimeOffset occurredAt, DateTimeOffset now) =>
        CaseAccess.CheckHandler(actor, concern) ?? OpenAndNotInFuture(concern, occurredAt, now);

    public static RuleViolation? OpenAndNotInFuture(Concern concern, DateTimeOffset occurredAt, DateTimeOffset now) =>
        NotInFuture(occurredAt, now) ?? (concern.IsClosed ? Rules.ConcernClosed : null);

    public static RuleViolation? NotInFuture(DateTimeOffset occurredAt, DateTimeOffset now) =>
        occurredAt > now + ClockSkew ? Rules.OccurredInFuture() : null;
}
