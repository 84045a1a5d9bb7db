using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Incidents.Bench;

/// <summary>
/// The least any HTTP service on this machine can do for one append: a bare Kestrel endpoint, in its own process
/// with the API's runtime settings, that runs pgbench's transaction through Npgsql for each POST, driven by the
/// same HTTP client and number of clients as the service's closed loop. No authentication, logging, validation,
/// idempotency, decision or read model. Its rate against pgbench's is the share of the ceiling that HTTP and .NET
/// on the same cores leave to any service, so the service's ratio can be read against it.
/// The server stops when its standard input closes, so it never outlives the benchmark.
/// </summary>
public static class HttpFloor
{
    private const string ServeFlag = "--serve-http-floor";

    /// <summary>
    /// The floor's requests per second over <paramref name="duration"/>, after a few seconds' warm-up, and the CPU the
    /// cluster in <paramref name="dataDirectory"/> and the floor's server used meanwhile.
    /// </summary>
    public static async Task<(double Rate, CpuUse Cpu)> MeasureAsync(string connectionString, string dataDirectory, int clients, TimeSpan duration, int port)
    {
        var self = typeof(HttpFloor).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { self, ServeFlag, port.ToString(CultureInfo.InvariantCulture), connectionString },
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The API's runtimeconfig settings (src/Incidents.Api/Incidents.Api.csproj), so the two are compared alike.
        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["DOTNET_GCDynamicAdaptationMode"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        using var server = Process.Start(start) ?? throw new InvalidOperationException("Could not start the HTTP floor.");
        var errors = server.StandardError.ReadToEndAsync();
        try
        {
            string? listening;
            try
            {
                listening = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            }
            catch (TimeoutException)
            {
                listening = "no answer within a minute";
            }

            if (listening != "listening")
            {
                server.Kill();
                throw new InvalidOperationException($"The HTTP floor did not start ({listening ?? "exited"}): {await errors}");
            }

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(30),
            };
            await LoopAsync(http, clients, TimeSpan.FromSeconds(5)); // warm-up: JIT, pools
            var cpu = CpuMeter.Take(dataDirectory, server.Id);
            var clock = Stopwatch.StartNew();
            var answered = await LoopAsync(http, clients, duration);
            var rate = answered / clock.Elapsed.TotalSeconds;
            return (rate, CpuMeter.Since(cpu, dataDirectory, server.Id));
        }
        catch (HttpRequestException e)
        {
            server.Kill();
            throw new InvalidOperationException($"The HTTP floor failed: {e.Message}\n{await errors}", e);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }

            await server.WaitForExitAsync();
        }
    }

    /// <summary>Run the floor's server (the child process of <see cref="MeasureAsync"/>) until killed.</summary>
    public static bool TryServe(string[] args)
    {
        if (args is not [ServeFlag, var port, var connectionString])
        {
            return false;
        }

        ServeAsync(int.Parse(port, CultureInfo.InvariantCulture), connectionString).GetAwaiter().GetResult();
        return true;
    }

    private static async Task ServeAsync(int port, string connectionString)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        await using var db = NpgsqlDataSource.Create(connectionString);
        app.MapPost("/streams/{id:long}/events", async (long id, HttpRequest request) =>
        {
            try
            {
                using var body = new StreamReader(request.Body);
                var data = await body.ReadToEndAsync();
                await using var connection = await db.OpenConnectionAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await using var bump = new NpgsqlCommand("update ceiling.streams set version = version + 1 where id = $1 returning version", connection, transaction);
                bump.Parameters.Add(new NpgsqlParameter { Value = id });
                var version = (long)(await bump.ExecuteScalarAsync())!;
                await using var insert = new NpgsqlCommand("insert into ceiling.events (stream_id, version, data) values ($1, $2, $3::jsonb)", connection, transaction);
                insert.Parameters.Add(new NpgsqlParameter { Value = id });
                insert.Parameters.Add(new NpgsqlParameter { Value = version });
                insert.Parameters.Add(new NpgsqlParameter { Value = data });
                await insert.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
                return Results.Ok(new { version });
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // Logging is off: the cause goes back in the answer, for the benchmark to report.
                return Results.Problem(e.Message);
            }
        });
        await app.StartAsync();
        Console.WriteLine("listening");
        await Console.In.ReadToEndAsync(); // the benchmark closed its end, or exited
        await app.StopAsync();
    }

    private static async Task<int> LoopAsync(HttpClient http, int clients, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var answered = 0;
        using var failed = new CancellationTokenSource();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until && !failed.IsCancellationRequested)
            {
                using var content = new StringContent(Ceiling.Event);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync($"/streams/{Random.Shared.Next(1, 100_001)}/events", content);
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    // A floor that fails would report a rate it never served; the other clients stop too.
                    await failed.CancelAsync();
                    throw new HttpRequestException($"The HTTP floor answered {(int)response.StatusCode}: {body}");
                }

                Interlocked.Increment(ref answered);
            }
        }));
        return answered;
    }
}
