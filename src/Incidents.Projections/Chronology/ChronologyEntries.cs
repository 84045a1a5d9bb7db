using System.Text.Json;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Projections.Chronology;

/// <summary>One line of a person's chronology, worded from one event of one of their concerns.</summary>
public sealed record ChronologyLine(string Type, string Entry, DateTimeOffset OccurredAt, PersonRef RecordedBy);

/// <summary>
/// Words each event of a concern as a chronology line about one person. Entries aimed at someone else on the
/// same concern (a sanction or support for another learner) are left out: each person's chronology holds
/// what is about them and what happened to the case as a whole.
/// </summary>
public static class ChronologyEntries
{
    /// <summary>
    /// Event types <see cref="About"/> words for nobody. Every type of <see cref="ConcernEventTypes.All"/> is either
    /// worded below or listed here (a test holds it to that): today every event says something to the case's people.
    /// </summary>
    public static readonly IReadOnlySet<Type> Unworded = new HashSet<Type>();

    /// <summary>The type of the line a correction adds: it names the entry (by version) it corrects.</summary>
    public const string Correction = "entry-amended";

    /// <summary>The line that opens the child's side of a case someone else leads.</summary>
    public const string ChildInAllegation = "in-allegations-case";

    /// <summary>
    /// The whole line about the person with <paramref name="refs"/> for those who read the concern in full: their MIS
    /// reference and any reference they had on the case before they were identified (<see cref="Concern.RefsOf"/>).
    /// </summary>
    public static ChronologyLine? About(object @event, params IReadOnlyCollection<string> refs) =>
        Line(@event, subject => subject is not null && !IsOneOf(subject, refs));

    /// <summary>The line on the case's own timeline, for those who read the concern in full: every entry, for anyone.</summary>
    public static ChronologyLine? OnCase(object @event) => Line(@event, _ => false);

    /// <summary>The person an entry was recorded for (an action's or a parents' decision's subject), if any.</summary>
    public static string? RecordedFor(object @event) => @event switch
    {
        SanctionApplied e => e.SubjectMisRef,
        SupportOffered e => e.SubjectMisRef,
        InternetAccessRemoved e => e.SubjectMisRef,
        ParentsInformed e => e.SubjectMisRef,
        ParentsNotInformed e => e.SubjectMisRef,
        _ => null,
    };

    private static bool IsOneOf(string subject, IEnumerable<string> refs) =>
        refs.Any(r => string.Equals(subject.Trim(), r.Trim(), StringComparison.OrdinalIgnoreCase));

