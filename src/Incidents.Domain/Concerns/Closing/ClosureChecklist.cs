using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Closing;

/// <summary>
/// What still stands between a case and closure, in the order the policy asks for it. The one checklist: closing
/// refuses on the first item, and the case view lists them all as the lead's to-do list.
/// </summary>
public static class ClosureChecklist
{
    public static IReadOnlyList<RuleViolation> Outstanding(Concern concern)
    {
        if (concern.IsClosed)
        {
            return [];
        }

        var outstanding = new List<RuleViolation>();
        if (concern.Triage is null)
        {
            outstanding.Add(Rules.NotTriaged);
        }
        else if (concern.Triage.Decision == TriageDecision.Investigate)
        {
            if (concern.Investigation is null)
            {
                outstanding.Add(Rules.CannotCloseUnderInvestigation);
            }
            else if (concern.Debrief is null)
            {
                outstanding.Add(Rules.DebriefRequired);
            }
        }

        if (concern.AdvicePending)
        {
            outstanding.Add(Rules.AdvicePending);
        }

        if (concern.PatternReviewDue)
        {
            outstanding.Add(Rules.PatternReviewRequired);
        }

        foreach (var step in concern.Route.RequiredBeforeClosure)
        {
            outstanding.AddRange(Unmet(concern, step));
        }

        // Needed whatever the route: a case triaged at immediate risk, or an immediate referral found by the initial
        // review (which stands after a change of kind).
        if (!concern.Route.RequiredBeforeClosure.Contains(ClosureStep.ReferralDecision) && concern.NeedsReferralDecision)
        {
            outstanding.AddRange(Unmet(concern, ClosureStep.ReferralDecision));
        }

        return outstanding;
    }

    private static IEnumerable<RuleViolation> Unmet(Concern concern, ClosureStep step)
    {
        switch (step)
        {
            case ClosureStep.ReferralDecision when concern.ReferralDecision is null:
                yield return Rules.ReferralDecisionRequired;
                break;
            case ClosureStep.ReferralDecision when concern.ImmediateReferralRequired:
                if (concern.ReferralDecision.Decision == ReferralDecisionKind.DoNotRefer)
                {
                    yield return Rules.ImmediateReferralRequired;
                }
                else if (!concern.ImmediateReferralMade)
                {
                    yield return Rules.PoliceOrSocialCareReferralRequired;
                }

                break;
            case ClosureStep.ReferralDecision when concern.ReferralDecision.Decision == ReferralDecisionKind.Refer && concern.Referrals.Count == 0:
                yield return Rules.ReferralNotMade;
                break;
            case ClosureStep.ParentsInformedDecision:
                foreach (var learner in concern.Learners.Where(l => concern.ParentsDecisionFor(l.MisRef) is null))
                {
                    yield return Rules.ParentsDecisionRequired(learner.MisRef);
                }

                break;
            // The DSL declaring it is not a party to it: the headteacher's (or chair's) decision stands without a deputy.
            case ClosureStep.JointDecisionOfDslAndHeadteacher when concern.JointDecision?.AgreedBy is null
                                                                 && !(concern.Route.DslDeclaring && concern.JointDecision is { ProposedAs: not Identity.Role.Dsl }):
                yield return Rules.JointDecisionRequired;
                break;
            case ClosureStep.LadoConsultation when concern.LadoConsultation is null:
                yield return Rules.LadoConsultationRequired;
                break;
            case ClosureStep.ImageryInitialReview when concern.ImageryReview is null:
                yield return Rules.ImageryReviewRequired;
                break;
        }
    }
}
