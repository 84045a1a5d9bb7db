using Incidents.Api.Infrastructure.Hosting;
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
        var options = StartupConfigurationException.Read<IdempotencyOptions>(configuration, Section);
        return options.KeepFor >= TimeSpan.FromHours(1) && options.KeepFor <= TimeSpan.FromDays(366)
            ? options
            : throw new StartupConfigurationException(
                $"{Section}:KeepFor must be from an hour (clients must be able to retry) to 366 days (who sent what is not kept for ever).");
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

    // Old-format records are only ever written by older builds: once a round finds none, later rounds skip the scan.
    private bool _oldFormatGone;

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
        var upgraded = 0;
        if (!_oldFormatGone)
        {
            // The version is taken from the copy and the copy dropped; a record whose copy has no version cannot be
            // replayed faithfully, so its key is forgotten (the same request is then a new command).
            await using var batch = database.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"delete from {Table} where jsonb_typeof(data -> 'response') = 'object' and jsonb_typeof(data #> '{{response,version}}') is distinct from 'number'"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"update {Table} set data = (data - 'response') || jsonb_build_object('version', data #> '{{response,version}}') where jsonb_typeof(data -> 'response') = 'object'"));
            await batch.ExecuteNonQueryAsync(ct);
            upgraded = batch.BatchCommands[1].RecordsAffected;
            _oldFormatGone = batch.BatchCommands[0].RecordsAffected + upgraded == 0;
        }

        var cutoff = clock.GetUtcNow() - options.KeepFor;
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotencyRecord>(r => r.CreatedAt < cutoff);
        await session.SaveChangesAsync(ct);
        return upgraded;
    }
}
