using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Subjects;

/// <summary>
/// Someone named on the case by name (<paramref name="UnlistedRef"/>) is the person in the directory with
/// <paramref name="MisRef"/>; <paramref name="Type"/> is who the directory says they are to the school (null: the
/// directory does not list anyone with that reference).
/// </summary>
public sealed record IdentifySubject(string UnlistedRef, string MisRef, PersonType? Type, DateTimeOffset OccurredAt, Actor By, SchoolRoles School);

public static class IdentifySubjectDecider
{
    /// <summary>
    /// Those who handle the case match someone named by name to the directory, open or closed: a child from another
    /// school who joins years later brings the case into their own chronology. Who they turn out to be can change who
    /// manages the case (an adult found to be the headteacher goes to the chair), as adding them would.
    /// </summary>
    public static Decision Decide(Concern concern, IdentifySubject command, RoutingTable policy, DateTimeOffset now)
    {
        if ((CaseAccess.CheckHandler(command.By, concern) ?? CaseGuards.NotInFuture(command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        if (!Subject.IsUnlistedRef(command.UnlistedRef))
        {
            return Rules.NotUnlisted;
        }

        if (string.IsNullOrWhiteSpace(command.MisRef) || Subject.IsUnlistedRef(command.MisRef))
        {
            return Rules.IdentifiedByMisRef;
        }

        var unlisted = concern.Subjects.Where(s => s.Is(command.UnlistedRef)).ToList();
        if (unlisted.Count == 0)
        {
            return Rules.SubjectNotOnCase;
        }

        if (command.Type is not { } type)
        {
            return Rules.NotInDirectory(command.MisRef.Trim());
        }

        var identified = new SubjectIdentified(concern.Id, unlisted[0].MisRef, unlisted, command.MisRef.Trim(), type, command.OccurredAt,
            command.By.AsPerson());
        var subjects = Concern.Evolve(concern, identified).Subjects;
        if ((SubjectRules.MatchesSchool(identified.Identified, command.School) ?? SubjectRules.NamesTheAdult(concern.Kind, subjects, policy, command.School)) is { } broken)
        {
            return broken;
        }

        return Rerouting.After(concern, identified, subjects, policy, command.School, command.OccurredAt, command.By);
    }
}
