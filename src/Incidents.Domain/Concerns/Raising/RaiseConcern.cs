using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Raising;

/// <param name="School">The school's people from configuration: who the headteacher is decides who manages an allegation.</param>
public sealed record RaiseConcern(
    Guid ConcernId,
    ConcernKind Kind,
    string Summary,
    IReadOnlyList<Subject> Subjects,
    DateTimeOffset OccurredAt,
    Actor By,
    SchoolRoles School);

public static class RaiseConcernDecider
{
    public static Decision Decide(RaiseConcern command, RoutingTable policy, DateTimeOffset now)
    {
        if (!CaseAccess.MayRaise(command.By))
        {
            return Rules.MayNotRaise;
        }

        if (CaseGuards.NotInFuture(command.OccurredAt, now) is { } future)
        {
            return future;
        }

        if (command.Subjects.Count == 0)
        {
            return Rules.SubjectRequired;
        }

        if ((SubjectRules.Check(command.Kind, command.Subjects, policy, command.By) ?? SubjectRules.HasCaseManager(command.Subjects, command.School)) is { } broken)
        {
            return broken;
        }

        var subjects = command.Subjects.Distinct().ToList();
        return Decision.Accept(new ConcernRaised(
            command.ConcernId,
            command.Kind,
            command.Summary,
            subjects,
            command.OccurredAt,
            command.By.AsPerson(),
            policy.RouteFor(command.Kind, subjects, command.School)));
    }
}

/// <summary>What the subjects of a concern must be, whether raised with them or given them later.</summary>
public static class SubjectRules
{
    /// <summary>
    /// A declaration is made by the member of staff themselves; a kind about a member of staff names them (declaring,
    /// or alleged when someone else reports it), as the routing table's column says.
    /// </summary>
    public static RuleViolation? Check(ConcernKind kind, IReadOnlyCollection<Subject> subjects, RoutingTable policy, Actor by)
    {
        if (subjects.Any(s => s.Involvement == Involvement.Declaring && !s.IsAdultInSchool))
        {
            return Rules.DeclarationIsForStaff;
        }

        if (subjects.Any(s => s.IsDeclarant && !s.Is(by.Id)))
        {
            return Rules.DeclarantMustBeRaiser;
        }

        return NamesTheAdult(kind, subjects, policy);
    }

    /// <summary>
    /// The chair manages an allegation about the headteacher; with both alleged nobody in the school may manage it, so
    /// the service refuses rather than hold a case nobody can act on.
    /// </summary>
    public static RuleViolation? HasCaseManager(IReadOnlyCollection<Subject> subjects, SchoolRoles school) =>
        subjects.Any(s => s.IsAllegedAdult && s.Is(school.HeadteacherMisRef)) && subjects.Any(s => s.IsAllegedAdult && s.Is(school.ChairOfGovernorsMisRef))
            ? Rules.NoCaseManager
            : null;

    /// <summary>The routing table's column: whether this kind must name an adult in the school, and how.</summary>
    public static RuleViolation? NamesTheAdult(ConcernKind kind, IReadOnlyCollection<Subject> subjects, RoutingTable policy)
    {
        var named = policy.RuleFor(kind).AdultSubject switch
        {
            AdultSubject.Alleged => subjects.Any(s => s.IsAllegedAdult),
            AdultSubject.DeclaringOrAlleged => subjects.Any(s => s.IsAllegedAdult || s.IsDeclarant),
            _ => true,
        };
        return named ? null : Rules.AllegedStaffMemberRequired;
    }
}