    private static ChronologyLine? Line(object @event, Func<string?, bool> forOther)
    {
        return @event switch
        {
            ConcernRaised e => new("concern-raised", $"Concern raised ({Name(e.Kind)}): {e.Summary}", e.OccurredAt, e.RaisedBy),
            ConcernTriaged e => new("concern-triaged", $"Triaged as {Name(e.Risk)} risk, {Name(e.Decision)}: {e.Rationale}", e.OccurredAt, e.By),
            AdviceSought e => new("advice-sought", $"Advice sought from {e.Agency}: {e.Question}", e.OccurredAt, e.By),
            AdviceReceived e => new("advice-received", $"Advice received from {e.Adviser}: {e.Summary}", e.OccurredAt, e.By),
            ExternalReferralMade e => new("external-referral-made",
                $"Referred to {e.AgencyName ?? Name(e.Agency)} (reference {e.Reference})", e.OccurredAt, e.By),
            ReferralDecisionRecorded e => new("referral-decision-recorded", $"Referral decision, {Name(e.Decision)}: {e.Rationale}", e.OccurredAt, e.By),
            SanctionApplied e when !forOther(e.SubjectMisRef) => new("sanction-applied", $"Sanction ({Name(e.Sanction)}): {e.Details}", e.OccurredAt, e.By),
            SupportOffered e when !forOther(e.SubjectMisRef) => new("support-offered", $"Support offered: {e.Details}", e.OccurredAt, e.By),
            InternetAccessRemoved e when !forOther(e.SubjectMisRef) => new("internet-access-removed", $"Internet access removed: {e.Details}", e.OccurredAt, e.By),
            ParentsInformed e when !forOther(e.SubjectMisRef) => new("parents-informed", $"Parents/carers informed: {e.Details}", e.OccurredAt, e.By),
            ParentsNotInformed e when !forOther(e.SubjectMisRef) => new("parents-not-informed", $"Parents/carers not informed: {e.Reason}", e.OccurredAt, e.By),
            ChronologyNoteAdded e => new("note", e.Note, e.OccurredAt, e.By),
            InvestigationCompleted e => new("investigation-completed", $"Investigation completed, {Name(e.Outcome)}: {e.Findings}", e.OccurredAt, e.By),
            DebriefHeld e => new("debrief-held", $"Leadership debrief held. Lessons learnt: {string.Join("; ", e.LessonsLearnt)}", e.OccurredAt, e.By),
            DebriefChangeAssigned e => new("debrief-change-assigned",
                $"Change {e.Change} agreed at the debrief is owned by the {e.OwnerRole} ({e.Owner.Name}), due by {e.DueBy:d MMMM yyyy}", e.OccurredAt, e.By),
            DebriefChangeDone e => new("debrief-change-done", $"Change {e.Change} agreed at the debrief was done: {e.WhatWasDone}", e.OccurredAt, e.By),
            JointDecisionProposed e => new("joint-decision-proposed", $"Decision proposed by the {Name(e.ProposedAs)}: {e.Decision}", e.OccurredAt, e.By),
            JointDecisionAgreed e => new("joint-decision-agreed", $"Decision agreed by the {Name(e.AgreedAs)}", e.OccurredAt, e.By),
            LeadReassigned e => new("lead-reassigned",
                $"Lead reassigned to {Name(e.Lead)}{(e.Assignee is null ? "" : $" ({e.Assignee.Name})")}: {e.Reason}", e.OccurredAt, e.By),
            ConcernRerouted e => new("concern-rerouted", $"Rerouted to {Name(e.Route.Lead)}: {e.Route.Reason}", e.OccurredAt, e.By),
            SubjectsAdded e when e.Subjects.Any(s => !forOther(s.MisRef)) => new("subjects-added",
                $"Added to the concern ({Name(e.Subjects.First(s => !forOther(s.MisRef)).Involvement)})", e.OccurredAt, e.By),
            ConcernClosed e => new("concern-closed", $"Closed, {Name(e.Outcome)}: {e.Rationale}", e.OccurredAt, e.By),
            ConcernReopened e => new("concern-reopened", $"Reopened: {e.Reason}", e.OccurredAt, e.By),
            LadoConsulted e => new("lado-consulted", $"LADO consulted ({e.Officer}): {e.Advice}", e.OccurredAt, e.By),
            CaseManagerAppointed e => new("case-manager-appointed",
                $"Case manager appointed by {e.AppointedBy}: {e.Appointee.Name} ({e.Appointee.Id}). {e.Reason}", e.OccurredAt, e.By),
            AllegationSharedWithDsl e => new("allegation-shared-with-dsl", $"Allegation shared with the DSL: {e.Reason}", e.OccurredAt, e.By),
            ImageryInitialReviewRecorded e => new("imagery-initial-review-recorded", Worded(e), e.OccurredAt, e.By),
            EntryAmended e => new(Correction, $"Correction to entry {e.AmendsVersion}: {e.Correction} (reason: {e.Reason})", e.OccurredAt, e.By),
            SubjectIdentified e when forOther(e.MisRef) && forOther(e.UnlistedRef) => new("subject-identified",
                $"A person named by name ({e.UnlistedRef}) was identified as {e.MisRef} in the directory", e.OccurredAt, e.By),
            SubjectIdentified e => new("subject-identified",
                $"Identified in the directory; named on the concern until then by name ({e.UnlistedRef})", e.OccurredAt, e.By),
            SubjectRemoved e when forOther(e.Subject.MisRef) => new("subject-removed", $"A person added in error was removed from the concern: {e.Reason}", e.OccurredAt, e.By),
            SubjectRemoved e => new("subject-removed", $"Removed from the concern ({Name(e.Subject.Involvement)}), added in error: {e.Reason}", e.OccurredAt, e.By),
            ConcernWithdrawn { DuplicateOf: { } duplicate } e => new("concern-withdrawn",
                $"Withdrawn as a duplicate of concern {duplicate}, which keeps its duties: {e.Reason}", e.OccurredAt, e.By),
            ConcernWithdrawn e => new("concern-withdrawn", $"Withdrawn, raised in error: {e.Reason}", e.OccurredAt, e.By),
            ConcernKindChanged e => new("concern-kind-changed", $"Kind changed from {Name(e.From)} to {Name(e.Kind)}: {e.Reason}", e.OccurredAt, e.By),
            LowLevelPatternFound e => new("low-level-pattern-found",
                $"A pattern of low-level concerns about the same adult, with {e.EarlierConcernIds.Count} earlier: for review", e.OccurredAt, e.By),
            LowLevelPatternReviewed e => new("low-level-pattern-reviewed", $"Pattern of low-level concerns reviewed: {e.Outcome}", e.OccurredAt, e.By),
            HarmThresholdMet e => new("harm-threshold-met", $"The harm threshold is met, so it is an allegation: {e.Reason}", e.OccurredAt, e.By),
            _ => null,
        };
    }

