namespace Incidents.Domain.Concerns;

/// <summary>The rule codes returned in ProblemDetails (<c>rule</c>). Stable: the MIS may branch on them.</summary>
public static partial class Rules
{
    public static RuleViolation OccurredInFuture(string what = "occurredAt") =>
        new("occurred-in-future", $"{what} is in the future; a chronology records what has happened.", ViolationKind.Invalid);

    public static RuleViolation MayNotRaise =>
        new("may-not-raise", "Only the school's staff, its governors or the MIS may raise a concern.", ViolationKind.Forbidden);

    public static RuleViolation AllegedStaffMemberRequired =>
        new("alleged-staff-member-required", "A concern about a member of staff must name that member of staff as a subject.", ViolationKind.RuleBroken);

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    public static RuleViolation TypeContradictsDirectory(string misRef, PersonType? listed) =>
        new("type-contradicts-directory", listed is { } type
            ? $"The directory lists {misRef} as {Kebab(type.ToString())}: who someone is to the school is the school's fact. Name them as the directory does."
            : $"{misRef} holds an office of the school (headteacher, chair or vice-chair of governors, DSL or deputy): name them as an adult of the school.",
            ViolationKind.Invalid);

    public static RuleViolation DeclarantMustBeRaiser =>
        new("declarant-must-be-raiser", "Only the member of staff themselves can declare something about themselves; someone else reporting it names them as alleged.", ViolationKind.RuleBroken);

    public static RuleViolation DeclarationIsForStaff =>
        new("declaration-is-for-staff", "Only an adult in the school (staff, supply, volunteer, contractor, governor) declares something about themselves.", ViolationKind.Invalid);

    public static RuleViolation SubjectRequired =>
        new("subject-required", "A concern must name at least one subject.", ViolationKind.Invalid);

    public static RuleViolation NotCaseHandler(string lead) =>
        new("not-case-handler", $"Only the case's lead ({lead}), or those the policy names for this kind of case, may do this.", ViolationKind.Forbidden);

    public static RuleViolation SubjectOfOwnCase =>
        new("subject-of-own-case", "A member of staff never takes part in a case about themselves.", ViolationKind.NotFound);

    public static RuleViolation GovernorsDoNotAct =>
        new("governors-do-not-act", "Governors never act on cases; they read anonymised reports.", ViolationKind.Forbidden);

    public static RuleViolation DebriefIsForTheChair =>
        new("debrief-is-for-the-chair", "An allegation about the headteacher is debriefed by the chair of governors, never by the leadership team the headteacher leads.", ViolationKind.Forbidden);

    public static RuleViolation ChildSideIsForLearners =>
        new("child-side-is-for-learners", "On an allegation the DSL records support and the parents' decision for a child on the case; the allegation itself is the case manager's.", ViolationKind.Forbidden);

    public static RuleViolation AllegationDebriefIsForCaseManager =>
        new("allegation-debrief-is-for-case-manager", "An allegation about a member of staff is debriefed by its case manager, with the leadership they invite; the rest of the team never reads it.", ViolationKind.Forbidden);

    public static RuleViolation DebriefIsForLeadership =>
        new("debrief-is-for-leadership", "Only the leadership team or the headteacher record the post-investigation debrief.", ViolationKind.Forbidden);

    public static RuleViolation NotTheAlertingProvider =>
        new("not-the-alerting-provider", "Only the filtering provider whose alert raised a concern adds its repeated alerts to it.", ViolationKind.Forbidden);

    public static RuleViolation ConcernClosed =>
        new("concern-closed", "The concern is closed; reopen it with a reason first.", ViolationKind.RuleBroken);

    public static RuleViolation NotClosed =>
        new("concern-not-closed", "Only a closed concern can be reopened.", ViolationKind.RuleBroken);

    public static RuleViolation NotTriaged =>
        new("not-triaged", "The concern has not been triaged by its lead.", ViolationKind.RuleBroken);

    public static RuleViolation InvestigationAlreadyCompleted =>
        new("investigation-already-completed", "The investigation is complete; triage cannot change its course now. Reopen the concern if new information arrives.", ViolationKind.RuleBroken);

    public static RuleViolation InvestigationNotStarted =>
        new("investigation-not-started", "The concern was not triaged for investigation.", ViolationKind.RuleBroken);

    public static RuleViolation InvestigationNotCompleted =>
        new("investigation-not-completed", "Leadership debrief after the investigation is completed (s.8).", ViolationKind.RuleBroken);

