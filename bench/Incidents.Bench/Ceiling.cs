using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Incidents.Api.Infrastructure.Marten;
using Npgsql;

namespace Incidents.Bench;

/// <summary>
/// The machine's ceiling for an event append: pgbench, one transaction = bump a stream's version and insert one
/// ~400-byte JSON event, on the same PostgreSQL, durable settings, with the same number of clients as the load.
/// </summary>
public static partial class Ceiling
{
    public const string Event = """{"type":"chronology-note-added","concernId":"0199a000-0000-7000-8000-000000000001","note":"Spoke with both families about the messages in the class group chat; screenshots kept on file and the pastoral lead will check in weekly.","occurredAt":"2026-11-24T10:00:00+00:00","by":{"id":"staff-dsl-1","name":"Lucy Hayward"},"correlationId":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","padding":"xxxxxxxxxxxxxxxxxxxxxxxxxxxx"}""";

    /// <summary>
    /// pgbench's transactions per second, then <see cref="HttpFloor"/>'s requests per second on the same tables,
    /// each with the CPU it took (<paramref name="dataDirectory"/>: the cluster's, for its processes).
    /// </summary>
    public static async Task<Result> MeasureAsync(string connectionString, string dataDirectory, string apiConnectionString, int clients, TimeSpan duration, int floorPort)
    {
        await using (var db = NpgsqlDataSource.Create(connectionString))
        {
            await using var setup = db.CreateCommand("""
                drop schema if exists ceiling cascade;
                create schema ceiling;
                create table ceiling.streams (id bigint primary key, version bigint not null);
                insert into ceiling.streams select g, 0 from generate_series(1, 100000) g;
                create table ceiling.events (
                    seq_id bigserial primary key, stream_id bigint not null, version bigint not null,
                    data jsonb not null, timestamp timestamptz not null default now(), unique (stream_id, version));
                """);
            await setup.ExecuteNonQueryAsync();
        }

        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, $"""
            \set sid random(1, 100000)
            BEGIN;
            UPDATE ceiling.streams SET version = version + 1 WHERE id = :sid RETURNING version \gset
            INSERT INTO ceiling.events (stream_id, version, data) VALUES (:sid, :version, '{Event}');
            END;

            """);
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("pgbench")
        {
            ArgumentList =
            {
                "-h", target.Host!, "-p", target.Port.ToString(CultureInfo.InvariantCulture), "-U", target.Username!, "-n",
                "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
                "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-f", script, target.Database!,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!string.IsNullOrEmpty(target.Password))
        {
            start.Environment["PGPASSWORD"] = target.Password;
        }

        try
        {
            var cpu = CpuMeter.Take(dataDirectory, 0);
            using var pgbench = Process.Start(start)!;
            var reading = pgbench.StandardOutput.ReadToEndAsync(); // both pipes at once: neither can fill and stall pgbench
            var errors = await pgbench.StandardError.ReadToEndAsync();
            var output = await reading;
            await pgbench.WaitForExitAsync();
            var pgbenchCpu = CpuMeter.Since(cpu, dataDirectory, 0);
            File.Delete(script);
            var tps = TpsLine().Match(output);
            if (pgbench.ExitCode != 0 || !tps.Success)
            {
                throw new InvalidOperationException($"pgbench failed ({pgbench.ExitCode}): {output}{errors}");
            }

            var pgbenchRate = double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture);

            // Per transaction, the CPU is divided by every transaction in its window (which holds pgbench's connecting
            // and ending too), not by the rate pgbench reports without its connection time.
            var processed = ProcessedLine().Match(output);
            var pgbenchCpuRate = processed.Success
                ? long.Parse(processed.Groups[1].Value, CultureInfo.InvariantCulture) / pgbenchCpu.Seconds
                : pgbenchRate;

            // Connected exactly as the API is (its connection string, with the event store's prepared statements).
            var (floorRate, floorCpu) = await HttpFloor.MeasureAsync(MartenSetup.WithPreparedStatements(apiConnectionString), dataDirectory, clients, duration, floorPort);
            return new Result(pgbenchRate, pgbenchCpu, pgbenchCpuRate, floorRate, floorCpu);
        }
        finally
        {
            await using var db = NpgsqlDataSource.Create(connectionString);
            await using var drop = db.CreateCommand("drop schema ceiling cascade");
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <param name="PgbenchCpuRate">Transactions a second over the window <paramref name="PgbenchCpu"/> was measured in.</param>
    public sealed record Result(double Pgbench, CpuUse PgbenchCpu, double PgbenchCpuRate, double HttpFloor, CpuUse HttpFloorCpu);

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex ProcessedLine();

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
