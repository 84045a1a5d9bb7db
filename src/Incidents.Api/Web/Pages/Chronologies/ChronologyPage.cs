using Incidents.Api.Chronologies;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Api.PeopleDirectory;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Chronologies;

/// <summary>
/// A person's chronology as the API reads it (<see cref="PersonChronology"/>): every entry about them across the
/// concerns the reader may read, each at the reader's level, in the order things happened. The endpoint's roles
/// decide who may ask; anyone else is told it was not found.
/// </summary>
public abstract class ChronologyPage(IQuerySession session, SchoolCalendar calendar) : PageModel
{
    public Chronology Chronology { get; private set; } = new("", "", []);

    /// <summary>"Amelia Clarke (L-1001)": the person's name from the directory, or the reference alone.</summary>
    public string Person { get; private set; } = "";

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public abstract string Heading { get; }

    public abstract string Explanation { get; }

    protected async Task<IActionResult> ReadAsync(string misRef, PersonType type, RoleSet readers, CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        var reference = misRef.Trim();
        if (!actor.In(readers) || reference.Length is 0 or > RequestValidation.MisRefLength)
        {
            return NotFound();
        }

        Chronology = await PersonChronology.ReadAsync(session, actor, type, reference, ct);
        var names = await PeopleNames.LoadAsync(session, [reference], ct);
        Person = names.For(reference) is { } name ? $"{name} ({reference})" : reference;
        return Page();
    }
}
