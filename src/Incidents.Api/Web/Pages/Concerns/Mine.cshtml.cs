using Incidents.Api.Audit.Access;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Marten;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Concerns;

/// <summary>The concerns a person raised, each at the level they may read it (for most staff, the status alone).</summary>
[RecordsReads("raised-concerns")]
public sealed class MineModel(IQuerySession session, SchoolCalendar calendar) : PageModel
{
    public const int Shown = 50;

    public IReadOnlyList<(Concern Concern, ReadLevel Level)> Concerns { get; private set; } = [];

    public bool JustRaised { get; private set; }

    /// <summary>The case just raised is a low-level concern the person reported about themselves: recorded, and nothing more to follow.</summary>
    public bool JustReportedThemselves { get; private set; }

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public async Task OnGetAsync(Guid? raised, CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        var mine = await session.Query<Concern>().Where(c => c.RaisedBy.Id == actor.Id)
            .OrderByDescending(c => c.OccurredAt).Take(Shown).ToListAsync(ct);
        Concerns = mine.Select(c => (c, CaseAccess.ReadLevelFor(actor, c))).Where(x => x.Item2 is not (ReadLevel.None or ReadLevel.Sync)).ToList();
        // The case just raised, read directly: it need not be among the newest by when it happened.
        JustRaised = raised is { } id && await session.LoadAsync<Concern>(id, ct) is { } made
            && string.Equals(made.RaisedBy.Id, actor.Id, StringComparison.OrdinalIgnoreCase)
            && CaseAccess.ReadLevelFor(actor, made) is not (ReadLevel.None or ReadLevel.Sync);
        // A self-report is read by nobody it is about, its author included; they are told only that it was recorded.
        JustReportedThemselves = !JustRaised && raised is { } own && await session.LoadAsync<Concern>(own, ct) is { Route.Category: Domain.Policy.ConcernCategory.LowLevelConcern } self
            && string.Equals(self.RaisedBy.Id, actor.Id, StringComparison.OrdinalIgnoreCase) && self.IsDeclaredBy(actor.Id);
    }
}
