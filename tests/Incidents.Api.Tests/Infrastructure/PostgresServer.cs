using System.Collections.Concurrent;
using Incidents.DevTools;
using Microsoft.Extensions.Logging;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Incidents.Api.Tests.Infrastructure;

/// <summary>
/// The one PostgreSQL server shared by every test in a run; each test (class) gets its own database.
/// The server is chosen on first use, in this order:
/// <list type="number">
/// <item>the connection string in <c>INCIDENTS_TEST_POSTGRES</c> (a server where we may create databases);</item>
/// <item>a Testcontainers PostgreSQL container, when a Docker engine answers;</item>
/// <item>a throwaway <see cref="LocalPostgresCluster"/> in a fresh temp directory.</item>
/// </list>
/// At exit the container or local cluster is stopped and, on an external server, our databases are dropped.
/// vstest kills the test host ~100 ms after the last test, so that ProcessExit clean-up is best effort:
/// Testcontainers' reaper and the local cluster's own guard process finish the job; databases left on an
/// external server by a cut-short exit have to be dropped by hand.
/// </summary>
public static class PostgresServer
{
    private const string ConnectionStringVariable = "INCIDENTS_TEST_POSTGRES";
    private const string ContainerImage = "postgres:15-alpine";
    private static readonly TimeSpan ContainerStartTimeout = TimeSpan.FromMinutes(2);

    private static readonly ILoggerFactory LogFactory =
        LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
    private static readonly ILogger Logger = LogFactory.CreateLogger(typeof(PostgresServer));
    private static readonly Lazy<Task<Server>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentBag<string> CreatedDatabases = [];

    /// <summary>Superuser connection string to the shared server's <c>postgres</c> database.</summary>
    public static async Task<string> AdminConnectionStringAsync() => (await Instance.Value).AdminConnectionString;

    /// <summary>Creates a new, uniquely named database and returns a (pooled) connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string namePrefix)
    {
        var server = await Instance.Value;
        var name = DatabaseName(namePrefix);

        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        CreatedDatabases.Add(name);
        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString)
        {
            Database = name,
            Pooling = true,
            MaxPoolSize = 20,
        }.ConnectionString;
    }

    /// <summary>Lowercase <c>prefix_guid</c>, a valid unquoted identifier well within the 63-byte limit.</summary>
    private static string DatabaseName(string namePrefix)
    {
        var prefix = new string(namePrefix.ToLowerInvariant()
            .Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            .Take(40)
            .ToArray());
        if (prefix.Length == 0 || char.IsAsciiDigit(prefix[0]))
        {
            prefix = "db_" + prefix;
        }

        return $"{prefix}_{Guid.NewGuid().ToString("N")[..12]}";
    }

    private static async Task<Server> StartAsync()
    {
        var server = await ChooseServerAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                server.StopAsync().GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                Logger.LogWarning(ex, "Could not clean up the test PostgreSQL server");
            }
        };
        return server;
    }

    private static async Task<Server> ChooseServerAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            Logger.LogInformation("Tests use the PostgreSQL server from {Variable}", ConnectionStringVariable);
            return new Server(external, () => DropCreatedDatabasesAsync(external));
        }

        if (await TryStartContainerAsync() is { } container)
        {
            Logger.LogInformation("Tests use a PostgreSQL container ({Image})", ContainerImage);
            return new Server(container.GetConnectionString(), () => container.DisposeAsync().AsTask());
        }

        var dataDirectory = Path.Combine(
            Path.GetTempPath(), $"incidents-tests-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
        var cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions(dataDirectory, Persistent: false), LogFactory.CreateLogger<LocalPostgresCluster>());
        return new Server(cluster.ConnectionString, () => cluster.DisposeAsync().AsTask());
    }

    private static async Task<PostgreSqlContainer?> TryStartContainerAsync()
    {
        // Asking Testcontainers when there is plainly no engine costs time and log noise.
        if (!DockerEngineMayExist())
        {
            return null;
        }

        PostgreSqlContainer? container = null;
        try
        {
            container = new PostgreSqlBuilder(ContainerImage)
                .WithCommand("-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300")
                .Build();
            using var timeout = new CancellationTokenSource(ContainerStartTimeout);
            await container.StartAsync(timeout.Token);
            return container;
        }
        catch (Exception ex)
        {
            Logger.LogInformation("No PostgreSQL container ({Reason}); falling back to a local cluster", ex.Message);
            if (container is not null)
            {
                await container.DisposeAsync();
            }

            return null;
        }
    }

    private static bool DockerEngineMayExist()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return true;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var runtimeDirectory = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string?[] sockets =
        [
            "/var/run/docker.sock",
            runtimeDirectory is null ? null : Path.Combine(runtimeDirectory, "docker.sock"),
            Path.Combine(home, ".docker", "run", "docker.sock"),
            Path.Combine(home, ".docker", "desktop", "docker.sock"),
        ];
        return sockets.Any(File.Exists) || File.Exists(Path.Combine(home, ".testcontainers.properties"));
    }

    private static async Task DropCreatedDatabasesAsync(string adminConnectionString)
    {
        // Not our server: leave it as we found it.
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        foreach (var name in CreatedDatabases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed record Server(string AdminConnectionString, Func<Task> StopAsync);
}
