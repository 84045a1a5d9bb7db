using System.Collections.Concurrent;
using Incidents.Api.Tests.Reliability;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Concerns;
using Incidents.Projections.Governors;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>
/// A governors' sum that would go below zero is refused, and the event store retries the page instead of skipping its
/// events, on a host that supervises projections as production does. The sums are deleted by hand to cause it.
/// </summary>
[Collection(BalancedCollection.Name)]
public sealed class GovernorSumRefusalTests(BalancedHost api, ITestOutputHelper output)
{
    private const string GovernorShard = GovernorReportProjection.Name + ":All";
    private const string CaseSummaryShard = "CaseSummary:All";

    // The health check restarts a paused shard after 1 s, then 2, 4, 8 s... (doubling): a few retries fit well within.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task A_refused_page_is_retried_until_the_sums_are_put_right_and_its_events_are_then_counted_never_skipped()
    {
        var when = DateTimeOffset.UtcNow.AddMinutes(-5);
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("personal-account-contact", Subject("S-SUM-1", "staff-member", "other")));
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "no-further-action", rationale = "Parent apologised", occurredAt = when });
        await api.ProjectionsCaughtUp();

        var store = api.Host.Services.GetRequiredService<IDocumentStore>();
        var checks = new EventStoreChecks(api.ConnectionString);
        var refusals = new ConcurrentQueue<ShardState>();
        using var watching = api.Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase().Tracker
            .Subscribe(new Watcher(state =>
            {
                if (state.ShardName == GovernorShard && state.Action == ShardAction.Paused)
                {
                    refusals.Enqueue(state);
                }
            }));

        // Sums edited outside the projection: the month and the day this case is counted under are gone.
        string[] sumIds;
        List<GovernorRollUp> rightSums;
        await using (var session = store.LightweightSession())
        {
            var countedOn = (await session.LoadAsync<GovernorCaseFacts>(id))!.CountedOn!.Value;
            sumIds = [GovernorRollUp.MonthId(countedOn), GovernorRollUp.DayId(countedOn)];
            rightSums = [.. await session.LoadManyAsync<GovernorRollUp>(sumIds)];
            rightSums.Should().HaveCount(2).And.OnlyContain(s => s.Tally.Outcomes.GetValueOrDefault(GovernorTally.Open) == 1);
            foreach (var sum in rightSums)
            {
                session.Delete(sum);
            }

            await session.SaveChangesAsync();
        }

        // Closing moves the case out of "open", which the emptied sums never had: the page is refused. (A first triage
        // could not show this: it only adds to the sums.)
        await _concerns.Command(People.Dsl, id, "close", new { rationale = "No further action", occurredAt = when });
        var closedAt = await checks.MaxEventSequenceAsync();

        // The case summaries get past the close while the governors' projection is refused, paused and restarted, and
        // refused again: a second refusal is the daemon retrying the same page, not moving on.
        Dictionary<string, long> progress = [];
        await Scenario.Until(async () =>
        {
            progress = await checks.ProgressAsync();
            return refusals.Count >= 2 && progress.GetValueOrDefault(CaseSummaryShard) >= closedAt;
        }, Timeout, () => $"two refusals and case summaries at {closedAt}: {refusals.Count} refusals, progress {string.Join(", ", progress)}");

        (await checks.ProgressAsync())[GovernorShard].Should().BeLessThan(closedAt, "a refused page is rolled back, never passed over");
        refusals.Should().OnlyContain(r => r.Failure != null && r.Failure.IsTransient
            && r.Failure.RootExceptionType == typeof(GovernorSumRefusedException).FullName && r.Failure.Message.Contains("would go below zero"));
        (await DeadLetters(store)).Should().BeEmpty("a skipped event would be recorded as a dead letter");

        // Put right, the next retry applies the page: the sums count the case as closed.
        var refused = refusals.Count;
        await using (var session = store.LightweightSession())
        {
            session.Store(rightSums.ToArray());
            await session.SaveChangesAsync();
        }

        var recovery = await Scenario.Until(async () => (await checks.ProgressAsync()).GetValueOrDefault(GovernorShard) >= closedAt, Timeout,
            () => $"{GovernorShard} at {closedAt} after the sums were put right ({refusals.Count} refusals)");
        output.WriteLine($"Refused {refused} times before the sums were put right; caught up {recovery.TotalSeconds:0.0} s after.");

        await using (var query = store.QuerySession())
        {
            var sums = await query.LoadManyAsync<GovernorRollUp>(sumIds);
            sums.Should().HaveCount(2).And.OnlyContain(s => s.Tally.Raised == 1
                && s.Tally.Outcomes.Count == 1 && s.Tally.Outcomes.GetValueOrDefault(GovernorTally.OutcomeName(ClosureOutcome.NoFurtherAction)) == 1
                && s.Tally.TenthsOfDaysToClose.Values.Sum() == 1);
        }

        (await DeadLetters(store)).Should().BeEmpty();
    }

    private static async Task<IReadOnlyList<DeadLetterEvent>> DeadLetters(IDocumentStore store)
    {
        await using var query = store.QuerySession();
        return await query.Query<DeadLetterEvent>().ToListAsync();
    }

    private sealed class Watcher(Action<ShardState> onState) : IObserver<ShardState>
    {
        public void OnNext(ShardState value) => onState(value);

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
