using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns;

/// <summary>
/// The contract every event of a concern stream keeps: which concern, when it happened (as reported) and who
/// recorded it. The server's recorded time, correlation and causation ids are metadata added by the store.
/// </summary>
public interface IConcernEvent
{
    Guid ConcernId { get; }

    DateTimeOffset OccurredAt { get; }

    PersonRef By { get; }
}

public static class ConcernEventTypes
{
    /// <summary>Every event type of a concern stream: what the store registers and what every reader must handle.</summary>
    public static readonly IReadOnlyList<Type> All = typeof(IConcernEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IConcernEvent).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();
}

public sealed record ConcernRaised(
    Guid ConcernId,
    ConcernKind Kind,
    string Summary,
    IReadOnlyList<Subject> Subjects,
    DateTimeOffset OccurredAt,
    PersonRef RaisedBy,
    Route Route) : IConcernEvent
{
    // Stored as RaisedBy since the first version; the contract reads it without reshaping stored events.
    PersonRef IConcernEvent.By => RaisedBy;
}

public sealed record ConcernTriaged(
    Guid ConcernId,
    RiskLevel Risk,
    TriageDecision Decision,
    string Rationale,
    DateTimeOffset OccurredAt,
    PersonRef By,
    DateOnly? ReviewBy = null) : IConcernEvent;

