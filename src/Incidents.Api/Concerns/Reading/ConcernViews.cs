using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Route = Incidents.Domain.Policy.Route;

namespace Incidents.Api.Concerns.Reading;

/// <summary>The whole case, for those who handle it.</summary>
public sealed record ConcernView(
    Guid Id,
    long Version,
    ConcernKind Kind,
    ConcernStatus Status,
    string Summary,
    DateTimeOffset OccurredAt,
    PersonRef RaisedBy,
    Route Route,
    Lead Lead,
    IReadOnlyList<Subject> Subjects,
    Triage? Triage,
    IReadOnlyList<Escalation> Escalations,
    IReadOnlyList<Referral> Referrals,
    ReferralDecision? ReferralDecision,
    ParentsDecision? ParentsDecision,
    IReadOnlyList<CaseEntry> Entries,
    Investigation? Investigation,
    Debrief? Debrief,
    JointDecision? JointDecision,
    Closure? Closure,
    int TimesReopened,
    IReadOnlyList<string> OutstandingBeforeClosure)
{
    public static ConcernView From(Concern c) => new(
        c.Id, c.Version, c.Kind, c.Status, c.Summary, c.OccurredAt, c.RaisedBy, c.Route, c.Lead, c.Subjects, c.Triage,
        c.Escalations, c.Referrals, c.ReferralDecision, c.ParentsDecision, c.Entries, c.Investigation, c.Debrief,
        c.JointDecision, c.Closure, c.TimesReopened, Outstanding(c));

    /// <summary>What still stands between the case and closure, as rule codes: the DSL's to-do list.</summary>
    private static IReadOnlyList<string> Outstanding(Concern c)
    {
        if (c.IsClosed)
        {
            return [];
        }

        var outstanding = new List<string>();
        if (c.Triage is null)
        {
            outstanding.Add(Rules.NotTriaged.Rule);
        }
        else if (c.Triage.Decision == TriageDecision.Investigate)
        {
            if (c.Investigation is null)
            {
                outstanding.Add(Rules.CannotCloseUnderInvestigation.Rule);
            }
            else if (c.Debrief is null)
            {
                outstanding.Add(Rules.DebriefRequired.Rule);
            }
        }

        if (c.AdvicePending)
        {
            outstanding.Add(Rules.AdvicePending.Rule);
        }

        outstanding.AddRange(c.Route.RequiredBeforeClosure
            .Select(step => Domain.Concerns.Closing.CloseConcernDecider.UnmetClosureStep(c with { Route = c.Route with { RequiredBeforeClosure = [step] } }))
            .OfType<RuleViolation>()
            .Select(v => v.Rule));
        return outstanding;
    }
}

/// <summary>What the member of staff who raised a concern may see: that it is being dealt with, not the narrative.</summary>
public sealed record ConcernStatusView(Guid Id, long Version, ConcernKind Kind, ConcernStatus Status, DateTimeOffset OccurredAt, bool Closed)
{
    public static ConcernStatusView From(Concern c) => new(c.Id, c.Version, c.Kind, c.Status, c.OccurredAt, c.IsClosed);
}

/// <summary>What the MIS synchronises: references and state, never narrative, notes, advice or debriefs.</summary>
public sealed record ConcernSyncView(
    Guid Id,
    long Version,
    ConcernKind Kind,
    ConcernStatus Status,
    LeadRole Lead,
    DateTimeOffset OccurredAt,
    IReadOnlyList<Subject> Subjects)
{
    public static ConcernSyncView From(Concern c) => new(c.Id, c.Version, c.Kind, c.Status, c.Lead.Role, c.OccurredAt, c.Subjects);
}

/// <summary>Which view of a case an actor may read, if any.</summary>
public static class ConcernReadAccess
{
    public static object? ViewFor(Actor actor, Concern concern)
    {
        if (concern.IsAbout(actor.Id) || (CaseAccess.IsAboutHeadteacher(concern) && actor.Has(Role.Headteacher) && !actor.Has(Role.ChairOfGovernors)))
        {
            return null;
        }

        // The headteacher oversees every case except one about themselves (excluded above).
        if (actor.Has(Role.Headteacher) || CaseAccess.CheckHandler(actor, concern) is null || CaseAccess.MayReadAsDebriefer(actor, concern))
        {
            return ConcernView.From(concern);
        }

        // Staff cases never reach the MIS: whoever administers it must not learn of an allegation about a colleague.
        if (actor.Has(Role.Mis) && concern.Route.Category != ConcernCategory.Staff)
        {
            return ConcernSyncView.From(concern);
        }

        return string.Equals(concern.RaisedBy.Id, actor.Id, StringComparison.OrdinalIgnoreCase) ? ConcernStatusView.From(concern) : null;
    }
}