    public static RuleViolation DebriefAlreadyHeld =>
        new("debrief-already-held", "The debrief for this investigation has been recorded.", ViolationKind.RuleBroken);

    public static RuleViolation DebriefRequired =>
        new("debrief-required", "After an investigation, leadership must debrief and identify lessons learnt before closing (s.8).", ViolationKind.RuleBroken);

    public static RuleViolation AdvicePending =>
        new("advice-pending", "Advice sought from the Education Safeguarding Service (or another agency) has not been recorded yet.", ViolationKind.RuleBroken);

    public static RuleViolation EscalationNotFound =>
        new("escalation-not-found", "No such escalation on this concern.", ViolationKind.NotFound);

    public static RuleViolation AdviceAlreadyRecorded =>
        new("advice-already-recorded", "Advice for this escalation has already been recorded.", ViolationKind.RuleBroken);

    public static RuleViolation ReferralDecisionRequired =>
        new("referral-decision-required", "This kind of concern needs a recorded referral decision (refer, or not, with a rationale) before it can close.", ViolationKind.RuleBroken);

    public static RuleViolation ReferralNotMade =>
        new("referral-not-made", "The decision was to refer, but no external referral has been recorded.", ViolationKind.RuleBroken);

    public static RuleViolation ParentsDecisionRequired(string learnerMisRef) =>
        new("parents-informed-decision-required", $"The parents/carers of {learnerMisRef} must be informed, or the reason they were not recorded, before this concern can close (s.6).", ViolationKind.RuleBroken);

    public static RuleViolation LadoConsultationRequired =>
        new("lado-consultation-required", "An allegation is discussed with the LADO (or referred to them) before it can close (KCSIE Part 4).", ViolationKind.RuleBroken);

    public static RuleViolation LadoIsForAllegations =>
        new("lado-is-for-allegations", "LADO consultations are recorded on allegations against adults in the school.", ViolationKind.RuleBroken);

    public static RuleViolation CaseManagerAppointmentIsForLadoDirect =>
        new("case-manager-appointment-is-for-lado-direct", "A case manager appointed by the LADO or the governing body is recorded only on an allegation that went to the LADO directly; the school's own case manager manages the others.", ViolationKind.RuleBroken);

    public static RuleViolation CaseManagerMustBeAdultInDirectory =>
        new("case-manager-must-be-adult-in-directory", "The appointed case manager is an adult of the school in the directory (staff, supply staff, volunteer, contractor or governor).", ViolationKind.RuleBroken);

    public static RuleViolation ImageryReviewRequired =>
        new("imagery-initial-review-required", "The DSL's initial review of the imagery concern must be recorded before it can close (UKCIS advice).", ViolationKind.RuleBroken);

    public static RuleViolation ImageryReviewIsForImagery =>
        new("imagery-review-not-applicable", "An initial review of imagery is recorded on youth-produced sexual imagery concerns only.", ViolationKind.RuleBroken);

    public static RuleViolation ImmediateReferralRequired =>
        new("immediate-referral-required", "The initial review found a reason for an immediate referral (UKCIS advice): the police or children's social care must be told, so 'do not refer' is not an option.", ViolationKind.RuleBroken);

    public static RuleViolation PoliceOrSocialCareReferralRequired =>
        new("police-or-social-care-referral-required", "An immediate referral is required: record the referral to the police or children's social care before closing (UKCIS advice).", ViolationKind.RuleBroken);

    public static RuleViolation WithdrawalSkipsImmediateReferral =>
        new("withdrawal-skips-immediate-referral", "An immediate referral to the police or children's social care is required (UKCIS advice): make it first, or withdraw this as a duplicate of the case where it is made (duplicateOf).", ViolationKind.RuleBroken);

    public static RuleViolation WithdrawalSkipsLadoConsultation =>
        new("withdrawal-skips-lado-consultation", "An allegation is withdrawn as raised in error only after the LADO was consulted: the LADO, not the school, decides whether it stands (KCSIE Part 4). A duplicate is withdrawn by pointing to the case that keeps the consultation (duplicateOf).", ViolationKind.RuleBroken);

    public static RuleViolation WithdrawalSkipsReferralDecision =>
        new("withdrawal-skips-referral-decision", "The case was triaged at immediate risk: record the referral decision first, or withdraw this as a duplicate of the case where it is decided (duplicateOf).", ViolationKind.RuleBroken);

