using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;

namespace Incidents.Domain.Concerns.Allegations;

/// <summary>
/// KCSIE Part 4: where the usual case manager cannot act (the headteacher and the chair of governors both on the case,
/// no vice-chair to turn to), the LADO and the governing body decide who manages it. The DSL, who records the LADO's
/// part on such a case, records whom they appointed; that person then manages it as its case manager.
/// </summary>
/// <param name="Listed">The appointee as the directory lists them (null: not in the directory).</param>
/// <param name="AppointedBy">Who appointed them: the LADO (which officer) or the governing body.</param>
public sealed record AppointCaseManager(
    string AppointeeMisRef,
    DirectoryPerson? Listed,
    string AppointedBy,
    string Reason,
    DateTimeOffset OccurredAt,
    Actor By);

public static class AppointCaseManagerDecider
{
    public static Decision Decide(Concern concern, AppointCaseManager command, DateTimeOffset now)
    {
        if ((CaseAccess.CheckLadoRecorder(command.By, concern) ?? CaseGuards.OpenAndNotInFuture(concern, command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        if (!concern.Route.LadoDirect)
        {
            return Rules.CaseManagerAppointmentIsForLadoDirect;
        }

        // Nobody manages a case they are on, in any way, now or ever alleged (the headteacher and the chair are on it).
        if (concern.Alleges(command.AppointeeMisRef) || concern.Names(command.AppointeeMisRef)
            || concern.RefsOf(command.AppointeeMisRef).Any(concern.Alleges))
        {
            return Rules.SubjectCannotLead;
        }

        if (command.Listed is not { } person || !new Subject(person.MisRef, person.Type, Involvement.Other).IsAdultInSchool
            || !person.OnRollOn(DateOnly.FromDateTime(now.UtcDateTime)))
        {
            return Rules.CaseManagerMustBeAdultInDirectory;
        }

        return Decision.Accept(new CaseManagerAppointed(concern.Id, new PersonRef(person.MisRef, person.DisplayName), command.AppointedBy,
            command.Reason, command.OccurredAt, command.By.AsPerson()));
    }
}
