using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Incidents.Api.Configuration;
using Incidents.Api.Infrastructure.Marten;
using Incidents.DevTools;
using Marten;
using Npgsql;

namespace Incidents.Bench;

/// <summary>
/// The whole benchmark in one run against a Release build of the API on loopback and a durable local PostgreSQL:
/// start-up, the machine's append ceiling (pgbench), command throughput and latency (closed loop and fixed rates)
/// with projection lag, then a million events: rebuild speed and query latency. Usage: bench/run.sh.
/// </summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (HttpFloor.TryServe(args))
        {
            return 0;
        }

        var options = Options.Parse(args);
        var report = new Report();
        Describe(report);

        var dataDirectory = Path.Combine(Path.GetTempPath(), $"incidents-bench-{Environment.ProcessId}");
        await using var postgres = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(dataDirectory, Persistent: true));
        var connectionString = await CreateDatabaseAsync(postgres.ConnectionString);
        if (options.Statements)
        {
            await Statements.LoadAsync(postgres, connectionString);
        }

        report.Add("machine", $"PostgreSQL: {Scalar(connectionString, "select version()")}; fsync={Scalar(connectionString, "show fsync")}, " +
            $"synchronous_commit={Scalar(connectionString, "show synchronous_commit")}, full_page_writes={Scalar(connectionString, "show full_page_writes")}");
        await using var db = NpgsqlDataSource.Create(connectionString);
        var apiDirectory = Path.GetDirectoryName(Path.GetFullPath(options.ApiDll))!;
        var tokens = new Tokens(apiDirectory);
        var log = Path.Combine(Path.GetTempPath(), $"incidents-bench-api-{Environment.ProcessId}.log");
        var port = 5190;
        var apiConnectionString = ApiConnectionString(options, connectionString, postgres.DataDirectory);
        if (options.ApiConnectionOptions is { } apiExtra)
        {
            report.Add("machine", $"API connection string extended with --api-connection: {apiExtra}");
        }

        try
        {
            if (!options.SkipLoad)
            {
                // Start-up: the first start creates the schema, so it is not timed.
                await (await ApiProcess.StartAsync(options.ApiDll, apiConnectionString, port, "Static", tokens, log)).DisposeAsync();
                foreach (var mode in options.LoadOnly ? [] : new[] { "Dynamic", "Static" })
                {
                    var times = new List<double>();
                    for (var i = 0; i < 3; i++)
                    {
                        await using var api = await ApiProcess.StartAsync(options.ApiDll, apiConnectionString, port, mode, tokens, log);
                        times.Add(api.StartupTime.TotalMilliseconds);
                    }

                    report.Add("start-up", $"Wolverine:TypeLoadMode={mode}: first answered request after {string.Join(", ", times.Select(t => Report.F(t, "0")))} ms (3 starts)");
                }

                var measured = options.LoadOnly ? null : await Ceiling.MeasureAsync(connectionString, postgres.DataDirectory, apiConnectionString, options.Clients, TimeSpan.FromSeconds(options.CeilingSeconds), port + 1);
                var (ceiling, floor) = measured is null ? (double.NaN, double.NaN) : (measured.Pgbench, measured.HttpFloor);
                report.Add("ceiling", $"pgbench, {options.Clients} clients, {options.CeilingSeconds} s, bump stream version + insert ~400-byte JSON event: {Report.F(ceiling, "0")} tx/s");
                report.Add("ceiling", $"HTTP floor (bench/Incidents.Bench/HttpFloor.cs): the same transaction behind a bare Kestrel endpoint, {options.Clients} HTTP clients, {options.CeilingSeconds} s: " +
                    $"{Report.F(floor, "0")} requests/s, {Report.F(floor / ceiling * 100, "0")}% of pgbench");
                if (measured is not null)
                {
                    report.Add("ceiling", $"pgbench: {measured.PgbenchCpu.Describe("", "transaction", measured.PgbenchCpuRate)} (the rest is mostly pgbench)");
                    report.Add("ceiling", $"HTTP floor: {measured.HttpFloorCpu.Describe("the floor's server", "request", floor)}");
                }

                await using (var api = await ApiProcess.StartAsync(options.ApiDll, apiConnectionString, port, "Static", tokens, log))
                {
                    var sinceStart = Stopwatch.StartNew();
                    using var client = new ApiClient(api.BaseAddress);
                    var workload = new Workload(client, tokens);
                    await workload.ClosedLoopAsync(options.Clients, TimeSpan.FromSeconds(10)); // warm-up: JIT, pools, caches

                    // A node starts its projections only once it has been elected leader and assigned them, so the
                    // measured phases wait for that: otherwise the first lag samples measure the start, not the lag.
                    await LagProbe.WaitUntilCaughtUpAsync(db);
                    report.Add("start-up", $"async projections running and caught up with the warm-up {Report.F((api.StartupTime + sinceStart.Elapsed).TotalSeconds)} s after the API process started");

                    if (options.Statements)
                    {
                        Scalar(connectionString, "select pg_stat_statements_reset()");
                    }

                    var closedLoop = new Workload(client, tokens);
                    var cpuBefore = CpuMeter.Take(postgres.DataDirectory, api.ProcessId);
                    var (lag, elapsed) = await WithLagProbe(client, tokens, db, () => closedLoop.ClosedLoopAsync(options.Clients, TimeSpan.FromSeconds(options.Seconds)));
                    var cpu = CpuMeter.Since(cpuBefore, postgres.DataDirectory, api.ProcessId);
                    var commandRate = closedLoop.CommandsAcknowledged / elapsed.TotalSeconds;
                    report.Add("closed loop", $"{options.Clients} clients, {options.Seconds} s: {Report.F(commandRate, "0")} commands/s acknowledged, {Report.F(closedLoop.ReadsAnswered / elapsed.TotalSeconds, "0")} reads/s");
                    report.Add("closed loop", $"command latency {closedLoop.Commands.Summary()}");
                    report.Add("closed loop", $"read latency {closedLoop.Reads.Summary()}");
                    report.Add("closed loop", $"errors: {closedLoop.Errors} ({closedLoop.ErrorSummary()})");
                    report.Add("closed loop", $"projection lag (queue and governor report) {lag.Lag.Summary()}{Outliers(lag)}");
                    report.Add("ceiling", $"service / ceiling: {Report.F(commandRate / ceiling * 100, "0")}% ({Report.F(commandRate, "0")} of {Report.F(ceiling, "0")}); " +
                        $"service / HTTP floor: {Report.F(commandRate / floor * 100, "0")}%");
                    report.Add("closed loop", $"{cpu.Describe("API", "command, its share of the reads and the projections' work included", commandRate)} (the rest is mostly the load generator)");
                    if (measured is not null)
                    {
                        report.Add("ceiling", DatabaseWork(cpu, commandRate, measured));
                    }

                    var phases = new List<(double Rate, CpuUse Cpu)>();
                    if (options.Statements)
                    {
                        await Statements.ReportAsync(connectionString, closedLoop.CommandsAcknowledged + closedLoop.ReadsAnswered, report);
                    }

                    foreach (var rate in options.Rates)
                    {
                        var fixedRate = new Workload(client, tokens);
                        var rateCpuBefore = CpuMeter.Take(postgres.DataDirectory, api.ProcessId);
                        var (rateLag, rateElapsed) = await WithLagProbe(client, tokens, db, () => fixedRate.FixedRateAsync(rate, TimeSpan.FromSeconds(options.RateSeconds), fixedRate.Commands, fixedRate.Reads));
                        var rateCpu = CpuMeter.Since(rateCpuBefore, postgres.DataDirectory, api.ProcessId);
                        var rateCommands = fixedRate.CommandsAcknowledged / rateElapsed.TotalSeconds;
                        report.Add($"fixed rate {rate}/s", $"{options.RateSeconds} s offered; command latency {fixedRate.Commands.Summary()}{fixedRate.Commands.SlowSeconds()}");
                        report.Add($"fixed rate {rate}/s", $"read latency {fixedRate.Reads.Summary()}{fixedRate.Reads.SlowSeconds()}");
                        report.Add($"fixed rate {rate}/s", $"errors: {fixedRate.Errors} ({fixedRate.ErrorSummary()}); projection lag {rateLag.Lag.Summary()}{Outliers(rateLag)}");
                        report.Add($"fixed rate {rate}/s", $"{Report.F(rateCommands, "0")} commands/s acknowledged; {rateCpu.Describe("API", "command, its share of the reads included", rateCommands)}");
                        if (fixedRate.Errors == 0)
                        {
                            phases.Add((rateCommands, rateCpu)); // a phase that shed load did work the line does not count
                        }
                    }

                    report.Add("ceiling", CpuLines(phases, commandRate, ceiling));
                }
            }

            if (options.Events > 0)
            {
                await MillionEvents(options, report, connectionString, apiConnectionString, tokens, log, port);
            }
        }
        finally
        {
            report.Print(Console.Out);
            Console.WriteLine($"API log: {log}");
            await postgres.StopAsync();
            if (!options.Keep)
            {
                try
                {
                    Directory.Delete(postgres.DataDirectory, recursive: true);
                }
                catch (IOException)
                {
                    // best effort
                }
            }
        }

        return 0;
    }

    /// <summary>
    /// The API's connection string: the benchmark's database, plus <c>--api-connection</c> (pool sizes, say) to compare
    /// settings; <c>{data}</c> in it stands for the cluster's data directory, where its unix socket is
    /// (<c>Host={data}</c>).
    /// </summary>
    private static string ApiConnectionString(Options options, string connectionString, string dataDirectory) =>
        options.ApiConnectionOptions is { } extra ? $"{connectionString};{extra.Replace("{data}", dataDirectory, StringComparison.Ordinal)}" : connectionString;

    private static async Task MillionEvents(Options options, Report report, string connectionString, string apiConnectionString, Tokens tokens, string log, int port)
    {
        var storeOptions = new StoreOptions();
        MartenSetup.Configure(storeOptions, connectionString, new SchoolOptions { HeadteacherMisRef = Tokens.HeadteacherMisRef }, applySchemaOnStart: true);
        using var store = new DocumentStore(storeOptions);

        var clock = Stopwatch.StartNew();
        var seeded = await Seeder.SeedAsync(store, options.Events, learners: 20_000);
        report.Add("1M events", $"generated {seeded:N0} events in {Report.F(clock.Elapsed.TotalSeconds)} s ({Report.F(seeded / clock.Elapsed.TotalSeconds, "0")} events/s through Marten, inline case projection included)");
        await Seeder.SpreadTimestampsAsync(connectionString);
        var total = long.Parse(Scalar(connectionString, "select count(*) from incidents.mt_events"), CultureInfo.InvariantCulture);

        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            foreach (var projection in new[] { "CaseSummary", "PersonCases", "GovernorReport" })
            {
                clock.Restart();
                await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(30), CancellationToken.None);
                report.Add("rebuild", $"{projection}: {total:N0} events in {Report.F(clock.Elapsed.TotalSeconds)} s = {Report.F(total / clock.Elapsed.TotalSeconds, "0")} events/s");
            }
        }

        // The governors' sums, rebuilt page by page, must count exactly the cases raised in each month and day.
        var timeZone = new SchoolOptions().TimeZone;
        foreach (var (format, idLength) in new[] { ("YYYY-MM", 7), ("YYYY-MM-DD", 10) })
        {
            var mismatches = Scalar(connectionString, $"""
                with facts as (select to_char((data->>'raisedAt')::timestamptz at time zone '{timeZone}', '{format}') as id, count(*) as n
                               from incidents.mt_doc_governorcasefacts group by 1),
                     sums as (select id, (data->'tally'->>'raised')::bigint as n from incidents.mt_doc_governorrollup where length(id) = {idLength})
                select count(*) from facts full join sums using (id) where facts.n is distinct from sums.n
                """);
            if (mismatches != "0")
            {
                throw new InvalidOperationException($"{mismatches} governor sums ({format}) disagree with the cases raised in them after the rebuild.");
            }
        }

        report.Add("rebuild", "GovernorReport: every monthly and daily sum counts exactly the cases raised in it");

        await using var api = await ApiProcess.StartAsync(options.ApiDll, apiConnectionString, port, "Static", tokens, log);
        using var client = new ApiClient(api.BaseAddress);
        const string learner = "L-000100";
        var cases = Scalar(connectionString, $"select count(*) from incidents.mt_doc_concern where data->'subjects' @> '[{{\"misRef\":\"{learner}\"}}]'");
        var monthAgo = new DateOnly(DateTime.UtcNow.Year - 2, DateTime.UtcNow.Month, 1);
        var queries = new (string Name, string Url, string Token)[]
        {
            ("work queue (DSL, first page)", "/api/queue?limit=20", tokens.Dsl),
            ("work queue (DSL, status=under-investigation filter, 50 a page)", "/api/queue?status=under-investigation&limit=50", tokens.Dsl),
            // A rare kind among thousands of open cyberbullying cases the load phases left: a page may skip past them all.
            ("work queue (DSL, kind=underage-use filter, 50 a page)", "/api/queue?kind=underage-use&limit=50", tokens.Dsl),
            ($"learner chronology ({cases} cases)", $"/api/learners/{learner}/chronology", tokens.Dsl),
            ("governor report (one whole month two years ago, ~2,000 cases)", $"/api/reports/governors?from={monthAgo:yyyy-MM-dd}&to={monthAgo.AddMonths(1).AddDays(-1):yyyy-MM-dd}", tokens.Headteacher),
            ("governor report (1st-28th of that month: 28 daily sums)", $"/api/reports/governors?from={monthAgo:yyyy-MM-dd}&to={monthAgo.AddDays(27):yyyy-MM-dd}", tokens.Headteacher),
            ("governor report (this school year, incl. every case of the load phases)", "/api/reports/governors", tokens.Headteacher),
            ("governor report (three years, the longest allowed)", $"/api/reports/governors?from={DateTime.UtcNow.AddYears(-3).AddDays(7):yyyy-MM-dd}&to={DateTime.UtcNow:yyyy-MM-dd}", tokens.Headteacher),
        };
        foreach (var (name, url, token) in queries)
        {
            var latencies = new Latencies();
            // 20 untimed, then 500 timed: a p99 of 100 samples is the second-worst single request.
            for (var i = 0; i < 520; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var (status, body) = await client.SendAsync(HttpMethod.Get, url, token);
                body?.Dispose();
                if (status != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{url} answered {(int)status}");
                }

                if (i >= 20)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            report.Add("queries at 1M events", $"{name}: {latencies.Summary()}");
        }

        await PagesUnderLoad(options, report, connectionString, client, tokens, api.BaseAddress);
    }

    /// <summary>
    /// The web app's work queue and case pages at a million events, read by a signed-in DSL while the fixed-rate
    /// phase's API load (its first rate) runs: the target is a p99 under 100 ms.
    /// </summary>
    private static async Task PagesUnderLoad(Options options, Report report, string connectionString, ApiClient client, Tokens tokens, Uri baseAddress)
    {
        // The longest case the DSL may read (most events), so the case page is measured at its heaviest.
        var caseId = Scalar(connectionString, "select id from incidents.mt_doc_concern order by (data->>'version')::bigint desc limit 1");
        // As after any bulk load (PostgreSQL's advice): statistics and a checkpoint now, so the million events' first
        // autovacuum and checkpoint do not land in the measurement; a store that grew over years has had both.
        Scalar(connectionString, "vacuum (analyze)");
        Scalar(connectionString, "checkpoint");
        using var reader = await PageReader.SignInAsync(baseAddress);
        var rate = options.Rates.FirstOrDefault(200);
        var duration = TimeSpan.FromSeconds(options.RateSeconds);
        var warmUp = new Workload(client, tokens);
        await warmUp.FixedRateAsync(rate, TimeSpan.FromSeconds(10), warmUp.Commands, warmUp.Reads); // JIT, pools, caches, as the load phases do
        var load = new Workload(client, tokens);
        var loading = load.FixedRateAsync(rate, duration, load.Commands, load.Reads);
        var pages = await reader.ReadAsync([("work queue page", "/queue"), ("case page (the longest case)", $"/cases/{caseId}")], duration, options.PageRate);
        await loading;
        var pace = options.PageRate > 0 ? $"{options.PageRate} page views/s in turn" : "one after the other";
        foreach (var (name, latencies, shed) in pages)
        {
            report.Add("pages at 1M events", $"{name} ({pace}), with {rate}/s of API load: {latencies.Summary()}; shed (503) {shed}{latencies.SlowSeconds()}");
        }

        report.Add("pages at 1M events", $"the API load beside them: commands {load.Commands.Summary()}; errors {load.Errors} ({load.ErrorSummary()})");
    }

    private static async Task<(LagProbe Lag, TimeSpan Elapsed)> WithLagProbe(ApiClient client, Tokens tokens, NpgsqlDataSource db, Func<Task> load)
    {
        var probe = new LagProbe(client, tokens, db);
        using var stop = new CancellationTokenSource();
        var probing = probe.RunAsync(stop.Token);
        var clock = Stopwatch.StartNew();
        await load();
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await probing;
        return (probe, elapsed);
    }

    /// <summary>PostgreSQL's average CPU per command in the closed loop against its CPU per pgbench transaction.</summary>
    private static string DatabaseWork(CpuUse closedLoop, double commandRate, Ceiling.Result measured)
    {
        var perCommand = closedLoop.PerUnit(commandRate).Postgres;
        var perTransaction = measured.PgbenchCpu.PerUnit(measured.PgbenchCpuRate).Postgres;
        return $"PostgreSQL's CPU per command in the closed loop, on average ({Report.F(perCommand, "0.00")} ms), against per pgbench transaction " +
               $"({Report.F(perTransaction, "0.00")} ms): a command is the database work of {Report.F(perCommand / perTransaction, "0.0")} of them";
    }

    /// <summary>
    /// PostgreSQL's and the whole machine's cores as straight lines of the command rate, fitted over the fixed-rate
    /// phases that shed nothing, and the rates at which each would fill the machine's cores. The closed loop is left
    /// out of the fit, so its measured rate checks the machine's line: where the line overshoots it, the cost per
    /// command rises near saturation and the line flatters the service.
    /// </summary>
    private static string CpuLines(IReadOnlyList<(double Rate, CpuUse Cpu)> phases, double closedLoopRate, double ceiling)
    {
        var cores = Environment.ProcessorCount;
        var rates = string.Join(", ", phases.Select(p => Report.F(p.Rate, "0")));
        if (CpuLine.Fit(phases.Select(p => (p.Rate, p.Cpu.Postgres)).ToList()) is not { } database ||
            CpuLine.Fit(phases.Select(p => (p.Rate, p.Cpu.Machine)).ToList()) is not { } machine)
        {
            return $"too few fixed-rate phases without load shed to fit CPU against the command rate ({rates} commands/s)";
        }

        var most = database.RateAt(cores);
        return $"CPU against the command rate, fitted over {phases.Count} fixed-rate phases ({rates} commands/s): the machine {machine}, so it would fill " +
               $"{cores} cores at {Report.F(machine.RateAt(cores), "0")} commands/s (the closed loop, not in the fit, measured {Report.F(closedLoopRate, "0")}); " +
               $"PostgreSQL {database}, so its work alone would fill them at {Report.F(most, "0")} commands/s ({Report.F(most / ceiling * 100, "0")}% of pgbench); " +
               $"half the ceiling on the machine's line would need {Report.F((cores - machine.FixedCores) / (ceiling / 2) * 1000, "0.00")} ms per command";
    }

    private static async Task<string> CreateDatabaseAsync(string adminConnectionString)
    {
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("create database incidents_bench", admin);
            await create.ExecuteNonQueryAsync();

            // Diagnostics only, no effect on durability: the server log (server.log in the data directory, kept with
            // --keep) shows any statement slower than 200 ms, lock waits, checkpoints and autovacuum runs, to tell
            // what a latency spike under load was.
            await using var diagnose = new NpgsqlCommand("""
                alter system set log_min_duration_statement = '200ms';
                alter system set log_lock_waits = on;
                alter system set log_checkpoints = on;
                alter system set log_autovacuum_min_duration = 0;
                select pg_reload_conf();
                """, admin);
            await diagnose.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = "incidents_bench", MaxPoolSize = 100 }.ConnectionString;
    }

    private static string Outliers(LagProbe probe) => probe.Outliers.Count == 0 ? ""
        : "; over 1 s: " + string.Join(", ", probe.Outliers.Select(o => $"{Report.F(o.Milliseconds, "0")} ms at {o.At:HH:mm:ss.f}"));

    private static string Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 }; // a vacuum of a million events takes its time
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private static void Describe(Report report)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memory = File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim();
        report.Add("machine", $"{Environment.ProcessorCount} cores ({cpu}), {memory} memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        report.Add("machine", "load generator, API and PostgreSQL share the machine, all on loopback");
    }

    /// <param name="LoadOnly">Skip start-up and ceiling measurements (for profiling the service under load).</param>
    /// <param name="SkipLoad">Only the million-event part: seed, rebuild, queries.</param>
    /// <param name="Statements">Load pg_stat_statements and report where PostgreSQL spent its time in the closed loop.</param>
    /// <param name="PageRate">Page views a second in the pages phase (0: one after the other, as fast as they answer).</param>
    private sealed record Options(string ApiDll, int Clients, int Seconds, int[] Rates, int RateSeconds, int CeilingSeconds, long Events, bool Keep, bool LoadOnly, bool SkipLoad, bool Statements, string? ApiConnectionOptions, int PageRate)
    {
        public static Options Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            return new Options(
                Path.GetFullPath(Value("--api") ?? throw new ArgumentException("--api <path to the published Incidents.Api.dll> is required")),
                Int("--clients", 16),
                Int("--seconds", 60),
                (Value("--rates") ?? "200,350,500").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray(),
                Int("--rate-seconds", 30),
                Int("--ceiling-seconds", 30),
                Value("--events") is { } e ? long.Parse(e, CultureInfo.InvariantCulture) : 1_000_000,
                args.Contains("--keep"),
                args.Contains("--load-only"),
                args.Contains("--skip-load"),
                args.Contains("--statements"),
                Value("--api-connection"),
                Int("--page-rate", 20));
        }
    }
}
