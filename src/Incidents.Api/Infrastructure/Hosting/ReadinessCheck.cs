using Incidents.Api.Infrastructure.Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Incidents.Api.Infrastructure.Hosting;

/// <summary>Ready when the database answers and the event store's schema has been applied.</summary>
public sealed class ReadinessCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "select count(*) from information_schema.tables where table_schema = $1 and table_name in ('mt_events', 'mt_streams')");
            command.Parameters.AddWithValue(MartenSetup.Schema);
            var tables = (long)(await command.ExecuteScalarAsync(ct))!;
            return tables == 2
                ? HealthCheckResult.Healthy("Database reachable, event store schema applied.")
                : HealthCheckResult.Unhealthy("Database reachable, but the event store schema is not applied (run db-apply).");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.");
        }
    }
}
