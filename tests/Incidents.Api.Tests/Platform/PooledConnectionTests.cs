using System.Net;
using Incidents.Api.Configuration;
using Incidents.Api.Infrastructure.Marten;
using Incidents.Api.PeopleDirectory.Searching;
using Incidents.Api.Tests.PeopleDirectory;
using Incidents.Api.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Incidents.Api.Tests.Platform;

/// <summary>
/// A statement that fails on the run that auto-prepares it (the second on a connection) must not leave that pooled
/// connection out of step with the server: before the fix, the next valid search on it failed with Npgsql's "Received
/// unexpected backend message DataRow", on whoever's request was given the connection next.
/// </summary>
[Collection(DirectoryCollection.Name)]
public sealed class PooledConnectionTests(DirectoryHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task A_valid_search_on_the_pooled_connection_a_refused_search_failed_on_finds_what_it_should()
    {
        var push = await _concerns.Post(People.Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[] { DirectoryTests.Learner("POOL-L1", "Anna", "Poolside"), DirectoryTests.Learner("POOL-L2", "Annabel", "Poolside") },
        });
        push.StatusCode.Should().Be(HttpStatusCode.OK, await push.Content.ReadAsStringAsync());

        // The service's own store configuration, on a pool of one connection, so every search below shares it.
        var school = api.Host.Services.GetRequiredService<SchoolOptions>();
        using var store = DocumentStore.For(opts => MartenSetup.Configure(opts, api.ConnectionString + ";Maximum Pool Size=1", school, applySchemaOnStart: false));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        async Task<IReadOnlyList<DirectoryMatch>> Search(string text)
        {
            await using var session = store.QuerySession();
            return await DirectorySearch.FindAsync(session, text, null, 20, today);
        }

        (await Search("poolside ann")).Should().HaveCount(2);
        var refused = async () => await Search("poolside ann\0"); // the run that prepares the statement, refused by PostgreSQL at bind
        (await refused.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("0x00");

        (await Search("poolside ann")).Select(p => p.MisRef).Should().Equal("POOL-L1", "POOL-L2");
        (await Search("poolside ann")).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_statement_failing_while_it_runs_leaves_the_connection_answering_the_same_statement_after()
    {
        var school = api.Host.Services.GetRequiredService<SchoolOptions>();
        using var store = DocumentStore.For(opts => MartenSetup.Configure(opts, api.ConnectionString + ";Maximum Pool Size=1", school, applySchemaOnStart: false));

        async Task<IReadOnlyList<int>> Divide(int by)
        {
            await using var session = store.QuerySession();
            return await session.QueryAsync<int>("select 12 / ? from generate_series(1, 3)", by);
        }

        (await Divide(4)).Should().Equal(3, 3, 3);
        var failing = async () => await Divide(0); // the run that prepares it fails as it executes
        (await failing.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("division by zero");

        (await Divide(6)).Should().Equal(2, 2, 2);
    }
}
