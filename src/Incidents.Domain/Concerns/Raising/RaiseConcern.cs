using Incidents.Domain.Concerns.LowLevel;
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
    SchoolRoles School)
{
    /// <summary>Earlier low-level concerns the service holds, for a low-level concern's pattern (found by the caller, as it reads the store).</summary>
    public IReadOnlyList<EarlierLowLevelConcern> EarlierLowLevel { get; init; } = [];

    public LowLevelPatternSettings Patterns { get; init; } = new();
}

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

        // A raiser whose token says they are the DSL (or a deputy) is one, whatever the settings list.
        var school = command.By.HasAny(Role.Dsl, Role.DeputyDsl) ? command.School.WithDsl(command.By.Id) : command.School;
        if (SubjectRules.Check(command.Kind, command.Subjects, policy, command.By, school) is { } broken)
        {
            return broken;
        }

        if (LowLevelConcerns.Check(command.Kind, command.Subjects, policy) is { } lowLevel)
        {
            return lowLevel;
        }

        var subjects = command.Subjects.Distinct().ToList();
        var raised = new ConcernRaised(
            command.ConcernId,
            command.Kind,
            command.Summary,
            subjects,
            command.OccurredAt,
            command.By.AsPerson(),
            policy.RouteFor(command.Kind, subjects, school));
        return LowLevelPatternOn(raised, command, now) is { } pattern ? Decision.Accept(raised, pattern) : Decision.Accept(raised);
    }

    /// <summary>A low-level concern that, with earlier ones about the same adult, makes a pattern puts its review on the case manager's queue.</summary>
    private static LowLevelPatternFound? LowLevelPatternOn(ConcernRaised raised, RaiseConcern command, DateTimeOffset now) =>
        raised.Route.IsLowLevel() && LowLevelConcerns.SubjectOf(raised.Subjects) is { } about
            && LowLevelPatterns.Find(about, raised.OccurredAt, command.EarlierLowLevel, command.Patterns) is [_, ..] earlier
            ? new LowLevelPatternFound(raised.ConcernId, about, earlier, now, raised.RaisedBy)
            : null;
}

/// <summary>What the subjects of a concern must be, whether raised with them or given them later.</summary>
public static class SubjectRules
{
    /// <summary>
    /// A declaration is made by the member of staff themselves; a kind about a member of staff names them (declaring,
    /// or alleged when someone else reports it), as the routing table's column says; and everyone named is who the school
    /// says they are.
    /// </summary>
    public static RuleViolation? Check(ConcernKind kind, IReadOnlyCollection<Subject> subjects, RoutingTable policy, Actor by, SchoolRoles school)
    {
        if (MatchesSchool(subjects, school) is { } contradicted)
        {
            return contradicted;
        }

        if (subjects.Any(s => s.Involvement == Involvement.Declaring && !school.IsAdultInSchool(s)))
        {
            return Rules.DeclarationIsForStaff;
        }

        if (subjects.Any(s => school.IsDeclarant(s) && !s.Is(by.Id)))
        {
            return Rules.DeclarantMustBeRaiser;
        }

        return NamesTheAdult(kind, subjects, policy, school);
    }

    /// <summary>
    /// Who someone is is the school's fact, never the caller's: a type the directory contradicts is refused, and so is
    /// naming the headteacher, the chair, the vice-chair, the DSL or a deputy as anything but an adult of the school.
    /// </summary>
    public static RuleViolation? MatchesSchool(IReadOnlyCollection<Subject> subjects, SchoolRoles school)
    {
        foreach (var subject in subjects.Where(s => !s.IsUnlisted))
        {
            if (school.TypeOf(subject.MisRef) is { } listed && listed != subject.Type)
            {
                return Rules.TypeContradictsDirectory(subject.MisRef.Trim(), listed);
            }

            if (school.HoldsOffice(subject.MisRef) && !subject.IsAdultInSchool)
            {
                return Rules.TypeContradictsDirectory(subject.MisRef.Trim(), null);
            }
        }

        return null;
    }

    /// <summary>The routing table's column: whether this kind must name an adult in the school, and how.</summary>
    public static RuleViolation? NamesTheAdult(ConcernKind kind, IReadOnlyCollection<Subject> subjects, RoutingTable policy, SchoolRoles school)
    {
        var named = policy.RuleFor(kind).AdultSubject switch
        {
            AdultSubject.Alleged => subjects.Any(school.IsAllegedAdult),
            AdultSubject.DeclaringOrAlleged => subjects.Any(s => school.IsAllegedAdult(s) || school.IsDeclarant(s)),
            _ => true,
        };
        return named ? null : Rules.AllegedStaffMemberRequired;
    }
}
