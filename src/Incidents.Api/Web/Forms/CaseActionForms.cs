using Incidents.Api.Concerns.Acting;
using Incidents.Api.Concerns.Allegations;
using Incidents.Api.Concerns.Closing;
using Incidents.Api.Concerns.Corrections;
using Incidents.Api.Concerns.Debriefing;
using Incidents.Api.Concerns.Escalating;
using Incidents.Api.Concerns.Imagery;
using Incidents.Api.Concerns.Investigating;
using Incidents.Api.Concerns.JointDecisions;
using Incidents.Api.Concerns.Leading;
using Incidents.Api.Concerns.LowLevel;
using Incidents.Api.Concerns.Notes;
using Incidents.Api.Concerns.Referring;
using Incidents.Api.Concerns.Subjects;
using Incidents.Api.Concerns.Triaging;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Api.PeopleDirectory;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Concerns.Corrections;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Web.Forms;

/// <summary>
/// What a form needs besides the fields: the case, who is acting, and the school's people (for identifying someone named
/// by name, the directory's entry for the reference given and what was recorded for them, as the API's endpoint loads).
/// </summary>
public sealed record FormContext(Concern Concern, Actor Actor, SchoolRoles School, TimeZoneInfo SchoolTime, OccurrenceWindow Window, PeopleNames Names)
{
    /// <summary>How much of the case the person may read: a form shows no more (the DSL on an allegation sees the children only).</summary>
    public ReadLevel Level { get; init; } = ReadLevel.Full;

    public DirectoryPerson? Listed { get; init; }

    /// <summary>For adding people: what the directory lists for those named, as the API's endpoint loads.</summary>
    public IReadOnlyCollection<DirectoryPerson> ListedPeople { get; init; } = [];

    public UnlistedPerson? Unlisted { get; init; }

    /// <summary>For withdrawing a duplicate: the case given as the one it duplicates, as the API's endpoint loads it.</summary>
    public DuplicateCase? Duplicate { get; init; }

    /// <summary>People in the directory to choose from: those whose names match someone named by name, or a name given twice.</summary>
    public IReadOnlyList<Choice> Candidates { get; init; } = [];

    /// <summary>For a debrief: the people in the directory named as attending.</summary>
    public IReadOnlyList<PersonRef> Attendees { get; init; } = [];
}

/// <summary>
/// A form's command, bound and validated by the API's own request type, or the problem with it; and what the command
/// keeps beside its events when it is accepted (<see cref="Concerns.ConcernCommands.ExecuteAsync"/>).
/// </summary>
public sealed record PreparedCommand(Func<Concern, Actor, DateTimeOffset, Decision>? Decide, ProblemDetails? Problem,
    Action<IDocumentSession, Concern, DateTimeOffset>? Alongside = null);

/// <summary>What a form's look-up step is given: who may read what, the form as entered, and whether it was posted.</summary>
public sealed record FormLookUpRequest(IQuerySession Reader, FormContext Context, FormValues Values, bool Posted, DateOnly Today);

/// <summary>
/// What a look-up found: the context (people found, candidates to choose from) and the values with what was found filled
/// in, or the errors to show on the form instead of giving the command.
/// </summary>
public sealed record LookedUp(FormContext Context, FormValues Values, FormErrors? Errors = null);

/// <summary>
/// One command on a case as a form: its fields, then the API's own request, validation and Decide. Nothing here
/// decides anything: a refusal comes from the same decider, in the same words, as the API's. A form that needs to read
/// something first (the directory, what was recorded beside the case) declares a <see cref="LookUp"/> step, which the
/// page runs before showing the fields and before preparing the command, so the page itself knows no form.
/// </summary>
public sealed record CaseActionForm(
    CaseAction Action,
    string Slug,
    string Title,
    string Button,
    string? Intro,
    Func<FormContext, IReadOnlyList<FormField>> Fields,
    Func<FormValues, FormContext, PreparedCommand> Prepare)
{
    public Func<FormLookUpRequest, CancellationToken, Task<LookedUp>>? LookUp { get; init; }

    /// <summary>The API endpoint whose request, Validate and Decide this form uses (a test checks every form has one).</summary>
    public Type Endpoint { get; init; } = typeof(object);

    public async Task<LookedUp> LookUpAsync(FormLookUpRequest request, CancellationToken ct) =>
        LookUp is null ? new LookedUp(request.Context, request.Values) : await LookUp(request, ct);
}

