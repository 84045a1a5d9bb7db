using System.Globalization;
using Incidents.Domain.Calendar;
using Incidents.Domain.Clocks;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Notifications;
using Incidents.Domain.Policy;
using JasperFx.Events;

namespace Incidents.Projections.Cases;

/// <summary>A change a debrief agreed and not yet done: its number on the case, its owner and due date (null: to be assigned).</summary>
public sealed record OpenDebriefChange(int Number, string? OwnerMisRef, DateOnly? DueBy);

/// <summary>An unanswered request for advice, and when the service recorded it.</summary>
public sealed record PendingAdvice(Guid EscalationId, string Agency, DateTimeOffset SoughtAt);

/// <summary>
/// One concern as the DSL's work queue and the MIS synchronisation see it: state, deadlines and references,
/// no narrative. Kept by an async projection; <see cref="LastSequence"/> (the global position of the last
/// event applied) orders the synchronisation feed, because the daemon applies events in that order.
/// </summary>
public sealed record CaseSummary
{
    public Guid Id { get; init; }

    public long Version { get; init; }

    public long LastSequence { get; init; }

    public ConcernKind Kind { get; init; }

    public ConcernCategory Category { get; init; }

    public ConcernStatus Status { get; init; }

    public bool Open { get; init; } = true;

    public RiskLevel? Risk { get; init; }

    public LeadRole LeadRole { get; init; }

    public PersonRef? Assignee { get; init; }

    /// <summary>
    /// Lower-cased MIS reference of whoever manages the case by reference rather than by a role
    /// (<see cref="Concern.CaseManagerRef"/>): the vice-chair of governors in the chair's place, or the case manager
    /// the LADO or the governing body appointed. The case is on their work queue.
    /// </summary>
    public string? CaseManagerRef { get; init; }

    /// <summary>Lower-cased MIS reference of the case manager the LADO or the governing body appointed, while it stands.</summary>
    public string? AppointedCaseManagerRef { get; init; }

    /// <summary>When it happened, as reported.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the service recorded it: the clock for every target starts here.</summary>
    public DateTimeOffset RaisedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string RaisedById { get; init; } = "";

    public IReadOnlyList<Subject> Subjects { get; init; } = [];

    /// <summary>
    /// Lower-cased MIS references of everyone but learners ever named on the concern (alleged, declaring, affected,
    /// witness, whatever type they were given): it is never on their work queue, whatever roles they hold.
    /// </summary>
    public IReadOnlyList<string> HiddenFrom { get; init; } = [];

    /// <summary>Raised or reopened and not yet triaged since: the triage clock runs from here.</summary>
    public DateTimeOffset? AwaitingTriageSince { get; init; }

    public IReadOnlyList<PendingAdvice> PendingAdvice { get; init; } = [];

    /// <summary>Investigation completed and no debrief held since.</summary>
    public DateTimeOffset? AwaitingDebriefSince { get; init; }

    /// <summary>
    /// A referral decision is needed and none is recorded yet: the clock runs from when the case came to need one (raised
    /// on a route that asks for it, rerouted onto one, e.g. when it became an allegation, or triaged at immediate risk).
    /// </summary>
    public DateTimeOffset? AwaitingReferralDecisionSince { get; init; }

    /// <summary>The case's route asks for a referral decision before it closes.</summary>
    public bool ReferralDecisionRequiredByRoute { get; init; }

    /// <summary>The initial review found a reason for an immediate referral (UKCIS): a referral decision is needed whatever the route.</summary>
    public bool ImmediateReferralFound { get; init; }

    public bool ReferralDecisionRecorded { get; init; }

    /// <summary>The latest referral decision was to refer and no referral is recorded since: the referral's clock runs from here.</summary>
    public DateTimeOffset? AwaitingReferralSince { get; init; }

    public bool ReferralMade { get; init; }

    /// <summary>A monitored case is reviewed by this school-local date.</summary>
    public DateOnly? ReviewBy { get; init; }

    /// <summary>
    /// The route requires a LADO consultation and none is recorded yet: the one-working-day clock runs from here (when
    /// the concern was recorded, or when it became an allegation).
    /// </summary>
    public DateTimeOffset? AwaitingLadoConsultationSince { get; init; }

    /// <summary>A LADO consultation (or a referral to the LADO) is on record: a later reroute does not restart the clock.</summary>
    public bool LadoConsultationRecorded { get; init; }

    /// <summary>
    /// Earlier low-level concerns about the same adult that, with this one, make a pattern waiting for the case manager's
    /// review (KCSIE Part 4 section 2); empty when none is due.
    /// </summary>
    public IReadOnlyList<Guid> PatternReviewOf { get; init; } = [];

