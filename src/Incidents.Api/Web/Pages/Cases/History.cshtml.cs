using Incidents.Api.Audit.Access;
using Incidents.Api.Concerns.History;
using Incidents.Api.PeopleDirectory;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Incidents.Projections.Chronology;
using Incidents.Projections.People;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Cases;

/// <summary>
/// A case's audit trail: the API's own history read (the same rule: only those who read the case in full), every
/// event in order with who recorded it, when it happened, when it was stored and its correlation id.
/// </summary>
[RecordsReads("concern-history", "id")]
public sealed class HistoryModel(IQuerySession session, SchoolCalendar calendar) : PageModel
{
    public Guid Id { get; private set; }

    public ConcernKind? Kind { get; private set; }

    public IReadOnlyList<(HistoryEntry Entry, ChronologyLine? Line)> Entries { get; private set; } = [];

    private PeopleNames _names = PeopleNames.None;

    /// <summary>The people an entry is about, by name where the directory (or the person who named them) gives one.</summary>
    public IReadOnlyList<string> PeopleOn(HistoryEntry entry) =>
        Referenced(entry.Data).Select(r => _names.For(r) is { } name ? $"{name} ({r})" : r).ToList();

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await GetHistoryEndpoint.ReadAsync(id, session, new WebUser(User).Actor, ct) is not { } history)
        {
            return NotFound();
        }

        Id = id;
        Kind = history.Select(h => h.Data).OfType<ConcernRaised>().FirstOrDefault()?.Kind;
        Entries = history.Select(h => (h, ChronologyEntries.OnCase(h.Data))).ToList();
        _names = await PeopleNames.LoadAsync(session, history.SelectMany(h => Referenced(h.Data)), ct);
        return Page();
    }

    private static IEnumerable<string> Referenced(object data) => PersonCasesEvents.SubjectsOf(data).Select(s => s.MisRef)
        .Concat(ChronologyEntries.RecordedFor(data) is { } one ? [one] : [])
        .Distinct(StringComparer.OrdinalIgnoreCase);
}
