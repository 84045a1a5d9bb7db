#if DEMO_DATA
using Incidents.Api.PeopleDirectory;
using Incidents.Demo;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;
using JasperFx.CommandLine;
using Marten;

namespace Incidents.Api.Infrastructure.Demo;

/// <summary>
/// The demonstration school (tools/Incidents.Demo), seeded through this host's store and directory import. Compiled
/// only into Debug builds (<c>DEMO_DATA</c>), like the local PostgreSQL launcher: the Release build knows nothing of it.
/// </summary>
public static class DemoData
{
    public const string SeedOnStartSetting = "Demo:SeedOnStart";

    /// <summary>Writes the demonstration school (what is missing of it) into this host's store.</summary>
    public static Task<DemoSeedResult> SeedAsync(IServiceProvider services, DemoSchool demo, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        return DemoSeeder.SeedAsync(store, demo, ImportPeople, ct);

        // The school's people go in through the directory's one import path, as the MIS's batches do.
        async Task ImportPeople(IReadOnlyList<DemoPerson> people, CancellationToken token)
        {
            await using var session = store.LightweightSession();
            var rows = people.Select(p => new DirectoryRow(p.MisRef, p.Type, p.GivenName, p.FamilyName, DateOfBirth: p.DateOfBirth,
                YearGroup: p.YearGroup, Class: p.Class, Role: p.Role, StartDate: p.StartDate, WorkEmail: p.WorkEmail)).ToList();
            await DirectoryImport.ApplyAsync(session, new DirectoryBatch(DirectoryBatchMode.Changes, rows), clock.GetUtcNow(), token);
        }
    }

    public static DemoSchool School(IServiceProvider services) => new(services.GetRequiredService<SchoolRoles>());

    /// <summary>
    /// Seeds on start only in Development, only against the local PostgreSQL <c>dotnet run</c> starts itself (no
    /// connection string configured: the tests and every deployment configure one), only when
    /// <c>Demo:SeedOnStart</c> is on (appsettings.Development.json), and only when the store holds no concern at all.
    /// </summary>
    public static void AddDemoSchoolOnStart(this WebApplicationBuilder builder, bool localDatabase)
    {
        if (builder.Environment.IsDevelopment() && localDatabase && builder.Configuration.GetValue(SeedOnStartSetting, false))
        {
            builder.Services.AddHostedService<DemoSchoolOnStart>();
        }
    }
}

/// <summary>Seeds the demonstration school just after start, so the service is ready at once; the pages show it within seconds.</summary>
internal sealed class DemoSchoolOnStart(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<DemoSchoolOnStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            var demo = DemoData.School(services);
            var (concerns, _) = await DemoSeeder.CountConcernsAsync(services.GetRequiredService<IDocumentStore>(), demo, stoppingToken);
            if (concerns > 0)
            {
                logger.LogInformation("Demonstration school not seeded: the event store already holds {Concerns} concerns", concerns);
                return;
            }

            var result = await DemoData.SeedAsync(services, demo, stoppingToken);
            logger.LogInformation("Seeded the demonstration school: {People} people, {Concerns} concerns ({Events} events); sign in at /sign-in",
                demo.People.Everyone.Count, result.ConcernsWritten, result.EventsWritten);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The service works without the demonstration; say why it is missing rather than stop.
            logger.LogError(e, "Seeding the demonstration school failed");
        }
    }
}

public sealed class DemoDataInput : NetCoreInput
{
    [Description("Add the demonstration school even though the event store holds concerns that are not the demonstration's")]
    [FlagAlias("alongside")]
    public bool AlongsideFlag { get; set; }
}

/// <summary>
/// <c>dotnet run --project src/Incidents.Api -- demo-data</c>: writes the demonstration school into the configured (or
/// local) database. Idempotent: what is already there is left alone. Refuses outside Development, and on a store
/// holding other concerns unless given <c>--alongside</c>.
/// </summary>
[Description("Seed the demonstration school: people and a term of concerns (Development only)", Name = "demo-data")]
public sealed class DemoDataCommand : JasperFxAsyncCommand<DemoDataInput>
{
    public override async Task<bool> Execute(DemoDataInput input)
    {
        using var host = input.BuildHost();
        if (!host.Services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            Console.Error.WriteLine("demo-data runs in Development only: it writes invented people and concerns.");
            return false;
        }

        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var demo = DemoData.School(host.Services);
        var (_, notDemo) = await DemoSeeder.CountConcernsAsync(store, demo, CancellationToken.None);
        if (notDemo > 0 && !input.AlongsideFlag)
        {
            Console.Error.WriteLine($"The event store holds {notDemo} concerns that are not the demonstration's. Nothing written; " +
                "give --alongside to add the demonstration school beside them.");
            return false;
        }

        var result = await DemoData.SeedAsync(host.Services, demo, CancellationToken.None);
        Console.WriteLine($"Demonstration school: {result.ConcernsWritten} concerns written ({result.EventsWritten} events), " +
            $"{result.ConcernsAlreadyThere} already there. The read models catch up when the service runs.");
        return true;
    }
}
#endif
