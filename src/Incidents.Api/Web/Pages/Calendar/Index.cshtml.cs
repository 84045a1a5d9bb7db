using Incidents.Api.Calendar;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Calendar;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine.Marten;

namespace Incidents.Api.Web.Pages.Calendar;

/// <summary>
/// The school calendar: closures (holidays, INSET days, other closures) and bank holidays, read by those with a work
/// queue, kept by the DSL and the headteacher one closure or bank holiday at a time. Each change is the API's write
/// (<see cref="CalendarWrite.SaveAsync"/>) of the whole calendar at the version the page showed.
/// </summary>
public sealed class IndexModel(IDocumentSession session, IMartenOutbox outbox, CurrentCalendar current, TimeProvider clock) : PageModel
{
    public SchoolCalendarRecord Calendar { get; private set; } = new();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public bool Keeps => new WebUser(User).Actor.In(RoleSet.CalendarKeepers);

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (!new WebUser(User).Actor.In(RoleSet.Leads))
        {
            return NotFound();
        }

        Saved = saved;
        (Calendar, _) = await current.LoadAsync(session, ct);
        return Page();
    }

    public Task<IActionResult> OnPostAddClosureAsync(int version, DateOnly? from, DateOnly? to, string? name, ClosureKind? kind, CancellationToken ct) =>
        ChangeAsync(version, entries =>
        {
            var missing = new List<(string, string)>();
            if (from is null)
            {
                missing.Add(("from", "Enter the first day of the closure."));
            }

            if (to is null)
            {
                missing.Add(("to", "Enter the last day of the closure."));
            }

            return missing.Count > 0
                ? (null, FormErrors.Many(missing))
                : (entries with { Closures = [.. entries.Closures, new SchoolClosure(from!.Value, to!.Value, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), kind ?? ClosureKind.Holiday)] }, null);
        }, ct);

    public Task<IActionResult> OnPostRemoveClosureAsync(int version, DateOnly from, DateOnly to, CancellationToken ct) =>
        ChangeAsync(version, entries => (entries with { Closures = entries.Closures.Where(c => !(c.From == from && c.To == to)).ToList() }, null), ct);

    public Task<IActionResult> OnPostAddBankHolidayAsync(int version, DateOnly? date, string? holidayName, CancellationToken ct) =>
        ChangeAsync(version, entries => date is null
            ? (null, FormErrors.Single("date", "Enter the date of the bank holiday."))
            : (entries with { BankHolidays = [.. entries.BankHolidays, new BankHoliday(date.Value, holidayName?.Trim() ?? "")] }, null), ct);

    public Task<IActionResult> OnPostRemoveBankHolidayAsync(int version, DateOnly date, CancellationToken ct) =>
        ChangeAsync(version, entries => (entries with { BankHolidays = entries.BankHolidays.Where(b => b.Date != date).ToList() }, null), ct);

    private async Task<IActionResult> ChangeAsync(int version, Func<CalendarEntries, (CalendarEntries? Next, FormErrors? Errors)> change, CancellationToken ct)
    {
        if (!Keeps)
        {
            return NotFound();
        }

        (Calendar, _) = await current.LoadAsync(session, ct);
        var (next, errors) = change(Calendar.Entries());
        if (errors is not null)
        {
            Errors = this.ShowErrors(errors, StatusCodes.Status400BadRequest);
            return Page();
        }

        outbox.Enroll(session);
        var outcome = await CalendarWrite.SaveAsync(session, outbox, current, new WebUser(User).Actor, next!, version, clock.GetUtcNow(), ct);
        switch (outcome)
        {
            case CalendarWrite.Outcome.Saved:
                return Redirect("/calendar?saved=true");
            case CalendarWrite.Outcome.Invalid invalid:
                Errors = this.ShowErrors(FormErrors.Many(invalid.Problems.Select(p => (FieldOf(p.Field), p.Message)).ToList()), StatusCodes.Status400BadRequest);
                return Page();
            default:
                Errors = this.ShowErrors(FormErrors.Single("from", "Someone changed the calendar since you opened this page: it now shows their change. Make yours again."),
                    StatusCodes.Status409Conflict);
                (Calendar, _) = await current.LoadAsync(session, ct);
                return Page();
        }
    }

    // The calendar's problems name list entries; the page has one form per kind of entry.
    private static string FieldOf(string field) => field.StartsWith("bankHolidays", StringComparison.Ordinal)
        ? (field.EndsWith(".name", StringComparison.Ordinal) ? "holidayName" : "date")
        : field.EndsWith(".name", StringComparison.Ordinal) ? "name" : field.EndsWith(".from", StringComparison.Ordinal) ? "from" : "to";
}
