using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.JointDecisions;

/// <summary>Section 4.2: a pre-existing relationship is discussed with the DSL and the headteacher and the decision recorded.</summary>
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

        var proposedAs = command.By.Has(Role.Dsl) ? Role.Dsl : Role.Headteacher;
        return Decision.Accept(new JointDecisionProposed(concern.Id, command.DecisionId, command.Decision, proposedAs,
            command.OccurredAt, command.By.AsPerson()));
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

        var otherRole = proposal.ProposedAs == Role.Dsl ? Role.Headteacher : Role.Dsl;
        if (proposal.ProposedBy.Id == command.By.Id || !command.By.Has(otherRole))
        {
            return Rules.JointDecisionNeedsTheOtherRole;
        }

        return Decision.Accept(new JointDecisionAgreed(concern.Id, command.DecisionId, otherRole, command.OccurredAt,
            command.By.AsPerson()));
    }

    private static RuleViolation? Check(Concern concern, Actor actor, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        if (concern.IsAbout(actor.Id))
        {
            return Rules.SubjectOfOwnCase;
        }

        if (!actor.HasAny(Role.Dsl, Role.Headteacher))
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
