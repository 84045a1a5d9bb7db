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

        if (SubjectRules.MatchesSchool(command.Subjects, command.School) is { } contradicted)
        {
            return contradicted;
        }

        var subjects = concern.Subjects.Concat(command.Subjects.Distinct()).ToList();

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

        if (SubjectRules.NamesTheAdult(concern.Kind, subjects, policy, command.School) is { } unnamed)
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
        var route = RouteFor(Concern.Evolve(concern, change), concern.Kind, subjects, policy, school) with { PolicyVersion = concern.Route.PolicyVersion };
        if (!Changed(concern.Route, route))
        {
            return Decision.Accept(change);
        }

        var rerouted = new ConcernRerouted(concern.Id, route, occurredAt, by.AsPerson());

        // A closed case that becomes an allegation (someone identified later turns out to be an adult of the school) is
        // not left closed: it is reopened for the case manager, the LADO clock running from now.
        return concern.IsClosed && route.IsAllegation && !concern.Route.IsAllegation
            ? Decision.Accept(change, new ConcernReopened(concern.Id,
                "An adult of the school was identified as alleged: the case is now an allegation for the case manager.", occurredAt, by.AsPerson()), rerouted)
            : Decision.Accept(change, rerouted);
    }

    /// <summary>
    /// The route for the case with these subjects (after the change, in <paramref name="after"/>): the DSL who declared it
    /// stays known as one, and everyone ever alleged on it stays on it for the routing's purposes.
    /// </summary>
    public static Route RouteFor(Concern after, ConcernKind kind, IReadOnlyCollection<Subject> subjects, RoutingTable policy, SchoolRoles school)
    {
        if (after.Route.DslDeclaring)
        {
            foreach (var declarant in after.Subjects.Where(s => s.Involvement == Involvement.Declaring))
            {
                school = school.WithDsl(declarant.MisRef);
            }
        }

        return policy.RouteFor(kind, subjects, school, after.HarmThresholdMetAt is not null, after.EverAlleged);
    }

    /// <summary>Whether the new route changes who manages the case or how.</summary>
    public static bool Changed(Route before, Route after) =>
        after.Category != before.Category || after.Lead != before.Lead ||
        after.HeadteacherAlleged != before.HeadteacherAlleged || after.HeadteacherDeclaring != before.HeadteacherDeclaring ||
        after.HeadteacherNamed != before.HeadteacherNamed || after.ChairAlleged != before.ChairAlleged || after.ChairNamed != before.ChairNamed ||
        !string.Equals(after.ViceChairMisRef, before.ViceChairMisRef, StringComparison.OrdinalIgnoreCase) || after.LadoDirect != before.LadoDirect ||
        after.DslDeclaring != before.DslDeclaring;
}
