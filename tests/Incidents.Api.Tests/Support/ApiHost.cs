using System.Net.Http.Headers;
using Alba;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Tests.Infrastructure;
using Incidents.Domain.Identity;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Api.Tests.Support;

/// <summary>
/// The real API (Marten, Wolverine, JWT) hosted in memory against its own fresh PostgreSQL database.
/// Wolverine runs in Solo mode so async projection work starts at once.
/// </summary>
public class ApiHost : IAsyncLifetime
{
    public const string HeadteacherMisRef = TestHostSettings.HeadteacherMisRef;

    /// <summary>As in appsettings.Development.json.</summary>
    public const string ChairOfGovernorsMisRef = "gov-chair-1";

    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>The service's clock: real time, moved forward by tests that need deadlines to pass.</summary>
    public TestClock Clock { get; } = new();

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync(DatabasePrefix);
        Host = await AlbaHost.For<Program>(web =>
        {
            TestHostSettings.Apply(web, ConnectionString);
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
            Configure(web);
        });
    }

    /// <summary>Waits (never sleeps) until every async projection has processed every event stored so far.</summary>
    public async Task ProjectionsCaughtUp()
    {
        // Marten's wait refuses a store with no events yet; with none there is nothing to catch up with.
        var statistics = await Host.Services.GetRequiredService<Marten.IDocumentStore>().Storage.Database.FetchEventStoreStatistics();
        if (statistics.EventCount == 0)
        {
            return;
        }

        try
        {
            await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException timeout)
        {
            // Solo mode never restarts a paused shard; say why it paused, so a stall names its cause (docs/testing.md).
            var daemon = Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
            var paused = daemon.CurrentAgents()
                .Where(a => a.Failure is not null || a.Status != JasperFx.AgentStatus.Running)
                .Select(a => $"{a.Name.Identity}: {a.Status} {a.Failure?.ExceptionType} {a.Failure?.Message} {a.Failure?.Detail}");
            throw new TimeoutException($"{timeout.Message}{Environment.NewLine}Shards not running: {string.Join(Environment.NewLine, paused)}", timeout);
        }
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected virtual string DatabasePrefix => "api";

    /// <summary>Settings of a particular host, applied after the common ones.</summary>
    protected virtual void Configure(IWebHostBuilder web)
    {
    }

    public string TokenFor(Actor actor, TimeSpan? lifetime = null) =>
        Host.Services.GetRequiredService<DevelopmentTokenIssuer>().Issue(actor.Id, actor.Name, actor.Roles, lifetime);

    /// <summary>An HTTP client acting as <paramref name="actor"/> (or anonymous when null).</summary>
    public HttpClient ClientFor(Actor? actor)
    {
        var client = Host.Server.CreateClient();
        if (actor is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(actor));
        }

        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}

/// <summary>A host with a database of its own, for read models that count everything (reports) or move the clock.</summary>
public sealed class ReadModelHost : ApiHost
{
    protected override string DatabasePrefix => "readmodels";
}

[CollectionDefinition(Name)]
public sealed class ReadModelCollection : ICollectionFixture<ReadModelHost>
{
    public const string Name = "read models";
}

/// <summary>A host whose database holds only the governor report tests' concerns, so every count is known.</summary>
public sealed class ReportHost : ApiHost
{
    protected override string DatabasePrefix => "reports";
}

[CollectionDefinition(Name)]
public sealed class ReportCollection : ICollectionFixture<ReportHost>
{
    public const string Name = "governor reports";
}

/// <summary>
/// A host whose projections are placed and supervised as in production (<c>Balanced</c>): Wolverine's leader assigns
/// the shards, and each health check restarts one the daemon paused on a transient failure, which <c>Solo</c> never
/// does. A one-second health check makes that restart come within seconds. Its database is its own, because its tests
/// break the read models on purpose.
/// </summary>
public sealed class BalancedHost : ApiHost
{
    protected override string DatabasePrefix => "balanced";

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Wolverine:Durability", "Balanced");
        web.UseSetting("Wolverine:HealthCheckPollingTime", "00:00:01");
    }
}

[CollectionDefinition(Name)]
public sealed class BalancedCollection : ICollectionFixture<BalancedHost>
{
    public const string Name = "balanced";
}

/// <summary>Real time plus an offset that tests can move forward; the store's own timestamps stay real.</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void MoveTo(DateTimeOffset at) => _offset = at - base.GetUtcNow();

    public void Reset() => _offset = TimeSpan.Zero;
}

/// <summary>A host with a tiny rate limit and one allowed browser origin, for the hardening tests.</summary>
public sealed class HardeningHost : ApiHost
{
    public const int RequestsPerWindow = 5;
    public const string AllowedOrigin = "https://mis.example.org";

    protected override string DatabasePrefix => "hardening";

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Hardening:RequestsPerWindow", RequestsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Hardening:RateLimitWindow", "00:10:00");
        web.UseSetting("Hardening:AllowedOrigins:0", AllowedOrigin);
    }
}

[CollectionDefinition(Name)]
public sealed class HardeningCollection : ICollectionFixture<HardeningHost>
{
    public const string Name = "hardening";
}
