using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Closing;

/// <summary>
/// Close a concern. The outcome is what happened: resolved after an investigation and debrief, monitored after a
/// period of monitoring, otherwise no further action. Without an investigation a rationale is required.
/// </summary>
public sealed record CloseConcern(string? Rationale, DateTimeOffset OccurredAt, Actor By);

public static class CloseConcernDecider
{
    public static Decision Decide(Concern concern, CloseConcern command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (ClosureChecklist.Outstanding(concern).FirstOrDefault() is { } outstanding)
        {
            return outstanding;
        }

        var outcome = concern.Triage!.Decision switch
        {
            TriageDecision.Investigate => ClosureOutcome.Resolved,
            TriageDecision.Monitor => ClosureOutcome.Monitored,
            _ => ClosureOutcome.NoFurtherAction,
        };
        if (outcome != ClosureOutcome.Resolved && string.IsNullOrWhiteSpace(command.Rationale))
        {
            return Rules.RationaleRequired;
        }

        return Decision.Accept(new ConcernClosed(concern.Id, outcome, command.Rationale?.Trim() ?? "",
            command.OccurredAt, command.By.AsPerson()));
    }
}

public sealed record ReopenConcern(string Reason, DateTimeOffset OccurredAt, Actor By);

public static class ReopenConcernDecider
{
    public static Decision Decide(Concern concern, ReopenConcern command, DateTimeOffset now)
    {
        if ((CaseAccess.CheckHandler(command.By, concern) ?? CaseGuards.NotInFuture(command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        return concern.IsClosed
            ? Decision.Accept(new ConcernReopened(concern.Id, command.Reason, command.OccurredAt, command.By.AsPerson()))
            : Rules.NotClosed;
    }
}
