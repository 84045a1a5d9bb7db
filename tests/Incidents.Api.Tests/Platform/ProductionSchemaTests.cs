using Incidents.Api.Tests.Infrastructure;
using Incidents.Api.Tests.Reliability;
using Incidents.Api.Tests.Support;
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
        var database = new EventStoreChecks(connectionString);
        var environment = ProductionEnvironment(connectionString);

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
            (await TablesAsync(database)).Should().BeEmpty("a production node creates nothing:\n{0}", unprepared.Output);
        }

        var apply = Process("db-apply", environment);
        apply.Start("db-apply");
        (await apply.WaitForExitAsync(Timeout)).Should().Be(0, apply.Output);
        var prepared = await TablesAsync(database);
        prepared.Should().Contain(["incidents.mt_events", "incidents.mt_streams", "incidents.mt_doc_concern", "incidents.mt_doc_casesummary"]);
        prepared.Should().Contain(t => t.EndsWith(".wolverine_nodes", StringComparison.Ordinal), "Wolverine's tables are db-apply's too");

        // The node runs as a role that may read and write the tables but not change the schema (README, "Schema").
        var role = $"incidents_service_{Guid.NewGuid():N}"[..30];
        await ExecuteAsync(connectionString, $"""
            create role {role} login password 'service';
            grant connect on database "{new NpgsqlConnectionStringBuilder(connectionString).Database}" to {role};
            grant usage on schema incidents to {role};
            grant select, insert, update, delete on all tables in schema incidents to {role};
            grant usage, select, update on all sequences in schema incidents to {role};
            grant execute on all functions in schema incidents to {role};
            """);
        var serviceConnection = new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = "service" }.ConnectionString;
        var node = Process("prepared", new Dictionary<string, string>(environment) { ["ConnectionStrings__Incidents"] = serviceConnection });
        try
        {
            (await database.ScalarAsync($"select (has_schema_privilege('{role}', 'incidents', 'CREATE') or has_database_privilege('{role}', current_database(), 'CREATE'))::int"))
                .Should().Be(0, "the service's role may not change the schema");
            node.StartAsDeployed();
            await node.WaitUntilReadyAsync(Timeout); // answers /health/ready and has joined the cluster as a Wolverine node
            (await database.ScalarAsync("select count(*) from incidents.wolverine_nodes where id = $1", node.NodeId!.Value)).Should().Be(1, "the node registered itself");
            (await TablesAsync(database)).Should().BeEquivalentTo(prepared);

            (await node.TerminateAsync(Timeout)).Should().Be(0, "a node stopped by its supervisor shuts down cleanly:\n{0}", node.Output);
            node.Output.Should().NotContain("Unhandled exception").And.NotContain("42501", "no permission was missing (insufficient_privilege)");

            // Commands and the async projections as that role too: production's tokens come from an identity provider,
            // so this node takes the development key instead (Development, with the schema already in place).
            var serving = Process("commands as the service role", new Dictionary<string, string>(NodeFailureTests.NodeEnvironment(connectionString, "Solo"))
            {
                ["ConnectionStrings__Incidents"] = serviceConnection,
            });
            serving.Start();
            await serving.WaitUntilReadyAsync(Timeout);
            var load = new Load([serving.BaseAddress], Tokens.Create(ApiNode.DevelopmentTokens(), People.Dsl));
            await load.WarmUpAsync(); // a raise and a note
            load.AcknowledgedRaises.Should().ContainSingle(serving.Output);
            await Scenario.Until(async () => await database.ScalarAsync("select count(*) from incidents.mt_doc_casesummary") == 1,
                Timeout, () => $"the work queue's projection never showed the case:\n{serving.Output}");
            (await TablesAsync(database)).Should().BeEquivalentTo(prepared);
            serving.Output.Should().NotContain("42501", "no permission was missing (insufficient_privilege)");
        }
        finally
        {
            foreach (var process in _processes)
            {
                process.Kill();
            }

            await ExecuteAsync(connectionString, $"drop owned by {role}; drop role {role};");
        }
    }

    /// <summary>What a production node is given: an identity provider, the school's people, no development settings.</summary>
    public static Dictionary<string, string> ProductionEnvironment(string connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Incidents"] = connectionString,
        ["Authentication__Authority"] = "https://login.example.org",
        ["Authentication__Audience"] = "incidents",
        ["School__HeadteacherMisRef"] = ApiHost.HeadteacherMisRef,
        ["School__ChairOfGovernorsMisRef"] = ApiHost.ChairOfGovernorsMisRef,
        ["Wolverine__TypeLoadMode"] = "Auto", // a test build has no pre-generated code
    };

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private ApiNode Process(string name, IReadOnlyDictionary<string, string> environment)
    {
        var process = new ApiNode(name, ApiNode.FreePort(), environment);
        _processes.Add(process);
        return process;
    }

    private static Task<List<string>> TablesAsync(EventStoreChecks database) => database.QueryAsync(
        "select table_schema || '.' || table_name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
        r => r.GetString(0));

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
    }
}
