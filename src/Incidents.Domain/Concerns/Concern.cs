using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns;

/// <param name="ReviewBy">A monitored case is reviewed by this date (it shows on the work queue).</param>
public sealed record Triage(RiskLevel Risk, TriageDecision Decision, string Rationale, DateTimeOffset OccurredAt, PersonRef By, DateOnly? ReviewBy = null);

public sealed record Escalation(
    Guid Id,
    string Agency,
    string Question,
    DateTimeOffset SoughtAt,
    PersonRef SoughtBy,
    Advice? Advice);

public sealed record Advice(string Adviser, string Summary, DateTimeOffset ReceivedAt, PersonRef RecordedBy);

public sealed record Referral(Guid Id, ReferralAgency Agency, string? AgencyName, string Reference, DateTimeOffset OccurredAt, PersonRef By);

public sealed record ReferralDecision(ReferralDecisionKind Decision, string Rationale, DateTimeOffset OccurredAt, PersonRef By);

/// <summary>One child's parents/carers: informed, or the reason they were not.</summary>
public sealed record ParentsDecision(string LearnerMisRef, bool Informed, string Details, DateTimeOffset OccurredAt, PersonRef By);

/// <summary>An action or note on the case's own chronology; <see cref="Version"/> is the event that recorded it.</summary>
public sealed record CaseEntry(string Type, string? SubjectMisRef, string Text, DateTimeOffset OccurredAt, PersonRef By, long Version = 0);

public sealed record Investigation(string Findings, InvestigationOutcome Outcome, DateTimeOffset CompletedAt, PersonRef By);

public sealed record Debrief(
    IReadOnlyList<PersonRef> Attendees,
    IReadOnlyList<string> LessonsLearnt,
    IReadOnlyList<ProposedChange> ProposedChanges,
    DateTimeOffset OccurredAt,
    PersonRef By);

