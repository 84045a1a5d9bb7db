using System.Diagnostics;
using System.Net;
using Npgsql;

namespace Incidents.Bench;

/// <summary>
/// Projection lag under load: a probe acknowledges a command, finds the global sequence of the event it stored, and
/// times how long until the projections behind the governor report (GovernorReport: facts and monthly roll-ups) and the work queue
/// (CaseSummary) have both processed it.
/// </summary>
public sealed class LagProbe(ApiClient api, Tokens tokens, NpgsqlDataSource db)
{
    public Latencies Lag { get; } = new();

    /// <summary>When each lag over a second was acknowledged (UTC), to find its cause in the API's and PostgreSQL's logs.</summary>
    public List<(DateTime At, double Milliseconds)> Outliers { get; } = [];

    public async Task RunAsync(CancellationToken stop)
    {
        Guid? concern = null;
        var notes = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (concern is null || notes++ > 20)
                {
                    concern = await RaiseAsync();
                    notes = 0;
                    continue;
                }

                var (status, body) = await api.SendAsync(HttpMethod.Post, $"/api/concerns/{concern}/notes", tokens.Dsl,
                    new { note = "Lag probe note", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
                var acknowledged = Stopwatch.GetTimestamp();
                using (body)
                {
                    if (status != HttpStatusCode.OK || body is null)
                    {
                        concern = null;
                        continue;
                    }

                    var version = body.RootElement.GetProperty("version").GetInt64();
                    var sequence = await SequenceOf(concern.Value, version);
                    await WaitUntilProjected(db, sequence, stop);
                    var lag = Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds;
                    Lag.Add(lag);
                    if (lag > 1000)
                    {
                        Outliers.Add((DateTime.UtcNow.AddMilliseconds(-lag), lag));
                    }
                }

                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<Guid?> RaiseAsync()
    {
        var (status, body) = await api.SendAsync(HttpMethod.Post, "/api/concerns", tokens.Staff, new
        {
            kind = "filtering-breach",
            summary = "Lag probe",
            subjects = new[] { new { misRef = "BL-PROBE", type = "learner", involvement = "affected" } },
            occurredAt = DateTimeOffset.UtcNow.AddHours(-1),
        });
        using (body)
        {
            return status == HttpStatusCode.Created ? body!.RootElement.GetProperty("id").GetGuid() : null;
        }
    }

    private async Task<long> SequenceOf(Guid stream, long version)
    {
        await using var command = db.CreateCommand("select seq_id from incidents.mt_events where stream_id = $1 and version = $2");
        command.Parameters.AddWithValue(stream);
        command.Parameters.AddWithValue(version);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Until the projections behind the queue and the governor report have processed every event stored so far.</summary>
    public static async Task WaitUntilCaughtUpAsync(NpgsqlDataSource db)
    {
        await using var latest = db.CreateCommand("select coalesce(max(seq_id), 0) from incidents.mt_events");
        var sequence = (long)(await latest.ExecuteScalarAsync())!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // a node that never starts them fails the run, not hangs it
        await WaitUntilProjected(db, sequence, timeout.Token);
    }

    private static async Task WaitUntilProjected(NpgsqlDataSource db, long sequence, CancellationToken stop)
    {
        await using var command = db.CreateCommand(
            "select case when count(*) = 2 then min(last_seq_id) else 0 end from incidents.mt_event_progression where name like 'CaseSummary%' or name like 'GovernorReport%'");
        while (true)
        {
            var reached = (long)(await command.ExecuteScalarAsync(stop))!;
            if (reached >= sequence)
            {
                return;
            }

            await Task.Delay(2, stop);
        }
    }
}
