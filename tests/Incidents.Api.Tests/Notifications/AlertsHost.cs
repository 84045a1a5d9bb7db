using System.Net;
using System.Net.Sockets;
using Incidents.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using netDumbster.smtp;

namespace Incidents.Api.Tests.Notifications;

/// <summary>
/// A host whose alert emails go over SMTP to an in-process SMTP server (netDumbster) this fixture runs, with retries
/// a fraction of a second apart. Its database is its own.
/// </summary>
public sealed class AlertsHost : ApiHost
{
    public const string WebBaseUrl = "https://incidents.st-james.test";

    /// <summary>Two retries, so a delivery is attempted three times before it is recorded as failed.</summary>
    public static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)];

    public int SmtpPort { get; } = FreePort();

    public SimpleSmtpServer Smtp { get; private set; }

    public AlertsHost() => Smtp = SimpleSmtpServer.Start(SmtpPort);

    protected override string DatabasePrefix => "alerts";

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Email:Smtp:Host", "127.0.0.1");
        web.UseSetting("Email:Smtp:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Email:Smtp:Security", "None");
        web.UseSetting("Email:Smtp:Timeout", "00:00:05");
        web.UseSetting("Email:From", "safeguarding-alerts@st-james.test");
        web.UseSetting("Email:WebBaseUrl", WebBaseUrl);
        for (var i = 0; i < RetryDelays.Length; i++)
        {
            web.UseSetting($"Email:RetryDelays:{i}", RetryDelays[i].ToString());
        }
    }

    /// <summary>The SMTP server goes away (a mail outage) until <see cref="RestartSmtp"/>.</summary>
    public void StopSmtp() => Smtp.Stop();

    public void RestartSmtp() => Smtp = SimpleSmtpServer.Start(SmtpPort);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class AlertsCollection : ICollectionFixture<AlertsHost>
{
    public const string Name = "alerts";
}
