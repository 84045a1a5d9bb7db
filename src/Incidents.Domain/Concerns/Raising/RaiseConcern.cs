using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Raising;

/// <param name="HeadteacherMisRef">The school's headteacher (from configuration), so an allegation about them goes to the chair of governors.</param>
public sealed record RaiseConcern(
    Guid ConcernId,
    ConcernKind Kind,
    string Summary,
    IReadOnlyList<Subject> Subjects,
    DateTimeOffset OccurredAt,
    Actor By,
    string? HeadteacherMisRef);

public static class RaiseConcernDecider
{
    private static readonly ConcernKind[] AboutAMemberOfStaff =
        [ConcernKind.StaffMisconduct, ConcernKind.ConflictingContent, ConcernKind.PreExistingRelationship];

    public static Decision Decide(RaiseConcern command, RoutingTable policy, DateTimeOffset now)
    {
        if (!CaseAccess.MayRaise(command.By))
        {
            return command.By.HasAny(Role.Governor, Role.ChairOfGovernors) ? Rules.GovernorsDoNotAct : Rules.MayNotRaise;
        }

        if (CaseGuards.NotInFuture(command.OccurredAt, now) is { } future)
        {
            return future;
        }

        if (command.Subjects.Count == 0)
        {
            return Rules.SubjectRequired;
        }

        var allegedStaff = command.Subjects
            .Where(s => s.Type == PersonType.StaffMember && s.Involvement == Involvement.Alleged)
            .ToList();
        if (AboutAMemberOfStaff.Contains(command.Kind) && allegedStaff.Count == 0)
        {
            return Rules.AllegedStaffMemberRequired;
        }

        var aboutHeadteacher = command.HeadteacherMisRef is { } head &&
                               allegedStaff.Any(s => string.Equals(s.MisRef, head, StringComparison.OrdinalIgnoreCase));
        var route = policy.RouteFor(command.Kind, aboutHeadteacher);

        return Decision.Accept(new ConcernRaised(
            command.ConcernId,
            command.Kind,
            command.Summary,
            command.Subjects.Distinct().ToList(),
            command.OccurredAt,
            command.By.AsPerson(),
            route));
    }
}
