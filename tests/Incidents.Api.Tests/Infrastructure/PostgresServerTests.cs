using System.Diagnostics;
using System.Globalization;
using Incidents.DevTools;
using Npgsql;

namespace Incidents.Api.Tests.Infrastructure;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Created_databases_are_distinct_and_accept_queries()
    {
        var connectionStrings = await Task.WhenAll(
            PostgresServer.CreateDatabaseAsync("server_tests"),
            PostgresServer.CreateDatabaseAsync("server_tests"));

        var names = connectionStrings.Select(cs => new NpgsqlConnectionStringBuilder(cs).Database).ToArray();
        names[0].Should().NotBe(names[1]);
        foreach (var (connectionString, name) in connectionStrings.Zip(names))
        {
            (await ScalarAsync<int>(connectionString, "select 1")).Should().Be(1);
            (await ScalarAsync<string>(connectionString, "select current_database()")).Should().Be(name);
        }
    }

    [Fact]
    public async Task Odd_prefixes_still_give_valid_database_names()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("7 Odd-Prefix!");

        new NpgsqlConnectionStringBuilder(connectionString).Database.Should().MatchRegex("^db_7oddprefix_[0-9a-f]{12}$");
        (await ScalarAsync<int>(connectionString, "select 1")).Should().Be(1);
    }

    [Fact]
    public async Task Disposing_a_throwaway_cluster_stops_it_and_deletes_its_data_directory()
    {
        var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(NewTempPath(), Persistent: false));
        (await ScalarAsync<int>(Unpooled(cluster.ConnectionString), "select 1")).Should().Be(1);
        Directory.Exists(cluster.DataDirectory).Should().BeTrue();

        await cluster.DisposeAsync();

        Directory.Exists(cluster.DataDirectory).Should().BeFalse();
        var query = () => ScalarAsync<int>(Unpooled(cluster.ConnectionString), "select 1");
        await query.Should().ThrowAsync<NpgsqlException>();
    }

    [Fact]
    public async Task A_persistent_cluster_is_left_running_and_reused_with_its_port_and_data()
    {
        var options = new LocalPostgresOptions(NewTempPath(), Persistent: true);
        var cluster = await LocalPostgresCluster.StartAsync(options);
        try
        {
            var port = cluster.Port;
            var postmasterPid = PostmasterPid(cluster);
            await ExecuteAsync(cluster, "create table kept (id int); insert into kept values (42)");
            await cluster.DisposeAsync();

            // Still running after dispose: the next start connects to the same server.
            cluster = await LocalPostgresCluster.StartAsync(options);
            cluster.Port.Should().Be(port);
            PostmasterPid(cluster).Should().Be(postmasterPid);
            (await ScalarAsync<int>(Unpooled(cluster.ConnectionString), "select id from kept")).Should().Be(42);

            // Stopped: the next start starts it again, on the remembered port.
            await cluster.StopAsync();
            cluster = await LocalPostgresCluster.StartAsync(options);
            cluster.Port.Should().Be(port);
            PostmasterPid(cluster).Should().NotBe(postmasterPid);
            (await ScalarAsync<int>(Unpooled(cluster.ConnectionString), "select id from kept")).Should().Be(42);
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(cluster.DataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_persistent_cluster_starts_again_after_its_server_was_killed()
    {
        var options = new LocalPostgresOptions(NewTempPath(), Persistent: true);
        var cluster = await LocalPostgresCluster.StartAsync(options);
        try
        {
            await ExecuteAsync(cluster, "create table kept (id int); insert into kept values (42)");

            // Leaves a stale postmaster.pid behind, as a crash or power cut would.
            using (var postmaster = Process.GetProcessById(PostmasterPid(cluster)))
            {
                postmaster.Kill();
            }

            cluster = await LocalPostgresCluster.StartAsync(options);
            (await ScalarAsync<int>(Unpooled(cluster.ConnectionString), "select id from kept")).Should().Be(42);
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(cluster.DataDirectory, recursive: true);
        }
    }

    private static string NewTempPath() =>
        Path.Combine(Path.GetTempPath(), $"incidents-pg-test-{Guid.NewGuid().ToString("N")[..12]}");

    // These tests restart servers under the same connection string; a pool would hand out dead connections.
    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private static int PostmasterPid(LocalPostgresCluster cluster) =>
        int.Parse(File.ReadLines(Path.Combine(cluster.DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(LocalPostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(Unpooled(cluster.ConnectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
