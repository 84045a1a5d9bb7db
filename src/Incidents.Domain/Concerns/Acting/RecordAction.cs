using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Acting;

public enum ActionType
{
    SanctionApplied,
    SupportOffered,
    InternetAccessRemoved,
    ParentsInformed,
    ParentsNotInformed,
}

/// <param name="Details">What was done; for <see cref="ActionType.ParentsNotInformed"/>, the reason why not.</param>
public sealed record RecordAction(
    ActionType Type,
    SanctionKind? Sanction,
    string? SubjectMisRef,
    string Details,
    DateTimeOffset OccurredAt,
    Actor By);

public static class RecordActionDecider
{
    public static Decision Decide(Concern concern, RecordAction command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        var by = command.By.AsPerson();
        var (id, subject, details, at) = (concern.Id, command.SubjectMisRef, command.Details, command.OccurredAt);
        object? @event = command.Type switch
        {
            ActionType.SanctionApplied when command.Sanction is { } sanction => new SanctionApplied(id, sanction, subject, details, at, by),
            ActionType.SanctionApplied => null,
            ActionType.SupportOffered => new SupportOffered(id, subject, details, at, by),
            ActionType.InternetAccessRemoved => new InternetAccessRemoved(id, subject, details, at, by),
            ActionType.ParentsInformed => new ParentsInformed(id, subject, details, at, by),
            ActionType.ParentsNotInformed => new ParentsNotInformed(id, subject, details, at, by),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Type, null),
        };
        return @event is null ? Rules.SanctionTypeRequired : Decision.Accept(@event);
    }
}