/// <summary>
/// A change a debrief agreed, followed through to done. Numbered from 1 in the order the case's debriefs agreed them;
/// it outlives the debrief (a reopened case keeps it): the change is the school's, not the case's.
/// </summary>
/// <param name="OwnerRole">The owner's role, as governors read it.</param>
/// <param name="Owner">Who owns it; null (with <paramref name="DueBy"/>) when it is still to be assigned.</param>
/// <param name="AgreedBy">Who recorded the debrief that agreed it: they may give it another owner or date.</param>
public sealed record DebriefChange(
    int Number,
    ProposedChangeKind Kind,
    string Change,
    string OwnerRole,
    PersonRef? Owner,
    DateOnly? DueBy,
    DateTimeOffset AgreedAt,
    PersonRef AgreedBy,
    ChangeDone? Done)
{
    public bool IsOpen => Done is null;

    /// <summary>Agreed before owners and dates were recorded (stored before December 2026), and not given them since.</summary>
    public bool ToBeAssigned => Owner is null || DueBy is null;

    public bool IsOwnedBy(string personId) => Owner is { } owner && string.Equals(owner.Id.Trim(), personId.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>What was done to make a debrief's change, and when.</summary>
public sealed record ChangeDone(string WhatWasDone, DateTimeOffset OccurredAt, PersonRef By);

public sealed record JointDecision(Guid Id, string Decision, Role ProposedAs, PersonRef ProposedBy, PersonRef? AgreedBy);

/// <param name="DuplicateOf">Withdrawn as a duplicate of this case, where the duties this one had are met.</param>
public sealed record Closure(ClosureOutcome Outcome, string Rationale, DateTimeOffset OccurredAt, PersonRef By, Guid? DuplicateOf = null);

public sealed record Lead(LeadRole Role, PersonRef? Assignee);

public sealed record LadoConsultation(string Officer, string Advice, DateTimeOffset OccurredAt, PersonRef By);

/// <summary>The case manager the LADO or the governing body appointed to an allegation gone to the LADO directly.</summary>
public sealed record CaseManagerAppointment(PersonRef Person, string AppointedBy, string Reason, DateTimeOffset OccurredAt, PersonRef RecordedBy);

/// <summary>Someone named on the case under <see cref="UnlistedRef"/>, identified as the person in the directory with <see cref="MisRef"/>.</summary>
public sealed record Identification(string UnlistedRef, string MisRef, DateTimeOffset OccurredAt, PersonRef By);

/// <summary>A correction of the entry recorded at <see cref="AmendsVersion"/>; the original stays in the history.</summary>
public sealed record Amendment(long AmendsVersion, string Correction, string Reason, DateTimeOffset OccurredAt, PersonRef By);

/// <summary>Earlier low-level concerns about the adult <see cref="AdultMisRef"/> that, with this one, make a pattern; and its review.</summary>
public sealed record LowLevelPattern(string AdultMisRef, IReadOnlyList<Guid> EarlierConcernIds, DateTimeOffset FoundAt, PatternReview? Review);

public sealed record PatternReview(string Outcome, DateTimeOffset OccurredAt, PersonRef By);

/// <summary>
/// The state of one concern, folded from its events. Immutable: <see cref="Evolve"/> returns a new state.
/// </summary>
public sealed record Concern(
    Guid Id,
    ConcernKind Kind,
    string Summary,
    DateTimeOffset OccurredAt,
    PersonRef RaisedBy,
    Route Route,
    Lead Lead,
    IReadOnlyList<Subject> Subjects,
    ConcernStatus Status,
    Triage? Triage,
    IReadOnlyList<Escalation> Escalations,
    IReadOnlyList<Referral> Referrals,
    ReferralDecision? ReferralDecision,
    IReadOnlyList<ParentsDecision> ParentsDecisions,
    IReadOnlyList<CaseEntry> Entries,
    Investigation? Investigation,
    Debrief? Debrief,
    JointDecision? JointDecision,
    Closure? Closure,
    int TimesReopened)
{
    /// <summary>The stream version, kept by the event store; used as the ETag.</summary>
    public long Version { get; init; }

    public LadoConsultation? LadoConsultation { get; init; }

    /// <summary>On an allegation gone to the LADO directly: the case manager the LADO or the governing body appointed.</summary>
    public CaseManagerAppointment? AppointedCaseManager { get; init; }

    /// <summary>
    /// The person who manages the case by reference rather than by a role: the case manager appointed to an allegation
    /// gone to the LADO directly, or the vice-chair of governors taking the chair's part. Null when roles alone decide.
    /// </summary>
    public string? CaseManagerRef => AppointedCaseManager?.Person.Id ?? Route.ViceChairMisRef;

    /// <summary>The DSL's initial review, as recorded (youth-produced sexual imagery).</summary>
    public ImageryInitialReviewRecorded? ImageryReview { get; init; }

    public IReadOnlyList<Amendment> Amendments { get; init; } = [];

    /// <summary>The case manager shared the allegation's detail with the DSL (otherwise the DSL sees the child's side).</summary>
    public bool SharedWithDsl { get; init; }

    /// <summary>People first named by name and description, since identified in the directory: who they were recorded as.</summary>
    public IReadOnlyList<Identification> Identifications { get; init; } = [];

    /// <summary>
    /// Everyone ever named as alleged on the case (lower-cased references, whatever type they were given): once alleged,
    /// always shut out of the allegation's record, even when taken off the case as named in error.
    /// </summary>
    public IReadOnlyList<string> EverAlleged { get; init; } = [];

    /// <summary>Earlier low-level concerns about the same adult make a pattern the case manager reviews (KCSIE Part 4 section 2).</summary>
    public LowLevelPattern? Pattern { get; init; }

    /// <summary>When a low-level concern was found to meet the harm threshold (it is an allegation from then).</summary>
    public DateTimeOffset? HarmThresholdMetAt { get; init; }

    /// <summary>The changes the case's debriefs agreed, open and done (<see cref="DebriefChange"/>).</summary>
    public IReadOnlyList<DebriefChange> DebriefChanges { get; init; } = [];

    /// <summary>
    /// Everyone who owns one of <see cref="DebriefChanges"/> now (lower-cased references): what "my debrief changes"
    /// queries, as <see cref="EverAlleged"/> is kept.
    /// </summary>
    public IReadOnlyList<string> DebriefChangeOwners { get; init; } = [];

    /// <summary>A pattern of low-level concerns waits for its review.</summary>
    public bool PatternReviewDue => Pattern is { Review: null };

    public bool IsClosed => Status is ConcernStatus.Closed or ConcernStatus.Withdrawn;

    public bool AdvicePending => Escalations.Any(e => e.Advice is null);

    public IEnumerable<Subject> Learners => Subjects.Where(s => s.IsLearner);

    public bool HasSubject(string misRef) => Subjects.Any(s => s.Is(misRef));

    /// <summary>
    /// Every reference this person has had on the case: their own, and any they were recorded under before they were
    /// identified (entries in the stream keep the reference they were recorded with).
    /// </summary>
    public IReadOnlyList<string> RefsOf(string misRef) =>
        [misRef, .. Identifications.Where(i => string.Equals(i.MisRef, misRef.Trim(), StringComparison.OrdinalIgnoreCase)).Select(i => i.UnlistedRef)];

    /// <summary>
    /// Whether the person is, or ever was, alleged on this case: by reference, whatever type they were named with (the
    /// headteacher named "as a parent" is still the headteacher).
    /// </summary>
    public bool Alleges(string personId) =>
        Subjects.Any(s => s.Involvement == Involvement.Alleged && s.Is(personId)) || EverAlleged.Contains(personId.Trim().ToLowerInvariant());

    /// <summary>Whether the person declared this about themselves, by reference.</summary>
    public bool IsDeclaredBy(string personId) => Subjects.Any(s => s.Involvement == Involvement.Declaring && s.Is(personId));

    /// <summary>Whether the person is on the case in any way (affected, witness, other...), by reference.</summary>
    public bool Names(string personId) => HasSubject(personId);

    /// <summary>The decision on record for one child's parents, if any.</summary>
    public ParentsDecision? ParentsDecisionFor(string learnerMisRef) =>
        ParentsDecisions.LastOrDefault(d => string.Equals(d.LearnerMisRef, learnerMisRef.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// UKCIS: a trigger in the initial review, or an adult involved in imagery (alleged, whether or not they work at the
    /// school), means the police or children's social care must be told. A trigger the review found stands even if
    /// the case's kind is changed later.
    /// </summary>
    public bool ImmediateReferralRequired =>
        ImageryReview is { ImmediateReferralTriggers.Count: > 0 } ||
        (Kind == ConcernKind.YouthProducedSexualImagery && Subjects.Any(s => s.IsAdult && s.Involvement == Involvement.Alleged));

    /// <summary>The immediate referral UKCIS asks for: to the police or children's social care.</summary>
    public bool ImmediateReferralMade => Referrals.Any(r => r.Agency is ReferralAgency.Police or ReferralAgency.ChildrensSocialCare);

    /// <summary>
    /// A referral decision is needed before closing: the route asks for one, an immediate referral is required, or the
    /// case was triaged at immediate risk (a child at immediate risk is never closed without deciding whether to refer).
    /// </summary>
    public bool NeedsReferralDecision =>
        Route.RequiredBeforeClosure.Contains(ClosureStep.ReferralDecision) || ImmediateReferralRequired || Triage?.Risk == RiskLevel.Immediate;

    public static Concern Raise(ConcernRaised e) => new Concern(
        e.ConcernId, e.Kind, e.Summary, e.OccurredAt, e.RaisedBy, e.Route, new Lead(e.Route.Lead, null), e.Subjects,
        ConcernStatus.Raised, null, [], [], null, [], [], null, null, null, null, 0).WithEverAlleged(e.Subjects);

    private Concern WithEverAlleged(IEnumerable<Subject> subjects) => this with
    {
        EverAlleged = EverAlleged
            .Concat(subjects.Where(s => s.Involvement == Involvement.Alleged).Select(s => s.MisRef.Trim().ToLowerInvariant()))
            .Distinct()
            .ToList(),
    };

    /// <summary>The fold: the state after one more event, whose stream version is one more than the state's.</summary>
    public static Concern Evolve(Concern? state, object @event) => Next(state, @event) with { Version = (state?.Version ?? 0) + 1 };

    // Not named Apply: Marten reads an aggregate's Apply methods as projection conventions, and the inline
    // projection's Evolve override may not be mixed with them (the store refused to start).
    private static Concern Next(Concern? state, object @event) => (state, @event) switch
    {
        (_, ConcernRaised e) => Raise(e),
        (null, _) => throw new InvalidOperationException($"A concern stream must start with {nameof(ConcernRaised)}."),
        ({ } s, ConcernTriaged e) => s with
        {
            Triage = new Triage(e.Risk, e.Decision, e.Rationale, e.OccurredAt, e.By, e.ReviewBy),
            Status = e.Decision.StatusAfter(),
        },
        ({ } s, AdviceSought e) => s with
        {
            Escalations = [.. s.Escalations, new Escalation(e.EscalationId, e.Agency, e.Question, e.OccurredAt, e.By, null)],
        },
        ({ } s, AdviceReceived e) => s with
        {
            Escalations = s.Escalations
                .Select(x => x.Id == e.EscalationId ? x with { Advice = new Advice(e.Adviser, e.Summary, e.OccurredAt, e.By) } : x)
                .ToList(),
        },
        ({ } s, ExternalReferralMade e) => s with
        {
            Referrals = [.. s.Referrals, new Referral(e.ReferralId, e.Agency, e.AgencyName, e.Reference, e.OccurredAt, e.By)],
            // A referral to the LADO is the consultation KCSIE asks for.
            LadoConsultation = e.Agency == ReferralAgency.Lado && s.LadoConsultation is null
                ? new LadoConsultation(e.AgencyName ?? "LADO", $"Referred (reference {e.Reference})", e.OccurredAt, e.By)
                : s.LadoConsultation,
        },
        ({ } s, ReferralDecisionRecorded e) => s with { ReferralDecision = new ReferralDecision(e.Decision, e.Rationale, e.OccurredAt, e.By) },
        ({ } s, SanctionApplied e) => s.WithEntry("sanction-applied", e.SubjectMisRef, $"{e.Sanction}: {e.Details}", e),
        ({ } s, SupportOffered e) => s.WithEntry("support-offered", e.SubjectMisRef, e.Details, e),
        ({ } s, InternetAccessRemoved e) => s.WithEntry("internet-access-removed", e.SubjectMisRef, e.Details, e),
        ({ } s, ParentsInformed e) => s.WithEntry("parents-informed", e.SubjectMisRef, e.Details, e)
            .WithParentsDecision(e.SubjectMisRef, true, e.Details, e),
        ({ } s, ParentsNotInformed e) => s.WithEntry("parents-not-informed", e.SubjectMisRef, e.Reason, e)
            .WithParentsDecision(e.SubjectMisRef, false, e.Reason, e),
        ({ } s, ChronologyNoteAdded e) => s.WithEntry("note", null, e.Note, e),
        ({ } s, InvestigationCompleted e) => s with
        {
            Investigation = new Investigation(e.Findings, e.Outcome, e.OccurredAt, e.By),
            Status = ConcernStatus.InvestigationCompleted,
        },
        ({ } s, DebriefHeld e) => (s with
        {
            Debrief = new Debrief(e.Attendees, e.LessonsLearnt, e.ProposedChanges, e.OccurredAt, e.By),
            Status = ConcernStatus.Debriefed,
            DebriefChanges =
            [
                .. s.DebriefChanges,
                .. e.ProposedChanges.Select((c, i) => new DebriefChange(s.DebriefChanges.Count + i + 1, c.Kind, c.Change, c.Owner, c.OwnedBy, c.DueBy,
                    e.OccurredAt, e.By, null)),
            ],
        }).WithChangeOwners(),
        ({ } s, DebriefChangeAssigned e) => (s with
        {
            DebriefChanges = s.DebriefChanges
                .Select(c => c.Number == e.Change ? c with { Owner = e.Owner, OwnerRole = e.OwnerRole, DueBy = e.DueBy } : c)
                .ToList(),
        }).WithChangeOwners(),
        ({ } s, DebriefChangeDone e) => s with
        {
            DebriefChanges = s.DebriefChanges
                .Select(c => c.Number == e.Change ? c with { Done = new ChangeDone(e.WhatWasDone, e.OccurredAt, e.By) } : c)
                .ToList(),
        },
        ({ } s, JointDecisionProposed e) => s with { JointDecision = new JointDecision(e.DecisionId, e.Decision, e.ProposedAs, e.By, null) },
        ({ } s, JointDecisionAgreed e) when s.JointDecision?.Id == e.DecisionId => s with
        {
            JointDecision = s.JointDecision with { AgreedBy = e.By },
        },
        ({ } s, JointDecisionAgreed) => s, // agrees to a proposal since replaced: nothing stands agreed
        ({ } s, LeadReassigned e) => s with { Lead = new Lead(e.Lead, e.Assignee) },
        // An appointment is for a case gone to the LADO directly: once the school can manage it again, it lapses.
        ({ } s, ConcernRerouted e) => s with
        {
            Route = e.Route,
            Lead = new Lead(e.Route.Lead, null),
            AppointedCaseManager = e.Route.LadoDirect ? s.AppointedCaseManager : null,
        },
        ({ } s, SubjectsAdded e) => (s with { Subjects = [.. s.Subjects, .. e.Subjects] }).WithEverAlleged(e.Subjects),
        ({ } s, SubjectRemoved e) => s with { Subjects = s.Subjects.Where(x => x != e.Subject).ToList() },
        // Everything recorded for them moves with them, so their duties (parents, support) are theirs from now on.
        ({ } s, SubjectIdentified e) => (s with
        {
            Subjects = s.Subjects.Where(x => !e.Identifies(x.MisRef)).Concat(e.Identified).Distinct().ToList(),
            Entries = s.Entries.Select(x => e.Identifies(x.SubjectMisRef) ? x with { SubjectMisRef = e.MisRef } : x).ToList(),
            ParentsDecisions = s.ParentsDecisions.Select(d => e.Identifies(d.LearnerMisRef) ? d with { LearnerMisRef = e.MisRef } : d).ToList(),
            Identifications = [.. s.Identifications, new Identification(e.UnlistedRef, e.MisRef, e.OccurredAt, e.By)],
        }).WithEverAlleged(e.Identified),
        ({ } s, ConcernClosed e) => s with
        {
            Closure = new Closure(e.Outcome, e.Rationale, e.OccurredAt, e.By),
            Status = ConcernStatus.Closed,
        },
        ({ } s, ConcernWithdrawn e) => s with
        {
            Closure = new Closure(ClosureOutcome.Withdrawn, e.Reason, e.OccurredAt, e.By, e.DuplicateOf),
            Status = ConcernStatus.Withdrawn,
        },
        // New information reopens the case for triage; earlier investigation and debrief stay in the history.
        ({ } s, ConcernReopened) => s with
        {
            Status = ConcernStatus.Reopened,
            Triage = null,
            Investigation = null,
            Debrief = null,
            Closure = null,
            TimesReopened = s.TimesReopened + 1,
        },
        ({ } s, LadoConsulted e) => s with { LadoConsultation = new LadoConsultation(e.Officer, e.Advice, e.OccurredAt, e.By) },
        ({ } s, AllegationSharedWithDsl) => s with { SharedWithDsl = true },
        ({ } s, CaseManagerAppointed e) => s with
        {
            AppointedCaseManager = new CaseManagerAppointment(e.Appointee, e.AppointedBy, e.Reason, e.OccurredAt, e.By),
        },
        // A later review adds to the first: a trigger once found stays (the union), and a viewing once recorded stays.
        ({ } s, ImageryInitialReviewRecorded e) => s with
        {
            ImageryReview = s.ImageryReview is { } first
                ? e with
                {
                    ImmediateReferralTriggers = first.ImmediateReferralTriggers.Union(e.ImmediateReferralTriggers).ToList(),
                    Viewing = e.Viewing ?? first.Viewing,
                }
                : e,
        },
        // The route follows in the ConcernRerouted the decision appends with it.
        ({ } s, ConcernKindChanged e) => s with { Kind = e.Kind },
        ({ } s, EntryAmended e) => s with
        {
            Amendments = [.. s.Amendments, new Amendment(e.AmendsVersion, e.Correction, e.Reason, e.OccurredAt, e.By)],
        },
        ({ } s, LowLevelPatternFound e) => s with { Pattern = new LowLevelPattern(e.AdultMisRef, e.EarlierConcernIds, e.OccurredAt, null) },
        ({ } s, LowLevelPatternReviewed e) => s with { Pattern = s.Pattern is { } p ? p with { Review = new PatternReview(e.Outcome, e.OccurredAt, e.By) } : null },
        ({ } s, HarmThresholdMet e) => s with { HarmThresholdMetAt = e.OccurredAt },
        _ => throw new ArgumentException($"The concern fold does not know {@event.GetType().Name}; add it to Concern.Evolve.", nameof(@event)),
    };

    private Concern WithChangeOwners() => this with
    {
        DebriefChangeOwners = DebriefChanges.Where(c => c.Owner is not null).Select(c => c.Owner!.Id.Trim().ToLowerInvariant()).Distinct().ToList(),
    };

    private Concern WithEntry(string type, string? subjectMisRef, string text, IConcernEvent e) =>
        this with { Entries = [.. Entries, new CaseEntry(type, subjectMisRef, text, e.OccurredAt, e.By, Version + 1)] };

    /// <summary>
    /// A decision about one child's parents. Stored before December 2026 a decision could name no child: it was taken
    /// for the case, so it stands for every learner the case had then.
    /// </summary>
    private Concern WithParentsDecision(string? learnerMisRef, bool informed, string details, IConcernEvent e)
    {
        var learners = learnerMisRef is { } one ? [one.Trim()] : Learners.Select(l => l.MisRef).ToList();
        return this with
        {
            ParentsDecisions = [.. ParentsDecisions, .. learners.Select(l => new ParentsDecision(l, informed, details, e.OccurredAt, e.By))],
        };
    }
}
