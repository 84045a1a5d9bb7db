using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Triaging;

public sealed record TriageConcern(RiskLevel Risk, TriageDecision Decision, string Rationale, DateTimeOffset OccurredAt, Actor By);

public static class TriageConcernDecider
{
    /// <summary>The lead triages; a case may be re-triaged (risk changes) until its investigation is complete.</summary>
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

        return Decision.Accept(new ConcernTriaged(concern.Id, command.Risk, command.Decision, command.Rationale,
            command.OccurredAt, command.By.AsPerson()));
    }
}
