using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns;

public sealed record Triage(RiskLevel Risk, TriageDecision Decision, string Rationale, DateTimeOffset OccurredAt, PersonRef By);

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

public sealed record ParentsDecision(bool Informed, string Details, DateTimeOffset OccurredAt, PersonRef By);

/// <summary>An action or note on the case's own chronology.</summary>
public sealed record CaseEntry(string Type, string? SubjectMisRef, string Text, DateTimeOffset OccurredAt, PersonRef By);

public sealed record Investigation(string Findings, InvestigationOutcome Outcome, DateTimeOffset CompletedAt, PersonRef By);

public sealed record Debrief(
    IReadOnlyList<PersonRef> Attendees,
    IReadOnlyList<string> LessonsLearnt,
    IReadOnlyList<ProposedChange> ProposedChanges,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record JointDecision(Guid Id, string Decision, Role ProposedAs, PersonRef ProposedBy, PersonRef? AgreedBy);

public sealed record Closure(ClosureOutcome Outcome, string Rationale, DateTimeOffset OccurredAt, PersonRef By);

public sealed record Lead(LeadRole Role, PersonRef? Assignee);

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
    ParentsDecision? ParentsDecision,
    IReadOnlyList<CaseEntry> Entries,
    Investigation? Investigation,
    Debrief? Debrief,
    JointDecision? JointDecision,
    Closure? Closure,
    int TimesReopened)
{
    /// <summary>The stream version, kept by the event store; used as the ETag.</summary>
    public long Version { get; init; }

    public bool IsClosed => Status == ConcernStatus.Closed;

    public bool AdvicePending => Escalations.Any(e => e.Advice is null);

    /// <summary>Staff subjects whom the concern alleges something about: they never take part in their own case.</summary>
    public IEnumerable<string> AllegedStaff =>
        Subjects.Where(s => s.Type == PersonType.StaffMember && s.Involvement == Involvement.Alleged).Select(s => s.MisRef);

    public bool IsAbout(string personId) =>
        Subjects.Any(s => s.Type == PersonType.StaffMember && s.Involvement == Involvement.Alleged &&
                          string.Equals(s.MisRef, personId, StringComparison.OrdinalIgnoreCase));

    public static Concern Raise(ConcernRaised e) => new(
        e.ConcernId, e.Kind, e.Summary, e.OccurredAt, e.RaisedBy, e.Route, new Lead(e.Route.Lead, null), e.Subjects,
        ConcernStatus.Raised, null, [], [], null, null, [], null, null, null, null, 0);

    /// <summary>The fold: the state after one more event. Unknown events leave the state as it was.</summary>
    public static Concern Evolve(Concern? state, object @event) => (state, @event) switch
    {
        (_, ConcernRaised e) => Raise(e),
        (null, _) => throw new InvalidOperationException($"A concern stream must start with {nameof(ConcernRaised)}."),
        ({ } s, ConcernTriaged e) => s with
        {
            Triage = new Triage(e.Risk, e.Decision, e.Rationale, e.OccurredAt, e.By),
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
        },
        ({ } s, ReferralDecisionRecorded e) => s with { ReferralDecision = new ReferralDecision(e.Decision, e.Rationale, e.OccurredAt, e.By) },
        ({ } s, SanctionApplied e) => s.WithEntry(new CaseEntry("sanction-applied", e.SubjectMisRef, $"{e.Sanction}: {e.Details}", e.OccurredAt, e.By)),
        ({ } s, SupportOffered e) => s.WithEntry(new CaseEntry("support-offered", e.SubjectMisRef, e.Details, e.OccurredAt, e.By)),
        ({ } s, InternetAccessRemoved e) => s.WithEntry(new CaseEntry("internet-access-removed", e.SubjectMisRef, e.Details, e.OccurredAt, e.By)),
        ({ } s, ParentsInformed e) => s.WithEntry(new CaseEntry("parents-informed", e.SubjectMisRef, e.Details, e.OccurredAt, e.By)) with
        {
            ParentsDecision = new ParentsDecision(true, e.Details, e.OccurredAt, e.By),
        },
        ({ } s, ParentsNotInformed e) => s.WithEntry(new CaseEntry("parents-not-informed", e.SubjectMisRef, e.Reason, e.OccurredAt, e.By)) with
        {
            ParentsDecision = new ParentsDecision(false, e.Reason, e.OccurredAt, e.By),
        },
        ({ } s, ChronologyNoteAdded e) => s.WithEntry(new CaseEntry("note", null, e.Note, e.OccurredAt, e.By)),
        ({ } s, InvestigationCompleted e) => s with
        {
            Investigation = new Investigation(e.Findings, e.Outcome, e.OccurredAt, e.By),
            Status = ConcernStatus.InvestigationCompleted,
        },
        ({ } s, DebriefHeld e) => s with
        {
            Debrief = new Debrief(e.Attendees, e.LessonsLearnt, e.ProposedChanges, e.OccurredAt, e.By),
            Status = ConcernStatus.Debriefed,
        },
        ({ } s, JointDecisionProposed e) => s with { JointDecision = new JointDecision(e.DecisionId, e.Decision, e.ProposedAs, e.By, null) },
        ({ } s, JointDecisionAgreed e) when s.JointDecision?.Id == e.DecisionId => s with
        {
            JointDecision = s.JointDecision with { AgreedBy = e.By },
        },
        ({ } s, LeadReassigned e) => s with { Lead = new Lead(e.Lead, e.Assignee) },
        ({ } s, ConcernRerouted e) => s with { Route = e.Route, Lead = new Lead(e.Route.Lead, null) },
        ({ } s, SubjectsAdded e) => s with { Subjects = [.. s.Subjects, .. e.Subjects] },
        ({ } s, ConcernClosed e) => s with
        {
            Closure = new Closure(e.Outcome, e.Rationale, e.OccurredAt, e.By),
            Status = ConcernStatus.Closed,
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
        ({ } s, _) => s,
    };

    private Concern WithEntry(CaseEntry entry) => this with { Entries = [.. Entries, entry] };
}
