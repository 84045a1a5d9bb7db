using Incidents.Api.Notifications;
using Incidents.Domain.Calendar;
using Incidents.Domain.Identity;
using Incidents.Domain.Notifications;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Notifications;

/// <summary>The signed-in person's own notifications, each linking to its case; cleared one by one or all at once.</summary>
public sealed class IndexModel(IDocumentSession session, SchoolRoles school, SchoolCalendar calendar, TimeProvider clock) : PageModel
{
    public IReadOnlyList<NotificationView> Items { get; private set; } = [];

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public bool Administers { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        if (!actor.In(RoleSet.RaisersInPerson))
        {
            return NotFound();
        }

        Administers = actor.In(RoleSet.AlertAdministrators);
        Items = await MyNotifications.ListAsync(session, school, actor, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostClearAsync(Guid id, CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        if (!actor.In(RoleSet.RaisersInPerson) || !await MyNotifications.ClearAsync(session, actor, id, clock.GetUtcNow(), ct))
        {
            return NotFound();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostClearAllAsync(CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        if (!actor.In(RoleSet.RaisersInPerson))
        {
            return NotFound();
        }

        await MyNotifications.ClearAsync(session, actor, null, clock.GetUtcNow(), ct);
        return RedirectToPage();
    }

    /// <summary>Why, in words, without anything about the case.</summary>
    public static string Why(NotificationView n) => n.Reason switch
    {
        AlertReason.ConcernRaised => "A concern was raised",
        AlertReason.ImmediateRisk => "A child may be at immediate risk",
        AlertReason.ClockReminder => $"Falls due soon: {Words.Plain(n.Clock ?? CaseClock.Triage).ToLowerInvariant()}",
        AlertReason.ClockOverdue => $"Overdue: {Words.Plain(n.Clock ?? CaseClock.Triage).ToLowerInvariant()}",
        _ => Words.Plain(n.Reason),
    };
}
