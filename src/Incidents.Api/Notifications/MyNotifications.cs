using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Notifications;
using Incidents.Domain.Policy;
using Marten;

namespace Incidents.Api.Notifications;

/// <summary>One notification as its recipient sees it: which case and why, nothing of what is in it.</summary>
public sealed record NotificationView(Guid Id, Guid ConcernId, AlertReason Reason, CaseClock? Clock, DateTimeOffset? DueAt, DateTimeOffset At);

public sealed record NotificationList(IReadOnlyList<NotificationView> Items);

public sealed record NotificationCount(int Count);

/// <summary>
/// A person's own notifications, for the API and the pages alike: never anyone else's, and never of a case they are on
/// now (named on it since they were told, say: <see cref="AlertRecipients.ShutOut"/>), which are left out as if cleared.
/// Opening the case applies the access rules as ever.
/// </summary>
public static class MyNotifications
{
    /// <summary>At most this many, latest first.</summary>
    public const int Shown = 100;

    public static async Task<IReadOnlyList<NotificationView>> ListAsync(IQuerySession session, SchoolRoles school, Actor actor, CancellationToken ct)
    {
        var me = Notification.RecipientKey(actor.Id);
        var mine = await session.Query<Notification>()
            .Where(n => n.Recipient == me && n.ClearedAt == null)
            .OrderByDescending(n => n.At).Take(Shown).ToListAsync(ct);
        if (mine.Count == 0)
        {
            return [];
        }

        var cases = (await session.LoadManyAsync<Concern>(ct, mine.Select(n => n.ConcernId).Distinct().ToArray())).ToDictionary(c => c.Id);
        return mine
            .Where(n => cases.TryGetValue(n.ConcernId, out var c) && !AlertRecipients.ShutOut(c, school, actor.Id) && CaseAccess.OwnInvolvement(actor, c) is null)
            .Select(n => new NotificationView(n.Id, n.ConcernId, n.Reason, n.Clock, n.DueAt, n.At))
            .ToList();
    }

    public static async Task<int> CountAsync(IQuerySession session, SchoolRoles school, Actor actor, CancellationToken ct) => (await ListAsync(session, school, actor, ct)).Count;

    /// <summary>Clears one of the actor's notifications (false: none of theirs with that id), or all of them when <paramref name="id"/> is null.</summary>
    public static async Task<bool> ClearAsync(IDocumentSession session, Actor actor, Guid? id, DateTimeOffset now, CancellationToken ct)
    {
        var me = Notification.RecipientKey(actor.Id);
        var query = session.Query<Notification>().Where(n => n.Recipient == me && n.ClearedAt == null);
        if (id is { } one)
        {
            var notification = await session.LoadAsync<Notification>(one, ct);
            if (notification is null || notification.Recipient != me)
            {
                return false;
            }

            query = query.Where(n => n.Id == one);
        }

        foreach (var notification in await query.ToListAsync(ct))
        {
            session.Store(notification with { ClearedAt = now });
        }

        await session.SaveChangesAsync(ct);
        return true;
    }
}
