using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns;

/// <summary>How much of a case someone may read. Each level shows less than the one below it.</summary>
public enum ReadLevel
{
    /// <summary>Nothing, not even that the case exists (404).</summary>
    None,
    /// <summary>That it is being dealt with: the raiser, and a member of staff who declared it about themselves.</summary>
    Status,
    /// <summary>References and state for the MIS, of a learner's case it raised; never narrative, never an allegation or a staff case.</summary>
    Sync,
    /// <summary>
    /// The DSL on a case about a child that someone else leads (an allegation, a staff case): the children, who leads it,
    /// and what is recorded for each child (<see cref="ChildSide"/>).
    /// </summary>
    ChildSide,
    /// <summary>The whole case.</summary>
    Full,
}

/// <summary>
/// Who may read and who may act on a case, decided from the route the case was given and the actor's roles.
/// The one rule above all others: nobody takes part in, or learns of, an allegation about themselves.
/// </summary>
public static class CaseAccess
{
    private static readonly Role[] DslRoles = [.. RoleSets.Of(RoleSet.Dsls)];

    /// <summary>
    /// Every adult of the school raises concerns (s.1's "staff" includes the governing body, and allegations about the
    /// headteacher reach the chair), and so does the MIS.
    /// </summary>
    public static bool MayRaise(Actor actor) => actor.In(RoleSet.Raisers) || actor.In(RoleSet.FilteringProviders);

    /// <summary>
    /// How the actor stands to the case as a person, by reference whatever type they were named with: alleged, now or
    /// ever (sees nothing), declaring (sees the status), named in another way (affected, witness: handles nothing), or
    /// not on it (null). The headteacher counts as on any case where the chair stands in for them, and the chair as on
    /// any where they stand aside, even when the token's id does not match the configured reference.
    /// </summary>
    public static Involvement? OwnInvolvement(Actor actor, Concern concern)
    {
        if (concern.Alleges(actor.Id))
        {
            return Involvement.Alleged;
        }

        if (concern.IsDeclaredBy(actor.Id))
        {
            return Involvement.Declaring;
        }

        var route = concern.Route;
        if (route.ChairStandsInForHeadteacher && actor.Has(Role.Headteacher) && !actor.Has(Role.ChairOfGovernors))
        {
            return route.HeadteacherAlleged ? Involvement.Alleged : Involvement.Declaring;
        }

        if ((route.ChairAlleged || route.ChairNamed) && actor.Has(Role.ChairOfGovernors) && !actor.Has(Role.Headteacher))
        {
            return route.ChairAlleged ? Involvement.Alleged : Involvement.Other;
        }

        return concern.Subjects.FirstOrDefault(s => s.Is(actor.Id))?.Involvement;
    }

    /// <summary>The roles that handle the case: the routing table's, for the route and the lead the case has now.</summary>
    public static IReadOnlySet<Role> HandlerRoles(Concern concern) => concern.Route.HandlerRoles(concern.Lead.Role);

    /// <summary>Null when the actor may handle the case; otherwise the rule that refuses them.</summary>
    public static RuleViolation? CheckHandler(Actor actor, Concern concern)
    {
        if (OwnInvolvement(actor, concern) is not null)
        {
            return Rules.SubjectOfOwnCase;
        }

        if (concern.Route.IsHandledBy(actor, concern.Lead.Role) || actor.IsStrongly(concern.AppointedCaseManager?.Person.Id))
        {
            return null;
        }

        return actor.Roles.All(r => r is Role.Governor or Role.ChairOfGovernors)
            ? Rules.GovernorsDoNotAct
            : Rules.NotCaseHandler(concern.Lead.Role.ToString());
    }

    /// <summary>
    /// Whether the actor has a work queue: they hold a lead role, or they are the school's vice-chair of governors (a
    /// school setting, never the token's say), or they manage an open case by reference (<paramref name="managesAnOpenCase"/>,
    /// as the read model says). A reference counts only with a second factor, as the lead roles do on the web.
    /// </summary>
    public static bool HoldsAWorkQueue(Actor actor, SchoolRoles school, bool managesAnOpenCase) =>
        actor.In(RoleSet.Leads) || actor.IsStrongly(school.ViceChairOfGovernorsMisRef) || (!actor.SingleFactor && managesAnOpenCase);

    /// <summary>
    /// How a case on the actor's work queue may be listed (null: not at all): in full when they read it in full; at the
    /// child's side for the DSL or a deputy on an allegation gone to the LADO directly that has no case manager yet,
    /// whose LADO part and appointment they record.
    /// </summary>
    public static ReadLevel? QueueLevelFor(Actor actor, Concern concern) => ReadLevelFor(actor, concern) switch
    {
        ReadLevel.Full => ReadLevel.Full,
        ReadLevel.ChildSide when concern.Route.LadoDirect && concern.AppointedCaseManager is null && CheckLadoRecorder(actor, concern) is null
            => ReadLevel.ChildSide,
        _ => null,
    };

