using Incidents.Api.Configuration;
using Incidents.Domain.Notifications;
using Incidents.Domain.PeopleDirectory;
using Marten;
using Wolverine;
using Wolverine.Attributes;

namespace Incidents.Api.Notifications;

/// <summary>Email the recipient of one notification (on the durable local queue <c>alert-emails</c>).</summary>
public sealed record SendAlertEmail(Guid NotificationId);

/// <summary>One email that was sent: which notification, when, after how many attempts.</summary>
public sealed record AlertEmailSent
{
    public Guid Id { get; init; }

    public Guid ConcernId { get; init; }

    public string Recipient { get; init; } = "";

    public DateTimeOffset SentAt { get; init; }

    public int Attempts { get; init; }
}

/// <summary>
/// A delivery that finally failed (every retry spent, or no address to send to), for an administrator to see and
/// follow up: the notification still waits in the recipient's list in the web app.
/// </summary>
public sealed record FailedDelivery
{
    public Guid Id { get; init; }

    public Guid NotificationId { get; init; }

    public Guid ConcernId { get; init; }

    public string Recipient { get; init; } = "";

    public DateTimeOffset FailedAt { get; init; }

    public int Attempts { get; init; }

    /// <summary>Why, without personal data: the kind of failure (the exception's type, or "no-work-email").</summary>
    public string Reason { get; init; } = "";
}

/// <summary>
/// Sends an alert's email. A failure is retried with back-off (<c>Email:RetryDelays</c>, <see cref="AlertEmailRetries"/>);
/// the last failure is recorded as a <see cref="FailedDelivery"/> and the message goes to Wolverine's dead letters.
/// Sent once: the record of a sent email is checked first, so a redelivered message does not send it again.
/// </summary>
public static class SendAlertEmailHandler
{
    public const string NoWorkEmail = "no-work-email";

    [Transactional]
    public static async Task Handle(SendAlertEmail command, IDocumentSession session, IDocumentStore store, EmailOptions options, SchoolOptions school,
        TimeProvider clock, Envelope envelope, ILogger<AlertEmailSent> logger, CancellationToken ct)
    {
        if (!options.Enabled || await session.LoadAsync<AlertEmailSent>(command.NotificationId, ct) is not null)
        {
            return;
        }

        var notification = await session.LoadAsync<Notification>(command.NotificationId, ct);
        if (notification is null)
        {
            return;
        }

        var person = await session.LoadAsync<DirectoryPerson>(DirectoryPerson.KeyFor(notification.Recipient), ct);
        if (string.IsNullOrWhiteSpace(person?.WorkEmail))
        {
            session.Store(Failure(notification, envelope.Attempts, NoWorkEmail, clock));
            logger.LogWarning("Alert email for case {ConcernId} not sent: the recipient has no work email in the directory", notification.ConcernId);
            return;
        }

        var link = new Uri(new Uri(options.WebBaseUrl!.TrimEnd('/') + "/"), $"cases/{notification.ConcernId}");
        try
        {
            await new AlertMailer(options).SendAsync(person.WorkEmail, AlertEmail.For(link, school.Name), ct);
        }
        catch (Exception e) when (envelope.Attempts > options.RetryDelays.Count && e is not OperationCanceledException)
        {
            // The last attempt: recorded in a session of its own, since this handler's transaction rolls back.
            await using var failures = store.LightweightSession();
            failures.Store(Failure(notification, envelope.Attempts, e.GetType().Name, clock));
            await failures.SaveChangesAsync(ct);
            logger.LogError("Alert email for case {ConcernId} failed after {Attempts} attempts ({FailureKind}); recorded as a failed delivery",
                notification.ConcernId, envelope.Attempts, e.GetType().Name);
            throw;
        }

        session.Store(new AlertEmailSent
        {
            Id = notification.Id,
            ConcernId = notification.ConcernId,
            Recipient = notification.Recipient,
            SentAt = clock.GetUtcNow(),
            Attempts = envelope.Attempts,
        });
        logger.LogInformation("Alert email for case {ConcernId} sent (attempt {Attempts})", notification.ConcernId, envelope.Attempts);
    }

    private static FailedDelivery Failure(Notification notification, int attempts, string reason, TimeProvider clock) => new()
    {
        Id = notification.Id,
        NotificationId = notification.Id,
        ConcernId = notification.ConcernId,
        Recipient = notification.Recipient,
        FailedAt = clock.GetUtcNow(),
        Attempts = attempts,
        Reason = reason,
    };
}
