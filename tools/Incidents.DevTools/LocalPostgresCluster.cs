using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Incidents.DevTools;

/// <summary>How to run a <see cref="LocalPostgresCluster"/>.</summary>
/// <param name="DataDirectory">The cluster's data directory. Created if missing.</param>
/// <param name="Persistent">
/// <c>true</c>: a durable development cluster that is initialised once, left running on dispose and reused
/// by the next start. <c>false</c>: a fast, non-durable throwaway cluster for tests, stopped and deleted on dispose.
/// </param>
/// <param name="Port">
/// TCP port on 127.0.0.1; 0 picks a free one. A persistent cluster remembers the port it was given in
/// its data directory and asks for it again next time.
/// </param>
public sealed record LocalPostgresOptions(string DataDirectory, bool Persistent, int Port = 0);

/// <summary>
/// A PostgreSQL server run from the locally installed binaries (initdb/pg_ctl), listening only on
/// 127.0.0.1 with trust authentication as the <c>postgres</c> superuser. Used where no container engine
/// is available. When the current process is root, the server runs as the <c>postgres</c> OS user
/// (initdb refuses to run as root).
/// </summary>
/// <remarks>
/// A persistent cluster is deliberately left running by <see cref="DisposeAsync"/> so that the next
/// <see cref="StartAsync"/> on the same data directory just connects to it; call <see cref="StopAsync"/>
/// to shut it down. A throwaway cluster is stopped and its data directory deleted by <see cref="DisposeAsync"/>,
/// or, should this process end without disposing it (a killed test host, a stopped debugger), by a small
/// watcher shell process within about a second of this process exiting.
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string PortFileName = "incidents-port";
    private const string LogFileName = "server.log";
    private const string ServiceUser = "postgres";
    private const int MaxUnixSocketPathBytes = 107;
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(30);

    private readonly PgTools _tools;
    private readonly ILogger _logger;
    private int _stopped;

    private LocalPostgresCluster(PgTools tools, string dataDirectory, bool persistent, int port, ILogger logger)
    {
        _tools = tools;
        _logger = logger;
        DataDirectory = dataDirectory;
        Persistent = persistent;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = ServiceUser,
            Database = "postgres",
        }.ConnectionString;
    }

    /// <summary>Npgsql connection string for the <c>postgres</c> database as the <c>postgres</c> superuser.</summary>
    public string ConnectionString { get; }

    public int Port { get; }

    /// <summary>The data directory actually used (may differ from the requested one, see <see cref="StartAsync"/>).</summary>
    public string DataDirectory { get; }

    public bool Persistent { get; }

    /// <summary>
    /// Starts (or, for a persistent cluster that is already running, connects to) a cluster and returns once
    /// it accepts connections. When running as root and the <c>postgres</c> OS user cannot reach the requested
    /// directory's parent, the cluster lives in <c>/var/tmp/incidents-postgres-&lt;hash&gt;</c> instead (logged as a warning).
    /// </summary>
    public static async Task<LocalPostgresCluster> StartAsync(
        LocalPostgresOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("LocalPostgresCluster supports Linux and macOS only.");
        }

        logger ??= NullLogger.Instance;
        var tools = PgTools.Locate();
        var dataDirectory = await ResolveDataDirectoryAsync(options.DataDirectory, tools, logger, ct);

        return options.Persistent
            ? await StartPersistentAsync(tools, dataDirectory, options.Port, logger, ct)
            : await StartThrowawayAsync(tools, dataDirectory, options.Port, logger, ct);
    }

    /// <summary>Stops the server (fast shutdown for a persistent cluster, immediate for a throwaway one).</summary>
    public Task StopAsync(CancellationToken ct = default) => StopAsync(Persistent ? "fast" : "immediate", ct);

    /// <summary>
    /// Stops the server with a <c>pg_ctl</c> shutdown mode: <c>smart</c>, <c>fast</c> (disconnects clients, flushes
    /// everything committed; what a service restart does) or <c>immediate</c> (like a crash).
    /// </summary>
    public async Task StopAsync(string mode, CancellationToken ct = default)
    {
        if (mode is not ("smart" or "fast" or "immediate"))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Expected smart, fast or immediate.");
        }

        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        var result = await _tools.PgCtlAsync(["-D", DataDirectory, "-m", mode, "-w", "-t", "60", "stop"], ct);
        if (result.ExitCode != 0 && await IsRunningAsync(_tools, DataDirectory, ct))
        {
            throw new InvalidOperationException(
                $"Could not stop PostgreSQL in '{DataDirectory}'. {result.Describe()}{LogTail(DataDirectory)}");
        }

        _logger.LogInformation("Stopped PostgreSQL in {DataDirectory}", DataDirectory);
    }

    /// <summary>
    /// Starts a cluster stopped by <see cref="StopAsync(string, CancellationToken)"/> again, on the same port and data
    /// directory, and returns once it accepts connections: clients see the same server come back, as after a restart.
    /// </summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        if (Volatile.Read(ref _stopped) == 0)
        {
            throw new InvalidOperationException($"PostgreSQL in '{DataDirectory}' is running; stop it first.");
        }

        await StartServerAsync(_tools, DataDirectory, Port, rememberedPort: null, durable: Persistent, ct);
        await WaitUntilReadyAsync(ct);
        Interlocked.Exchange(ref _stopped, 0);
        _logger.LogInformation("Started PostgreSQL again on port {Port} in {DataDirectory}", Port, DataDirectory);
    }

    /// <summary>
    /// Throwaway cluster: stops it and deletes its data directory. Persistent cluster: does nothing, the
    /// server keeps running so the next start reuses it (use <see cref="StopAsync"/> to stop it).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Persistent)
        {
            return;
        }

        await StopAsync();
        await DeleteDirectoryAsync(DataDirectory);
    }

    private static async Task<LocalPostgresCluster> StartThrowawayAsync(
        PgTools tools, string dataDirectory, int requestedPort, ILogger logger, CancellationToken ct)
    {
        // Dispose deletes the directory, so never adopt one that already holds something.
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new InvalidOperationException(
                $"A throwaway PostgreSQL cluster needs a missing or empty data directory, and '{dataDirectory}' is not empty.");
        }

        await tools.CreateOwnedDirectoryAsync(dataDirectory, ct);
        try
        {
            await StartOrphanGuardAsync(tools, dataDirectory, ct);
            await InitDbAsync(tools, dataDirectory, durable: false, ct);
            var port = await StartServerAsync(tools, dataDirectory, requestedPort, rememberedPort: null, durable: false, ct);
            var cluster = new LocalPostgresCluster(tools, dataDirectory, persistent: false, port, logger);
            await cluster.WaitUntilReadyAsync(ct);
            logger.LogInformation("Started throwaway PostgreSQL on port {Port} in {DataDirectory}", port, dataDirectory);
            return cluster;
        }
        catch
        {
            await tools.PgCtlAsync(["-D", dataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            await DeleteDirectoryAsync(dataDirectory);
            throw;
        }
    }

    private static async Task<LocalPostgresCluster> StartPersistentAsync(
        PgTools tools, string dataDirectory, int requestedPort, ILogger logger, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
            {
                throw new InvalidOperationException(
                    $"'{dataDirectory}' is not empty but holds no PostgreSQL cluster; refusing to initialise a cluster there.");
            }

            await tools.CreateOwnedDirectoryAsync(dataDirectory, ct);
            await InitDbAsync(tools, dataDirectory, durable: true, ct);
            logger.LogInformation("Initialised a PostgreSQL cluster in {DataDirectory}", dataDirectory);
        }

        LocalPostgresCluster cluster;
        if (await IsRunningAsync(tools, dataDirectory, ct))
        {
            var runningPort = ReadPostmasterPort(dataDirectory);
            if (requestedPort != 0 && requestedPort != runningPort)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL in '{dataDirectory}' is already running on port {runningPort}, but port {requestedPort} was requested. " +
                    $"Stop it first: pg_ctl stop -D '{dataDirectory}'.");
            }

            await WritePortFileAsync(tools, dataDirectory, runningPort, ct);
            cluster = new LocalPostgresCluster(tools, dataDirectory, persistent: true, runningPort, logger);
            await cluster.WaitUntilReadyAsync(ct);
            logger.LogInformation("Reusing running PostgreSQL on port {Port} in {DataDirectory}", runningPort, dataDirectory);
            return cluster;
        }

        // Files written by an earlier run as another user (or by hand) would stop the server from starting.
        await tools.ChownToServiceUserAsync(dataDirectory, ct);
        var port = await StartServerAsync(tools, dataDirectory, requestedPort, ReadPortFile(dataDirectory), durable: true, ct);
        await WritePortFileAsync(tools, dataDirectory, port, ct);
        cluster = new LocalPostgresCluster(tools, dataDirectory, persistent: true, port, logger);
        await cluster.WaitUntilReadyAsync(ct);
        logger.LogInformation("Started PostgreSQL on port {Port} in {DataDirectory}", port, dataDirectory);
        return cluster;
    }

    /// <summary>
    /// Starts a detached shell that stops the cluster and deletes its directory once this process is gone.
    /// Test hosts are often killed right after the last test (vstest allows ProcessExit handlers ~100 ms),
    /// and the postmaster is not our child, so it would otherwise outlive us. The shell exits by itself
    /// once the directory is deleted by a normal dispose.
    /// </summary>
    private static async Task StartOrphanGuardAsync(PgTools tools, string dataDirectory, CancellationToken ct)
    {
        const string script = """
            pid=$1; dir=$2; shift 2
            (
              while kill -0 "$pid" 2>/dev/null && [ -d "$dir" ]; do sleep 1; done
              if [ -d "$dir" ]; then "$@" -D "$dir" -m immediate -w stop; rm -rf -- "$dir"; fi
            ) </dev/null >/dev/null 2>&1 &
            """;
        string[] args =
        [
            "-c", script, "incidents-postgres-guard",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture), dataDirectory, .. tools.CommandFor("pg_ctl"),
        ];
        var result = await PgTools.RunProcessAsync("/bin/sh", args, "/", ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not start the clean-up guard for '{dataDirectory}'. {result.Describe()}");
        }
    }

    private static async Task InitDbAsync(PgTools tools, string dataDirectory, bool durable, CancellationToken ct)
    {
        List<string> args = ["-D", dataDirectory, "-U", ServiceUser, "--auth=trust", "-E", "UTF8", "--no-locale"];
        if (!durable)
        {
            args.Add("--no-sync");
        }

        var result = await tools.RunAsync("initdb", args, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed for '{dataDirectory}'. {result.Describe()}");
        }
    }

    /// <summary>Starts the postmaster and returns the port it listens on.</summary>
    private static async Task<int> StartServerAsync(
        PgTools tools, string dataDirectory, int requestedPort, int? rememberedPort, bool durable, CancellationToken ct)
    {
        var logFile = Path.Combine(dataDirectory, LogFileName);
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            // A free port found now may be taken before the server binds it; an automatic choice is retried.
            var autoPort = requestedPort == 0;
            var port = requestedPort != 0 ? requestedPort
                : attempt == 1 && rememberedPort is { } remembered && IsPortFree(remembered) ? remembered
                : FindFreePort();

            var logOffset = File.Exists(logFile) ? new FileInfo(logFile).Length : 0;
            var result = await tools.PgCtlAsync(
                ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", ServerOptions(dataDirectory, port, durable), "start"], ct);
            if (result.ExitCode == 0)
            {
                return port;
            }

            var log = ReadLog(logFile, logOffset);
            if (autoPort && attempt < attempts && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            throw new InvalidOperationException(
                $"Could not start PostgreSQL in '{dataDirectory}' on port {port}. {result.Describe()}\nServer log:\n{Tail(log)}");
        }
    }

    /// <summary>Command-line options for the postmaster; pg_ctl passes them through /bin/sh.</summary>
    private static string ServerOptions(string dataDirectory, int port, bool durable)
    {
        var options = new StringBuilder().Append(CultureInfo.InvariantCulture, $"-p {port} -c listen_addresses=127.0.0.1");

        // A socket in the data directory lets `psql -h <dir>` work, but only if the path fits the
        // unix socket limit and needs no shell quoting; otherwise TCP only.
        var socketPath = Path.Combine(dataDirectory, $".s.PGSQL.{port}");
        var usableSocketDir = Encoding.UTF8.GetByteCount(socketPath) <= MaxUnixSocketPathBytes
            && dataDirectory.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-');
        options.Append(usableSocketDir ? $" -k {dataDirectory}" : " -k ''");

        if (!durable)
        {
            options.Append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300");
        }

        return options.ToString();
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(ct);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
            {
                if (clock.Elapsed > ReadinessTimeout)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL in '{DataDirectory}' did not accept connections on 127.0.0.1:{Port} within " +
                        $"{ReadinessTimeout.TotalSeconds:0} s: {ex.Message}{LogTail(DataDirectory)}", ex);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private static async Task<bool> IsRunningAsync(PgTools tools, string dataDirectory, CancellationToken ct)
    {
        // A killed postmaster stays a zombie until init reaps it, and pg_ctl counts a zombie as running.
        if (ReadPostmasterPid(dataDirectory) is { } pid)
        {
            var deadline = Stopwatch.StartNew();
            while (IsZombie(pid) && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }

        // Exit code 0: running; 3: not running; 4: no usable data directory.
        var status = await tools.PgCtlAsync(["-D", dataDirectory, "status"], ct);
        return status.ExitCode == 0;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            // Format: "pid (comm) state ..."; comm may contain spaces or parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] == 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int? ReadPostmasterPid(string dataDirectory) => ReadPostmasterLine(dataDirectory, 0);

    private static int ReadPostmasterPort(string dataDirectory) =>
        ReadPostmasterLine(dataDirectory, 3)
        ?? throw new InvalidOperationException($"Cannot read the port from '{Path.Combine(dataDirectory, "postmaster.pid")}'.");

    private static int? ReadPostmasterLine(string dataDirectory, int index)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
            return lines.Length > index && int.TryParse(lines[index].Trim(), CultureInfo.InvariantCulture, out var value)
                ? value
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? ReadPortFile(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, PortFileName);
        return File.Exists(path)
            && int.TryParse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, out var port)
            && port is > 0 and <= IPEndPoint.MaxPort
            ? port
            : null;
    }

    private static async Task WritePortFileAsync(PgTools tools, string dataDirectory, int port, CancellationToken ct)
    {
        if (ReadPortFile(dataDirectory) == port)
        {
            return;
        }

        var path = Path.Combine(dataDirectory, PortFileName);
        await File.WriteAllTextAsync(path, port.ToString(CultureInfo.InvariantCulture), ct);
        await tools.ChownToServiceUserAsync(path, ct);
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A loopback port nothing listens on right now (also used by tests that start API processes).</summary>
    public static int FindFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task<string> ResolveDataDirectoryAsync(
        string requested, PgTools tools, ILogger logger, CancellationToken ct)
    {
        var fullPath = Path.GetFullPath(requested);
        if (!tools.RunsAsServiceUser)
        {
            return fullPath;
        }

        var parent = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{fullPath}' cannot be a data directory.", nameof(requested));
        Directory.CreateDirectory(parent);
        if (await tools.ServiceUserCanEnterAsync(parent, ct))
        {
            return fullPath;
        }

        // e.g. a checkout under /root (mode 700): the postgres user cannot get to it.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullPath)))[..10];
        var fallback = $"/var/tmp/incidents-postgres-{hash}";
        logger.LogWarning(
            "The {User} OS user cannot access {Parent}; keeping the PostgreSQL data directory for {Requested} in {Fallback} instead",
            ServiceUser, parent, fullPath, fallback);
        return fallback;
    }

    private static string LogTail(string dataDirectory)
    {
        var log = ReadLog(Path.Combine(dataDirectory, LogFileName), 0);
        return log.Length == 0 ? string.Empty : $"\nServer log (tail):\n{Tail(log)}";
    }

    private static string ReadLog(string logFile, long offset)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Max(offset, stream.Length - 8192), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static string Tail(string text, int lines = 30) =>
        string.Join('\n', text.TrimEnd().Split('\n').TakeLast(lines));

    private static async Task DeleteDirectoryAsync(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                // A just-stopped server's last file handles can still be closing.
                await Task.Delay(100 * attempt);
            }
        }
    }

    /// <summary>The PostgreSQL binaries and how to run them (directly, or as the postgres user when we are root).</summary>
    private sealed class PgTools
    {
        private readonly string _binDirectory;

        private PgTools(string binDirectory, bool runsAsServiceUser)
        {
            _binDirectory = binDirectory;
            RunsAsServiceUser = runsAsServiceUser;
        }

        public bool RunsAsServiceUser { get; }

        // The postgres user must be able to enter the working directory of the processes it runs.
        private string WorkingDirectory => RunsAsServiceUser ? "/tmp" : Path.GetTempPath();

        public static PgTools Locate() => new(LocateBinDirectory(), IsRoot());

        public Task<CommandResult> PgCtlAsync(IReadOnlyList<string> args, CancellationToken ct) => RunAsync("pg_ctl", args, ct);

        public Task<CommandResult> RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
        {
            string[] command = [.. CommandFor(tool), .. args];
            return RunProcessAsync(command[0], command[1..], WorkingDirectory, ct);
        }

        /// <summary>The command line prefix that runs a PostgreSQL tool as the right OS user.</summary>
        public string[] CommandFor(string tool)
        {
            var executable = Path.Combine(_binDirectory, tool);
            return RunsAsServiceUser ? ["runuser", "-u", ServiceUser, "--", executable] : [executable];
        }

        public async Task<bool> ServiceUserCanEnterAsync(string directory, CancellationToken ct)
        {
            var result = await RunProcessAsync("runuser", ["-u", ServiceUser, "--", "test", "-x", directory], WorkingDirectory, ct);
            return result.ExitCode == 0;
        }

        public async Task CreateOwnedDirectoryAsync(string directory, CancellationToken ct)
        {
            Directory.CreateDirectory(directory);
            await ChownToServiceUserAsync(directory, ct);
        }

        public async Task ChownToServiceUserAsync(string path, CancellationToken ct)
        {
            if (!RunsAsServiceUser)
            {
                return;
            }

            var result = await RunProcessAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", path], WorkingDirectory, ct);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Could not hand '{path}' to the {ServiceUser} OS user (running as root needs that user). {result.Describe()}");
            }
        }

        private static string LocateBinDirectory()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("INCIDENTS_PG_BIN");
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return HasServerTools(fromEnvironment)
                    ? fromEnvironment
                    : throw new InvalidOperationException($"INCIDENTS_PG_BIN is '{fromEnvironment}', which has no initdb and pg_ctl.");
            }

            // Debian/Ubuntu layout: /usr/lib/postgresql/<major>/bin; prefer the newest.
            const string debianRoot = "/usr/lib/postgresql";
            if (Directory.Exists(debianRoot))
            {
                var newest = Directory.EnumerateDirectories(debianRoot)
                    .Select(dir => (Bin: Path.Combine(dir, "bin"), Version: ParseMajorVersion(Path.GetFileName(dir))))
                    .Where(candidate => candidate.Version is not null && HasServerTools(candidate.Bin))
                    .OrderByDescending(candidate => candidate.Version)
                    .Select(candidate => candidate.Bin)
                    .FirstOrDefault();
                if (newest is not null)
                {
                    return newest;
                }
            }

            var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(HasServerTools);
            return onPath ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found in INCIDENTS_PG_BIN, /usr/lib/postgresql/*/bin or PATH. " +
                "Install PostgreSQL (Debian: apt-get install postgresql) or set INCIDENTS_PG_BIN to the directory holding them.");
        }

        private static Version? ParseMajorVersion(string name) =>
            Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;

        private static bool HasServerTools(string directory) =>
            File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

        private static bool IsRoot() => Environment.UserName == "root" || GetEffectiveUserId() == 0;

        [DllImport("libc", EntryPoint = "geteuid")]
        private static extern uint GetEffectiveUserId();

        public static async Task<CommandResult> RunProcessAsync(
            string fileName, IReadOnlyList<string> args, string workingDirectory, CancellationToken ct)
        {
            var startInfo = new ProcessStartInfo(fileName)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory,
            };
            foreach (var arg in args)
            {
                startInfo.ArgumentList.Add(arg);
            }

            var commandLine = string.Join(' ', [fileName, .. args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)]);
            using var process = Process.Start(startInfo)
                ?? throw new InvalidOperationException($"Could not start `{commandLine}`.");
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new CommandResult(commandLine, process.ExitCode, await stdout, await stderr);
        }
    }

    private sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
    {
        public string Describe() =>
            $"`{CommandLine}` exited with code {ExitCode}.\nstdout:\n{StandardOutput.TrimEnd()}\nstderr:\n{StandardError.TrimEnd()}";
    }
}
