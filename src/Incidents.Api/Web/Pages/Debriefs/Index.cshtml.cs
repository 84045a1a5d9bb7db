using Incidents.Api.Audit.Access;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Projections.Cases;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Debriefs;

/// <summary>
/// Section 8's debriefs, for those who hold them (leadership, the headteacher, the chair for an allegation about the
/// headteacher): the cases waiting for a debrief this person may hold, as the case page offers it
/// (<see cref="CaseActions.OfferedTo"/>), and the debriefs they held or attended, which they may still read.
/// </summary>
[RecordsReads("debriefs")]
public sealed class IndexModel(IQuerySession session, SchoolCalendar calendar, TimeProvider clock) : PageModel
{
    /// <summary>At most this many cases in each list, oldest waiting first, latest held first.</summary>
    public const int Shown = 100;

    public IReadOnlyList<(Concern Concern, DateTimeOffset Since)> Waiting { get; private set; } = [];

    public IReadOnlyList<Concern> Held { get; private set; } = [];

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        if (!actor.In(RoleSet.Debriefers))
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        var awaiting = await session.Query<CaseSummary>()
            .Where(x => x.Open && x.AwaitingDebriefSince != null)
            .OrderBy(x => x.AwaitingDebriefSince).Take(Shown * 4).ToListAsync(ct);
        var cases = (await session.LoadManyAsync<Concern>(ct, awaiting.Select(x => x.Id).ToArray())).ToDictionary(c => c.Id);
        Waiting = awaiting
            .Where(x => cases.TryGetValue(x.Id, out var c) && CaseActions.OfferedTo(actor, c, now).Contains(CaseAction.Debrief))
            .Select(x => (cases[x.Id], x.AwaitingDebriefSince!.Value)).Take(Shown).ToList();

        // Debriefs this person recorded or attended (ids as the debrief recorded them, in any case), still theirs to read.
        var me = actor.Id.ToLowerInvariant();
        var mine = await session.Query<Concern>()
            .Where(c => c.MatchesSql(
                "(lower(d.data -> 'debrief' -> 'by' ->> 'id') = ? or exists (select 1 from jsonb_array_elements(case when jsonb_typeof(d.data -> 'debrief' -> 'attendees') = 'array' then d.data -> 'debrief' -> 'attendees' else '[]'::jsonb end) a where lower(a ->> 'id') = ?))",
                me, me))
            .OrderByDescending(c => c.Debrief!.OccurredAt) // latest first before the cap, so the newest are never cut
            .Take(Shown * 4).ToListAsync(ct);
        Held = mine.Where(c => c.Debrief is not null && CaseAccess.ReadLevelFor(actor, c) == ReadLevel.Full).Take(Shown).ToList();
        return Page();
    }
}
