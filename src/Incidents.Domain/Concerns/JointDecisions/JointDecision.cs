using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.JointDecisions;

/// <summary>
/// Section 4.2: a pre-existing relationship is discussed with the DSL and the headteacher and the decision recorded.
/// When the headteacher is the one declaring it, the chair of governors takes the headteacher's part.
/// </summary>
public sealed record ProposeJointDecision(Guid DecisionId, string Decision, DateTimeOffset OccurredAt, Actor By);

public sealed record AgreeJointDecision(Guid DecisionId, DateTimeOffset OccurredAt, Actor By);

public static class JointDecisionDecider
{
    public static Decision Decide(Concern concern, ProposeJointDecision command, DateTimeOffset now)
    {
        if (Check(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        return Decision.Accept(new JointDecisionProposed(concern.Id, command.DecisionId, command.Decision,
            PartyOf(concern, command.By)!.Value, command.OccurredAt, command.By.AsPerson()));
    }

    public static Decision Decide(Concern concern, AgreeJointDecision command, DateTimeOffset now)
    {
        if (Check(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (concern.JointDecision is not { } proposal || proposal.Id != command.DecisionId)
        {
            return Rules.JointDecisionNotFound;
        }

        if (proposal.AgreedBy is not null)
        {
            return Rules.JointDecisionAlreadyAgreed;
        }

        var otherParty = proposal.ProposedAs == Role.Dsl ? OtherThanDsl(concern) : Role.Dsl;
        if (proposal.ProposedBy.Id == command.By.Id || PartyOf(concern, command.By, preferring: otherParty) != otherParty)
        {
            return Rules.JointDecisionNeedsTheOtherRole;
        }

        return Decision.Accept(new JointDecisionAgreed(concern.Id, command.DecisionId, otherParty, command.OccurredAt,
            command.By.AsPerson()));
    }

    /// <summary>Null when the actor may take part in the case's joint decision now; otherwise the rule that refuses them.</summary>
    public static RuleViolation? CheckParty(Concern concern, Actor actor, DateTimeOffset now) => Check(concern, actor, now, now);

    /// <summary>The headteacher's part, or the chair's when the headteacher is the subject.</summary>
    private static Role OtherThanDsl(Concern concern) =>
        concern.Route.ChairStandsInForHeadteacher ? Role.ChairOfGovernors : Role.Headteacher;

    /// <summary>Which party the actor speaks for (a deputy DSL speaks for the DSL), if any.</summary>
    private static Role? PartyOf(Concern concern, Actor actor, Role? preferring = null)
    {
        var parties = new List<Role>();
        if (actor.HasAny(Role.Dsl, Role.DeputyDsl))
        {
            parties.Add(Role.Dsl);
        }

        if (actor.Has(OtherThanDsl(concern)))
        {
            parties.Add(OtherThanDsl(concern));
        }

        return preferring is { } wanted && parties.Contains(wanted) ? wanted : parties.Count > 0 ? parties[0] : null;
    }

    private static RuleViolation? Check(Concern concern, Actor actor, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        if (CaseAccess.OwnInvolvement(actor, concern) is not null)
        {
            return Rules.SubjectOfOwnCase;
        }

        if (PartyOf(concern, actor) is null)
        {
            return Rules.JointDecisionRoleRequired;
        }

        if (CaseGuards.OpenAndNotInFuture(concern, occurredAt, now) is { } refused)
        {
            return refused;
        }

        return concern.Route.RequiredBeforeClosure.Contains(ClosureStep.JointDecisionOfDslAndHeadteacher)
            ? null
            : Rules.JointDecisionNotApplicable;
    }
}
