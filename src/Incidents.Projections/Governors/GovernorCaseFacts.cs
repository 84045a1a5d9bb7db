using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using JasperFx.Events;

namespace Incidents.Projections.Governors;

/// <summary>
/// What the governors' report counts about one concern, and nothing else: no subject, no narrative, no names.
/// Debrief text is kept as written and redacted of every name and reference on the case when the report is built.
/// </summary>
public sealed record GovernorCaseFacts
{
    public Guid Id { get; init; }

    public ConcernKind Kind { get; init; }

    public LeadRole LedBy { get; init; }

    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>The first time it was triaged (reopening does not restart the measure).</summary>
    public DateTimeOffset? FirstTriagedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public ClosureOutcome? ClosureOutcome { get; init; }

    public InvestigationOutcome? InvestigationOutcome { get; init; }

    public IReadOnlyList<string> AdviceSoughtFrom { get; init; } = [];

    public IReadOnlyList<ReferralAgency> ReferredTo { get; init; } = [];

    public int DebriefsHeld { get; init; }

    public IReadOnlyList<string> LessonsLearnt { get; init; } = [];

    public IReadOnlyList<ProposedChange> ProposedChanges { get; init; } = [];

    public static GovernorCaseFacts? After(GovernorCaseFacts? state, IEvent e) => (state, e.Data) switch
    {
        (_, ConcernRaised r) => new GovernorCaseFacts { Id = r.ConcernId, Kind = r.Kind, LedBy = r.Route.Lead, RaisedAt = e.Timestamp },
        (null, _) => null,
        ({ } s, ConcernTriaged) => s with { FirstTriagedAt = s.FirstTriagedAt ?? e.Timestamp },
        ({ } s, AdviceSought a) => s with { AdviceSoughtFrom = [.. s.AdviceSoughtFrom, a.Agency] },
        ({ } s, ExternalReferralMade r) => s with { ReferredTo = [.. s.ReferredTo, r.Agency] },
        ({ } s, InvestigationCompleted i) => s with { InvestigationOutcome = i.Outcome },
        ({ } s, DebriefHeld d) => s with
        {
            DebriefsHeld = s.DebriefsHeld + 1,
            LessonsLearnt = [.. s.LessonsLearnt, .. d.LessonsLearnt],
            ProposedChanges = [.. s.ProposedChanges, .. d.ProposedChanges],
        },
        ({ } s, LeadReassigned l) => s with { LedBy = l.Lead },
        ({ } s, ConcernRerouted r) => s with { LedBy = r.Route.Lead },
        ({ } s, ConcernClosed c) => s with { ClosedAt = e.Timestamp, ClosureOutcome = c.Outcome },
        ({ } s, ConcernReopened) => s with { ClosedAt = null, ClosureOutcome = null },
        ({ } s, _) => s,
    };
}