    /// <summary>When the pattern in <see cref="PatternReviewOf"/> was found: its review's clock starts then.</summary>
    public DateTimeOffset? AwaitingPatternReviewSince { get; init; }

    /// <summary>
    /// The changes the case's debriefs agreed that are not done yet, each a clock of its own for its owner. The changes are
    /// the school's, not the case's: they stay here (and their clocks run) once the case is closed.
    /// </summary>
    public IReadOnlyList<OpenDebriefChange> OpenDebriefChanges { get; init; } = [];

    /// <summary>How many changes the case's debriefs agreed, done or not: the next one agreed is numbered one more.</summary>
    public int DebriefChangesAgreed { get; init; }

    public CaseDeadlines Deadlines { get; init; } = CaseDeadlines.None;

    /// <summary>The earliest deadline of an open case: the queue is ordered by it, so overdue work comes first.</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>
    /// The work queue's order as one sortable string: immediate risks first, then the earliest deadline (overdue
    /// work first), then higher risk, then the oldest. Fixed-width digits, so text order is queue order and
    /// the queue pages by keyset on an index (the id, in hex, breaks ties).
    /// </summary>
    public string QueueKey { get; init; } = "";

    /// <summary>0 for an immediate risk, 1 otherwise: immediate risks head the queue whatever their deadlines.</summary>
    public int Priority { get; init; } = 1;

    /// <summary>Risk as a number for sorting: unassessed cases rank with high risk until triaged.</summary>
    public int RiskRank { get; init; }

    public static CaseSummary? After(CaseSummary? state, IEvent e, SchoolCalendar calendar, ResponseTargets targets)
    {
        var next = Fold(state, e.Data, e.Timestamp);
        if (next is null)
        {
            return null;
        }

        next = next with { Version = e.Version, LastSequence = e.Sequence, UpdatedAt = e.Timestamp };
        var deadlines = CaseDeadlines.For(next, calendar, targets);
        return next with
        {
            Deadlines = deadlines,
            NextDueAt = deadlines.Next(),
            Priority = next is { Open: true, Risk: RiskLevel.Immediate } ? 0 : 1,
            RiskRank = next.Risk switch
            {
                RiskLevel.Immediate => 4,
                null or RiskLevel.High => 3,
                RiskLevel.Medium => 2,
                _ => 1,
            },
        } is var ranked ? ranked with { QueueKey = QueueKeyOf(ranked) } : next;
    }

    /// <summary>When each of the case's clocks started (none once it is closed): the calendar turns them into due times.</summary>
    public ClockStarts ClockStarts() => new()
    {
        Open = Open,
        Triage = AwaitingTriageSince,
        AdviceSought = PendingAdvice.Count == 0 ? null : PendingAdvice.Min(p => p.SoughtAt),
        Debrief = AwaitingDebriefSince,
        ReferralDecision = AwaitingReferralDecisionSince,
        Referral = AwaitingReferralSince,
        LadoConsultation = AwaitingLadoConsultationSince,
        MonitoringReviewBy = Status == ConcernStatus.Monitoring ? ReviewBy : null,
        LowLevelPatternReview = PatternReviewOf.Count == 0 ? null : AwaitingPatternReviewSince,
        // Each open debrief change with an owner and a date is its owner's clock, on a closed case too.
        Dated = OpenDebriefChanges.Where(d => d.OwnerMisRef is not null && d.DueBy is not null)
            .Select(d => new DatedClock(CaseClock.DebriefChange, d.Number.ToString(CultureInfo.InvariantCulture), d.DueBy!.Value, d.OwnerMisRef)).ToList(),
    };

    /// <summary>The same case with its deadlines and queue order worked out again on <paramref name="calendar"/> (after the calendar changed).</summary>
    public CaseSummary WithDeadlinesOn(SchoolCalendar calendar, ResponseTargets targets)
    {
        var deadlines = CaseDeadlines.For(this, calendar, targets);
        var next = this with { Deadlines = deadlines, NextDueAt = deadlines.Next() };
        return next with { QueueKey = QueueKeyOf(next) };
    }

    private static string QueueKeyOf(CaseSummary c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.Priority:D1}{(c.NextDueAt ?? DateTimeOffset.MaxValue).UtcTicks:D19}{9 - c.RiskRank:D1}{c.RaisedAt.UtcTicks:D19}{c.Id:N}");

