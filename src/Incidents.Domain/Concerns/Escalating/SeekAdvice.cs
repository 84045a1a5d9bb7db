using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Escalating;

/// <param name="Agency">Defaults to the Education Safeguarding Service (s.8); another agency may be named.</param>
public sealed record SeekAdvice(Guid EscalationId, string? Agency, string Question, DateTimeOffset OccurredAt, Actor By);

public static class SeekAdviceDecider
{
    public static Decision Decide(Concern concern, SeekAdvice command, DateTimeOffset now)
    {
        if ((CaseAccess.CheckAdviceSeeker(command.By, concern) ?? CaseGuards.OpenAndNotInFuture(concern, command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        var agency = string.IsNullOrWhiteSpace(command.Agency) ? Agencies.EducationSafeguardingService : command.Agency.Trim();
        return Decision.Accept(new AdviceSought(concern.Id, command.EscalationId, agency, command.Question,
            command.OccurredAt, command.By.AsPerson()));
    }
}

public sealed record RecordAdvice(Guid EscalationId, string Adviser, string Summary, DateTimeOffset OccurredAt, Actor By);

public static class RecordAdviceDecider
{
    public static Decision Decide(Concern concern, RecordAdvice command, DateTimeOffset now)
    {
        if ((CaseAccess.CheckAdviceSeeker(command.By, concern) ?? CaseGuards.OpenAndNotInFuture(concern, command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        var escalation = concern.Escalations.FirstOrDefault(e => e.Id == command.EscalationId);
        if (escalation is null)
        {
            return Rules.EscalationNotFound;
        }

        if (escalation.Advice is not null)
        {
            return Rules.AdviceAlreadyRecorded;
        }

        return Decision.Accept(new AdviceReceived(concern.Id, command.EscalationId, command.Adviser, command.Summary,
            command.OccurredAt, command.By.AsPerson()));
    }
}