public sealed record AdviceSought(
    Guid ConcernId,
    Guid EscalationId,
    string Agency,
    string Question,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record AdviceReceived(
    Guid ConcernId,
    Guid EscalationId,
    string Adviser,
    string Summary,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record ExternalReferralMade(
    Guid ConcernId,
    Guid ReferralId,
    ReferralAgency Agency,
    string? AgencyName,
    string Reference,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record ReferralDecisionRecorded(
    Guid ConcernId,
    ReferralDecisionKind Decision,
    string Rationale,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record SanctionApplied(
    Guid ConcernId,
    SanctionKind Sanction,
    string? SubjectMisRef,
    string Details,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record SupportOffered(
    Guid ConcernId,
    string? SubjectMisRef,
    string Details,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record InternetAccessRemoved(
    Guid ConcernId,
    string? SubjectMisRef,
    string Details,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record ParentsInformed(
    Guid ConcernId,
    string? SubjectMisRef,
    string Details,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record ParentsNotInformed(
    Guid ConcernId,
    string? SubjectMisRef,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record ChronologyNoteAdded(
    Guid ConcernId,
    string Note,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record InvestigationCompleted(
    Guid ConcernId,
    string Findings,
    InvestigationOutcome Outcome,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>A change agreed at a debrief (section 8: implement any policy or curriculum changes).</summary>
/// <param name="Owner">The owner's role, as governors read it in their report (e.g. "PSHE lead"); never their name.</param>
/// <param name="OwnedBy">
/// The person in the school's directory who owns the change. Absent in events stored before December 2026: the change is
/// then to be assigned (<see cref="DebriefChangeAssigned"/>).
/// </param>
/// <param name="DueBy">The date the change is due; absent, like <paramref name="OwnedBy"/>, in events stored before December 2026.</param>
public sealed record ProposedChange(ProposedChangeKind Kind, string Change, string Owner, PersonRef? OwnedBy = null, DateOnly? DueBy = null);

public sealed record DebriefHeld(
    Guid ConcernId,
    IReadOnlyList<PersonRef> Attendees,
    IReadOnlyList<string> LessonsLearnt,
    IReadOnlyList<ProposedChange> ProposedChanges,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>
/// A change agreed at a debrief (numbered in the order the case's debriefs agreed them, from 1) is given an owner and a
/// due date, or another owner or date.
/// </summary>
/// <param name="OwnerRole">The owner's role, as governors read it (their name never reaches the report).</param>
public sealed record DebriefChangeAssigned(
    Guid ConcernId,
    int Change,
    PersonRef Owner,
    string OwnerRole,
    DateOnly DueBy,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>A change agreed at a debrief was made: what was done, and when.</summary>
public sealed record DebriefChangeDone(
    Guid ConcernId,
    int Change,
    string WhatWasDone,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record JointDecisionProposed(
    Guid ConcernId,
    Guid DecisionId,
    string Decision,
    Role ProposedAs,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record JointDecisionAgreed(
    Guid ConcernId,
    Guid DecisionId,
    Role AgreedAs,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record LeadReassigned(
    Guid ConcernId,
    LeadRole Lead,
    PersonRef? Assignee,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record SubjectsAdded(
    Guid ConcernId,
    IReadOnlyList<Subject> Subjects,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record ConcernClosed(
    Guid ConcernId,
    ClosureOutcome Outcome,
    string Rationale,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

public sealed record ConcernReopened(
    Guid ConcernId,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>The case was routed again, e.g. an allegation about the headteacher came to light after it was raised.</summary>
public sealed record ConcernRerouted(
    Guid ConcernId,
    Route Route,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>
/// An allegation gone to the LADO directly (the headteacher and the chair both on it, no vice-chair): the LADO or the
/// governing body appointed <paramref name="Appointee"/> its case manager (KCSIE Part 4), and the DSL recorded it.
/// </summary>
/// <param name="AppointedBy">Who appointed them, as the DSL was told: the LADO (and which officer) or the governing body.</param>
public sealed record CaseManagerAppointed(
    Guid ConcernId,
    PersonRef Appointee,
    string AppointedBy,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>
/// Allegations (KCSIE Part 4): the case manager discussed the allegation with the LADO. A referral to the LADO
/// counts as the consultation too.
/// </summary>
public sealed record LadoConsulted(
    Guid ConcernId,
    string Officer,
    string Advice,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>The case manager shares the allegation's detail with the DSL, who otherwise sees only the child's side.</summary>
public sealed record AllegationSharedWithDsl(
    Guid ConcernId,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>Who viewed imagery, why, and who else was present (UKCIS: only when unavoidable, by the DSL or a deputy).</summary>
public sealed record ImageryViewing(PersonRef ViewedBy, string Reason, IReadOnlyList<PersonRef> Present);

/// <summary>The DSL's initial review of a youth-produced sexual imagery concern (UKCIS advice).</summary>
public sealed record ImageryInitialReviewRecorded(
    Guid ConcernId,
    ImageryViewing? Viewing,
    string Devices,
    string Deletion,
    bool ReportRemoveOffered,
    string Parents,
    IReadOnlyList<ImmediateReferralTrigger> ImmediateReferralTriggers,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>A correction of an earlier entry (by its stream version). The original stays in the history.</summary>
public sealed record EntryAmended(
    Guid ConcernId,
    long AmendsVersion,
    string Correction,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>A subject added in error is taken off the case: their chronology no longer shows it; the history keeps this.</summary>
public sealed record SubjectRemoved(
    Guid ConcernId,
    Subject Subject,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>A concern raised in error is withdrawn: closed without counting as handled.</summary>
/// <param name="DuplicateOf">
/// Withdrawn as a duplicate of this case, where the duties this one had (an immediate referral, the LADO consultation)
/// are met. Absent in events stored before December 2026 and for a concern withdrawn as raised in error.
/// </param>
public sealed record ConcernWithdrawn(
    Guid ConcernId,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By,
    Guid? DuplicateOf = null) : IConcernEvent;

/// <summary>
/// The concern turned out to be of another kind (nudes found in a case raised as cyberbullying, say), with the reason.
/// The route follows in a <see cref="ConcernRerouted"/> appended with it; the case keeps its policy version.
/// </summary>
public sealed record ConcernKindChanged(
    Guid ConcernId,
    ConcernKind From,
    ConcernKind Kind,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>
/// Someone named on the case by name and description under a reference the service gave them
/// (<paramref name="UnlistedRef"/>) is identified as the person in the directory with <paramref name="MisRef"/>: every
/// way they are on the case (<paramref name="Unlisted"/>) and what was recorded for them now belong to that person.
/// The history keeps who they were recorded as.
/// </summary>
/// <param name="Type">Who they are to the school, as the directory says.</param>
public sealed record SubjectIdentified(
    Guid ConcernId,
    string UnlistedRef,
    IReadOnlyList<Subject> Unlisted,
    string MisRef,
    PersonType Type,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent
{
    /// <summary>How they are on the case now: the same involvements, under their MIS reference.</summary>
    public IReadOnlyList<Subject> Identified => Unlisted.Select(s => new Subject(MisRef, Type, s.Involvement)).Distinct().ToList();

    /// <summary>Whether a reference recorded on the case is the one this identifies.</summary>
    public bool Identifies(string? misRef) => misRef is not null && string.Equals(misRef.Trim(), UnlistedRef.Trim(), StringComparison.OrdinalIgnoreCase);
}
