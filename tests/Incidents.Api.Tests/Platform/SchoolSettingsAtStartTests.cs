using Incidents.Api.Tests.Infrastructure;
using Incidents.Api.Tests.Reliability;

namespace Incidents.Api.Tests.Platform;

/// <summary>
/// The settings the policy depends on are checked before a node serves anything: without the headteacher's reference
/// an allegation about the headteacher would be managed by the headteacher, who may not act on it, so nobody could
/// (issue 17, fault 10). The node stops, names the setting and tells its supervisor it failed.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class SchoolSettingsAtStartTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly List<ApiNode> _nodes = [];

    [Theory]
    [InlineData("School:HeadteacherMisRef", null)]
    [InlineData("School:HeadteacherMisRef", " ")]
    [InlineData("School:ChairOfGovernorsMisRef", null)]
    [InlineData("School:ChairOfGovernorsMisRef", "STAFF-HEAD-1")] // the same person as the headteacher
    [InlineData("School:DesignatedSafeguardingLead", "")]
    [InlineData("School:Name", "")]
    public async Task A_production_node_missing_a_setting_the_policy_depends_on_does_not_start_and_names_it(string setting, string? value)
    {
        var environment = ProductionSchemaTests.ProductionEnvironment(await PostgresServer.CreateDatabaseAsync("settings"));
        var variable = setting.Replace(":", "__", StringComparison.Ordinal);
        if (value is null)
        {
            environment.Remove(variable); // appsettings.json leaves it null: the production default
        }
        else
        {
            environment[variable] = value;
        }

        var node = new ApiNode($"without {setting}", ApiNode.FreePort(), environment);
        _nodes.Add(node);
        node.StartAsDeployed();

        (await node.WaitForExitAsync(Timeout)).Should().NotBe(0, "a node that could not start must say so to its supervisor:\n{0}", node.Output);
        node.Output.Should().Contain(setting, "the operator is told which setting to fix");
        node.Output.Should().NotContain("Now listening on", "it never served a request");
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }
}
