using System.Globalization;
using System.Text.RegularExpressions;
using Incidents.DevTools;
using Npgsql;

namespace Incidents.Bench;

/// <summary>
/// Where PostgreSQL spends its time under the closed loop (<c>--statements</c>): pg_stat_statements is loaded (a
/// restart of the bench's own cluster), reset before the loop, and its top statements by total time are reported
/// with how often each ran per request. Off by default: it costs the database a little on every statement.
/// </summary>
public static partial class Statements
{
    public static async Task LoadAsync(LocalPostgresCluster postgres, string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var preload = new NpgsqlCommand("alter system set shared_preload_libraries = 'pg_stat_statements'", connection);
            await preload.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await postgres.StopAsync();
        await postgres.StartAgainAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("create extension if not exists pg_stat_statements", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    public static async Task ReportAsync(string connectionString, long requests, Report report)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var top = new NpgsqlCommand("""
            select calls, total_exec_time, sum(total_exec_time) over () as all_time, query
            from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
            order by total_exec_time desc limit 15
            """, connection);
        await using var rows = await top.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            var calls = rows.GetInt64(0);
            var total = rows.GetDouble(1);
            var all = rows.GetDouble(2);
            var query = Whitespace().Replace(rows.GetString(3), " ");
            report.Add("statements (closed loop)", string.Create(CultureInfo.InvariantCulture,
                $"{total / all * 100,5:0.0}% of statement time, {(double)calls / requests,5:0.00} per request, {total / calls,6:0.000} ms each: {(query.Length > 110 ? query[..110] + "..." : query)}"));
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
