using System.Text.Json;
using Incidents.Api.Tests.Support;
using Incidents.Projections.Cases;
using Incidents.Projections.Governors;
using Incidents.Projections.People;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>Read models are disposable: drop one, rebuild it from the events, and it is as it was.</summary>
[Collection(ReadModelCollection.Name)]
public sealed class ProjectionRebuildTests(ReadModelHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task Every_async_projection_rebuilt_from_the_events_matches_what_the_daemon_built()
    {
        var when = DateTimeOffset.UtcNow.AddMinutes(-5);
        var a = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("R-1"), Subject("R-2", involvement: "alleged")));
        var b = await _concerns.Raise(People.Teacher, RaiseRequest("personal-account-contact", Subject("S-R-3", "staff-member", "other")));
        await _concerns.Command(People.Dsl, a, "triage", new { risk = "medium", decision = "investigate", rationale = "Repeated", occurredAt = when });
        await _concerns.Command(People.Dsl, a, "escalations", new { question = "Advice please", occurredAt = when });
        await _concerns.Command(People.Dsl, b, "triage", new { risk = "low", decision = "no-further-action", rationale = "Parent apologised", occurredAt = when });
        await _concerns.Command(People.Dsl, b, "close", new { rationale = "No further action", occurredAt = when });
        await api.ProjectionsCaughtUp();

        var store = api.Host.Services.GetRequiredService<IDocumentStore>();
        var before = await Snapshot(store);
        before.CaseSummaries.Should().Contain(s => s.Contains(a.ToString())).And.Contain(s => s.Contains(b.ToString()));
        before.PersonCases.Should().NotBeEmpty();
        before.GovernorFacts.Should().NotBeEmpty();
        before.GovernorRollUps.Should().NotBeEmpty();
        var queueBefore = (await Json(await _concerns.Get(People.Dsl, "/api/queue?limit=200"))).ToJsonString();

        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(CaseSummary));
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(PersonCases));
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(GovernorCaseFacts));
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(GovernorRollUp));
        (await Snapshot(store)).CaseSummaries.Should().BeEmpty();

        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            foreach (var projection in new[] { nameof(CaseSummary), nameof(PersonCases), GovernorReportProjection.Name })
            {
                await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(1), CancellationToken.None);
            }
        }

        var after = await Snapshot(store);
        after.CaseSummaries.Should().Equal(before.CaseSummaries);
        after.PersonCases.Should().Equal(before.PersonCases);
        after.GovernorFacts.Should().Equal(before.GovernorFacts);

        // Counts that fell to zero and came back may sit in another order in a dictionary: compare contents.
        after.GovernorRollUps.Should().BeEquivalentTo(before.GovernorRollUps);
        (await Json(await _concerns.Get(People.Dsl, "/api/queue?limit=200"))).ToJsonString().Should().Be(queueBefore);
    }

    private static async Task<(List<string> CaseSummaries, List<string> PersonCases, List<string> GovernorFacts, List<GovernorRollUp> GovernorRollUps)> Snapshot(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return (
            (await session.Query<CaseSummary>().OrderBy(x => x.Id).ToListAsync()).Select(Serialize).ToList(),
            (await session.Query<PersonCases>().OrderBy(x => x.Id).ToListAsync()).Select(Serialize).ToList(),
            (await session.Query<GovernorCaseFacts>().OrderBy(x => x.Id).ToListAsync()).Select(Serialize).ToList(),
            (await session.Query<GovernorRollUp>().OrderBy(x => x.Id).ToListAsync()).ToList());
    }

    private static string Serialize<T>(T document) => JsonSerializer.Serialize(document);
}