    /// <summary>
    /// Manages the case by reference, not by a role (the vice-chair of governors in the chair's place, or the case manager
    /// the LADO or the governing body appointed), and is not on it: the case is on their work queue.
    /// </summary>
    public static bool ManagesByReference(Actor actor, Concern concern) =>
        OwnInvolvement(actor, concern) is null && actor.IsStrongly(concern.CaseManagerRef) && CheckHandler(actor, concern) is null;

    /// <summary>
    /// Nobody in the school manages an allegation that went to the LADO directly until the LADO or the governing body
    /// appoint a case manager; the DSL (or a deputy) not on it records what the LADO asks and advises, and whom they
    /// appointed. Null when the actor may; otherwise the rule that refuses them.
    /// </summary>
    public static RuleViolation? CheckLadoRecorder(Actor actor, Concern concern) =>
        HandlerOr(actor, concern, concern.Route.LadoDirect && actor.HasAny(DslRoles));

    /// <summary>
    /// UKCIS: the initial review of imagery is the DSL's, on an allegation too (the child stays with the DSL; an adult
    /// alleged is itself a trigger to refer). Null when the actor may record it; otherwise the rule that refuses them.
    /// </summary>
    public static RuleViolation? CheckImageryReviewer(Actor actor, Concern concern) =>
        HandlerOr(actor, concern, concern.Route.IsAllegation && actor.HasAny(DslRoles));

    /// <summary>
    /// The handler check, with one more person the policy lets do this one thing: only in place of a role refusal, never
    /// of a refusal because the case is about them.
    /// </summary>
    private static RuleViolation? HandlerOr(Actor actor, Concern concern, bool alsoAllowed)
    {
        var handler = CheckHandler(actor, concern);
        return handler is { Kind: ViolationKind.Forbidden } && alsoAllowed ? null : handler;
    }

    /// <summary>
    /// The child stays with the DSL: on an allegation, the DSL (or a deputy) records support and the parents'
    /// decision for a child on the case, as the case manager does.
    /// </summary>
    public static RuleViolation? CheckChildSide(Actor actor, Concern concern, string? learnerMisRef)
    {
        var handler = CheckHandler(actor, concern);
        if (handler is null || !concern.Route.IsAllegation || OwnInvolvement(actor, concern) is not null)
        {
            return handler;
        }

        if (!actor.HasAny(DslRoles))
        {
            return handler;
        }

        return learnerMisRef is not null && concern.Learners.Any(l => l.Is(learnerMisRef)) ? null : Rules.ChildSideIsForLearners;
    }

    /// <summary>
    /// Section 8: when unsure how to proceed, the DSL (or a deputy) or the headteacher seeks advice, so the
    /// headteacher may escalate (and record the advice) on any case that is not an allegation they do not manage.
    /// </summary>
    public static RuleViolation? CheckAdviceSeeker(Actor actor, Concern concern) =>
        HandlerOr(actor, concern, actor.Has(Role.Headteacher) && !concern.Route.ChairStandsInForHeadteacher);

    /// <summary>
    /// Section 8: leadership staff debrief after investigations. An allegation about the headteacher is debriefed by
    /// the chair of governors (with the governors they choose), never by the leadership team the headteacher leads; an
    /// allegation about a colleague by its case manager, with the leadership they invite, never by the whole team.
    /// </summary>
    public static RuleViolation? CheckDebriefer(Actor actor, Concern concern)
    {
        if (OwnInvolvement(actor, concern) is not null)
        {
            return Rules.SubjectOfOwnCase;
        }

        // The vice-chair in the chair's place, or the case manager the LADO or the governing body appointed.
        if (concern.CaseManagerRef is { } manager)
        {
            return actor.IsStrongly(manager) ? null
                : concern.AppointedCaseManager is null ? Rules.DebriefIsForTheChair : Rules.AllegationDebriefIsForCaseManager;
        }

        if (concern.Route.ChairStandsInForHeadteacher)
        {
            return actor.Has(Role.ChairOfGovernors) ? null : Rules.DebriefIsForTheChair;
        }

        if (concern.Route.IsAllegation)
        {
            return actor.Has(Role.Headteacher) ? null : Rules.AllegationDebriefIsForCaseManager;
        }

        return actor.In(RoleSet.LeadershipTeam) ? null : Rules.DebriefIsForLeadership;
    }

    /// <summary>
    /// A change agreed at a debrief gets its owner and date from whoever recorded that debrief, or from the case's manager
    /// (whoever handles the case: its lead, or the case manager of an allegation). Null when the actor may.
    /// </summary>
    public static RuleViolation? CheckChangeAssigner(Actor actor, Concern concern, DebriefChange change)
    {
        if (OwnInvolvement(actor, concern) is not null)
        {
            return Rules.SubjectOfOwnCase;
        }

        return actor.IsStrongly(change.AgreedBy.Id) || CheckHandler(actor, concern) is null
            ? null
            : Rules.DebriefChangeIsForRecorderOrCaseManager;
    }

