using System.Diagnostics.Metrics;
using Incidents.Api.Infrastructure.Marten;
using Npgsql;

namespace Incidents.Api.Infrastructure.Telemetry;

/// <summary>
/// Reads how far each async projection trails the event store's high-water mark, every
/// <c>Telemetry:ProjectionLagInterval</c> (10 s), for the <c>incidents.projection.lag</c> gauge: a metric callback
/// must not query a database.
/// </summary>
internal sealed class ProjectionLagSampler(
    NpgsqlDataSource database, IncidentsMetrics metrics, IConfiguration configuration, ILogger<ProjectionLagSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue($"{TelemetrySetup.Section}:ProjectionLagInterval", TimeSpan.FromSeconds(10)));
        do
        {
            try
            {
                metrics.ProjectionLag = await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The database is away (health checks say so); the gauge keeps its last reading.
                logger.LogDebug(e, "Could not read projection progress");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<IReadOnlyList<Measurement<long>>> SampleAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            select p.name, greatest(h.last_seq_id - p.last_seq_id, 0)
            from {MartenSetup.Schema}.mt_event_progression p
            cross join (select last_seq_id from {MartenSetup.Schema}.mt_event_progression where name = 'HighWaterMark') h
            where p.name <> 'HighWaterMark'
            """);
        var lags = new List<Measurement<long>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            // "CaseSummary:All": the projection's name, then its shard.
            lags.Add(new(reader.GetInt64(1), new KeyValuePair<string, object?>("projection", reader.GetString(0).Split(':')[0])));
        }

        return lags;
    }
}
