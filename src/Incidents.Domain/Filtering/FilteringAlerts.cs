using System.Globalization;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;

namespace Incidents.Domain.Filtering;

/// <summary>
/// An alert from the school's filtering and monitoring provider, as the webhook read it (its signature checked).
/// </summary>
/// <param name="Provider">The provider's name in the service's settings (the webhook's address).</param>
/// <param name="Reference">The provider's own id for the alert: a retry with it is the same alert.</param>
/// <param name="User">The username the provider knows, if any.</param>
/// <param name="Device">The device the provider knows, if any.</param>
/// <param name="MisRef">The MIS reference the provider holds for the user (from its own sync with the MIS), if any.</param>
/// <param name="Detail">What the provider says it saw (a search term, a page title), if it sends it.</param>
public sealed record FilteringAlert(
    string Provider,
    string Reference,
    string Category,
    DateTimeOffset OccurredAt,
    string? User,
    string? Device,
    string? MisRef,
    string? Severity,
    string? Detail);

/// <summary>What became of an alert: it raised a concern, or joined the open one an earlier alert raised.</summary>
public enum FilteringAlertOutcome
{
    Raised,
    Joined,
}

/// <summary>The policy's reading of a filtering alert: who raises it, whom it names and how, what it says, when a repeat joins.</summary>
public static class FilteringAlerts
{
    /// <summary>The system actor a provider's alerts are raised by, as the history shows it.</summary>
    public static Actor ActorFor(string provider) =>
        new($"system:filtering:{provider}", $"Filtering provider {provider}", new HashSet<Role> { Role.FilteringProvider });

    /// <summary>
    /// How the person an alert is about is named: as the directory lists them, a learner as affected. An adult is never
    /// named as alleged by an alert alone (that would make it an allegation nobody has made): the DSL decides, and can
    /// change who is alleged on the case. Someone the directory does not list is "other" until the DSL identifies them.
    /// </summary>
    public static (PersonType Type, Involvement Involvement) SubjectFor(PersonType? listed) => listed switch
    {
        PersonType.Learner => (PersonType.Learner, Involvement.Affected),
        { } adult => (adult, Involvement.Other),
        null => (PersonType.Other, Involvement.Affected),
    };

    /// <summary>Who the alert is about, as one key: a person the directory lists by reference, else the provider's user or device.</summary>
    public static string PersonKey(string? listedMisRef, FilteringAlert alert) =>
        listedMisRef is { } misRef ? "mis:" + misRef.Trim().ToLowerInvariant()
        : !string.IsNullOrWhiteSpace(alert.User) ? "user:" + alert.User.Trim().ToLowerInvariant()
        : "device:" + (alert.Device ?? "").Trim().ToLowerInvariant();

    /// <summary>A repeat joins the concern an earlier alert about the same person and category raised (or joined) within the window.</summary>
    public static bool Joins(DateTimeOffset earlierAlertAt, DateTimeOffset alertAt, TimeSpan window) => (alertAt - earlierAlertAt).Duration() <= window;

    /// <summary>The concern's summary: what the provider said, and how the table read it.</summary>
    public static string Summary(FilteringAlert alert, FilteringCategoryMatch match, string tableVersion) =>
        $"Alert from the filtering and monitoring provider {alert.Provider}: category \"{alert.Category}\""
        + (alert.Severity is { Length: > 0 } severity ? $", severity {severity}" : "")
        + $", {Who(alert)}, at {alert.OccurredAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)} (the provider's reference {alert.Reference})."
        + (alert.Detail is { Length: > 0 } detail ? $" The provider reports: {detail}" : "")
        + $" Read as {Kebab(match.Kind.ToString())} by {tableVersion}: {match.Reason}.";

    /// <summary>The chronology note a repeated alert adds to the open concern.</summary>
    public static string RepeatNote(FilteringAlert alert) =>
        $"Repeated alert from {alert.Provider}: category \"{alert.Category}\""
        + (alert.Severity is { Length: > 0 } severity ? $", severity {severity}" : "")
        + $", {Who(alert)} (the provider's reference {alert.Reference})."
        + (alert.Detail is { Length: > 0 } detail ? $" The provider reports: {detail}" : "");

    private static string Who(FilteringAlert alert) => string.Join(", ", new[]
    {
        alert.User is { Length: > 0 } user ? $"user \"{user}\"" : null,
        alert.Device is { Length: > 0 } device ? $"device \"{device}\"" : null,
        alert.MisRef is { Length: > 0 } misRef ? $"MIS reference {misRef}" : null,
    }.OfType<string>());

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
}

/// <summary>A repeated alert, added to the open concern an earlier alert of the same provider raised.</summary>
public sealed record RecordRepeatedAlert(FilteringAlert Alert, Actor By);

public static class RepeatedAlertDecider
{
    /// <summary>
    /// The provider that raised the concern adds the repeat to it as a chronology note, while the case is open (a closed
    /// case is not reopened by a machine: the alert raises a new concern instead).
    /// </summary>
    public static Decision Decide(Concern concern, RecordRepeatedAlert command, DateTimeOffset now)
    {
        if (!command.By.In(RoleSet.FilteringProviders) || !string.Equals(concern.RaisedBy.Id, command.By.Id, StringComparison.OrdinalIgnoreCase))
        {
            return Rules.NotTheAlertingProvider;
        }

        return CaseGuards.OpenAndNotInFuture(concern, command.Alert.OccurredAt, now) is { } refused
            ? refused
            : Decision.Accept(new ChronologyNoteAdded(concern.Id, FilteringAlerts.RepeatNote(command.Alert), command.Alert.OccurredAt, command.By.AsPerson()));
    }
}
