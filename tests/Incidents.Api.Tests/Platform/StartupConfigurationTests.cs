using Incidents.Api.Tests.Reliability;

namespace Incidents.Api.Tests.Platform;

/// <summary>
/// A node started with a setting missing or wrong says which one, in a line or two, and exits 1 for its supervisor:
/// no stack trace, no crash (134), and outside Development never a PostgreSQL cluster of its own.
/// </summary>
public sealed class StartupConfigurationTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly List<ApiNode> _nodes = [];

    /// <summary>The school's required people (SchoolSettingsAtStartTests covers them missing), so a later mistake is the one named.</summary>
    private static readonly string[] School = ["School__HeadteacherMisRef=staff-head-1", "School__ChairOfGovernorsMisRef=gov-chair-1"];

    public static TheoryData<string, string[], string> Mistakes => new()
    {
        { "Production", [], "ConnectionStrings__Incidents" },
        { "Staging", [], "ConnectionStrings__Incidents" },
        { "Production", ["ConnectionStrings__Incidents=Host=127.0.0.1;Port=1", .. School], "Authentication__Authority" },
        {
            "Production", ["ConnectionStrings__Incidents=Host=127.0.0.1;Port=1", "Authentication__Authority=https://login.example.org",
                "School__OpenedOn=soon"], "'School:OpenedOn'"
        },
        {
            "Production", ["ConnectionStrings__Incidents=Host=127.0.0.1;Port=1", "Authentication__Authority=https://login.example.org",
                "Hardening__MaxConcurrentRequests=0", .. School], "Hardening:MaxConcurrentRequests must be at least 1."
        },
        {
            "Production", ["ConnectionStrings__Incidents=Host=127.0.0.1;Port=1", "Authentication__Authority=https://login.example.org",
                "Web__OpenIdConnect__Authority=https://login.example.org", .. School], "Web:OpenIdConnect:ClientId is required."
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_node_missing_a_setting_names_it_and_exits_1(string environment, string[] settings, string named)
    {
        var variables = settings.Select(s => s.Split('=', 2)).ToDictionary(s => s[0], s => s[1]);
        variables["ASPNETCORE_ENVIRONMENT"] = environment;
        var node = new ApiNode($"{environment} missing a setting", ApiNode.FreePort(), variables);
        _nodes.Add(node);

        node.StartAsDeployed();

        (await node.WaitForExitAsync(Timeout)).Should().Be(1, node.Output);
        var lines = node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("====", StringComparison.Ordinal)).ToList();
        lines.Should().ContainSingle("one line says what to set:\n{0}", node.Output).Which.Should().Contain(named);
        node.Output.Should().NotContain("initdb").And.NotContain("LocalPostgres", "only Development may start a cluster");
    }

    [Fact]
    public void The_service_assembly_carries_no_PostgreSQL_launcher() =>
        typeof(Program).Assembly.GetTypes().Select(t => t.Name).Should().NotContain(["LocalPostgresCluster", "DevelopmentDatabase"],
            "development tooling lives in tools/Incidents.DevTools, which the Release build does not reference");

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }
}
