using Incidents.Api.Tests.Infrastructure;
using Incidents.Api.Tests.Support;
using Xunit.Abstractions;

namespace Incidents.Api.Tests.Reliability;

[CollectionDefinition(Name)]
public sealed class ReliabilityCollection
{
    public const string Name = "reliability";
}

/// <summary>
/// Issue #6: three real API processes on one database, load spread over them, the node running projection work
/// killed with SIGKILL mid-load and started again. Scaled down here; <c>deploy/multinode.sh</c> runs it full size.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class NodeFailureTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<ApiNode> _nodes = [];

    [Fact]
    public async Task A_node_killed_under_load_loses_nothing_duplicates_nothing_and_its_projection_work_moves_to_the_survivors()
    {
        await Scenario.RunAsync(output, "node failure", _nodes, Run);
    }

    private async Task Run(Scenario scenario)
    {
        var clients = (int)Scenario.Setting("CLIENTS", 4);
        var killAt = TimeSpan.FromSeconds(Scenario.Setting("KILL_AT", 3));
        var restartAt = TimeSpan.FromSeconds(Scenario.Setting("RESTART_AT", 0)); // 0: as soon as failover is seen
        var loadAfterRestart = TimeSpan.FromSeconds(Scenario.Setting("AFTER_RESTART", 3));
        var duration = TimeSpan.FromSeconds(Scenario.Setting("DURATION", 0)); // 0: restart + AFTER_RESTART
        var timeout = TimeSpan.FromSeconds(60);

        var connectionString = await PostgresServer.CreateDatabaseAsync("nodes");
        var store = new EventStoreChecks(connectionString);
        var environment = NodeEnvironment(connectionString, "Balanced");
        for (var i = 1; i <= 3; i++)
        {
            _nodes.Add(new ApiNode($"node{i}", ApiNode.FreePort(), environment));
        }

        // The first node applies the schema; then the other two join the cluster.
        _nodes[0].Start();
        await _nodes[0].WaitUntilReadyAsync(timeout);
        _nodes[1].Start();
        _nodes[2].Start();
        await Task.WhenAll(_nodes.Skip(1).Select(n => n.WaitUntilReadyAsync(timeout)));
        var agents = new Dictionary<string, Guid>();
        var assigned = await Scenario.Until(async () => (agents = await store.ProjectionAgentsAsync()).Count == EventStoreChecks.AsyncProjections.Length,
            timeout, () => $"projection agents assigned: {string.Join(", ", agents)}");
        scenario.Report($"3 nodes ready; {agents.Count} projection agents assigned {assigned.TotalSeconds:0.0} s later over {agents.Values.Distinct().Count()} node(s)");

        var token = Tokens.Create(ApiNode.DevelopmentTokens(), People.Dsl);
        var load = new Load(_nodes.Select(n => n.BaseAddress).ToList(), token);
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        await load.WarmUpAsync();
        scenario.Report($"warm-up (first raise and note on each node) took {warmUp.Elapsed.TotalSeconds:0.0} s");
        using var stopLoad = new CancellationTokenSource();
        var running = load.RunAsync(clients, stopLoad.Token);

        await Scenario.Until(() => load.Elapsed >= killAt && !load.AcknowledgedRaises.IsEmpty, timeout, () => "load acknowledged nothing");

        // The victim: the node running the most projection agents (the leader on a tie).
        agents = await store.ProjectionAgentsAsync();
        var leader = await store.LeaderAsync();
        var victim = _nodes.OrderByDescending(n => agents.Values.Count(id => id == n.NodeId)).ThenByDescending(n => n.NodeId == leader).First();
        var victimId = victim.NodeId!.Value;
        var survivors = _nodes.Where(n => n != victim).Select(n => n.NodeId!.Value).ToHashSet();
        var victimAgents = agents.Where(a => a.Value == victimId).Select(a => a.Key).ToList();
        var eventsAtKill = await store.MaxEventSequenceAsync();
        victim.Kill();
        var killedAt = load.Elapsed;
        scenario.Report($"t={killedAt.TotalSeconds:0.0}s SIGKILL {victim.Name} ({victimId}; leader: {leader == victimId}; ran {victimAgents.Count} projection agent(s): {string.Join(", ", victimAgents.Select(ShortAgent))}); events so far {eventsAtKill}");

        // While it is down, its shards must be taken over by the survivors and keep processing new events.
        var movedAfter = await Scenario.Until(async () =>
            {
                agents = await store.ProjectionAgentsAsync();
                return agents.Count == EventStoreChecks.AsyncProjections.Length && agents.Values.All(survivors.Contains);
            },
            timeout, () => $"agents still not all on survivors: {string.Join(", ", agents)}");
        Dictionary<string, long> progress = [];
        var progressedAfter = await Scenario.Until(async () =>
            {
                progress = await store.ProgressAsync();
                return progress.Count == EventStoreChecks.AsyncProjections.Length && progress.Values.All(seq => seq > eventsAtKill);
            },
            timeout, () => $"projections did not pass event {eventsAtKill}: {string.Join(", ", progress)}");
        victim.IsRunning.Should().BeFalse("the projection work must have moved while the node was down");
        (await store.LeaderAsync()).Should().NotBe(victimId).And.NotBeNull("a survivor leads the cluster");
        scenario.Report($"agents all on survivors {movedAfter.TotalSeconds:0.0} s after the kill; every async projection past event {eventsAtKill} " +
                        $"{(movedAfter + progressedAfter).TotalSeconds:0.0} s after the kill ({string.Join(", ", progress.Select(p => $"{p.Key}={p.Value}"))})");

        await Scenario.Until(() => load.Elapsed >= restartAt, timeout + restartAt, () => "restart time");
        var startedAgainAt = load.Elapsed;
        victim.Start();
        await victim.WaitUntilReadyAsync(timeout);
        var restartedAt = load.Elapsed;
        scenario.Report($"t={startedAgainAt.TotalSeconds:0.0}s {victim.Name} started again, ready at t={restartedAt.TotalSeconds:0.0}s " +
                        $"(new node id {victim.NodeId}); it was out {(restartedAt - killedAt).TotalSeconds:0.0} s");

        var end = duration > TimeSpan.Zero ? duration : restartedAt + loadAfterRestart;
        await Scenario.Until(
            () => load.Elapsed >= end && load.Outcomes.Any(o => o.Node == victim.BaseAddress && o.At > restartedAt && o.Status is >= 200 and < 300),
            timeout + end, () => "the restarted node answered no command");
        await stopLoad.CancelAsync();
        await running;
        var caughtUp = await store.WaitForProjectionsToCatchUpAsync(timeout);
        agents = await store.ProjectionAgentsAsync();
        scenario.Report($"t={load.Elapsed.TotalSeconds:0.0}s load stopped; async projections at the high-water mark {caughtUp.TotalSeconds:0.0} s later; " +
                        $"agents now on {string.Join(", ", _nodes.Select(n => $"{n.Name}={agents.Values.Count(id => id == n.NodeId)}"))}");

        var outcomes = load.Outcomes.ToList();
        scenario.Report($"{load.Requests} requests from {clients} clients, {load.Retries} retries; answers: " +
                        string.Join(", ", outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{StatusName(g.Key)} x{g.Count()}")));
        scenario.Report($"acknowledged: {load.AcknowledgedRaises.Count} raises, {load.AcknowledgedNotes.Count} notes; " +
                        $"unacknowledged raises {load.UnacknowledgedRaises.Count}, notes of unknown outcome {load.UncertainNotes.Count}");
        outcomes.Should().NotContain(o => o.Status == 500, "no request may fail with an unexpected error");
        load.UnacknowledgedRaises.Should().BeEmpty("every raise succeeds on some node within a minute of retries");

        await AssertNothingLostOrDuplicated(store, load, scenario);

        // Stop the cluster, then rebuild every projection from the events: the daemon's documents must be the same.
        foreach (var node in _nodes)
        {
            node.Kill();
        }

        var built = await store.ProjectionDocumentsAsync();
        var rebuild = await Scenario.RunApiCommandAsync(NodeEnvironment(connectionString, "Solo"), "projections", "rebuild");
        rebuild.ExitCode.Should().Be(0, rebuild.Output);
        var rebuilt = await store.ProjectionDocumentsAsync();
        foreach (var table in EventStoreChecks.ProjectionTables)
        {
            rebuilt[table].Should().Equal(built[table], $"{table} rebuilt from the events must equal what the nodes built");
        }

        built["mt_doc_casesummary"].Should().HaveCount(load.AcknowledgedRaises.Count);
        scenario.Report($"fresh rebuild of {string.Join(", ", built.Select(t => $"{t.Key} ({t.Value.Count})"))}: identical to what the nodes built");
    }

    // Marten fills the sequence numbers a failed append drew (a raise that lost the race with its own retry) with
    // tombstone events, in a stream of its own per process: not a concern, and its version is not its event count.
    private const string ConcernStreams =
        "incidents.mt_streams s where not exists (select 1 from incidents.mt_events t where t.stream_id = s.id and t.type = 'tombstone')";

    private static async Task AssertNothingLostOrDuplicated(EventStoreChecks store, Load load, Scenario scenario)
    {
        var actor = People.Dsl.Id;
        var records = (await store.QueryAsync(
                "select id, (data->>'concernId')::uuid from incidents.mt_doc_idempotencyrecord where data->>'status' = '201'", r => (Id: r.GetString(0), Concern: r.GetGuid(1))))
            .ToDictionary(r => r.Id, r => r.Concern);
        var raisedPerStream = (await store.QueryAsync(
                "select stream_id, count(*) from incidents.mt_events where type = 'concern_raised' group by stream_id", r => (Stream: r.GetGuid(0), Count: r.GetInt64(1))))
            .ToDictionary(r => r.Stream, r => r.Count);
        var streams = await store.ScalarAsync($"select count(*) from {ConcernStreams}");
        var noteRecords = await store.ScalarAsync("select count(*) from incidents.mt_doc_idempotencyrecord where data->>'status' = '200'");
        noteRecords.Should().BeGreaterThanOrEqualTo(load.AcknowledgedNotes.Count, "every acknowledged note was sent with a key, recorded with it");

        foreach (var (key, concern) in load.AcknowledgedRaises)
        {
            records.Should().ContainKey($"{actor}|{key}").WhoseValue.Should().Be(concern, $"key {key} was answered with concern {concern}");
            raisedPerStream.Should().ContainKey(concern).WhoseValue.Should().Be(1, $"concern {concern} (key {key}) is raised exactly once");
        }

        var sentKeys = load.AcknowledgedRaises.Keys.Concat(load.UnacknowledgedRaises).Select(k => $"{actor}|{k}").ToHashSet();
        records.Keys.Should().OnlyContain(id => sentKeys.Contains(id), "every stored idempotency key was sent by a client");
        records.Values.Distinct().Should().HaveCount(records.Count, "no two keys share a concern");
        streams.Should().Be(records.Count, "every concern stream was started by exactly one keyed raise");
        raisedPerStream.Should().HaveCount(records.Count).And.OnlyContain(s => s.Value == 1);

        var notes = (await store.QueryAsync(
                "select data->>'note', count(*) from incidents.mt_events where type = 'chronology_note_added' group by 1", r => (Note: r.GetString(0), Count: r.GetInt64(1))))
            .ToDictionary(r => r.Note, r => r.Count);
        foreach (var note in load.AcknowledgedNotes)
        {
            notes.Should().ContainKey(note).WhoseValue.Should().Be(1, $"acknowledged note '{note}' is stored exactly once");
        }

        foreach (var note in load.UncertainNotes)
        {
            notes.GetValueOrDefault(note).Should().BeLessThanOrEqualTo(1, $"note '{note}' of unknown outcome is stored at most once");
        }

        notes.Keys.Should().OnlyContain(n => load.AcknowledgedNotes.Contains(n) || load.UncertainNotes.Contains(n), "every stored note was sent");
        var uncertainStored = load.UncertainNotes.Count(notes.ContainsKey);

        (await store.ScalarAsync("select count(*) from (select stream_id, version from incidents.mt_events group by 1, 2 having count(*) > 1) d"))
            .Should().Be(0, "no stream version holds two events");
        (await store.ScalarAsync("select count(*) - count(distinct id) from incidents.mt_events")).Should().Be(0, "no event is stored twice");
        (await store.ScalarAsync($"select count(*) from {ConcernStreams} and s.version <> (select count(*) from incidents.mt_events e where e.stream_id = s.id)"))
            .Should().Be(0, "every stream's version is its number of events (no gaps, no extra appends)");

        var events = await store.ScalarAsync("select count(*) from incidents.mt_events");
        scenario.Report($"store: {events} events in {streams} streams; every acknowledged raise key -> exactly 1 stream and 1 idempotency record; " +
                        $"every acknowledged note stored exactly once; {uncertainStored} of {load.UncertainNotes.Count} notes of unknown outcome stored (once each); duplicates found: 0");
    }

    internal static Dictionary<string, string> NodeEnvironment(string connectionString, string durability) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__Incidents"] = connectionString,
        ["Wolverine__Durability"] = durability,
        ["Wolverine__HealthCheckPollingTime"] = "00:00:01",
        ["Wolverine__StaleNodeTimeout"] = "00:00:04",
        ["Wolverine__CheckAssignmentPeriod"] = "00:00:02",
        ["Hardening__RequestsPerWindow"] = "1000000",
        ["School__OpenedOn"] = "2005-09-01",
    };

    private static string ShortAgent(string uri) => uri.TrimEnd('/').Split('/')[^2];

    private static string StatusName(int status) => status switch
    {
        -1 => "connection refused",
        0 => "no answer (reset/timeout)",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }
}
