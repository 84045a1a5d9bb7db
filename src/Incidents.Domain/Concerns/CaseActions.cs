using Incidents.Domain.Concerns.JointDecisions;
using Incidents.Domain.Concerns.LowLevel;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns;

/// <summary>The things that can be done to a case, each one a command with its own decider.</summary>
public enum CaseAction
{
    Triage,
    SeekAdvice,
    RecordAdvice,
    ConsultLado,
    ShareWithDsl,
    ImageryReview,
    MakeReferral,
    ReferralDecision,
    RecordAction,
    AddNote,
    AddSubjects,
    CompleteInvestigation,
    Debrief,
    ProposeJointDecision,
    AgreeJointDecision,
    ReassignLead,
    AmendEntry,
    RemoveSubject,
    Close,
    Reopen,
    Withdraw,
    IdentifySubject,
    ChangeKind,
    ReviewPattern,
    MeetHarmThreshold,
    AppointCaseManager,
    AssignDebriefChange,
    MarkDebriefChangeDone,
}

/// <summary>
/// Which commands a person may give on a case as it stands, so a front end offers only those. Built from the same
/// checks the deciders make (who may act, and whether the case is open); whatever else a decider refuses (a missing
/// step, a wrong subject) it refuses with its own rule when the command is given.
/// </summary>
public static class CaseActions
{
    public static IReadOnlyList<CaseAction> OfferedTo(Actor actor, Concern concern, DateTimeOffset now)
    {
        var offered = new List<CaseAction>();
        var handler = CaseAccess.CheckHandler(actor, concern) is null;
        // A debrief's changes are the school's: followed through on a closed case too.
        var changes = DebriefChangeActions(actor, concern);
        // Someone named by name can be matched to the directory whenever they appear in it, open or closed.
        var identify = handler && concern.Subjects.Any(s => s.IsUnlisted);
        if (concern.IsClosed)
        {
            if (handler && concern.Status == ConcernStatus.Closed)
            {
                offered.Add(CaseAction.Reopen);
            }

            if (identify)
            {
                offered.Add(CaseAction.IdentifySubject);
            }

            offered.AddRange(changes);
            return offered;
        }

        var adviceSeeker = CaseAccess.CheckAdviceSeeker(actor, concern) is null;
        var childSide = concern.Learners.Any(l => CaseAccess.CheckChildSide(actor, concern, l.MisRef) is null);
        if (handler && concern.Investigation is null && concern.Debrief is null)
        {
            offered.Add(CaseAction.Triage);
        }

        if (adviceSeeker)
        {
            offered.Add(CaseAction.SeekAdvice);
            if (concern.AdvicePending)
            {
                offered.Add(CaseAction.RecordAdvice);
            }
        }

        // On an allegation gone to the LADO directly the DSL records the LADO's part, and whom they appointed to manage it.
        var ladoRecorder = concern.Route.IsAllegation && CaseAccess.CheckLadoRecorder(actor, concern) is null;
        if (ladoRecorder)
        {
            offered.Add(CaseAction.ConsultLado);
        }

        if (ladoRecorder && concern.Route.LadoDirect)
        {
            offered.Add(CaseAction.AppointCaseManager);
        }

        if (handler && concern.Route.IsAllegation)
        {
            if (!concern.SharedWithDsl && concern.Learners.Any())
            {
                offered.Add(CaseAction.ShareWithDsl);
            }
        }

        if (handler && concern.PatternReviewDue)
        {
            offered.Add(CaseAction.ReviewPattern);
        }

        if (handler && concern.Route.IsLowLevel())
        {
            offered.Add(CaseAction.MeetHarmThreshold);
        }

        if (handler && concern.Route.RequiredBeforeClosure.Contains(ClosureStep.ImageryInitialReview))
        {
            offered.Add(CaseAction.ImageryReview);
        }

        if (handler)
        {
            offered.AddRange([CaseAction.MakeReferral, CaseAction.ReferralDecision]);
        }

        if (handler || childSide)
        {
            offered.Add(CaseAction.RecordAction);
        }

        if (handler)
        {
            offered.AddRange([CaseAction.AddNote, CaseAction.AddSubjects]);
            if (identify)
            {
                offered.Add(CaseAction.IdentifySubject);
            }
            if (concern.Investigation is null)
            {
                offered.Add(CaseAction.CompleteInvestigation);
            }
        }

        if (concern.Investigation is not null && concern.Debrief is null && CaseAccess.CheckDebriefer(actor, concern) is null)
        {
            offered.Add(CaseAction.Debrief);
        }

        if (JointDecisionDecider.CheckParty(concern, actor, now) is null)
        {
            offered.Add(concern.JointDecision is null ? CaseAction.ProposeJointDecision : CaseAction.AgreeJointDecision);
        }

        offered.AddRange(changes);
        if (handler)
        {
            offered.AddRange([CaseAction.ReassignLead, CaseAction.AmendEntry, CaseAction.RemoveSubject, CaseAction.ChangeKind, CaseAction.Close, CaseAction.Withdraw]);
        }

        return offered;
    }

    private static IEnumerable<CaseAction> DebriefChangeActions(Actor actor, Concern concern)
    {
        var open = concern.DebriefChanges.Where(c => c.IsOpen).ToList();
        if (open.Any(c => CaseAccess.CheckChangeAssigner(actor, concern, c) is null))
        {
            yield return CaseAction.AssignDebriefChange;
        }

        if (open.Any(c => CaseAccess.CheckChangeCompleter(actor, concern, c) is null))
        {
            yield return CaseAction.MarkDebriefChangeDone;
        }
    }
}
