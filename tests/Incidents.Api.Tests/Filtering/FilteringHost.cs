using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Incidents.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Incidents.Api.Tests.Filtering;

/// <summary>
/// A host with two filtering providers configured (one rotating its secret, one with a tiny rate limit) and every log
/// event it writes kept, so the tests can say what was (never) logged.
/// </summary>
public sealed class FilteringHost : ApiHost
{
    public const string Provider = "smoothwall";
    public const string Secret = "test-filtering-secret-0123456789-abcdefghijklmnop";
    public const string NextSecret = "test-filtering-next-secret-0123456789-abcdefghijk";
    public const string Limited = "limited";
    public const string LimitedSecret = "test-limited-secret-0123456789-abcdefghijklmnopq";
    public const int LimitedPerMinute = 2;

    public LogCapture Logs { get; } = new();

    protected override string DatabasePrefix => "filtering";

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting($"Filtering:Providers:{Provider}:Secrets:0", Secret);
        web.UseSetting($"Filtering:Providers:{Provider}:Secrets:1", NextSecret);
        web.UseSetting($"Filtering:Providers:{Limited}:Secrets:0", LimitedSecret);
        web.UseSetting($"Filtering:Providers:{Limited}:AlertsPerMinute", LimitedPerMinute.ToString(CultureInfo.InvariantCulture));
        web.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }

    /// <summary>
    /// Sends an alert as a provider does: the body's bytes as given, signed with the HMAC-SHA256 of
    /// <c>timestamp.body</c> (computed here, not by the service's own code, so the scheme itself is tested).
    /// </summary>
    public async Task<HttpResponseMessage> SendAlert(string body, string provider = Provider, string? secret = Secret, DateTimeOffset? at = null,
        Action<HttpRequestMessage>? tamper = null)
    {
        var timestamp = (at ?? Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/filtering/{provider}/alerts")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Timestamp", timestamp);
        if (secret is not null)
        {
            request.Headers.Add("X-Signature", Signature(secret, timestamp, body));
        }

        tamper?.Invoke(request);
        using var client = Host.Server.CreateClient();
        return await client.SendAsync(request);
    }

    public static string Signature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}

/// <summary>Every log event, rendered with its properties, for asserting what the service logged.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        logEvent.RenderMessage(text, CultureInfo.InvariantCulture);
        foreach (var (name, value) in logEvent.Properties)
        {
            text.Write($" {name}={value}");
        }

        if (logEvent.Exception is not null)
        {
            text.Write(" " + logEvent.Exception);
        }

        _lines.Enqueue(text.ToString());
    }

    public IReadOnlyList<string> Lines => [.. _lines];
}

[CollectionDefinition(Name)]
public sealed class FilteringCollection : ICollectionFixture<FilteringHost>
{
    public const string Name = "filtering";
}
