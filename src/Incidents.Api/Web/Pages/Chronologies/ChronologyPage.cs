using Incidents.Api.Audit.Access;
using Incidents.Api.Chronologies;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Api.PeopleDirectory;
using Incidents.Api.Web.People;
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
public abstract class ChronologyPage(IQuerySession session, SchoolCalendar calendar, PersonLinks links) : PageModel
{
    public Chronology Chronology { get; private set; } = new("", "", []);

    /// <summary>"Amelia Clarke (L-1001)": the person's name from the directory, or the reference alone.</summary>
    public string Person { get; private set; } = "";

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public abstract string Heading { get; }

    public abstract string Explanation { get; }

    /// <summary>
    /// The address names the person by their opaque key (<see cref="PersonLinks"/>), never their MIS reference; the access
    /// log records the reference the key stands for. A key the service never made is not found.
    /// </summary>
    protected async Task<IActionResult> ReadAsync(string person, PersonType type, RoleSet readers, CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        var misRef = await links.MisRefForAsync(person.Trim(), ct);
        if (misRef is not null)
        {
            HttpContext.Items[ReadAccessLog.TargetItem] = misRef; // a refusal is logged against the person too
        }

        if (!actor.In(readers) || misRef is null)
        {
            return NotFound();
        }

        var reference = misRef.Trim();

        Chronology = await PersonChronology.ReadAsync(session, actor, type, reference, ct);
        var names = await PeopleNames.LoadAsync(session, [reference], ct);
        Person = names.For(reference) is { } name ? $"{name} ({reference})" : reference;
        return Page();
    }
}
