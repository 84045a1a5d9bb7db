using Incidents.Domain.Policy;

namespace Incidents.Domain.Identity;

/// <summary>
/// The named groups of roles the policy gives a right to. Endpoints (<c>[AuthorizeFor(RoleSet.X)]</c>), pages and the
/// domain's own checks all name a set here, so who may raise, debrief and read has one home.
/// </summary>
public enum RoleSet
{
    /// <summary>Raise a concern: every adult of the school (s.1's "staff" includes the governing body) and the MIS.</summary>
    Raisers,

    /// <summary>Raise a concern in person and name its people from the directory: the raisers but the MIS.</summary>
    RaisersInPerson,

    /// <summary>Hold a lead role (the DSL, a deputy, the headteacher, the leadership team, the chair): a work queue.</summary>
    Leads,

    /// <summary>
    /// Open the work queue: the leads, and any adult of the school, because a person may manage a case by reference
    /// rather than by a role (the vice-chair of governors holds only the governor role; the LADO may appoint any adult
    /// of the school). Who of them has a queue is <see cref="Concerns.CaseAccess.HoldsAWorkQueue"/>'s to say.
    /// </summary>
    WorkQueue,

    /// <summary>Hold a debrief after an investigation (s.8): the leadership team, and the chair in the headteacher's place.</summary>
    Debriefers,

    /// <summary>The leadership team proper: who debriefs a case the chair does not stand in on.</summary>
    LeadershipTeam,

    /// <summary>The DSL and the deputies: the child's side of every case about a child.</summary>
    Dsls,

    /// <summary>Read a person's chronology across their cases: the DSL, a deputy, the headteacher.</summary>
    ChronologyReaders,

    /// <summary>Read and export the audit trail: the DSL, a deputy, the headteacher.</summary>
    AuditReaders,

    /// <summary>Read who read what (the access log): the DSL and the headteacher.</summary>
    AccessLogReaders,

    /// <summary>Read the governors' anonymised report.</summary>
    GovernorReportReaders,

    /// <summary>The school's MIS: its synchronisation feed and the directory push.</summary>
    Mis,

    /// <summary>Set who else is alerted, and see alert deliveries that failed: the DSL and the headteacher.</summary>
    AlertAdministrators,

    /// <summary>Keep the school calendar (term dates, INSET days, closures, bank holidays): the DSL and the headteacher.</summary>
    CalendarKeepers,

    /// <summary>The school's filtering and monitoring systems: they raise concerns from their alerts, through the webhook alone.</summary>
    FilteringProviders,
}

public static class RoleSets
{
    private static readonly Dictionary<RoleSet, IReadOnlySet<Role>> Sets = new()
    {
        [RoleSet.Raisers] = Set(Role.Staff, Role.Dsl, Role.DeputyDsl, Role.Headteacher, Role.Leadership, Role.ChairOfGovernors, Role.Governor, Role.Mis),
        [RoleSet.RaisersInPerson] = Set(Role.Staff, Role.Dsl, Role.DeputyDsl, Role.Headteacher, Role.Leadership, Role.ChairOfGovernors, Role.Governor),
        [RoleSet.Leads] = Set([.. Enum.GetValues<LeadRole>().SelectMany(l => l.HeldBy())]),
        [RoleSet.WorkQueue] = Set(Role.Staff, Role.Dsl, Role.DeputyDsl, Role.Headteacher, Role.Leadership, Role.ChairOfGovernors, Role.Governor),
        [RoleSet.Debriefers] = Set(Role.Leadership, Role.Headteacher, Role.ChairOfGovernors),
        [RoleSet.LeadershipTeam] = Set(Role.Leadership, Role.Headteacher),
        [RoleSet.Dsls] = Set([.. LeadRole.Dsl.HeldBy()]),
        [RoleSet.ChronologyReaders] = Set(Role.Dsl, Role.DeputyDsl, Role.Headteacher),
        [RoleSet.AuditReaders] = Set(Role.Dsl, Role.DeputyDsl, Role.Headteacher),
        [RoleSet.AccessLogReaders] = Set(Role.Dsl, Role.Headteacher),
        [RoleSet.GovernorReportReaders] = Set(Role.Governor, Role.ChairOfGovernors, Role.Headteacher, Role.Leadership),
        [RoleSet.Mis] = Set(Role.Mis),
        [RoleSet.AlertAdministrators] = Set(Role.Dsl, Role.Headteacher),
        [RoleSet.CalendarKeepers] = Set(Role.Dsl, Role.Headteacher),
        [RoleSet.FilteringProviders] = Set(Role.FilteringProvider),
    };

    /// <summary>The roles in a set.</summary>
    public static IReadOnlySet<Role> Of(RoleSet set) => Sets[set];

    /// <summary>The actor holds at least one role of the set.</summary>
    public static bool In(this Actor actor, RoleSet set) => actor.Roles.Any(Sets[set].Contains);

    private static HashSet<Role> Set(params Role[] roles) => [.. roles];
}
