using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Triaging;

/// <param name="ReviewBy">Required when the decision is to monitor: the date by which the case is looked at again.</param>
public sealed record TriageConcern(RiskLevel Risk, TriageDecision Decision, string Rationale, DateTimeOffset OccurredAt, Actor By, DateOnly? ReviewBy = null);

public static class TriageConcernDecider
{
    /// <summary>
    /// The lead triages; a case may be re-triaged (risk changes, a monitored case reviewed, or moved to investigation)
    /// until its investigation is complete.
    /// </summary>
    public static Decision Decide(Concern concern, TriageConcern command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (concern.Investigation is not null || concern.Debrief is not null)
        {
            return Rules.InvestigationAlreadyCompleted;
        }

        var reviewBy = command.Decision == TriageDecision.Monitor ? command.ReviewBy : null;
        if (command.Decision == TriageDecision.Monitor && reviewBy is null)
        {
            return Rules.ReviewDateRequired;
        }

        if (reviewBy < DateOnly.FromDateTime(command.OccurredAt.UtcDateTime))
        {
            return Rules.ReviewDateInPast;
        }

        return Decision.Accept(new ConcernTriaged(concern.Id, command.Risk, command.Decision, command.Rationale,
            command.OccurredAt, command.By.AsPerson(), reviewBy));
    }
}
