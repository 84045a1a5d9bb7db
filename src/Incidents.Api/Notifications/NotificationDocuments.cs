using Incidents.Domain.Notifications;

namespace Incidents.Api.Notifications;

/// <summary>
/// One person's in-app notification of an alert: which case and why, never anything about it. Its id is derived from
/// the alert and the recipient (<see cref="AlertKey.NotificationIdOf"/>), so an alert delivered twice notifies once.
/// Cleared, it stays (with when) so a redelivery does not bring it back.
/// </summary>
public sealed record Notification
{
    public Guid Id { get; init; }

    /// <summary>The recipient's MIS reference (their token's <c>sub</c>), lower-cased.</summary>
    public string Recipient { get; init; } = "";

    public Guid ConcernId { get; init; }

    public AlertReason Reason { get; init; }

    public CaseClock? Clock { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When the alert was raised.</summary>
    public DateTimeOffset At { get; init; }

    public DateTimeOffset? ClearedAt { get; init; }

    public static string RecipientKey(string misRef) => misRef.Trim().ToLowerInvariant();
}

/// <summary>
/// The record of one alert handled: what it was and who was told (kept in the database only, never logged), so every
/// alert sent can be accounted for.
/// </summary>
public sealed record AlertRecord
{
    public Guid Id { get; init; }

    public Guid ConcernId { get; init; }

    public AlertReason Reason { get; init; }

    public CaseClock? Clock { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public DateTimeOffset At { get; init; }

    public DateTimeOffset HandledAt { get; init; }

    public IReadOnlyList<string> Recipients { get; init; } = [];
}

/// <summary>The DSL's alert preferences, one document for the school, with every change kept (who, when, what).</summary>
public sealed record AlertPreferencesDocument
{
    public const string SchoolId = "school";

    public string Id { get; init; } = SchoolId;

    public IReadOnlyList<AlsoAlert> AlsoAlert { get; init; } = [];

    public IReadOnlyList<AlertPreferencesChange> History { get; init; } = [];

    public AlertPreferences Preferences => new(AlsoAlert);
}

/// <summary>One change to the preferences: who made it, when, and the list as it became.</summary>
public sealed record AlertPreferencesChange(DateTimeOffset At, string By, IReadOnlyList<AlsoAlert> AlsoAlert);
