using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Debriefing;

public sealed record RecordDebrief(
    IReadOnlyList<PersonRef> Attendees,
    IReadOnlyList<string> LessonsLearnt,
    IReadOnlyList<ProposedChange> ProposedChanges,
    DateTimeOffset OccurredAt,
    Actor By);

public static class RecordDebriefDecider
{
    /// <summary>Section 8: after any investigation is completed, leadership debrief and identify lessons learnt.</summary>
    public static Decision Decide(Concern concern, RecordDebrief command, DateTimeOffset now)
    {
        if ((CaseAccess.CheckDebriefer(command.By, concern) ?? CaseGuards.OpenAndNotInFuture(concern, command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        if (concern.Debrief is not null)
        {
            return Rules.DebriefAlreadyHeld;
        }

        if (concern.Investigation is null)
        {
            return Rules.InvestigationNotCompleted;
        }

        if (command.Attendees.Any(a => concern.Alleges(a.Id) || concern.IsDeclaredBy(a.Id)))
        {
            return Rules.SubjectCannotLead;
        }

        if (command.OccurredAt < concern.Investigation.CompletedAt)
        {
            return Rules.InvestigationNotCompleted;
        }

        return Decision.Accept(new DebriefHeld(concern.Id, command.Attendees, command.LessonsLearnt,
            command.ProposedChanges, command.OccurredAt, command.By.AsPerson()));
    }
}
