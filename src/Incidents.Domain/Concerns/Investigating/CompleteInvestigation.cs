using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Investigating;

public sealed record CompleteInvestigation(string Findings, InvestigationOutcome Outcome, DateTimeOffset OccurredAt, Actor By);

public static class CompleteInvestigationDecider
{
    public static Decision Decide(Concern concern, CompleteInvestigation command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (concern.Investigation is not null)
        {
            return Rules.InvestigationAlreadyCompleted;
        }

        if (concern.Status != ConcernStatus.UnderInvestigation)
        {
            return Rules.InvestigationNotStarted;
        }

        return Decision.Accept(new InvestigationCompleted(concern.Id, command.Findings, command.Outcome,
            command.OccurredAt, command.By.AsPerson()));
    }
}