    /// <summary>
    /// Events that change nothing the work queue or the MIS feed shows (notes, actions, decisions kept on the case
    /// itself): <see cref="Fold"/> leaves the summary as it was. A new event type is either handled in the fold or
    /// listed here; a test holds every type in <see cref="ConcernEventTypes.All"/> to that.
    /// </summary>
    public static readonly IReadOnlySet<Type> Unchanged = new HashSet<Type>
    {
        typeof(SanctionApplied), typeof(SupportOffered), typeof(InternetAccessRemoved), typeof(ParentsInformed), typeof(ParentsNotInformed),
        typeof(ChronologyNoteAdded), typeof(JointDecisionProposed), typeof(JointDecisionAgreed), typeof(AllegationSharedWithDsl),
        typeof(EntryAmended),
        // The reroute that follows it moves the queue.
        typeof(HarmThresholdMet),
    };

    /// <summary>The summary after one more event (without the stream position and deadlines <see cref="After"/> adds).</summary>
    public static CaseSummary? Fold(CaseSummary? state, object data, DateTimeOffset recordedAt) => (state, data) switch
    {
        (_, ConcernRaised e) => new CaseSummary
        {
            Id = e.ConcernId,
            Kind = e.Kind,
            Category = e.Route.Category,
            Status = ConcernStatus.Raised,
            LeadRole = e.Route.Lead,
            CaseManagerRef = Lower(e.Route.ViceChairMisRef),
            OccurredAt = e.OccurredAt,
            RaisedAt = recordedAt,
            RaisedById = e.RaisedBy.Id,
            Subjects = e.Subjects,
            HiddenFrom = HiddenFromOf(e.Subjects),
            AwaitingTriageSince = recordedAt,
            ReferralDecisionRequiredByRoute = Requires(e.Route, ClosureStep.ReferralDecision),
            AwaitingReferralDecisionSince = Requires(e.Route, ClosureStep.ReferralDecision) ? recordedAt : null,
            AwaitingLadoConsultationSince = Requires(e.Route, ClosureStep.LadoConsultation) ? recordedAt : null,
        },
        (null, _) => null,
        ({ } s, ConcernTriaged e) => (s with
        {
            Risk = e.Risk,
            Status = e.Decision.StatusAfter(),
            AwaitingTriageSince = null,
            ReviewBy = e.Decision == TriageDecision.Monitor ? e.ReviewBy : null,
        }).WithReferralDecisionClock(recordedAt),
        ({ } s, AdviceSought e) => s with { PendingAdvice = [.. s.PendingAdvice, new PendingAdvice(e.EscalationId, e.Agency, recordedAt)] },
        ({ } s, AdviceReceived e) => s with { PendingAdvice = s.PendingAdvice.Where(p => p.EscalationId != e.EscalationId).ToList() },
        ({ } s, ExternalReferralMade { Agency: ReferralAgency.Lado }) => s with
        {
            AwaitingLadoConsultationSince = null,
            LadoConsultationRecorded = true,
            ReferralMade = true,
            AwaitingReferralSince = null,
        },
        ({ } s, ExternalReferralMade) => s with { ReferralMade = true, AwaitingReferralSince = null },
        ({ } s, ImageryInitialReviewRecorded e) => (e.ImmediateReferralTriggers.Count > 0 ? s with { ImmediateReferralFound = true } : s)
            .WithReferralDecisionClock(recordedAt),
        ({ } s, LadoConsulted) => s with { AwaitingLadoConsultationSince = null, LadoConsultationRecorded = true },
        // The latest decision stands: to refer starts the referral's clock until one is made; not to refer stops it.
        ({ } s, ReferralDecisionRecorded e) => s with
        {
            ReferralDecisionRecorded = true,
            AwaitingReferralDecisionSince = null,
            AwaitingReferralSince = e.Decision == ReferralDecisionKind.Refer && !s.ReferralMade ? s.AwaitingReferralSince ?? recordedAt : null,
        },
        ({ } s, InvestigationCompleted) => s with { Status = ConcernStatus.InvestigationCompleted, AwaitingDebriefSince = recordedAt },
        ({ } s, DebriefHeld e) => s with
        {
            Status = ConcernStatus.Debriefed,
            AwaitingDebriefSince = null,
            OpenDebriefChanges = [.. s.OpenDebriefChanges, .. e.ProposedChanges.Select((c, i) => new OpenDebriefChange(s.DebriefChangesAgreed + i + 1, c.OwnedBy?.Id, c.DueBy))],
            DebriefChangesAgreed = s.DebriefChangesAgreed + e.ProposedChanges.Count,
        },
        ({ } s, DebriefChangeAssigned e) => s with
        {
            OpenDebriefChanges = s.OpenDebriefChanges.Select(c => c.Number == e.Change ? c with { OwnerMisRef = e.Owner.Id, DueBy = e.DueBy } : c).ToList(),
        },
        ({ } s, DebriefChangeDone e) => s with { OpenDebriefChanges = s.OpenDebriefChanges.Where(c => c.Number != e.Change).ToList() },
        ({ } s, LeadReassigned e) => s with { LeadRole = e.Lead, Assignee = e.Assignee },
        // The route follows in the ConcernRerouted recorded with it.
        ({ } s, ConcernKindChanged e) => s with { Kind = e.Kind },
        // As the case's fold: an appointment lapses once the case no longer goes to the LADO directly.
        ({ } s, ConcernRerouted e) => (s with
        {
            LeadRole = e.Route.Lead,
            AppointedCaseManagerRef = e.Route.LadoDirect ? s.AppointedCaseManagerRef : null,
            CaseManagerRef = (e.Route.LadoDirect ? s.AppointedCaseManagerRef : null) ?? Lower(e.Route.ViceChairMisRef),
            Assignee = null,
            Category = e.Route.Category,
            ReferralDecisionRequiredByRoute = Requires(e.Route, ClosureStep.ReferralDecision),
            // An allegation that comes to light later is discussed with the LADO within a working day of becoming one;
            // a case that stops being one no longer needs it.
            AwaitingLadoConsultationSince = !Requires(e.Route, ClosureStep.LadoConsultation) ? null
                : s.AwaitingLadoConsultationSince ?? (s.LadoConsultationRecorded ? null : recordedAt),
        }).WithReferralDecisionClock(recordedAt),
        ({ } s, SubjectsAdded e) => s.WithSubjects([.. s.Subjects, .. e.Subjects]),
        ({ } s, SubjectRemoved e) => s.WithSubjects(s.Subjects.Where(x => x != e.Subject).ToList()),
        ({ } s, SubjectIdentified e) => s.WithSubjects(s.Subjects.Where(x => !e.Identifies(x.MisRef)).Concat(e.Identified).Distinct().ToList()),
        ({ } s, ConcernClosed e) => s with { Status = ConcernStatus.Closed, Open = false, ClosedAt = recordedAt, ReviewBy = null },
        ({ } s, ConcernWithdrawn) => s with { Status = ConcernStatus.Withdrawn, Open = false, ClosedAt = recordedAt, ReviewBy = null },
        ({ } s, ConcernReopened) => (s with
        {
            Status = ConcernStatus.Reopened,
            Open = true,
            ClosedAt = null,
            Risk = null,
            ReviewBy = null,
            AwaitingTriageSince = recordedAt,
            AwaitingDebriefSince = null,
        }).WithReferralDecisionClock(recordedAt),
        ({ } s, CaseManagerAppointed e) => s with
        {
            AppointedCaseManagerRef = Lower(e.Appointee.Id),
            CaseManagerRef = Lower(e.Appointee.Id),
        },
        ({ } s, LowLevelPatternFound e) => s with { PatternReviewOf = e.EarlierConcernIds, AwaitingPatternReviewSince = recordedAt },
        ({ } s, LowLevelPatternReviewed) => s with { PatternReviewOf = [], AwaitingPatternReviewSince = null },
        ({ } s, _) => s,
    };