    /// <summary>
    /// The child's side of a case someone else leads, for the DSL (<see cref="ReadLevel.ChildSide"/>): that the child is
    /// on it and who leads it, what <see cref="ChildSide"/> puts on this child's side (support, their parents, the
    /// corrections of those), and when it closed. Never the allegation, the adult, who raised it, or anything recorded for
    /// someone else. <paramref name="version"/> is the event's version in the case's stream.
    /// </summary>
    public static ChronologyLine? ChildSideAbout(object @event, long version, Concern concern, string learnerMisRef)
    {
        var refs = concern.RefsOf(learnerMisRef);
        var lead = concern.Route.Lead;
        var manager = CaseManager(lead);
        var what = concern.Route.IsAllegation ? "allegations case" : "case";
        return @event switch
        {
            ConcernRaised e => new(ChildInAllegation, concern.Route.IsAllegation
                ? $"In an allegations case managed by the {Spoken(lead)}; the DSL keeps the child's side (support, parents)"
                : $"In a case led by the {Spoken(lead)}; the DSL keeps the child's side (support, parents)", e.OccurredAt, manager),
            SupportOffered or ParentsInformed or ParentsNotInformed when ChildSide.Shows(concern, learnerMisRef, version) => About(@event, refs),
            EntryAmended e when ChildSide.Shows(concern, learnerMisRef, e.AmendsVersion) => About(e, refs),
            ConcernClosed e => new("concern-closed", $"The {what} was closed", e.OccurredAt, manager),
            ConcernWithdrawn e => new("concern-withdrawn", $"The {what} was withdrawn", e.OccurredAt, manager),
            ConcernReopened e => new("concern-reopened", $"The {what} was reopened", e.OccurredAt, manager),
            _ => null,
        };
    }

    // On the child's side the case manager is named by role, never by who recorded the allegation.
    private static PersonRef CaseManager(LeadRole lead) => new(Name(lead), $"The {Spoken(lead)}");

    private static string Spoken(LeadRole lead) => Name(lead).Replace('-', ' ');

    private static string Worded(ImageryInitialReviewRecorded e)
    {
        var viewed = e.Viewing is { } v
            ? $"imagery viewed by {v.ViewedBy.Name} ({v.Reason}){(v.Present.Count == 0 ? "" : $", with {string.Join(", ", v.Present.Select(p => p.Name))} present")}"
            : "imagery not viewed";
        var triggers = e.ImmediateReferralTriggers.Count == 0
            ? "no immediate-referral trigger"
            : $"immediate referral required: {string.Join(", ", e.ImmediateReferralTriggers.Select(t => Name(t)))}";
        return $"Initial review: {viewed}; devices: {e.Devices}; deletion: {e.Deletion}; Report Remove {(e.ReportRemoveOffered ? "offered" : "not offered")}; parents: {e.Parents}; {triggers}";
    }

    /// <summary>An enum value as the API spells it (kebab-case).</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
