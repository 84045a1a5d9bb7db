using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Notes;

public sealed record AddChronologyNote(string Note, DateTimeOffset OccurredAt, Actor By);

public static class AddChronologyNoteDecider
{
    public static Decision Decide(Concern concern, AddChronologyNote command, DateTimeOffset now) =>
        CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused
            ? refused
            : Decision.Accept(new ChronologyNoteAdded(concern.Id, command.Note, command.OccurredAt, command.By.AsPerson()));
}
