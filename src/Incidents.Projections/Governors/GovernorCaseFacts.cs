using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using JasperFx.Events;

namespace Incidents.Projections.Governors;

/// <summary>A debrief's change done: which (its number on the case), what was done, and when.</summary>
public sealed record ChangeOutcome(int Change, string WhatWasDone, DateTimeOffset DoneAt);

/// <summary>
/// What the governors' report counts about one concern, and nothing else: no subject, no narrative, no names.
/// Debrief text is kept as written and redacted of every name and reference on the case when the report is built;
/// those names and references are gathered here as the events arrive (<see cref="Identifiers"/>, never reported), so
/// building the report reads no event stream.
/// </summary>
public sealed record GovernorCaseFacts
{
    public Guid Id { get; init; }

    public ConcernKind Kind { get; init; }

    public LeadRole LedBy { get; init; }

    /// <summary>How the case is handled now: a low-level concern counts apart from allegations, and as one once it meets the threshold.</summary>
    public ConcernCategory Category { get; init; }

    /// <summary>
    /// The headteacher is a subject (alleged, or declaring) and the chair of governors stands in: the case is never
    /// counted, because the headteacher reads the report and must not learn that a case the chair holds exists.
    /// </summary>
    public bool ChairStandsInForHeadteacher { get; init; }

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

    /// <summary>The changes the debriefs agreed, in order (change n is the n-th), with their owner and date as they stand.</summary>
    public IReadOnlyList<ProposedChange> ProposedChanges { get; init; } = [];

    /// <summary>The changes done: what was done and when, by change number.</summary>
    public IReadOnlyList<ChangeOutcome> ChangesDone { get; init; } = [];

    /// <summary>Every name and reference on the case's events: what redaction removes from its free text.</summary>
    public IReadOnlyList<string> Identifiers { get; init; } = [];

    /// <summary>The last event that changed these facts: an event at or below it is not counted twice.</summary>
    public long LastSequence { get; init; }

    /// <summary>
    /// The tally this case has in the sums now, and the school day it is counted under: what leaves them when the
    /// case changes. Kept, not worked out again, so a change of redaction or time zone between two events cannot
    /// take away something that was never added.
    /// </summary>
    public GovernorTally? Counted { get; init; }

    public DateOnly? CountedOn { get; init; }

    /// <summary>The facts after one more event; the same instance when the event changes nothing the report counts.</summary>
    public static GovernorCaseFacts? After(GovernorCaseFacts? state, IEvent e)
    {
        if (e.Sequence > 0 && e.Sequence <= state?.LastSequence)
        {
            return state;
        }

        if (Fold(state, e) is not { } next)
        {
            return null;
        }

        var identifiers = WithIdentifiersOf(next.Identifiers, e.Data);
        return ReferenceEquals(next, state) && ReferenceEquals(identifiers, next.Identifiers)
            ? state
            : next with { Identifiers = identifiers, LastSequence = e.Sequence };
    }

    private static IReadOnlyList<string> WithIdentifiersOf(IReadOnlyList<string> known, object @event)
    {
        var found = CaseIdentifiers.In([@event]);
        return found.All(f => known.Contains(f, StringComparer.OrdinalIgnoreCase)) ? known : [.. known.Union(found, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Events that change nothing the report counts: <see cref="Fold"/> returns the same facts (their names still reach
    /// <see cref="Identifiers"/>). A new event type is either handled in the fold or listed here; a test holds every
    /// type to that.
    /// </summary>
    public static readonly IReadOnlySet<Type> Unchanged = new HashSet<Type>
    {
        typeof(AdviceReceived), typeof(ReferralDecisionRecorded), typeof(SanctionApplied), typeof(SupportOffered), typeof(InternetAccessRemoved),
        typeof(ParentsInformed), typeof(ParentsNotInformed), typeof(ChronologyNoteAdded), typeof(JointDecisionProposed), typeof(JointDecisionAgreed),
        typeof(SubjectsAdded), typeof(SubjectRemoved), typeof(LadoConsulted), typeof(CaseManagerAppointed), typeof(AllegationSharedWithDsl), typeof(ImageryInitialReviewRecorded),
        typeof(EntryAmended), typeof(SubjectIdentified), typeof(LowLevelPatternFound), typeof(LowLevelPatternReviewed), typeof(HarmThresholdMet),
    };

    /// <summary>The counted facts after one more event, before the names on it are gathered.</summary>
    public static GovernorCaseFacts? Fold(GovernorCaseFacts? state, IEvent e) => (state, e.Data) switch
    {
        (_, ConcernRaised r) => new GovernorCaseFacts
        {
            Id = r.ConcernId,
            Kind = r.Kind,
            LedBy = r.Route.Lead,
            Category = r.Route.Category,
            ChairStandsInForHeadteacher = r.Route.ChairStandsInForHeadteacher,
            RaisedAt = e.Timestamp,
        },
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
        ({ } s, DebriefChangeAssigned a) => s with
        {
            ProposedChanges = s.ProposedChanges.Select((c, i) => i + 1 == a.Change ? c with { Owner = a.OwnerRole, OwnedBy = a.Owner, DueBy = a.DueBy } : c).ToList(),
        },
        ({ } s, DebriefChangeDone d) => s with { ChangesDone = [.. s.ChangesDone, new ChangeOutcome(d.Change, d.WhatWasDone, d.OccurredAt)] },
        ({ } s, LeadReassigned l) => s with { LedBy = l.Lead },
        // Counted under the kind it turned out to be (GovernorSums takes the old tally away).
        ({ } s, ConcernKindChanged k) => s with { Kind = k.Kind },
        // A case that later turns out to be about the headteacher leaves the sums (GovernorSums takes its tally away).
        ({ } s, ConcernRerouted r) => s with { LedBy = r.Route.Lead, Category = r.Route.Category, ChairStandsInForHeadteacher = r.Route.ChairStandsInForHeadteacher },
        ({ } s, ConcernClosed c) => s with { ClosedAt = e.Timestamp, ClosureOutcome = c.Outcome },
        ({ } s, ConcernWithdrawn) => s with { ClosedAt = e.Timestamp, ClosureOutcome = Domain.Concerns.ClosureOutcome.Withdrawn },
        ({ } s, ConcernReopened) => s with { ClosedAt = null, ClosureOutcome = null },
        ({ } s, _) => s,
    };
}