    /// <summary>A change agreed at a debrief is marked done by its owner, or by the case's manager. Null when the actor may.</summary>
    public static RuleViolation? CheckChangeCompleter(Actor actor, Concern concern, DebriefChange change)
    {
        if (OwnInvolvement(actor, concern) is Involvement.Alleged or Involvement.Declaring)
        {
            return Rules.SubjectOfOwnCase;
        }

        if (actor.IsStrongly(change.Owner?.Id))
        {
            return null;
        }

        return CheckHandler(actor, concern) switch
        {
            null => null,
            { Kind: ViolationKind.NotFound } own => own,
            _ => Rules.DebriefChangeIsForOwnerOrCaseManager,
        };
    }

    /// <summary>
    /// Someone who owns a change of the case, or recorded the debrief that agreed one, knows that the case exists even
    /// when they may not read it: they are told of their change, and act on it, without being shown the case (need to
    /// know). Never someone the case is about; by reference, so only with a second factor (<see cref="Actor.IsStrongly"/>).
    /// </summary>
    public static bool KnowsOfDebriefChanges(Actor actor, Concern concern) =>
        OwnInvolvement(actor, concern) is not (Involvement.Alleged or Involvement.Declaring)
        && concern.DebriefChanges.Any(c => actor.IsStrongly(c.Owner?.Id) || actor.IsStrongly(c.AgreedBy.Id));

    /// <summary>
    /// Once the investigation is complete a debriefer may read the case to hold the debrief; once it is held, only
    /// those who held it or were invited to it (its attendees), if they may be at a debrief of this case at all.
    /// </summary>
    private static bool MayReadAsDebriefer(Actor actor, Concern concern)
    {
        if (concern.Investigation is null || OwnInvolvement(actor, concern) is not null)
        {
            return false;
        }

        if (concern.Debrief is not { } debrief)
        {
            return CheckDebriefer(actor, concern) is null;
        }

        var mayAttend = concern.Route.ChairStandsInForHeadteacher ? actor.Has(Role.ChairOfGovernors) : actor.In(RoleSet.LeadershipTeam);
        return mayAttend
               && (debrief.By.Id.Equals(actor.Id, StringComparison.OrdinalIgnoreCase)
                   || debrief.Attendees.Any(a => a.Id.Equals(actor.Id, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// Handles the case and so reads it in full; but the headteacher's own declaration is the chair's, never read by
    /// the leadership team the headteacher leads, whatever lead its kind gives it.
    /// </summary>
    private static bool ReadsAsHandler(Actor actor, Concern concern) =>
        CheckHandler(actor, concern) is null
        && !(concern.Route.HeadteacherDeclaring && actor.Has(Role.Leadership)
             && CheckHandler(actor with { Roles = actor.Roles.Where(r => r != Role.Leadership).ToHashSet() }, concern) is not null);

    /// <summary>How much of the case the actor may read. Access to read sits here, beside access to act.</summary>
    public static ReadLevel ReadLevelFor(Actor actor, Concern concern)
    {
        switch (OwnInvolvement(actor, concern))
        {
            case Involvement.Alleged:
                return ReadLevel.None;
            // A low-level concern is kept in confidence from the adult it is about, even one they reported themselves.
            case not null when concern.Route.Category == ConcernCategory.LowLevelConcern:
                return ReadLevel.None;
            case Involvement.Declaring:
                return ReadLevel.Status;
        }

        if (ReadsAsHandler(actor, concern) || MayReadAsDebriefer(actor, concern))
        {
            return ReadLevel.Full;
        }

        // The headteacher oversees every case but one the chair stands in on (excluded above as their own).
        if (actor.Has(Role.Headteacher) && !concern.Route.ChairStandsInForHeadteacher)
        {
            return ReadLevel.Full;
        }

        // The DSL keeps every child's side: of an allegation (the whole case once its case manager shares it), and of
        // any other case about a child that someone else leads (a staff case the leadership team or the headteacher has);
        // and of an allegation gone to the LADO directly, whose part they record.
        if (actor.In(RoleSet.Dsls) && (concern.Learners.Any() || (concern.Route.IsAllegation && concern.Route.LadoDirect)))
        {
            return concern.Route.IsAllegation && concern.SharedWithDsl ? ReadLevel.Full : ReadLevel.ChildSide;
        }

        // The raiser follows its status. The MIS reads references and state of a learner's case it raised, and nothing
        // of any case it did not raise; it never learns how an allegation goes, even one it raised.
        if (!string.Equals(concern.RaisedBy.Id, actor.Id, StringComparison.OrdinalIgnoreCase))
        {
            return ReadLevel.None;
        }

        if (!actor.Has(Role.Mis))
        {
            return ReadLevel.Status;
        }

        return concern.Route.Category switch
        {
            ConcernCategory.LearnerSafety or ConcernCategory.OnlineSafety => ReadLevel.Sync,
            ConcernCategory.Allegation => ReadLevel.None,
            _ => ReadLevel.Status,
        };
    }
}
