using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Subjects;

/// <param name="HeadteacherMisRef">From configuration: an allegation about the headteacher reroutes the case.</param>
public sealed record AddSubjects(IReadOnlyList<Subject> Subjects, DateTimeOffset OccurredAt, Actor By, string? HeadteacherMisRef);

public static class AddSubjectsDecider
{
    public static Decision Decide(Concern concern, AddSubjects command, RoutingTable policy, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (command.Subjects.Count == 0)
        {
            return Rules.SubjectRequired;
        }

        if (command.Subjects.FirstOrDefault(concern.Subjects.Contains) is { } known)
        {
            return Rules.SubjectAlreadyRecorded(known.MisRef);
        }

        var added = new SubjectsAdded(concern.Id, command.Subjects.Distinct().ToList(), command.OccurredAt, command.By.AsPerson());
        var nowAboutHeadteacher = command.HeadteacherMisRef is { } head &&
                                  concern.Route.Lead == LeadRole.Headteacher &&
                                  command.Subjects.Any(s => s is { Type: PersonType.StaffMember, Involvement: Involvement.Alleged } &&
                                                            string.Equals(s.MisRef, head, StringComparison.OrdinalIgnoreCase));
        if (!nowAboutHeadteacher)
        {
            return Decision.Accept(added);
        }

        // The headteacher cannot lead a case about themselves: the chair of governors takes it over.
        var route = policy.RouteFor(concern.Kind, allegationAboutHeadteacher: true) with { PolicyVersion = concern.Route.PolicyVersion };
        return Decision.Accept(added, new ConcernRerouted(concern.Id, route, command.OccurredAt, command.By.AsPerson()));
    }
}
