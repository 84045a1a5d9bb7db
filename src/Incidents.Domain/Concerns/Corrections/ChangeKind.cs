using Incidents.Domain.Concerns.LowLevel;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Corrections;

/// <summary>
/// The concern is of another kind than it was raised as (nudes found in a case raised as cyberbullying, say): change it,
/// with the reason, so the route (and with it the UKCIS initial review, the referral decision) follows.
/// </summary>
/// <param name="School">From configuration: the route for the new kind still follows who is alleged.</param>
public sealed record ChangeConcernKind(ConcernKind Kind, string Reason, DateTimeOffset OccurredAt, Actor By, SchoolRoles School);

public static class ChangeConcernKindDecider
{
    public static Decision Decide(Concern concern, ChangeConcernKind command, RoutingTable policy, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (command.Kind == concern.Kind)
        {
            return Rules.KindUnchanged;
        }

        // A kind about a member of staff still names them, as on raising.
        if (SubjectRules.NamesTheAdult(command.Kind, concern.Subjects, policy, command.School) is { } unnamed)
        {
            return unnamed;
        }

        if (LowLevelConcerns.CheckKindChange(concern, command.Kind, policy) is { } lowLevel)
        {
            return lowLevel;
        }

        // The route follows the kind, as it follows the people (Rerouting): the case keeps the policy version it was
        // raised under, and returns to the route's lead.
        var route = Subjects.Rerouting.RouteFor(concern, command.Kind, concern.Subjects, policy, command.School) with { PolicyVersion = concern.Route.PolicyVersion };
        var by = command.By.AsPerson();
        return Decision.Accept(
            new ConcernKindChanged(concern.Id, concern.Kind, command.Kind, command.Reason, command.OccurredAt, by),
            new ConcernRerouted(concern.Id, route, command.OccurredAt, by));
    }
}
