using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;

namespace Incidents.Domain.Concerns.Debriefing;

public sealed record RecordDebrief(
    IReadOnlyList<PersonRef> Attendees,
    IReadOnlyList<string> LessonsLearnt,
    IReadOnlyList<ProposedChange> ProposedChanges,
    DateTimeOffset OccurredAt,
    Actor By)
{
    /// <summary>The owners the changes name, as the school's directory lists them (an owner missing here is not listed).</summary>
    public IReadOnlyList<DirectoryPerson> Owners { get; init; } = [];
}

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

        foreach (var change in command.ProposedChanges)
        {
            if (change.DueBy is { } due && due < DateOnly.FromDateTime(command.OccurredAt.UtcDateTime))
            {
                return Rules.ChangeDueBeforeDebrief;
            }

            if (change.OwnedBy is { } owner
                && DebriefChanges.CheckOwner(concern, owner.Id, command.Owners.FirstOrDefault(o => o.Id == DirectoryPerson.KeyFor(owner.Id)), now) is { } refusedOwner)
            {
                return refusedOwner;
            }
        }

        return Decision.Accept(new DebriefHeld(concern.Id, command.Attendees, command.LessonsLearnt,
            command.ProposedChanges, command.OccurredAt, command.By.AsPerson()));
    }
}
