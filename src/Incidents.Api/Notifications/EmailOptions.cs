using Incidents.Api.Infrastructure.Hosting;
using MailKit.Security;

namespace Incidents.Api.Notifications;

/// <summary>
/// How alerts are emailed (section <c>Email</c>): through an SMTP server (<c>Email:Smtp</c>), or, in Development, into
/// a pickup folder so nothing leaves the machine. With neither set, alerts are in-app only and start-up says so.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>A folder each email is written to as a .eml file instead of being sent (Development). Relative to the content root.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>The sender's address, e.g. <c>safeguarding-alerts@school.example</c>.</summary>
    public string From { get; set; } = "incidents@localhost";

    /// <summary>The web app's public address: each email links to the case there (<c>{WebBaseUrl}/cases/{id}</c>).</summary>
    public string? WebBaseUrl { get; set; }

    /// <summary>
    /// How long to wait before each retry of a failed delivery; after the last, the delivery is recorded as failed. Unset:
    /// <see cref="DefaultRetryDelays"/> (set here, not as the list's initial value, which the binder would append to).
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    public static readonly TimeSpan[] DefaultRetryDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

    public bool Enabled => !string.IsNullOrWhiteSpace(Smtp.Host) || !string.IsNullOrWhiteSpace(PickupDirectory);

    public static EmailOptions Read(IConfiguration configuration, string contentRoot)
    {
        var options = StartupConfigurationException.Read<EmailOptions>(configuration, Section);
        if (!string.IsNullOrWhiteSpace(options.PickupDirectory) && !Path.IsPathRooted(options.PickupDirectory))
        {
            options.PickupDirectory = Path.GetFullPath(Path.Combine(contentRoot, options.PickupDirectory));
        }

        if (options.Enabled && !Uri.TryCreate(options.WebBaseUrl, UriKind.Absolute, out _))
        {
            throw new StartupConfigurationException("Email:WebBaseUrl is not an absolute address. Set it to the web app's public address (e.g. https://incidents.school.example); every alert email links to a case there.");
        }

        if (options.Enabled && !MimeKit.MailboxAddress.TryParse(options.From, out _))
        {
            throw new StartupConfigurationException("Email:From is not an email address. Set it to the address alerts are sent from.");
        }

        if (options.RetryDelays.Count == 0)
        {
            options.RetryDelays = [.. DefaultRetryDelays];
        }

        if (options.RetryDelays.Any(d => d < TimeSpan.Zero))
        {
            throw new StartupConfigurationException("Email:RetryDelays must be zero or more.");
        }

        return options;
    }
}

/// <summary>The SMTP server (section <c>Email:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c>, <c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> or <c>SslOnConnect</c> (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
