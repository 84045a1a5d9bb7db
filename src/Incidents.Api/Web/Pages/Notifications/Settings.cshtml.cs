using Incidents.Api.Notifications;
using Incidents.Api.PeopleDirectory;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Identity;
using Incidents.Domain.Notifications;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Notifications;

/// <summary>
/// The DSL (or the headteacher) chooses who else is alerted, for which kinds: the same check and the same save as
/// <c>PUT /api/alerts/preferences</c>, so the page and the API cannot differ.
/// </summary>
public sealed class SettingsModel(IDocumentSession session, SchoolRoles school, TimeProvider clock, Incidents.Domain.Calendar.SchoolCalendar calendar) : PageModel
{
    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public AlertPreferencesDocument Preferences { get; private set; } = new();

    public PeopleNames Names { get; private set; } = PeopleNames.None;

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public string? MisRef { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!new WebUser(User).Actor.In(RoleSet.AlertAdministrators))
        {
            return NotFound();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string? misRef, List<ConcernKind>? kinds, CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        if (!actor.In(RoleSet.AlertAdministrators))
        {
            return NotFound();
        }

        var current = await AlertPreferencesStore.LoadAsync(session, ct);
        var request = new AlertPreferencesRequest([.. current.AlsoAlert.Select(a => new AlsoAlertRequest(a.MisRef, a.Kinds)), new AlsoAlertRequest(misRef, kinds ?? [])]);
        if (await AlertPreferencesStore.ProblemAsync(request, session, school, clock, ct) is { } problem)
        {
            await LoadAsync(ct);
            MisRef = misRef;
            var messages = FormErrors.From(problem, "misRef").Items.Select(i => i.Message).Distinct();
            Errors = this.ShowErrors(FormErrors.Single("misRef", string.Join(" ", messages)), StatusCodes.Status400BadRequest);
            return Page();
        }

        await SetAlertPreferencesEndpoint.SaveAsync(request, actor, session, clock, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? misRef, CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        if (!actor.In(RoleSet.AlertAdministrators))
        {
            return NotFound();
        }

        var current = await AlertPreferencesStore.LoadAsync(session, ct);
        var request = new AlertPreferencesRequest([.. current.AlsoAlert
            .Where(a => !string.Equals(a.MisRef, misRef?.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(a => new AlsoAlertRequest(a.MisRef, a.Kinds))]);
        await SetAlertPreferencesEndpoint.SaveAsync(request, actor, session, clock, ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Preferences = await AlertPreferencesStore.LoadAsync(session, ct);
        Names = await PeopleNames.LoadAsync(session, Preferences.AlsoAlert.Select(a => a.MisRef).Concat(Preferences.History.Select(h => h.By)), ct);
    }

    public static string KindsOf(AlsoAlert a) => a.Kinds.Count == 0 ? "Every kind" : string.Join(", ", a.Kinds.Select(Words.Kind));
}
