using System.Linq.Expressions;
using Incidents.Api.Audit.Access;
using Incidents.Api.Calendar;
using Incidents.Api.Clocks;
using Incidents.Api.Configuration;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Domain.Calendar;
using Incidents.Domain.Clocks;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;
using Marten;
using Marten.Services.BatchQuerying;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Queue;

/// <summary>One open concern on a lead's work queue: where it stands, what falls due when, and what is overdue.</summary>
public sealed record QueueItem(
    Guid Id,
    long Version,
    ConcernKind Kind,
    ConcernStatus Status,
    RiskLevel? Risk,
    LeadRole Lead,
    PersonRef? Assignee,
    IReadOnlyList<Subject> Subjects,
    DateTimeOffset OccurredAt,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    CaseDeadlines Deadlines,
    IReadOnlyList<string> Overdue)
{
    /// <summary>
    /// A low-level concern whose review for a pattern is due: the earlier low-level concerns about the same adult, to read
    /// with it (empty when none is due).
    /// </summary>
    public IReadOnlyList<Guid> PatternReviewOf { get; init; } = [];

    /// <summary>
    /// The overdue steps already escalated (to the headteacher, or the chair for cases the headteacher manages), named as in
    /// <see cref="Overdue"/>: each escalation is sent once, when its due time passes.
    /// </summary>
    public IReadOnlyList<string> Escalated { get; init; } = [];

    /// <summary>The item with its due dates worked out on the calendar as it is now, and the escalations sent for them.</summary>
    public static QueueItem From(CaseSummary c, IReadOnlyList<RunningClock> running, IEnumerable<ClockAlertRecord> escalations, DateTimeOffset now)
    {
        var deadlines = CaseDeadlines.From(running);
        return new(c.Id, c.Version, c.Kind, c.Status, c.Risk, c.LeadRole, c.Assignee, c.Subjects, c.OccurredAt, c.RaisedAt, c.UpdatedAt,
            deadlines, deadlines.OverdueAt(now))
        {
            PatternReviewOf = c.PatternReviewOf,
            Escalated = running.Where(r => escalations.Any(e => e.Clock == r.Clock && e.Key == r.Key && e.DueAt == r.DueAt))
                .Select(r => RunningClocks.QueueName(r.Clock)).Distinct().ToList(),
        };
    }
}

public static class GetQueueEndpoint
{