    public static RuleViolation DuplicateOfItself =>
        new("duplicate-of-itself", "A concern is not a duplicate of itself: duplicateOf names the other case.", ViolationKind.Invalid);

    public static RuleViolation DuplicateNotFound =>
        new("duplicate-not-found", "No case you may read has the id given as duplicateOf.", ViolationKind.RuleBroken);

    public static RuleViolation DuplicateWithdrawn =>
        new("duplicate-withdrawn", "The case given as duplicateOf was itself withdrawn: name the case that stands.", ViolationKind.RuleBroken);

    public static RuleViolation DuplicateDoesNotKeep(string duty) =>
        new("duplicate-does-not-keep-duties", $"This concern still needs {duty}, and the case given as duplicateOf neither has it nor can close without it: record it there (or here) first.", ViolationKind.RuleBroken);

    public static RuleViolation KindUnchanged =>
        new("kind-unchanged", "The concern is already of that kind.", ViolationKind.RuleBroken);

    public static RuleViolation ImageryViewedOnlyByDsl =>
        new("imagery-viewed-only-by-dsl", "Imagery is viewed only when unavoidable, by the DSL or a deputy recording the review themselves (UKCIS advice).", ViolationKind.RuleBroken);

    public static RuleViolation ImageryViewingNeedsSecondAdult =>
        new("imagery-viewing-needs-second-senior-member", "Imagery is viewed only with another senior member of staff present, who is recorded (UKCIS advice).", ViolationKind.RuleBroken);

    public static RuleViolation ReviewDateRequired =>
        new("review-date-required", "A case triaged to monitor needs a date by which it is reviewed.", ViolationKind.Invalid);

    public static RuleViolation ReviewDateInPast =>
        new("review-date-in-past", "A monitored case's review date cannot be before the triage.", ViolationKind.Invalid);

    public static RuleViolation ActionSubjectRequired =>
        new("action-subject-required", "An action names the person it was taken for: sanctions, support and parents' decisions are decided for each child.", ViolationKind.Invalid);

    public static RuleViolation ActionSubjectNotOnCase(string misRef) =>
        new("action-subject-not-on-case", $"{misRef} is not a subject of this case; add them first if they are involved.", ViolationKind.RuleBroken);

    public static RuleViolation ActionSubjectMustBeLearner =>
        new("action-subject-must-be-learner", "Parents' decisions and learner behaviour sanctions are recorded for a learner on the case.", ViolationKind.RuleBroken);

    public static RuleViolation DisciplinaryIsForAdults =>
        new("disciplinary-is-for-adults", "Staff disciplinary action is recorded against an adult in the school named on the case.", ViolationKind.RuleBroken);

    public static RuleViolation EntryNotFound =>
        new("entry-not-found", "No such entry on this concern to amend.", ViolationKind.NotFound);

    public static RuleViolation SubjectNotOnCase =>
        new("subject-not-on-case", "That person is not a subject of this case with that involvement.", ViolationKind.NotFound);

    public static RuleViolation LastSubject =>
        new("last-subject", "A concern keeps at least one subject; withdraw the concern if it was raised in error.", ViolationKind.RuleBroken);

    public static RuleViolation AlreadySharedWithDsl =>
        new("already-shared-with-dsl", "The allegation's detail has already been shared with the DSL.", ViolationKind.RuleBroken);

    public static RuleViolation SharingIsForAllegations =>
        new("sharing-is-for-allegations", "Only an allegation's detail is kept from the DSL, so only an allegation is shared.", ViolationKind.RuleBroken);

    public static RuleViolation JointDecisionRequired =>
        new("joint-decision-required", "A decision recorded jointly by the DSL and the headteacher is needed before this concern can close (s.4.2).", ViolationKind.RuleBroken);

    public static RuleViolation JointDecisionNotApplicable =>
        new("joint-decision-not-applicable", "Only pre-existing relationship cases take a joint decision of the DSL and the headteacher.", ViolationKind.RuleBroken);

    public static RuleViolation JointDecisionRoleRequired =>
        new("joint-decision-role-required", "A joint decision is proposed and agreed by the DSL and the headteacher (the chair of governors when the headteacher declares it).", ViolationKind.Forbidden);

    public static RuleViolation JointDecisionNotFound =>
        new("joint-decision-not-found", "No such proposed joint decision on this concern.", ViolationKind.NotFound);

