using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Closing;

/// <summary>
/// Close a concern. The outcome follows from the case: resolved after an investigation and debrief,
/// otherwise no further action, which needs a rationale.
/// </summary>
public sealed record CloseConcern(string? Rationale, DateTimeOffset OccurredAt, Actor By);

public static class CloseConcernDecider
{
    public static Decision Decide(Concern concern, CloseConcern command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (concern.Triage is null)
        {
            return Rules.NotTriaged;
        }

        var investigated = concern.Triage.Decision == TriageDecision.Investigate;
        if (investigated && concern.Investigation is null)
        {
            return Rules.CannotCloseUnderInvestigation;
        }

        if (investigated && concern.Debrief is null)
        {
            return Rules.DebriefRequired;
        }

        if (!investigated && string.IsNullOrWhiteSpace(command.Rationale))
        {
            return Rules.RationaleRequired;
        }

        if (concern.AdvicePending)
        {
            return Rules.AdvicePending;
        }

        if (UnmetClosureStep(concern) is { } unmet)
        {
            return unmet;
        }

        var outcome = investigated ? ClosureOutcome.Resolved : ClosureOutcome.NoFurtherAction;
        return Decision.Accept(new ConcernClosed(concern.Id, outcome, command.Rationale?.Trim() ?? "",
            command.OccurredAt, command.By.AsPerson()));
    }

    /// <summary>The first step the routing requires before closure that is not on record yet.</summary>
    public static RuleViolation? UnmetClosureStep(Concern concern)
    {
        foreach (var step in concern.Route.RequiredBeforeClosure)
        {
            var unmet = step switch
            {
                ClosureStep.ReferralDecision when concern.ReferralDecision is null => Rules.ReferralDecisionRequired,
                ClosureStep.ReferralDecision when concern.ReferralDecision.Decision == ReferralDecisionKind.Refer &&
                                                  concern.Referrals.Count == 0 => Rules.ReferralNotMade,
                ClosureStep.ParentsInformedDecision when concern.ParentsDecision is null => Rules.ParentsDecisionRequired,
                ClosureStep.JointDecisionOfDslAndHeadteacher when concern.JointDecision?.AgreedBy is null => Rules.JointDecisionRequired,
                _ => null,
            };
            if (unmet is not null)
            {
                return unmet;
            }
        }

        return null;
    }
}

public sealed record ReopenConcern(string Reason, DateTimeOffset OccurredAt, Actor By);

public static class ReopenConcernDecider
{
    public static Decision Decide(Concern concern, ReopenConcern command, DateTimeOffset now)
    {
        if ((CaseAccess.CheckHandler(command.By, concern) ?? CaseGuards.NotInFuture(command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        return concern.IsClosed
            ? Decision.Accept(new ConcernReopened(concern.Id, command.Reason, command.OccurredAt, command.By.AsPerson()))
            : Rules.NotClosed;
    }
}
