using Incidents.Domain.Concerns;
using Incidents.Domain.Notifications;
using Incidents.Domain.Policy;
using Marten;
using Wolverine;
using Wolverine.Attributes;

namespace Incidents.Api.Notifications;

/// <summary>
/// Delivers every <see cref="CaseAlert"/>, whoever published it: works out the recipients from the case as it is now
/// (<see cref="AlertRecipients.For"/>), stores each one's notification and the alert's record, and queues each email,
/// all in one transaction (Wolverine's outbox with Marten). A notification already stored is not stored or emailed
/// again, so an alert delivered twice tells each person once.
/// </summary>
public static class CaseAlertHandler
{
    [Transactional]
    public static async Task<OutgoingMessages> Handle(CaseAlert alert, IDocumentSession session, SchoolRoles school, TimeProvider clock,
        ILogger<AlertRecord> logger, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var concern = await session.LoadAsync<Concern>(alert.ConcernId, ct);
        if (concern is null)
        {
            logger.LogWarning("Alert {AlertReason} for an unknown case {ConcernId} dropped", alert.Reason, alert.ConcernId);
            return messages;
        }

        var preferences = (await session.LoadAsync<AlertPreferencesDocument>(AlertPreferencesDocument.SchoolId, ct))?.Preferences ?? AlertPreferences.None;
        var recipients = AlertRecipients.For(concern, alert, school, preferences);
        var ids = recipients.ToDictionary(r => r, r => AlertKey.NotificationIdOf(alert, r));
        var existing = (await session.LoadManyAsync<Notification>(ct, ids.Values.ToArray())).Select(n => n.Id).ToHashSet();
        foreach (var (recipient, id) in ids.Where(x => !existing.Contains(x.Value)))
        {
            session.Insert(new Notification
            {
                Id = id,
                Recipient = Notification.RecipientKey(recipient),
                ConcernId = alert.ConcernId,
                Reason = alert.Reason,
                Clock = alert.Clock,
                DueAt = alert.DueAt,
                At = alert.At,
            });
            messages.Add(new SendAlertEmail(id));
        }

        var record = await session.LoadAsync<AlertRecord>(AlertKey.IdOf(alert), ct);
        session.Store(new AlertRecord
        {
            Id = AlertKey.IdOf(alert),
            ConcernId = alert.ConcernId,
            Reason = alert.Reason,
            Clock = alert.Clock,
            DueAt = alert.DueAt,
            At = alert.At,
            HandledAt = record?.HandledAt ?? clock.GetUtcNow(),
            Recipients = [.. (record?.Recipients ?? []).Concat(recipients.Select(Notification.RecipientKey)).Distinct()],
        });

        // No MIS references in the log: how many were told, and how many were new.
        logger.LogInformation("Alert {AlertReason} for case {ConcernId}: {Recipients} recipients, {NewNotifications} new notifications",
            alert.Reason, alert.ConcernId, recipients.Count, messages.Count);
        return messages;
    }
}