    private static string? Lower(string? misRef) => misRef?.Trim().ToLowerInvariant();

    private static bool Requires(Route route, ClosureStep step) => route.RequiredBeforeClosure.Contains(step);

    /// <summary>
    /// As the closure checklist asks (<see cref="Concern.NeedsReferralDecision"/>): the route, an immediate referral found,
    /// or a triage at immediate risk. The clock keeps running from when the need began; it stops once a decision is on record.
    /// </summary>
    private CaseSummary WithReferralDecisionClock(DateTimeOffset recordedAt)
    {
        var needed = ReferralDecisionRequiredByRoute || ImmediateReferralFound || Risk == RiskLevel.Immediate;
        return this with { AwaitingReferralDecisionSince = needed && !ReferralDecisionRecorded ? AwaitingReferralDecisionSince ?? recordedAt : null };
    }

    // Never unhidden: someone taken off the case as named in error stays shut out of it (CaseAccess.OwnInvolvement).
    private CaseSummary WithSubjects(IReadOnlyList<Subject> subjects) =>
        this with { Subjects = subjects, HiddenFrom = HiddenFrom.Concat(HiddenFromOf(subjects)).Distinct().ToList() };

    // By reference, whatever type and involvement they were named with: nobody handles a case they are on.
    private static List<string> HiddenFromOf(IEnumerable<Subject> subjects) => subjects
        .Where(s => !s.IsLearner)
        .Select(s => s.MisRef.Trim().ToLowerInvariant())
        .Distinct()
        .ToList();
}
