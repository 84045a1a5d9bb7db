using Incidents.Domain.Concerns.LowLevel;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Subjects;

/// <param name="School">From configuration: naming an adult as alleged, or the headteacher, can change who manages the case.</param>
public sealed record AddSubjects(IReadOnlyList<Subject> Subjects, DateTimeOffset OccurredAt, Actor By, SchoolRoles School);

/// <summary>Take a subject added in error off the case, with the reason.</summary>
public sealed record RemoveSubject(Subject Subject, string Reason, DateTimeOffset OccurredAt, Actor By, SchoolRoles School);

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

        // Nobody declares on someone else's behalf, whoever adds them.
        if (command.Subjects.Any(s => s.Involvement == Involvement.Declaring))
        {
            return Rules.DeclarantMustBeRaiser;
        }

        var subjects = concern.Subjects.Concat(command.Subjects.Distinct()).ToList();
        if (SubjectRules.HasCaseManager(subjects, command.School) is { } noCaseManager)
        {
            return noCaseManager;
        }

        if (concern.Route.IsLowLevel() && LowLevelConcerns.Check(concern.Kind, subjects, policy) is { } oneAdult)
        {
            return oneAdult;
        }

        var added = new SubjectsAdded(concern.Id, command.Subjects.Distinct().ToList(), command.OccurredAt, command.By.AsPerson());
        return Rerouting.After(concern, added, subjects, policy, command.School, command.OccurredAt, command.By);
    }

    public static Decision Decide(Concern concern, RemoveSubject command, RoutingTable policy, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (!concern.Subjects.Contains(command.Subject))
        {
            return Rules.SubjectNotOnCase;
        }

        var subjects = concern.Subjects.Where(s => s != command.Subject).ToList();
        if (subjects.Count == 0)
        {
            return Rules.LastSubject;
        }

        if (SubjectRules.NamesTheAdult(concern.Kind, subjects, policy) is { } unnamed)
        {
            return unnamed;
        }

        var removed = new SubjectRemoved(concern.Id, command.Subject, command.Reason, command.OccurredAt, command.By.AsPerson());
        return Rerouting.After(concern, removed, subjects, policy, command.School, command.OccurredAt, command.By);
    }
}

/// <summary>Who is on a case decides who manages it: a change of subjects that changes the route reroutes the case.</summary>
public static class Rerouting
{
    public static Decision After(Concern concern, object change, IReadOnlyCollection<Subject> subjects, RoutingTable policy,
        SchoolRoles school, DateTimeOffset occurredAt, Actor by)
    {
        // The case keeps the policy version it was raised under; only who manages it follows the people.
        var route = policy.RouteFor(concern.Kind, subjects, school, concern.HarmThresholdMetAt is not null) with { PolicyVersion = concern.Route.PolicyVersion };
        var changed = route.Category != concern.Route.Category || route.Lead != concern.Route.Lead ||
                      route.HeadteacherAlleged != concern.Route.HeadteacherAlleged || route.HeadteacherDeclaring != concern.Route.HeadteacherDeclaring;
        return changed
            ? Decision.Accept(change, new ConcernRerouted(concern.Id, route, occurredAt, by.AsPerson()))
            : Decision.Accept(change);
    }
}
