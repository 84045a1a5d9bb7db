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

/// <param name="SubjectMisRef">Whom it was done for: every action is decided for one person on the case.</param>
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
        // On an allegation the DSL keeps the child's side: support and the parents' decision for a child on the case.
        var childSide = ChildSide.Actions.Contains(command.Type);
        var access = childSide ? CaseAccess.CheckChildSide(command.By, concern, command.SubjectMisRef) : CaseAccess.CheckHandler(command.By, concern);
        if ((access ?? CaseGuards.OpenAndNotInFuture(concern, command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(command.SubjectMisRef))
        {
            return Rules.ActionSubjectRequired;
        }

        var subject = concern.Subjects.FirstOrDefault(s => s.Is(command.SubjectMisRef));
        if (subject is null)
        {
            return Rules.ActionSubjectNotOnCase(command.SubjectMisRef.Trim());
        }

        var forLearnerOnly = command.Type is ActionType.ParentsInformed or ActionType.ParentsNotInformed ||
                             command.Sanction == SanctionKind.LearnerBehaviourSanction;
        if (forLearnerOnly && !subject.IsLearner)
        {
            return Rules.ActionSubjectMustBeLearner;
        }

        if (command.Sanction == SanctionKind.StaffDisciplinary && !subject.IsAdultInSchool)
        {
            return Rules.DisciplinaryIsForAdults;
        }

        var by = command.By.AsPerson();
        var (id, misRef, details, at) = (concern.Id, subject.MisRef, command.Details, command.OccurredAt);
        object? @event = command.Type switch
        {
            ActionType.SanctionApplied when command.Sanction is { } sanction => new SanctionApplied(id, sanction, misRef, details, at, by),
            ActionType.SanctionApplied => null,
            ActionType.SupportOffered => new SupportOffered(id, misRef, details, at, by),
            ActionType.InternetAccessRemoved => new InternetAccessRemoved(id, misRef, details, at, by),
            ActionType.ParentsInformed => new ParentsInformed(id, misRef, details, at, by),
            ActionType.ParentsNotInformed => new ParentsNotInformed(id, misRef, details, at, by),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Type, null),
        };
        return @event is null ? Rules.SanctionTypeRequired : Decision.Accept(@event);
    }
}
