using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns;

// Events of a concern stream. Each carries when it happened (OccurredAt, as reported) and who recorded it;
// the server's recorded time, correlation and causation ids are event metadata added by the store.

public sealed record ConcernRaised(
    Guid ConcernId,
    ConcernKind Kind,
    string Summary,
    IReadOnlyList<Subject> Subjects,
    DateTimeOffset OccurredAt,
    PersonRef RaisedBy,
    Route Route);

public sealed record ConcernTriaged(
    Guid ConcernId,
    RiskLevel Risk,
    TriageDecision Decision,
    string Rationale,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record AdviceSought(
    Guid ConcernId,
    Guid EscalationId,
    string Agency,
    string Question,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record AdviceReceived(
    Guid ConcernId,
    Guid EscalationId,
    string Adviser,
    string Summary,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record ExternalReferralMade(
    Guid ConcernId,
    Guid ReferralId,
    ReferralAgency Agency,
    string? AgencyName,
    string Reference,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record ReferralDecisionRecorded(
    Guid ConcernId,
    ReferralDecisionKind Decision,
    string Rationale,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record SanctionApplied(
    Guid ConcernId,
    SanctionKind Sanction,
    string? SubjectMisRef,
    string Details,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record SupportOffered(
    Guid ConcernId,
    string? SubjectMisRef,
    string Details,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record InternetAccessRemoved(
    Guid ConcernId,
    string? SubjectMisRef,
    string Details,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record ParentsInformed(
    Guid ConcernId,
    string? SubjectMisRef,
    string Details,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record ParentsNotInformed(
    Guid ConcernId,
    string? SubjectMisRef,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record ChronologyNoteAdded(
    Guid ConcernId,
    string Note,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record InvestigationCompleted(
    Guid ConcernId,
    string Findings,
    InvestigationOutcome Outcome,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record ProposedChange(ProposedChangeKind Kind, string Change, string Owner);

public sealed record DebriefHeld(
    Guid ConcernId,
    IReadOnlyList<PersonRef> Attendees,
    IReadOnlyList<string> LessonsLearnt,
    IReadOnlyList<ProposedChange> ProposedChanges,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record JointDecisionProposed(
    Guid ConcernId,
    Guid DecisionId,
    string Decision,
    Role ProposedAs,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record JointDecisionAgreed(
    Guid ConcernId,
    Guid DecisionId,
    Role AgreedAs,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record LeadReassigned(
    Guid ConcernId,
    LeadRole Lead,
    PersonRef? Assignee,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record SubjectsAdded(
    Guid ConcernId,
    IReadOnlyList<Subject> Subjects,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record ConcernClosed(
    Guid ConcernId,
    ClosureOutcome Outcome,
    string Rationale,
    DateTimeOffset OccurredAt,
    PersonRef By);

public sealed record ConcernReopened(
    Guid ConcernId,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By);

/// <summary>The case was routed again, e.g. an allegation about the headteacher came to light after it was raised.</summary>
public sealed record ConcernRerouted(
    Guid ConcernId,
    Route Route,
    DateTimeOffset OccurredAt,
    PersonRef By);
