using Incidents.Api.Audit.Access;
using Incidents.Api.Concerns.Reading;
using Incidents.Api.PeopleDirectory;
using Incidents.Api.Web.Forms;
using Incidents.Api.Web.People;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Closing;
using Incidents.Projections.Chronology;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Cases;

/// <summary>One line of a case's timeline: when it happened, when it was recorded, by whom.</summary>
public sealed record TimelineLine(long Version, string Entry, string? For, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string By);

/// <summary>
/// A case, at the reader's level: in full for those who handle it, the child's side for the DSL on a case about a child that someone else leads,
/// the status for whoever raised it; anyone else is told it was not found. Every view is in the access log.
/// </summary>
[RecordsReads("concern", "id")]
public sealed class CaseModel(IQuerySession session, SchoolCalendar calendar, TimeProvider clock, PersonLinks links) : PageModel
{
    public Concern Concern { get; private set; } = null!;

    public ReadLevel Level { get; private set; }

    public IReadOnlyList<TimelineLine> Timeline { get; private set; } = [];

    public IReadOnlyList<RuleViolationText> Outstanding { get; private set; } = [];

    public IReadOnlyList<CaseActionForm> Actions { get; private set; } = [];

    public string? Done { get; private set; }

    /// <summary>The people's names from the directory: only for those who read more than the status.</summary>
    public PeopleNames Names { get; private set; } = PeopleNames.None;

    /// <summary>"Amelia Clarke (L-1001)", or the reference alone when the directory does not know them.</summary>
    public string Person(string misRef) => Names.For(misRef) is { } name ? $"{name} ({misRef})" : misRef;

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    private IReadOnlyDictionary<string, string> _keys = new Dictionary<string, string>();

    /// <summary>A child's opaque key for the address of their chronology: never their MIS reference.</summary>
    public string ChronologyKey(string misRef) => Uri.EscapeDataString(_keys.TryGetValue(misRef, out var key) ? key : "");

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        var concern = await session.LoadAsync<Concern>(id, ct);
        Level = concern is null ? ReadLevel.None : CaseAccess.ReadLevelFor(actor, concern);
        if (Level is ReadLevel.None or ReadLevel.Sync)
        {
            return NotFound();
        }

        Concern = concern!;
        Done = CaseActionForms.BySlug(done ?? "")?.Title;
        if (Level == ReadLevel.Status)
        {
            return Page();
        }

        _keys = await links.KeysForAsync(Concern.Learners.Select(l => l.MisRef), ct);
        Names = await PeopleNames.LoadAsync(session, Concern.Subjects.Select(s => s.MisRef).Concat(Concern.Identifications.Select(i => i.UnlistedRef)), ct);
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        Timeline = Level == ReadLevel.Full ? events.Select(FullLine).OfType<TimelineLine>().ToList() : events.SelectMany(ChildSideLines).ToList();
        Outstanding = Level == ReadLevel.Full
            ? ClosureChecklist.Outstanding(Concern).Select(v => new RuleViolationText(v.Rule, v.Detail)).ToList()
            : [];
        Actions = CaseActions.OfferedTo(actor, Concern, clock.GetUtcNow()).Select(CaseActionForms.For).ToList();
        return Page();
    }

    private static TimelineLine? FullLine(IEvent e) =>
        ChronologyEntries.OnCase(e.Data) is { } line
            ? new TimelineLine(e.Version, line.Entry, ChronologyEntries.RecordedFor(e.Data), line.OccurredAt, e.Timestamp, line.RecordedBy.Name)
            : null;

    private IEnumerable<TimelineLine> ChildSideLines(IEvent e) =>
        Concern.Learners.Select(l => (Learner: l.MisRef, Line: ChronologyEntries.ChildSideAbout(e.Data, e.Version, Concern, l.MisRef)))
            .Where(x => x.Line is not null)
            .Select(x => new TimelineLine(e.Version, x.Line!.Entry, x.Learner, x.Line.OccurredAt, e.Timestamp, x.Line.RecordedBy.Name));
}

public sealed record RuleViolationText(string Rule, string Detail);