    /// <summary>
    /// The caller's work queue: open concerns led by a role they hold, and those they manage by reference (the vice-chair
    /// of governors in the chair's place, a case manager the LADO appointed), most urgent first (immediate risk, then the
    /// earliest deadline, so overdue work leads), keyset-paginated. Anyone else gets 403. Filters: kind, status, risk (comma-separated),
    /// lead (a lead role the caller holds), assignee (staff id), from/to (school-local dates raised, inclusive).
    /// </summary>
    [RecordsReads("work-queue")]
    [QueryParameters(QuerySet.WorkQueue)]
    [WolverineGet("/api/queue", Name = "GetWorkQueue"), Tags("Work queue")]
    [AuthorizeFor(RoleSet.WorkQueue)]
    [ProducesResponseType<Page<QueueItem>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, SchoolCalendar calendar, TimeProvider clock, SchoolRoles school,
        CancellationToken ct)
    {
        if (!await WorkQueueAccess.HoldsAsync(http.User.ToActor(), school, session, ct))
        {
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = "You lead no cases and manage none by reference, so you have no work queue.",
            });
        }

        var (page, problem) = await ReadAsync(http, session, calendar, clock, ct);
        return problem is not null ? Results.Problem(problem) : Results.Ok(page);
    }

    /// <summary>The queue as the request's filters ask, or the problem with them; the web app's queue page reads it too.</summary>
    public static async Task<(Page<QueueItem>? Page, ProblemDetails? Problem)> ReadAsync(
        HttpContext http, IQuerySession session, SchoolCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var query = new QueryParameters(http.Request, clock, QueryDefinitions.Names(QuerySet.WorkQueue));
        var kinds = query.Enums<ConcernKind>("kind");
        var statuses = query.Enums<ConcernStatus>("status");
        var risks = query.Enums<RiskLevel>("risk");
        var leads = query.Enums<LeadRole>("lead");
        var assignee = query.Text("assignee", RequestValidation.MisRefLength);
        var (from, to) = query.DateRange(calendar);
        var limit = query.Limit();
        var after = query.Cursor();
        query.Check(after is not null && after.Count != 1, "after", "after is not a cursor of this queue.");

        var actor = http.User.ToActor();
        var held = LeadRoles.HeldBy(actor);
        var notHeld = leads.Where(l => !held.Contains(l)).ToList();
        query.Check(notHeld.Count > 0, "lead", $"You do not lead concerns as: {string.Join(", ", notHeld.Select(EnumNames.Of))}.");
        if (query.Problem is { } problem)
        {
            return (null, problem);
        }

        var leadRoles = (leads.Count > 0 ? leads : held).Distinct().ToArray();
        var me = actor.Id.Trim().ToLowerInvariant();

        // One query per lead role (and per status or kind, when filtered by them), each read in queue order off an
        // index over open cases, (lead role, queue key), (lead role, status, queue key) or (lead role, kind, queue
        // key), all in one round trip, then merged. One query over several roles skipped every open case not asked for
        // before the first it wanted (docs/benchmarks.md). Each part
        // reads at most a page off its index.
        var queueParts = CaseSummaryFilters.QueueParts(kinds, statuses);
        var batch = session.CreateBatchQuery();
        var parts = leadRoles.SelectMany(role => queueParts.Select(part =>
            Filtered(batch.Query<CaseSummary>().Where(x => x.Open && x.LeadRole == role && !x.HiddenFrom.Contains(me)), part)
                .OrderBy(x => x.QueueKey).Take(limit + 1).ToList())).ToList();

        // The cases they manage by reference, whatever their lead role (unless the queue is filtered by lead role); the
        // domain's read check below still decides (a second factor, not being on the case).
        if (leads.Count == 0 && !actor.SingleFactor)
        {
            parts.AddRange(queueParts.Select(part =>
                Filtered(batch.Query<CaseSummary>().Where(x => x.Open && x.CaseManagerRef == me && !x.HiddenFrom.Contains(me)), part)
                    .OrderBy(x => x.QueueKey).Take(limit + 1).ToList()));
        }

        if (parts.Count > 0)
        {
            await batch.Execute(ct);
        }

        var rows = (await Task.WhenAll(parts)).SelectMany(r => r).DistinctBy(x => x.Id).OrderBy(x => x.QueueKey, StringComparer.Ordinal).Take(limit + 1).ToList();

        IBatchedQueryable<CaseSummary> Filtered(IBatchedQueryable<CaseSummary> q, IReadOnlyList<Expression<Func<CaseSummary, bool>>> part)
        {
            foreach (var filter in part)
            {
                q = q.Where(filter);
            }

            if (risks.Count > 0)
            {
                var r = risks.Cast<RiskLevel?>().ToArray();
                q = q.Where(x => x.Risk.IsOneOf(r));
            }

            if (assignee is not null)
            {
                q = q.Where(x => x.Assignee != null && x.Assignee.Id == assignee);
            }

            if (from is { } start)
            {
                q = q.Where(x => x.RaisedAt >= start);
            }

            if (to is { } end)
            {
                q = q.Where(x => x.RaisedAt < end);
            }

            if (after is [var key])
            {
                q = q.Where(x => x.QueueKey.CompareTo(key) > 0);
            }

            return q;
        }

        var now = clock.GetUtcNow();
        var page = rows.Take(limit).ToList();

        // A lead role alone does not open a case: the queue lists only what the domain lets the caller read in full (the
        // headteacher's own declaration of a kind the leadership team leads is the chair's). The cursor still moves past
        // a case left out, so a page may hold fewer than the limit and nothing is skipped.
        // The one exception: an allegation gone to the LADO directly and waiting for its case manager is on the DSL's
        // queue at the child's side (only the children named), for them to record the LADO's part and the appointment.
        var listed = page.Count == 0
            ? new Dictionary<Guid, ReadLevel>()
            : (await session.LoadManyAsync<Concern>(ct, page.Select(c => c.Id).ToArray()))
                .Select(c => (c.Id, Level: CaseAccess.QueueLevelFor(actor, c))).Where(c => c.Level is not null).ToDictionary(c => c.Id, c => c.Level!.Value);

        // Due dates as the calendar stands now (the stored ones order the queue; a calendar change re-stamps them soon after).
        var (_, currentCalendar) = await http.RequestServices.GetRequiredService<CurrentCalendar>().LoadAsync(session, ct);
        var targets = http.RequestServices.GetRequiredService<SchoolOptions>().ResponseTargets;
        var ids = listed.Keys.ToArray();
        var escalations = (ids.Length == 0
            ? []
            : await session.Query<ClockAlertRecord>().Where(a => a.ConcernId.IsOneOf(ids) && a.Kind == ClockAlertKind.Overdue).ToListAsync(ct)).ToLookup(a => a.ConcernId);
        QueueItem Item(CaseSummary c) => QueueItem.From(c, RunningClocks.Of(c.ClockStarts(), currentCalendar, targets), escalations[c.Id], now);
        return (new Page<QueueItem>(
            page.Where(c => listed.ContainsKey(c.Id))
                .Select(c => listed[c.Id] == ReadLevel.Full ? Item(c) : Item(c) with { Subjects = [.. c.Subjects.Where(s => s.IsLearner)] })
                .ToList(),
            rows.Count > limit ? Cursors.Encode(page[^1].QueueKey) : null), null);
    }

}