public static class CaseActionForms
{
    private static readonly FormField When = new("occurredAt", "When did this happen?", FieldKind.When, "The date and time at school, for example 20 November 2026 at 10:00.");

    public static readonly IReadOnlyList<CaseActionForm> All =
    [
        Form<TriageRequest>(CaseAction.Triage, "triage", "Triage the concern", "Save triage",
            "Decide the level of risk and what happens next.",
            _ =>
            [
                new("risk", "Level of risk", FieldKind.Radios, Choices: FormField.EnumChoices<RiskLevel>(Words.Risk)),
                new("decision", "What happens next", FieldKind.Radios, Choices: FormField.EnumChoices<TriageDecision>(d => d switch
                {
                    TriageDecision.Investigate => "Investigate",
                    TriageDecision.Monitor => "Monitor, and review by a date",
                    _ => "No further action",
                })),
                new("reviewBy", "Review by", FieldKind.Date, "Only when monitoring: the date the case is looked at again.", Optional: true),
                new("rationale", "Why", FieldKind.LongText),
                When,
            ],
            TriageEndpoint.Validate, (r, c, _) => (concern, actor, now) => TriageEndpoint.Decide(r, concern, actor, now)),
        Form<SeekAdviceRequest>(CaseAction.SeekAdvice, "seek-advice", "Seek advice", "Record that advice was sought",
            "Section 8: when unsure how to proceed, seek advice from the Education Safeguarding Service.",
            _ =>
            [
                new("agency", "Who was asked", FieldKind.Text, "Leave blank for the Education Safeguarding Service.", Optional: true),
                new("question", "What was asked", FieldKind.LongText),
                When,
            ],
            SeekAdviceEndpoint.Validate, (r, _, _) => (concern, actor, now) => SeekAdviceEndpoint.Decide(r, concern, actor, now)),
        Form<RecordAdviceRequest>(CaseAction.RecordAdvice, "record-advice", "Record the advice received", "Save advice", null,
            c =>
            [
                new("escalationId", "Which request for advice", FieldKind.Radios, Choices: c.Concern.Escalations.Where(e => e.Advice is null)
                    .Select(e => new Choice(e.Id.ToString(), $"{e.Agency}: {e.Question}", $"Asked {SchoolTime.Show(e.SoughtAt, c.SchoolTime)}")).ToList()),
                new("adviser", "Who gave the advice", FieldKind.Text),
                new("summary", "The advice", FieldKind.LongText),
                When,
            ],
            RecordAdviceEndpoint.Validate, (r, _, values) =>
                Guid.TryParse(values.Get("escalationId"), out var escalation)
                    ? (concern, actor, now) => RecordAdviceEndpoint.Decide(r, concern, actor, now, escalation)
                    : null,
            missing: ("escalationId", "Choose which request for advice this answers.")),
        Form<ConsultLadoRequest>(CaseAction.ConsultLado, "lado-consultation", "Record the LADO consultation", "Save consultation",
            "Allegations: discuss the allegation with the Local Authority Designated Officer within one working day.",
            _ => [new("officer", "LADO officer", FieldKind.Text), new("advice", "Their advice", FieldKind.LongText), When],
            ConsultLadoEndpoint.Validate, (r, _, _) => (concern, actor, now) => ConsultLadoEndpoint.Decide(r, concern, actor, now)),
        Form<AppointCaseManagerRequest>(CaseAction.AppointCaseManager, "case-manager", "Record the case manager appointed", "Record appointment",
            "The headteacher and the chair of governors are both on this allegation, so it went to the LADO directly. Record whom the LADO or the governing body appointed to manage it: they then manage it as its case manager.",
            _ =>
            [
                new("misRef", "Their MIS reference in the directory", FieldKind.Text, "An adult of the school who is not on the case, for example gov-3."),
                new("appointedBy", "Who appointed them", FieldKind.Text, "For example: the LADO (J. Patel), or the governing body."),
                new("reason", "What was decided", FieldKind.LongText),
                When,
            ],
            AppointCaseManagerEndpoint.Validate, (r, c, _) => (concern, actor, now) => AppointCaseManagerEndpoint.Decide(r, c.Listed, concern, actor, now),
            lookUp: FormLookUps.AppointeeAsync),
        Form<ShareWithDslRequest>(CaseAction.ShareWithDsl, "share-with-dsl", "Share the allegation with the DSL", "Share with the DSL",
            "The DSL already sees each child's side. Share the whole case only when the DSL needs it.",
            _ => [new("reason", "Why the DSL needs the whole case", FieldKind.LongText), When],
            ShareWithDslEndpoint.Validate, (r, _, _) => (concern, actor, now) => ShareWithDslEndpoint.Decide(r, concern, actor, now)),
        Form<ReviewPatternRequest>(CaseAction.ReviewPattern, "pattern-review", "Review the pattern of low-level concerns", "Save review",
            "Earlier low-level concerns about the same adult make a pattern (the work queue links them). Read them together and record what you concluded.",
            _ => [new("outcome", "What the review concluded, and what follows", FieldKind.LongText), When],
            ReviewPatternEndpoint.Validate, (r, _, _) => (concern, actor, now) => ReviewPatternEndpoint.Decide(r, concern, actor, now)),
        Form<HarmThresholdMetRequest>(CaseAction.MeetHarmThreshold, "threshold-met", "Record that the harm threshold is met", "Make it an allegation",
            "The conduct may have harmed a child, may be an offence, or shows the adult may pose a risk or be unsuitable to work with children: it becomes an allegation for the case manager, who consults the LADO within one working day.",
            _ => [new("reason", "Why the harm threshold is met", FieldKind.LongText), When],
            HarmThresholdMetEndpoint.Validate, (r, c, _) => (concern, actor, now) => HarmThresholdMetEndpoint.Decide(r, concern, actor, now, c.School)),
        Form<InitialReviewRequest>(CaseAction.ImageryReview, "imagery-review", "Record the initial review", "Save initial review",
            "UKCIS advice: record the decisions, never the imagery. Do not view it unless it is truly unavoidable; record a viewing through the API.",
            _ =>
            [
                new("devices", "Devices holding the imagery, and what was done with them", FieldKind.LongText),
                new("deletion", "What was done to have it deleted", FieldKind.LongText),
                new("reportRemoveOffered", "Was the child told about Report Remove (Childline and the IWF)?", FieldKind.YesNo),
                new("parents", "When and how parents are involved, or why not", FieldKind.LongText),
                new("immediateReferralTriggers", "Which of these hold?", FieldKind.Checkboxes, "Any of them means an immediate referral to the police or children's social care.",
                    FormField.EnumChoices<ImmediateReferralTrigger>(t => t switch
                    {
                        ImmediateReferralTrigger.AdultInvolved => "An adult is involved",
                        ImmediateReferralTrigger.CoercionOrCapacityToConsent => "Coercion, blackmail or grooming, or concerns about capacity to consent",
                        ImmediateReferralTrigger.UnusualActsOrViolence => "Sexual acts unusual for the child's development, or violence",
                        ImmediateReferralTrigger.SexualActsChildUnder13 => "Sexual acts and a child under 13",
                        _ => "A child at immediate risk of harm",
                    }), Optional: true),
                When,
            ],
            InitialReviewEndpoint.Validate, (r, _, _) => (concern, actor, now) => InitialReviewEndpoint.Decide(r, concern, actor, now)),
        Form<MakeReferralRequest>(CaseAction.MakeReferral, "referral", "Record a referral", "Save referral", null,
            _ =>
            [
                new("agency", "Referred to", FieldKind.Radios, Choices: FormField.EnumChoices<ReferralAgency>(Words.Agency)),
                new("agencyName", "The agency's name", FieldKind.Text, "Only for another agency.", Optional: true),
                new("reference", "Their reference", FieldKind.Text),
                When,
            ],
            MakeReferralEndpoint.Validate, (r, _, _) => (concern, actor, now) => MakeReferralEndpoint.Decide(r, concern, actor, now)),
        Form<ReferralDecisionRequest>(CaseAction.ReferralDecision, "referral-decision", "Record the referral decision", "Save decision", null,
            _ =>
            [
                new("decision", "Decision", FieldKind.Radios, Choices: FormField.EnumChoices<ReferralDecisionKind>(d => d == ReferralDecisionKind.Refer ? "Refer" : "Do not refer")),
                new("rationale", "Why", FieldKind.LongText),
                When,
            ],
            ReferralDecisionEndpoint.Validate, (r, _, _) => (concern, actor, now) => ReferralDecisionEndpoint.Decide(r, concern, actor, now)),
        Form<RecordActionRequest>(CaseAction.RecordAction, "action", "Record an action", "Save action",
            "Every action is decided for one person on the case, for example each child's parents.",
            c =>
            [
                new("subjectMisRef", "For whom", FieldKind.Radios, Choices: SubjectChoices(c)),
                new("type", "What was done", FieldKind.Radios, Choices: FormField.EnumChoices<ActionType>(Words.Action)),
                new("sanction", "Which sanction", FieldKind.Radios, "Only for a sanction.", FormField.EnumChoices<SanctionKind>(s =>
                    s == SanctionKind.LearnerBehaviourSanction ? "Behaviour sanction (a child)" : "Staff disciplinary (an adult)"), Optional: true),
                new("details", "Details", FieldKind.LongText, "What was done; when parents were not informed, the reason why not."),
                When,
            ],
            RecordActionEndpoint.Validate, (r, _, _) => (concern, actor, now) => RecordActionEndpoint.Decide(r, concern, actor, now)),
        Form<AddNoteRequest>(CaseAction.AddNote, "note", "Add a note to the chronology", "Save note", null,
            _ => [new("note", "Note", FieldKind.LongText), When],
            AddNoteEndpoint.Validate, (r, _, _) => (concern, actor, now) => AddNoteEndpoint.Decide(r, concern, actor, now)),
        Form<AddSubjectsRequest>(CaseAction.AddSubjects, "add-person", "Add a person to the case", "Add person",
            "Someone in the school's directory by their MIS reference; someone who is not (a visitor, a child from another school, a parent) by their name and who they are.",
            c =>
            [
                new("subjects[0].misRef", "Name or MIS reference", FieldKind.Text,
                    "For someone in the school's directory, for example Amelia Clarke or L-1001. Leave it empty for someone who is not.", Optional: true),
                .. c.Candidates.Count > 0
                    ? new FormField[] { new(Candidate, "Which person do you mean?", FieldKind.Radios, Choices: c.Candidates) }
                    : [],
                new("subjects[0].name", "Name, if they are not in the directory", FieldKind.Text, Optional: true),
                new("subjects[0].description", "Who they are, if they are not in the directory", FieldKind.Text,
                    "For example: parent of a Year 5 pupil, visitor on the trip, child at another school.", Optional: true),
                new("subjects[0].type", "Who they are to the school", FieldKind.Radios, "Leave it for someone found in the directory.",
                    FormField.EnumChoices<PersonType>(Words.PersonType), Optional: true),
                new("subjects[0].involvement", "How they are involved", FieldKind.Radios, Choices: FormField.EnumChoices<Involvement>(Words.Involvement)),
                When,
            ],
            AddSubjectsEndpoint.Validate, (r, c, _) => (concern, actor, now) => AddSubjectsEndpoint.Decide(r, c.ListedPeople, concern, actor, now, c.School),
            alongside: (r, _) => (writer, concern, now) => AddSubjectsEndpoint.NameUnlisted(writer, r, concern, now),
            lookUp: FormLookUps.FindPersonAddedAsync),
        Form<IdentifySubjectRequest>(CaseAction.IdentifySubject, "identify-person", "Identify someone named by name", "Identify person",
            "When someone who was not in the school's directory appears in it (a child who joins the school, say), match them: what was recorded for them becomes part of their own record.",
            c =>
            [
                new("unlistedRef", "Who was named by name", FieldKind.Radios, Choices: c.Concern.Subjects.Where(s => s.IsUnlisted).DistinctBy(s => s.MisRef)
                    .Select(s => new Choice(s.MisRef, c.Names.For(s.MisRef) ?? s.MisRef, $"{Words.PersonType(s.Type)}, {Words.Involvement(s.Involvement).ToLowerInvariant()}")).ToList()),
                .. c.Candidates.Count > 0
                    ? new FormField[] { new(Candidate, "People in the school's directory with those names", FieldKind.Radios, Choices: c.Candidates, Optional: true) }
                    : [],
                new("misRef", c.Candidates.Count > 0 ? "Or their MIS reference" : "Their MIS reference in the directory", FieldKind.Text,
                    "As the MIS gives it, for example L-1001.", Optional: c.Candidates.Count > 0),
                When,
            ],
            IdentifySubjectEndpoint.Validate, (r, c, _) => (concern, actor, now) => IdentifySubjectEndpoint.Decide(r, c.Listed, concern, actor, now, c.School),
            prepare: (values, _) => values.Get("misRef").Trim().Length == 0 && values.Get(Candidate) is { Length: > 0 } chosen ? values.With("misRef", chosen) : values,
            alongside: (_, c) => (writer, _, now) => IdentifySubjectEndpoint.RecordIdentified(writer, c.Unlisted, c.Listed, now),
            lookUp: FormLookUps.IdentifyAsync),
        Form<CompleteInvestigationRequest>(CaseAction.CompleteInvestigation, "investigation", "Complete the investigation", "Save findings", null,
            _ =>
            [
                new("findings", "Findings", FieldKind.LongText),
                new("outcome", "Outcome", FieldKind.Radios, Choices: FormField.EnumChoices<InvestigationOutcome>(Words.Plain)),
                When,
            ],
            CompleteInvestigationEndpoint.Validate, (r, _, _) => (concern, actor, now) => CompleteInvestigationEndpoint.Decide(r, concern, actor, now)),
        Form<DebriefRequest>(CaseAction.Debrief, "debrief", "Record the debrief", "Save debrief",
            "Section 8: the leadership team debriefs after the investigation, with the lessons learnt.",
            c =>
            [
                new("attendees", "Who else attended", FieldKind.Lines,
                    $"One per line: their name as the school's directory has it, or their MIS reference. You ({c.Actor.Name}) are recorded as attending.", Optional: true),
                .. c.Candidates.Count > 0
                    ? new FormField[] { new(Candidate, "Which person do you mean?", FieldKind.Radios, Choices: c.Candidates) }
                    : [],
                new("lessonsLearnt", "Lessons learnt", FieldKind.Lines, "One lesson per line. Governors read these in their report: write them without naming anyone."),
                new("proposedChanges[0].kind", "Proposed change", FieldKind.Radios, "Optional: a change to a policy or the curriculum.",
                    FormField.EnumChoices<ProposedChangeKind>(Words.Plain), Optional: true),
                new("proposedChanges[0].change", "The change", FieldKind.LongText,
                    "Write it without naming anyone or anything about the case: its owner, and governors in their report, read it without the case.", Optional: true),
                new("proposedChanges[0].ownerMisRef", "Who owns it", FieldKind.Text,
                    "Their MIS reference in the school's directory: a member of staff or a governor, never anyone the case is about.", Optional: true),
                new("proposedChanges[0].owner", "Their role", FieldKind.Text,
                    "Optional: the role governors read in their report (for example PSHE lead); their role in the directory otherwise.", Optional: true),
                new("proposedChanges[0].dueBy", "Due by", FieldKind.Date, "The date the change is due; its owner is reminded before it.", Optional: true),
                When,
            ],
            DebriefEndpoint.Validate, (r, c, _) => (concern, actor, now) => DebriefEndpoint.Decide(r, [.. c.ListedPeople], concern, actor, now),
            prepare: (values, c) => DebriefAttendees(values, c),
            extraFields: AttendeeFields,
            lookUp: FormLookUps.FindAttendeesAsync),
        Form<AssignDebriefChangeRequest>(CaseAction.AssignDebriefChange, "debrief-change-owner", "Give a debrief's change its owner and date", "Save owner and date",
            "A change agreed at the debrief is owned by a member of staff or a governor, who is reminded before it is due.",
            c =>
            [
                ChangeChoice(c, change => CaseAccess.CheckChangeAssigner(c.Actor, c.Concern, change) is null),
                new("ownerMisRef", "Who owns it", FieldKind.Text,
                    "Their MIS reference in the school's directory: a member of staff or a governor, never anyone the case is about."),
                new("owner", "Their role", FieldKind.Text,
                    "Optional: the role governors read in their report (for example PSHE lead); their role in the directory otherwise.", Optional: true),
                new("dueBy", "Due by", FieldKind.Date),
                When,
            ],
            AssignDebriefChangeEndpoint.Validate, (r, c, values) => int.TryParse(values.Get(ChangeField), out var number)
                ? (concern, actor, now) => AssignDebriefChangeEndpoint.Decide(r, number, c.Listed, concern, actor, now)
                : null,
            missing: (ChangeField, "Choose which change."),
            lookUp: FormLookUps.ChangeOwnerAsync),
        Form<MarkDebriefChangeDoneRequest>(CaseAction.MarkDebriefChangeDone, "debrief-change-done", "Record a debrief's change as done", "Save as done",
            "Governors read what was done in their report, for the policy's annual review: write it without naming anyone.",
            c =>
            [
                ChangeChoice(c, change => CaseAccess.CheckChangeCompleter(c.Actor, c.Concern, change) is null),
                new("whatWasDone", "What was done", FieldKind.LongText),
                new("occurredAt", "When was it done?", FieldKind.When, "The date and time at school, for example 20 November 2026 at 10:00."),
            ],
            MarkDebriefChangeDoneEndpoint.Validate, (r, _, values) => int.TryParse(values.Get(ChangeField), out var number)
                ? (concern, actor, now) => MarkDebriefChangeDoneEndpoint.Decide(r, number, concern, actor, now)
                : null,
            missing: (ChangeField, "Choose which change.")),
        Form<ProposeJointDecisionRequest>(CaseAction.ProposeJointDecision, "joint-decision", "Propose the joint decision", "Propose decision",
            "Section 4.2: the DSL and the headteacher (or the chair) record one decision together.",
            _ => [new("decision", "The decision", FieldKind.LongText), When],
            ProposeJointDecisionEndpoint.Validate, (r, _, _) => (concern, actor, now) => ProposeJointDecisionEndpoint.Decide(r, concern, actor, now)),
        Form<AgreeJointDecisionRequest>(CaseAction.AgreeJointDecision, "agree-joint-decision", "Agree the joint decision", "Agree",
            null, _ => [When],
            AgreeJointDecisionEndpoint.Validate, (r, c, _) => c.Concern.JointDecision is { } proposal
                ? (concern, actor, now) => AgreeJointDecisionEndpoint.Decide(r, concern, actor, now, proposal.Id)
                : null,
            missing: ("occurredAt", "No decision has been proposed yet.")),
        Form<ReassignLeadRequest>(CaseAction.ReassignLead, "lead", "Change who leads the case", "Change lead", null,
            _ =>
            [
                new("lead", "Who leads it", FieldKind.Radios, Choices: FormField.EnumChoices<LeadRole>(Words.Lead)),
                new("reason", "Why", FieldKind.LongText),
                When,
            ],
            ReassignLeadEndpoint.Validate, (r, _, _) => (concern, actor, now) => ReassignLeadEndpoint.Decide(r, concern, actor, now)),
        Form<AmendEntryRequest>(CaseAction.AmendEntry, "amend", "Correct an entry", "Save correction",
            "The original stays in the history; the correction is shown beside it.",
            c =>
            [
                new("amendsVersion", "Which entry", FieldKind.Radios, Choices: Enumerable.Range(1, (int)c.Concern.Version)
                    .Select(v => new Choice(v.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Entry {v}")).Reverse().ToList()),
                new("correction", "The correction", FieldKind.LongText),
                new("reason", "Why", FieldKind.LongText),
                When,
            ],
            AmendEntryEndpoint.Validate, (r, _, _) => (concern, actor, now) => AmendEntryEndpoint.Decide(r, concern, actor, now)),
        Form<RemoveSubjectRequest>(CaseAction.RemoveSubject, "remove-person", "Remove a person added in error", "Remove person", null,
            c => [new("subject.misRef", "Who", FieldKind.Radios, Choices: SubjectChoices(c)), new("reason", "Why", FieldKind.LongText), When],
            RemoveSubjectEndpoint.Validate, (r, c, _) => (concern, actor, now) => RemoveSubjectEndpoint.Decide(r, concern, actor, now, c.School),
            prepare: (values, c) => c.Concern.Subjects.FirstOrDefault(s => s.Is(values.Get("subject.misRef"))) is { } s
                ? values.With("subject.type", EnumNames.Of(s.Type)).With("subject.involvement", EnumNames.Of(s.Involvement))
                : values,
            extraFields: _ => [new("subject.type", "", FieldKind.Text, Optional: true), new("subject.involvement", "", FieldKind.Text, Optional: true)]),
        Form<CloseRequest>(CaseAction.Close, "close", "Close the case", "Close case", null,
            _ => [new("rationale", "Why it can close", FieldKind.LongText), When],
            CloseEndpoint.Validate, (r, _, _) => (concern, actor, now) => CloseEndpoint.Decide(r, concern, actor, now)),
        Form<ReopenRequest>(CaseAction.Reopen, "reopen", "Reopen the case", "Reopen case", null,
            _ => [new("reason", "What is new", FieldKind.LongText), When],
            ReopenEndpoint.Validate, (r, _, _) => (concern, actor, now) => ReopenEndpoint.Decide(r, concern, actor, now)),
        Form<ChangeKindRequest>(CaseAction.ChangeKind, "kind", "Change the kind of concern", "Change kind",
            "When the concern turns out to be of another kind (nudes found in a case raised as cyberbullying, say): what must be recorded before it closes, and who leads it, follow the new kind.",
            c =>
            [
                new("kind", "What kind of concern it is", FieldKind.Radios,
                    Choices: FormField.EnumChoices<ConcernKind>(Words.Kind, only: Enum.GetValues<ConcernKind>().Where(k => k != c.Concern.Kind))),
                new("reason", "What was found", FieldKind.LongText),
                When,
            ],
            ChangeKindEndpoint.Validate, (r, c, _) => (concern, actor, now) => ChangeKindEndpoint.Decide(r, concern, actor, now, c.School)),
        Form<WithdrawRequest>(CaseAction.Withdraw, "withdraw", "Withdraw the concern", "Withdraw concern",
            "Only for a concern raised in error, or a duplicate of another case. It is kept, and not counted as a concern handled. A concern still owing an immediate referral or the LADO consultation is withdrawn only as a duplicate of the case that keeps it.",
            _ =>
            [
                new("reason", "Why it was raised in error, or which concern it duplicates", FieldKind.LongText),
                new("duplicateOf", "The concern it duplicates", FieldKind.Text,
                    "Only for a duplicate: that concern's reference, as at the end of its address (/cases/…).", Optional: true),
                When,
            ],
            WithdrawEndpoint.Validate, (r, c, _) => (concern, actor, now) => WithdrawEndpoint.Decide(r, c.Duplicate, concern, actor, now),
            prepare: (values, _) => DuplicateOf(values) is { } other ? values.With("duplicateOf", other.ToString()) : values,
            lookUp: FormLookUps.DuplicateAsync),
    ];

    /// <summary>A directory person chosen on the identify form; it becomes the request's <c>misRef</c>.</summary>
    public const string Candidate = "candidate";

    // Fields a page chooses with that are not properties of the request (it refuses unknown ones).
    private static readonly HashSet<string> ChosenOnThePage = ["escalationId", Candidate, "attendees", ChangeField];

    /// <summary>Which of the case's debrief changes a form acts on (its number, in the address of the API's endpoint).</summary>
    public const string ChangeField = "change";

    /// <summary>The open changes of the case the person may act on, each as the school wrote it, with its owner and date.</summary>
    private static FormField ChangeChoice(FormContext c, Func<DebriefChange, bool> mayAct) =>
        new(ChangeField, "Which change", FieldKind.Radios, Choices: c.Concern.DebriefChanges.Where(d => d.IsOpen && mayAct(d))
            .Select(d => new Choice(d.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{d.Number}. {d.Change}",
                d.ToBeAssigned ? "To be assigned" : $"{d.OwnerRole} ({d.Owner!.Name}), due by {d.DueBy!.Value:d MMMM yyyy}")).ToList());

    public static CaseActionForm? BySlug(string slug) => All.FirstOrDefault(f => f.Slug == slug);

    public static CaseActionForm For(CaseAction action) => All.First(f => f.Action == action);

    /// <summary>The people on the case the reader may act for: on the DSL's child side of an allegation, the children only.</summary>
    private static IReadOnlyList<Choice> SubjectChoices(FormContext c) =>
        c.Concern.Subjects.Where(s => c.Level == ReadLevel.Full || c.Concern.Learners.Any(l => l.Is(s.MisRef))).Select(s => new Choice(s.MisRef, c.Names.For(s.MisRef) is { } name ? $"{name} ({s.MisRef})" : s.MisRef, $"{Words.PersonType(s.Type)}, {Words.Involvement(s.Involvement).ToLowerInvariant()}")).ToList();

    /// <summary>
    /// The case a withdrawal form names as the duplicate: its reference, or its address pasted whole; something that is
    /// neither is no case (the domain answers <c>duplicate-not-found</c>). Null when none is given.
    /// </summary>
    public static Guid? DuplicateOf(FormValues values)
    {
        var given = values.Get("duplicateOf").Trim().Split('?', '#')[0].TrimEnd('/');
        return given.Length == 0 ? null : Guid.TryParse(given[(given.LastIndexOf('/') + 1)..], out var id) ? id : Guid.Empty;
    }

    /// <summary>
    /// The person recording the debrief attended it; the others are the directory's people the look-up found for the
    /// lines given (<see cref="FormLookUps.FindAttendeesAsync"/>), sent by reference as the API takes them.
    /// </summary>
    private static FormValues DebriefAttendees(FormValues values, FormContext context)
    {
        var actor = context.Actor;
        var result = values;
        var all = new List<(string Id, string Name)> { (actor.Id, actor.Name) };
        all.AddRange(context.Attendees.Where(a => !a.Id.Equals(actor.Id, StringComparison.OrdinalIgnoreCase)).Select(a => (a.Id, a.Name)));
        for (var i = 0; i < all.Count; i++)
        {
            result = result.With($"attendees[{i}].id", all[i].Id).With($"attendees[{i}].name", all[i].Name);
        }

        return result;
    }

    private static CaseActionForm Form<TRequest>(
        CaseAction action,
        string slug,
        string title,
        string button,
        string? intro,
        Func<FormContext, IReadOnlyList<FormField>> fields,
        Func<TRequest, OccurrenceWindow, ProblemDetails> validate,
        Func<TRequest, FormContext, FormValues, Func<Concern, Actor, DateTimeOffset, Decision>?> decide,
        (string Field, string Message)? missing = null,
        Func<FormValues, FormContext, FormValues>? prepare = null,
        Func<FormValues, IEnumerable<FormField>>? extraFields = null,
        Func<TRequest, FormContext, Action<IDocumentSession, Concern, DateTimeOffset>>? alongside = null,
        Func<FormLookUpRequest, CancellationToken, Task<LookedUp>>? lookUp = null)
        where TRequest : class =>
        new(action, slug, title, button, intro, fields, (values, context) =>
        {
            var prepared = prepare?.Invoke(values, context) ?? values;
            var bound = fields(context).Where(f => !ChosenOnThePage.Contains(f.Name))
                .Concat(extraFields?.Invoke(prepared) ?? [])
                .ToList();
            var (request, unreadable) = FormBinding.Bind<TRequest>(bound, prepared, context.SchoolTime);
            if (unreadable is not null)
            {
                return new PreparedCommand(null, unreadable);
            }

            var problem = validate(request!, context.Window);
            if (!ReferenceEquals(problem, WolverineContinue.NoProblems) && problem is not null)
            {
                return new PreparedCommand(null, problem);
            }

            return decide(request!, context, prepared) is { } decided
                ? new PreparedCommand(decided, null, alongside?.Invoke(request!, context))
                : new PreparedCommand(null, new RequestValidation(context.Window).Add(missing!.Value.Field, missing.Value.Message).ToProblem());
        })
        {
            LookUp = lookUp,
            Endpoint = validate.Method.DeclaringType!,
        };

    private static IEnumerable<FormField> AttendeeFields(FormValues values)
    {
        for (var i = 0; values.Get($"attendees[{i}].id").Length > 0; i++)
        {
            yield return new FormField($"attendees[{i}].id", "", FieldKind.Text);
            yield return new FormField($"attendees[{i}].name", "", FieldKind.Text);
        }
    }
}
