using System.Text.RegularExpressions;
using Incidents.Api.Infrastructure.Hosting;

namespace Incidents.Api.Filtering;

/// <summary>The school's filtering and monitoring providers and how their alerts are taken (section <c>Filtering</c>).</summary>
public sealed partial class FilteringOptions
{
    public const string Section = "Filtering";

    /// <summary>The shortest secret accepted: 32 characters (a random 256-bit secret as hex is 64).</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>How far an alert's <c>X-Timestamp</c> may be from the service's clock, either way; a signature is refused twice within it.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An alert about the same person and category within this time of an earlier one joins that one's open concern.</summary>
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The providers by name (lower-case letters, digits and hyphens: the webhook's address and the system actor's name).</summary>
    public Dictionary<string, FilteringProviderOptions> Providers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reads the section, failing start-up with the setting's name when a provider or a window could never work.</summary>
    public static FilteringOptions From(IConfiguration configuration)
    {
        var options = StartupConfigurationException.Read<FilteringOptions>(configuration, Section);
        var problems = new List<string>();
        if (options.ReplayWindow <= TimeSpan.Zero || options.ReplayWindow > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:{nameof(ReplayWindow)} must be longer than zero and at most an hour.");
        }

        if (options.RepeatWindow < TimeSpan.Zero)
        {
            problems.Add($"{Section}:{nameof(RepeatWindow)} must be zero or more.");
        }

        foreach (var (name, provider) in options.Providers)
        {
            if (!ProviderName().IsMatch(name))
            {
                problems.Add($"{Section}:{nameof(Providers)}: the provider name '{name}' must be 1 to 40 lower-case letters, digits or hyphens.");
                continue;
            }

            if (provider.Secrets.Count == 0 || provider.Secrets.Any(s => (s ?? "").Length < MinimumSecretLength))
            {
                // Never the secret itself: only which setting is wrong.
                problems.Add($"{Section}:{nameof(Providers)}:{name}:{nameof(FilteringProviderOptions.Secrets)} must hold one or two secrets of at least {MinimumSecretLength} characters.");
            }

            if (provider.AlertsPerMinute < 1)
            {
                problems.Add($"{Section}:{nameof(Providers)}:{name}:{nameof(FilteringProviderOptions.AlertsPerMinute)} must be at least 1.");
            }
        }

        return problems.Count == 0 ? options : throw new StartupConfigurationException(string.Join(" ", problems));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex ProviderName();
}

/// <summary>One provider: the secrets its alerts may be signed with, and how many alerts a minute it may send.</summary>
public sealed class FilteringProviderOptions
{
    /// <summary>
    /// The shared secrets; an alert signed with any of them is accepted. One normally; two while rotating (add the new
    /// one, give it to the provider, remove the old one). Never logged.
    /// </summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>Alerts this provider may send a minute; more are refused with 429 and <c>Retry-After</c>.</summary>
    public int AlertsPerMinute { get; set; } = 120;
}
