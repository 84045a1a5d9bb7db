using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Notifications;

public static class ListNotificationsEndpoint
{
    /// <summary>
    /// The caller's own notifications, latest first (at most 100): which case needs their attention and why. Nothing of
    /// the case itself; open it (where the access rules apply) to read it.
    /// </summary>
    [WolverineGet("/api/notifications", Name = "ListMyNotifications"), Tags("Notifications")]
    [AuthorizeFor(RoleSet.RaisersInPerson)]
    [ProducesResponseType<NotificationList>(StatusCodes.Status200OK)]
    public static async Task<NotificationList> Get(HttpContext http, IQuerySession session, SchoolRoles school, CancellationToken ct) =>
        new(await MyNotifications.ListAsync(session, school, http.User.ToActor(), ct));
}

public static class CountNotificationsEndpoint
{
    /// <summary>How many notifications the caller has not cleared (the web app's header shows it).</summary>
    [WolverineGet("/api/notifications/count", Name = "CountMyNotifications"), Tags("Notifications")]
    [AuthorizeFor(RoleSet.RaisersInPerson)]
    [ProducesResponseType<NotificationCount>(StatusCodes.Status200OK)]
    public static async Task<NotificationCount> Get(HttpContext http, IQuerySession session, SchoolRoles school, CancellationToken ct) =>
        new(await MyNotifications.CountAsync(session, school, http.User.ToActor(), ct));
}

public static class ClearNotificationEndpoint
{
    /// <summary>
    /// Clears one of the caller's notifications (clearing it again changes nothing) and answers how many are left.
    /// Someone else's, or one that does not exist, is a 404.
    /// </summary>
    [WolverinePost("/api/notifications/{id}/clear", Name = "ClearMyNotification"), Tags("Notifications")]
    [AuthorizeFor(RoleSet.RaisersInPerson)]
    [ProducesResponseType<NotificationCount>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(Guid id, HttpContext http, IDocumentSession session, SchoolRoles school, TimeProvider clock, CancellationToken ct) =>
        await MyNotifications.ClearAsync(session, http.User.ToActor(), id, clock.GetUtcNow(), ct)
            ? Results.Ok(new NotificationCount(await MyNotifications.CountAsync(session, school, http.User.ToActor(), ct)))
            : Results.Problem(RuleViolationProblems.NotFound(http.Request.Path, "You have no notification with that id."));
}

public static class ClearAllNotificationsEndpoint
{
    /// <summary>Clears every notification of the caller's, and answers how many are left (none).</summary>
    [WolverinePost("/api/notifications/clear", Name = "ClearAllMyNotifications"), Tags("Notifications")]
    [AuthorizeFor(RoleSet.RaisersInPerson)]
    [ProducesResponseType<NotificationCount>(StatusCodes.Status200OK)]
    public static async Task<NotificationCount> Post(HttpContext http, IDocumentSession session, SchoolRoles school, TimeProvider clock, CancellationToken ct)
    {
        await MyNotifications.ClearAsync(session, http.User.ToActor(), null, clock.GetUtcNow(), ct);
        return new NotificationCount(await MyNotifications.CountAsync(session, school, http.User.ToActor(), ct));
    }
}
