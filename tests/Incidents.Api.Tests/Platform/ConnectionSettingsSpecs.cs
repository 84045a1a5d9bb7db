using Incidents.Api.Infrastructure.Marten;
using Npgsql;

namespace Incidents.Api.Tests.Platform;

/// <summary>The event store prepares its statements unless the operator's connection string says otherwise.</summary>
public sealed class ConnectionSettingsSpecs
{
    [Fact]
    public void Statements_are_prepared_after_their_second_use_by_default()
    {
        var settings = new NpgsqlConnectionStringBuilder(MartenSetup.WithPreparedStatements("Host=db;Database=incidents;Username=app"));

        settings.MaxAutoPrepare.Should().Be(100);
        settings.AutoPrepareMinUsages.Should().Be(2);
        settings.Host.Should().Be("db");
        settings.Database.Should().Be("incidents");
    }

    [Fact]
    public void A_connection_string_that_sets_preparation_keeps_its_own_value()
    {
        var settings = new NpgsqlConnectionStringBuilder(MartenSetup.WithPreparedStatements("Host=db;Max Auto Prepare=0"));
        var onlyMinUsages = new NpgsqlConnectionStringBuilder(MartenSetup.WithPreparedStatements("Host=db;Auto Prepare Min Usages=5"));

        settings.MaxAutoPrepare.Should().Be(0);
        onlyMinUsages.MaxAutoPrepare.Should().Be(100, "setting how soon to prepare does not turn preparing off");
        onlyMinUsages.AutoPrepareMinUsages.Should().Be(5);
    }
}
