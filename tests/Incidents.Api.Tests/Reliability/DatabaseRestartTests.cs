using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.DevTools;
using Xunit.Abstractions;

namespace Incidents.Api.Tests.Reliability;

/// <summary>
/// Issue #6: PostgreSQL restarted under load. The API answers 503 ProblemDetails with Retry-After (never 500) while the
/// database is down, reports not-ready, recovers by itself, and every acknowledged raise is there afterwards.
/// Runs on a PostgreSQL cluster of its own: the shared test server must stay up for the other tests.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class DatabaseRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string UnavailableProblem = "https://incidents.example/problems/unavailable";
    private LocalPostgresCluster? _cluster;
    private readonly List<ApiNode> _nodes = [];

    public async Task InitializeAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"incidents-pg-restart-{Guid.NewGuid().ToString("N")[..12]}");
        _cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(dataDirectory, Persistent: false));
        for (var i = 1; i <= (int)Scenario.Setting("DB_NODES", 1); i++)
        {
            _nodes.Add(new ApiNode($"node{i}", ApiNode.FreePort(), NodeFailureTests.NodeEnvironment(_cluster.ConnectionString, "Balanced")));
        }
    }

    [Fact]
    public async Task While_PostgreSQL_restarts_under_load_every_answer_is_503_never_500_and_nothing_acknowledged_is_lost()
    {
        await Scenario.RunAsync(output, "database restart", _nodes, Run);
    }

    private async Task Run(Scenario scenario)
    {
        var downFor = TimeSpan.FromSeconds(Scenario.Setting("DB_DOWN_FOR", 3));
        var timeout = TimeSpan.FromSeconds(60);
        _nodes[0].Start();
        await _nodes[0].WaitUntilReadyAsync(timeout);
        _nodes.Skip(1).ToList().ForEach(n => n.Start());
        await Task.WhenAll(_nodes.Skip(1).Select(n => n.WaitUntilReadyAsync(timeout)));
        var token = Tokens.Create(ApiNode.DevelopmentTokens(), People.Dsl);
        using var http = new HttpClient { BaseAddress = _nodes[0].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var load = new Load(_nodes.Select(n => n.BaseAddress).ToList(), token, notes: false);
        await load.WarmUpAsync();
        var concern = load.AcknowledgedRaises.Values.First();
        using var stopLoad = new CancellationTokenSource();
        var running = load.RunAsync((int)Scenario.Setting("DB_CLIENTS", 2), stopLoad.Token);
        await Scenario.Until(() => load.AcknowledgedRaises.Count >= 10, timeout, () => "load acknowledged fewer than 10 raises");

        // A service restart: fast shutdown disconnects every session (mid-transaction ones too) and flushes what was committed.
        var store = new EventStoreChecks(_cluster!.ConnectionString);
        var agentsBefore = new Dictionary<string, Guid>();
        await Scenario.Until(async () => (agentsBefore = await store.ProjectionAgentsAsync()).Count == EventStoreChecks.AsyncProjections.Length,
            timeout, () => "the projection agents were not all running before the stop");
        var stoppedAt = load.Elapsed;
        await _cluster!.StopAsync("fast");
        var acknowledgedBeforeStop = load.AcknowledgedRaises.Count;
        scenario.Report($"t={stoppedAt.TotalSeconds:0.0}s PostgreSQL stopped (fast shutdown) under {_nodes.Count} node(s) with {acknowledgedBeforeStop} raises acknowledged; " +
                        $"agents on {string.Join(", ", _nodes.Select(n => $"{n.Name}={agentsBefore.Values.Count(id => id == n.NodeId)}"))}");

        var notReady = await Scenario.Until(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
            timeout, () => "/health/ready stayed healthy");
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, $"/api/concerns/{concern}", null),
                     (HttpMethod.Get, "/api/queue", null),
                     (HttpMethod.Get, "/api/concerns", null), // refused to a DSL, and the refusal cannot be recorded either
                     (HttpMethod.Post, $"/api/concerns/{concern}/notes", new { note = "while down", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) }),
                 })
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (path == "/api/concerns")
            {
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, text);
                continue;
            }

            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, $"{method} {path}: {text}");
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
            response.Headers.RetryAfter.Should().NotBeNull();
            JsonNode.Parse(text)!["type"]!.GetValue<string>().Should().Be(UnavailableProblem);
        }

        await Scenario.Until(() => load.Elapsed - stoppedAt >= downFor && load.Outcomes.Count(o => o.At > stoppedAt && o.Status == 503) >= 3,
            timeout, () => "the load saw fewer than three 503s");
        var restartedAt = load.Elapsed;
        await _cluster!.StartAgainAsync();
        scenario.Report($"/health/ready answered 503 {notReady.TotalSeconds:0.0} s after the stop; t={restartedAt.TotalSeconds:0.0}s PostgreSQL started again");

        var ready = await Scenario.Until(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            timeout, () => "/health/ready did not recover");
        await Task.WhenAll(_nodes.Select(n => n.WaitUntilReadyAsync(timeout)));
        var backAt = load.Elapsed;
        var served = await Scenario.Until(() => load.Outcomes.Any(o => o.At > backAt && o.Status == 201), timeout, () => "no raise succeeded after the restart");
        await stopLoad.CancelAsync();
        await running;
        (await http.GetAsync($"/api/concerns/{concern}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var outcomes = load.Outcomes.ToList();
        var whileDown = outcomes.Where(o => o.At > stoppedAt && o.At < restartedAt).ToList();
        scenario.Report($"ready again {ready.TotalSeconds:0.0} s after PostgreSQL started; first raise acknowledged {served.TotalSeconds:0.0} s after that");
        scenario.Report($"{load.Requests} requests, {load.Retries} retries; answers: " +
                        string.Join(", ", outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}")) +
                        $"; sent while down: {whileDown.Count}, of which 503: {whileDown.Count(o => o.Status == 503)}");

        outcomes.Should().NotContain(o => o.Status == 500, "an unreachable database is a 503, never a 500");
        outcomes.Should().OnlyContain(o => o.Status == 201 || o.Status == 503, "raises either succeed or are refused as unavailable");
        outcomes.Where(o => o.Status == 503).Should().OnlyContain(
            o => o.Problem == UnavailableProblem && o.ContentType == "application/problem+json" && o.RetryAfter, "a 503 is a ProblemDetails with Retry-After");
        whileDown.Should().Contain(o => o.Status == 503);
        load.UnacknowledgedRaises.Should().BeEmpty("every raise succeeds once the database is back");

        var records = (await store.QueryAsync("select id, (data->>'concernId')::uuid from incidents.mt_doc_idempotencyrecord", r => (Id: r.GetString(0), Concern: r.GetGuid(1))))
            .ToDictionary(r => r.Id, r => r.Concern);
        var raised = (await store.QueryAsync("select stream_id from incidents.mt_events where type = 'concern_raised'", r => r.GetGuid(0))).ToList();
        foreach (var (key, id) in load.AcknowledgedRaises)
        {
            records.Should().ContainKey($"{People.Dsl.Id}|{key}").WhoseValue.Should().Be(id);
        }

        raised.Should().OnlyHaveUniqueItems().And.HaveCount(load.AcknowledgedRaises.Count, "every acknowledged raise is stored, once, and nothing else");
        raised.Should().BeEquivalentTo(load.AcknowledgedRaises.Values);

        // The async projections, whose shards failed while the database was away, resume by themselves too.
        var caughtUp = await store.WaitForProjectionsToCatchUpAsync(timeout);
        var agents = await store.ProjectionAgentsAsync();
        var registered = await store.ScalarAsync("select count(*) from incidents.wolverine_nodes");
        (await store.ScalarAsync("select count(*) from incidents.mt_doc_casesummary")).Should().Be(load.AcknowledgedRaises.Count);
        scenario.Report($"async projections caught up with every event {caughtUp.TotalSeconds:0.0} s after the load stopped; " +
                        $"agents on {string.Join(", ", _nodes.Select(n => $"{n.Name}={agents.Values.Count(id => id == n.NodeId)}"))}; {registered} node(s) registered");
        scenario.Report($"store: all {load.AcknowledgedRaises.Count} acknowledged raises present exactly once ({acknowledgedBeforeStop} acknowledged before the stop); none lost, none duplicated");
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
