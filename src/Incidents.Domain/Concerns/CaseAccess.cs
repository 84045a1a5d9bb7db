using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns;

/// <summary>Who may act on a case, from the routing the case was given and the actor's roles.</summary>
public static class CaseAccess
{
    private static readonly Role[] RaisingRoles = [Role.Staff, Role.Dsl, Role.Headteacher, Role.Leadership, Role.Mis];

    public static bool MayRaise(Actor actor) => actor.HasAny(RaisingRoles);

    /// <summary>
    /// The roles that may handle a case (triage, escalate, refer, record actions, complete the investigation,
    /// close, reopen): the lead's role, the DSL for learner and online-safety cases, and the headteacher for staff
    /// cases, except when the case is about the headteacher. The chair of governors takes part only as lead
    /// (a case about the headteacher): other staff cases are not theirs to know about.
    /// </summary>
    public static IReadOnlySet<Role> HandlerRoles(Concern concern)
    {
        var roles = new HashSet<Role> { concern.Lead.Role.HeldBy() };
        if (concern.Route.Category is ConcernCategory.LearnerSafety or ConcernCategory.OnlineSafety)
        {
            roles.Add(Role.Dsl);
        }
        else
        {
            roles.Add(Role.Headteacher);
        }

        if (IsAboutHeadteacher(concern))
        {
            roles.Remove(Role.Headteacher);
        }

        return roles;
    }

    /// <summary>Routed to the chair of governors because the allegation is about the headteacher.</summary>
    public static bool IsAboutHeadteacher(Concern concern) => concern.Route.Lead == LeadRole.ChairOfGovernors;

    /// <summary>Null when the actor may handle the case; otherwise the rule that refuses them.</summary>
    public static RuleViolation? CheckHandler(Actor actor, Concern concern)
    {
        if (concern.IsAbout(actor.Id))
        {
            return Rules.SubjectOfOwnCase;
        }

        if (IsAboutHeadteacher(concern) && actor.Has(Role.Headteacher) && !actor.Has(Role.ChairOfGovernors))
        {
            // Even if the token's subject id does not match, the headteacher stays out of a case about the headteacher.
            return Rules.SubjectOfOwnCase;
        }

        var handlers = HandlerRoles(concern);
        if (actor.Roles.Any(handlers.Contains))
        {
            return null;
        }

        return actor.Roles.All(r => r is Role.Governor or Role.ChairOfGovernors)
            ? Rules.GovernorsDoNotAct
            : Rules.NotCaseHandler(concern.Lead.Role.ToString());
    }

    /// <summary>
    /// Section 8: when unsure how to proceed, the DSL (or a deputy) or the headteacher seeks advice, so the
    /// headteacher may escalate (and record the advice) on any case that is not about them.
    /// </summary>
    public static RuleViolation? CheckAdviceSeeker(Actor actor, Concern concern)
    {
        var refused = CheckHandler(actor, concern);
        var headteacherMayAsk = refused is { Kind: ViolationKind.Forbidden } && actor.Has(Role.Headteacher);
        return headteacherMayAsk ? null : refused;
    }

    /// <summary>
    /// Section 8: leadership staff debrief after investigations, so once the investigation is complete a member of the
    /// leadership team may read the case to hold the debrief; once it is held, only those who attended (or recorded it).
    /// </summary>
    public static bool MayReadAsDebriefer(Actor actor, Concern concern) =>
        concern.Investigation is not null
        && CheckDebriefer(actor, concern) is null
        && (concern.Debrief is not { } debrief
            || debrief.By.Id.Equals(actor.Id, StringComparison.OrdinalIgnoreCase)
            || debrief.Attendees.Any(a => a.Id.Equals(actor.Id, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Section 8: leadership staff debrief after investigations.</summary>
    public static RuleViolation? CheckDebriefer(Actor actor, Concern concern)
    {
        if (concern.IsAbout(actor.Id) || (IsAboutHeadteacher(concern) && actor.Has(Role.Headteacher)))
        {
            return Rules.SubjectOfOwnCase;
        }

        return actor.HasAny(Role.Leadership, Role.Headteacher) ? null : Rules.DebriefIsForLeadership;
    }
}
