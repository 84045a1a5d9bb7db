using Incidents.Api.Infrastructure.Marten;
using Marten;
using Npgsql;

namespace Incidents.Api.Concerns;

/// <summary>How long a key's record is kept (section <c>Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>
    /// A retry within this time of the first attempt is answered from the record; after it the key is forgotten and
    /// the same request is a new command. Clients retry within minutes; a month covers an MIS whose queue was stuck
    /// over a holiday. Kept no longer: the record names who sent what.
    /// </summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(30);

    public static IdempotencyOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<IdempotencyOptions>() ?? new IdempotencyOptions();
        return options.KeepFor >= TimeSpan.FromHours(1)
            ? options
            : throw new InvalidOperationException($"{Section}:KeepFor must be at least an hour: clients must be able to retry.");
    }
}

/// <summary>
/// On every node, at start and then hourly: forgets keys older than <see cref="IdempotencyOptions.KeepFor"/>, and
/// upgrades records written before they kept only a version (they held a copy of the whole case: a second copy of a
/// child's record). Both statements are idempotent, so nodes running them at once do no harm.
/// </summary>
public sealed class IdempotencyUpkeep(
    IDocumentStore store, NpgsqlDataSource database, IdempotencyOptions options, TimeProvider clock, ILogger<IdempotencyUpkeep> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    private const string Table = $"{MartenSetup.Schema}.mt_doc_idempotencyrecord";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Every;
            try
            {
                var upgraded = await RunOnceAsync(stoppingToken);
                if (upgraded > 0)
                {
                    logger.LogInformation("Upgraded {Records} idempotency records to keep only the version they reached", upgraded);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Idempotency upkeep failed; trying again in a minute");
                wait = TimeSpan.FromMinutes(1);
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round of upkeep; the number of old-format records upgraded.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        int upgraded;
        await using (var command = database.CreateCommand(
                         $$"""
                         update {{Table}}
                         set data = (data - 'response') || case when jsonb_typeof(data #> '{response,version}') = 'number'
                             then jsonb_build_object('version', data #> '{response,version}') else '{}'::jsonb end
                         where jsonb_typeof(data -> 'response') = 'object'
                         """))
        {
            upgraded = await command.ExecuteNonQueryAsync(ct);
        }

        var cutoff = clock.GetUtcNow() - options.KeepFor;
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotencyRecord>(r => r.CreatedAt < cutoff);
        await session.SaveChangesAsync(ct);
        return upgraded;
    }
}
