using Incidents.Api.Tests.Infrastructure;
using Incidents.Api.Tests.Reliability;
using Npgsql;

namespace Incidents.Api.Tests.Platform;

/// <summary>
/// Production changes no schema on start (the service's database role needs no right to alter it): a node on a
/// database nobody prepared stops at once, with a failing exit code for its supervisor, instead of answering every
/// request with an error. <c>db-apply</c> creates everything, the event store's tables and Wolverine's.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ProductionSchemaTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly List<ApiNode> _processes = [];

    [Fact]
    public async Task A_production_node_creates_no_table_and_stops_on_an_unprepared_database_and_starts_once_db_apply_has_prepared_it()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("production");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Incidents"] = connectionString,
            ["Authentication__Authority"] = "https://login.example.org",
            ["Authentication__Audience"] = "incidents",
            ["Wolverine__TypeLoadMode"] = "Auto", // a test build has no pre-generated code
        };

        // Started with --urls (ASP.NET's flag, which JasperFx hands straight to the host, answering 0 whatever happens:
        // Program.cs turns a failed start into 1) and as deploy/Dockerfile starts it (no arguments, the address in
        // ASPNETCORE_URLS: JasperFx's own run, which answers 1 itself): two ways through JasperFx's command line.
        foreach (var deployed in new[] { false, true })
        {
            var unprepared = Process(deployed ? "unprepared, as deployed" : "unprepared, --urls", environment);
            if (deployed)
            {
                unprepared.StartAsDeployed();
            }
            else
            {
                unprepared.Start();
            }

            (await unprepared.WaitForExitAsync(Timeout)).Should().Be(1, "a node that could not start must say so to its supervisor:\n{0}", unprepared.Output);
            unprepared.Output.Should().Contain("42P01", "the cause: a table that does not exist").And.NotContain("Unhandled exception");
            (await TablesAsync(connectionString)).Should().BeEmpty("a production node creates nothing:\n{0}", unprepared.Output);
        }

        var apply = Process("db-apply", environment);
        apply.Start("db-apply");
        (await apply.WaitForExitAsync(Timeout)).Should().Be(0, apply.Output);
        var prepared = await TablesAsync(connectionString);
        prepared.Should().Contain(["incidents.mt_events", "incidents.mt_streams", "incidents.mt_doc_concern", "incidents.mt_doc_casesummary"]);
        prepared.Should().Contain(t => t.EndsWith(".wolverine_nodes", StringComparison.Ordinal), "Wolverine's tables are db-apply's too");

        var node = Process("prepared", environment);
        node.StartAsDeployed();
        await node.WaitUntilReadyAsync(Timeout); // answers /health/ready and has joined the cluster as a Wolverine node
        (await TablesAsync(connectionString)).Should().BeEquivalentTo(prepared);

        (await node.TerminateAsync(Timeout)).Should().Be(0, "a node stopped by its supervisor shuts down cleanly:\n{0}", node.Output);
        node.Output.Should().NotContain("Unhandled exception");
    }

    private ApiNode Process(string name, IReadOnlyDictionary<string, string> environment)
    {
        var process = new ApiNode(name, ApiNode.FreePort(), environment);
        _processes.Add(process);
        return process;
    }

    private static async Task<List<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select table_schema || '.' || table_name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
            connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
    }
}
