using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;
using Marten;

namespace Incidents.Api.Queue;

/// <summary>
/// Who has a work queue (<see cref="CaseAccess.HoldsAWorkQueue"/>), with what the read model says about cases managed by
/// reference; the queue endpoint, its page and the menu ask here.
/// </summary>
public static class WorkQueueAccess
{
    public static async Task<bool> HoldsAsync(Actor actor, SchoolRoles school, IQuerySession session, CancellationToken ct) =>
        CaseAccess.HoldsAWorkQueue(actor, school, managesAnOpenCase: false)
        || CaseAccess.HoldsAWorkQueue(actor, school, !actor.SingleFactor && await ManagesAnOpenCaseAsync(actor, session, ct));

    /// <summary>Whether an open case names the actor as the one who manages it by reference (and they are not on it).</summary>
    public static Task<bool> ManagesAnOpenCaseAsync(Actor actor, IQuerySession session, CancellationToken ct)
    {
        var me = actor.Id.Trim().ToLowerInvariant();
        return session.Query<CaseSummary>().AnyAsync(x => x.Open && x.CaseManagerRef == me && !x.HiddenFrom.Contains(me), ct);
    }
}
