using System.Text.Json;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;

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
    public static ChronologyLine? About(object @event, string misRef)
    {
        bool ForOther(string? subject) => subject is not null && !string.Equals(subject.Trim(), misRef.Trim(), StringComparison.OrdinalIgnoreCase);

        return @event switch
        {
            ConcernRaised e => new("concern-raised", $"Concern raised ({Name(e.Kind)}): {e.Summary}", e.OccurredAt, e.RaisedBy),
            ConcernTriaged e => new("concern-triaged", $"Triaged as {Name(e.Risk)} risk, {Name(e.Decision)}: {e.Rationale}", e.OccurredAt, e.By),
            AdviceSought e => new("advice-sought", $"Advice sought from {e.Agency}: {e.Question}", e.OccurredAt, e.By),
            AdviceReceived e => new("advice-received", $"Advice received from {e.Adviser}: {e.Summary}", e.OccurredAt, e.By),
            ExternalReferralMade e => new("external-referral-made",
                $"Referred to {e.AgencyName ?? Name(e.Agency)} (reference {e.Reference})", e.OccurredAt, e.By),
            ReferralDecisionRecorded e => new("referral-decision-recorded", $"Referral decision, {Name(e.Decision)}: {e.Rationale}", e.OccurredAt, e.By),
            SanctionApplied e when !ForOther(e.SubjectMisRef) => new("sanction-applied", $"Sanction ({Name(e.Sanction)}): {e.Details}", e.OccurredAt, e.By),
            SupportOffered e when !ForOther(e.SubjectMisRef) => new("support-offered", $"Support offered: {e.Details}", e.OccurredAt, e.By),
            InternetAccessRemoved e when !ForOther(e.SubjectMisRef) => new("internet-access-removed", $"Internet access removed: {e.Details}", e.OccurredAt, e.By),
            ParentsInformed e when !ForOther(e.SubjectMisRef) => new("parents-informed", $"Parents/carers informed: {e.Details}", e.OccurredAt, e.By),
            ParentsNotInformed e when !ForOther(e.SubjectMisRef) => new("parents-not-informed", $"Parents/carers not informed: {e.Reason}", e.OccurredAt, e.By),
            ChronologyNoteAdded e => new("note", e.Note, e.OccurredAt, e.By),
            InvestigationCompleted e => new("investigation-completed", $"Investigation completed, {Name(e.Outcome)}: {e.Findings}", e.OccurredAt, e.By),
            DebriefHeld e => new("debrief-held", $"Leadership debrief held. Lessons learnt: {string.Join("; ", e.LessonsLearnt)}", e.OccurredAt, e.By),
            JointDecisionProposed e => new("joint-decision-proposed", $"Decision proposed by the {Name(e.ProposedAs)}: {e.Decision}", e.OccurredAt, e.By),
            JointDecisionAgreed e => new("joint-decision-agreed", $"Decision agreed by the {Name(e.AgreedAs)}", e.OccurredAt, e.By),
            LeadReassigned e => new("lead-reassigned",
                $"Lead reassigned to {Name(e.Lead)}{(e.Assignee is null ? "" : $" ({e.Assignee.Name})")}: {e.Reason}", e.OccurredAt, e.By),
            ConcernRerouted e => new("concern-rerouted", $"Rerouted to {Name(e.Route.Lead)}: {e.Route.Reason}", e.OccurredAt, e.By),
            SubjectsAdded e when e.Subjects.Any(s => !ForOther(s.MisRef)) => new("subjects-added",
                $"Added to the concern ({Name(e.Subjects.First(s => !ForOther(s.MisRef)).Involvement)})", e.OccurredAt, e.By),
            ConcernClosed e => new("concern-closed", $"Closed, {Name(e.Outcome)}: {e.Rationale}", e.OccurredAt, e.By),
            ConcernReopened e => new("concern-reopened", $"Reopened: {e.Reason}", e.OccurredAt, e.By),
            _ => null,
        };
    }

    /// <summary>An enum value as the API spells it (kebab-case).</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