    public static RuleViolation JointDecisionNeedsTheOtherRole =>
        new("joint-decision-needs-other-role", "The decision must be agreed by the other party (the DSL, or the headteacher or the chair standing in), not by the person who proposed it.", ViolationKind.RuleBroken);

    public static RuleViolation JointDecisionAlreadyAgreed =>
        new("joint-decision-already-agreed", "This decision has already been agreed.", ViolationKind.RuleBroken);

    public static RuleViolation RationaleRequired =>
        new("rationale-required", "A concern closed without investigation needs a rationale.", ViolationKind.Invalid);

    public static RuleViolation CannotCloseUnderInvestigation =>
        new("investigation-in-progress", "The investigation must be completed before the concern can close.", ViolationKind.RuleBroken);


    public static RuleViolation LeadNotEligible(string lead) =>
        new("lead-not-eligible", $"{lead} may not lead this kind of concern under the policy.", ViolationKind.RuleBroken);

    public static RuleViolation SubjectCannotLead =>
        new("subject-cannot-lead", "A member of staff cannot lead, attend or decide on a case about themselves.", ViolationKind.RuleBroken);

    public static RuleViolation SubjectAlreadyRecorded(string misRef) =>
        new("subject-already-recorded", $"Subject {misRef} is already recorded with that involvement.", ViolationKind.RuleBroken);

    public static RuleViolation NotUnlisted =>
        new("subject-not-unlisted", "Only someone named on the case by name (a reference starting 'unlisted-') is identified; someone in the directory is added as a person.", ViolationKind.Invalid);

    public static RuleViolation IdentifiedByMisRef =>
        new("identified-by-mis-reference", "Someone named by name is identified as a person in the directory, by their MIS reference.", ViolationKind.Invalid);

    public static RuleViolation NotInDirectory(string misRef) =>
        new("person-not-in-directory", $"No one in the school's directory has the reference {misRef}: someone is identified as a person the MIS has sent.", ViolationKind.RuleBroken);

    public static RuleViolation UnlistedRefGivenByService =>
        new("unlisted-reference-given-by-service", "References starting 'unlisted-' are given by the service to people named by name; name someone new by name and description.", ViolationKind.Invalid);

    public static RuleViolation AgencyNameRequired =>
        new("agency-name-required", "A referral to another agency must name the agency.", ViolationKind.Invalid);

    public static RuleViolation SanctionTypeRequired =>
        new("sanction-type-required", "A sanction must say whether it is a learner behaviour sanction or staff disciplinary.", ViolationKind.Invalid);

    public static RuleViolation DebriefChangeNotFound =>
        new("debrief-change-not-found", "No such change agreed at a debrief of this concern.", ViolationKind.NotFound);

    public static RuleViolation DebriefChangeAlreadyDone =>
        new("debrief-change-already-done", "This change agreed at the debrief is already recorded as done.", ViolationKind.RuleBroken);

    public static RuleViolation DebriefChangeIsForRecorderOrCaseManager =>
        new("debrief-change-is-for-recorder-or-case-manager", "A change agreed at a debrief is given its owner and date by whoever recorded the debrief, or by the case's manager.", ViolationKind.Forbidden);

    public static RuleViolation DebriefChangeIsForOwnerOrCaseManager =>
        new("debrief-change-is-for-owner-or-case-manager", "A change agreed at a debrief is marked done by its owner, or by the case's manager.", ViolationKind.Forbidden);

    public static RuleViolation ChangeOwnerNotInDirectory(string misRef) =>
        new("change-owner-not-in-directory", $"No one on roll in the school's directory has the reference {misRef}: a change is owned by a person the MIS has sent.", ViolationKind.RuleBroken);

    public static RuleViolation ChangeOwnerNotAnAdultOfTheSchool =>
        new("change-owner-not-an-adult-of-the-school", "A change is owned by a member of staff (or supply staff, a volunteer, a contractor, a governor), never a learner or a parent.", ViolationKind.RuleBroken);

    public static RuleViolation ChangeOwnerOnCase =>
        new("change-owner-on-case", "A change is never owned by someone the case is about (alleged, or declaring it about themselves).", ViolationKind.RuleBroken);

    public static RuleViolation ChangeDueBeforeDebrief =>
        new("change-due-before-debrief", "A change's due date cannot be before the debrief that agreed it.", ViolationKind.Invalid);

    public static RuleViolation ChangeDoneBeforeDebrief =>
        new("change-done-before-debrief", "A change cannot have been done before the debrief that agreed it.", ViolationKind.Invalid);
}
