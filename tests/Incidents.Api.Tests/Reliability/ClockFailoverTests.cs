using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Infrastructure;
using Incidents.Api.Tests.Support;
using Incidents.DevTools;
using Xunit.Abstractions;

namespace Incidents.Api.Tests.Reliability;

/// <summary>
/// Issue #25: each reminder and each escalation is sent once, with three nodes on one database, one restarted and one
/// killed with SIGKILL while the clocks fire. Time moves in every node at once through the clock file they read
/// (<see cref="FileOffsetClock"/>); Wolverine's scheduled checks look again every second.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ClockFailoverTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<ApiNode> _nodes = [];
    private readonly string _clockFile = Path.Combine(Path.GetTempPath(), $"incidents-clock-{Guid.NewGuid():N}");

    [Fact]
    public async Task Each_reminder_and_escalation_is_sent_exactly_once_across_a_restart_and_a_node_kill()
    {
        await Scenario.RunAsync(output, "clocks", _nodes, Run);
    }

    private async Task Run(Scenario scenario)
    {
        var timeout = TimeSpan.FromSeconds(90);
        var connectionString = await PostgresServer.CreateDatabaseAsync("clocks");
        var store = new EventStoreChecks(connectionString);
        FileOffsetClock.Write(_clockFile, TimeSpan.Zero);
        var environment = new Dictionary<string, string>(NodeFailureTests.NodeEnvironment(connectionString, "Balanced"))
        {
            ["Development__ClockOffsetFile"] = _clockFile,
            ["Clocks__CheckAtLeastEvery"] = "00:00:01",
            ["Calendar__PollEvery"] = "00:00:01",
        };
        for (var i = 1; i <= 3; i++)
        {
            _nodes.Add(new ApiNode($"node{i}", ApiNode.FreePort(), environment));
        }

        _nodes[0].Start();
        await _nodes[0].WaitUntilReadyAsync(timeout);
        _nodes[1].Start();
        _nodes[2].Start();
        await Task.WhenAll(_nodes.Skip(1).Select(n => n.WaitUntilReadyAsync(timeout)));

        // Six concerns, two raised on each node; every one's clocks scheduled before time moves.
        var token = Tokens.Create(ApiNode.DevelopmentTokens(), People.Dsl);
        var load = new Load(_nodes.Select(n => n.BaseAddress).ToList(), token, notes: false);
        await load.WarmUpAsync();
        await load.WarmUpAsync();
        var cases = load.AcknowledgedRaises.Values.ToHashSet();
        cases.Should().HaveCount(6);
        await store.WaitForProjectionsToCatchUpAsync(timeout);
        await Scenario.Until(async () => await store.ScalarAsync("select count(*) from incidents.mt_doc_clockschedule") == cases.Count, timeout,
            () => "clocks scheduled for every case");

        // What the queue shows due, per case: each of these clocks is reminded and escalated once.
        var due = await DeadlinesAsync(token, cases);
        var expected = due.SelectMany(c => c.Value.Select(d => (Case: c.Key, Clock: d.Key))).ToHashSet();
        var earliest = due.Values.SelectMany(d => d.Values).Min();
        var latest = due.Values.SelectMany(d => d.Values).Max();
        (latest - earliest).Should().BeLessThan(TimeSpan.FromHours(1), "the cases were raised within moments, so every clock is in one reminder window");
        scenario.Report($"{cases.Count} cases, {expected.Count} running clocks ({string.Join(", ", expected.GroupBy(e => e.Clock).Select(g => $"{g.Key} x{g.Count()}"))}), due {earliest:u} to {latest:u}");

        // Into the reminder window (3 hours before), and straight away a node is restarted.
        MoveTo(earliest.AddHours(-1));
        var restarted = _nodes[1];
        await restarted.TerminateAsync(timeout);
        restarted.Start();
        await restarted.WaitUntilReadyAsync(timeout);
        await Scenario.Until(async () => (await SentAsync(store, "Reminder")).Count >= expected.Count, timeout,
            () => "every reminder sent");
        scenario.Report($"reminders sent for {expected.Count} clocks; {restarted.Name} restarted meanwhile");

        // Past every due time, and straight away the node running the most work is killed.
        MoveTo(latest.AddMinutes(1));
        var agents = await store.ProjectionAgentsAsync();
        var victim = _nodes.Where(n => n.IsRunning).OrderByDescending(n => agents.Values.Count(id => id == n.NodeId)).First();
        victim.Kill();
        scenario.Report($"past every due time; SIGKILL {victim.Name}");
        await Scenario.Until(async () => (await SentAsync(store, "Overdue")).Count >= expected.Count, timeout,
            () => "every escalation sent");
        victim.Start();
        await victim.WaitUntilReadyAsync(timeout);

        // Every check still scheduled or waiting has run out (sent, or found nothing to do) on the nodes now running.
        await Scenario.Until(async () => await PendingChecksAsync(store) == 0, timeout, () => "checks still pending");

        var reminders = await SentAsync(store, "Reminder");
        var escalations = await SentAsync(store, "Overdue");
        reminders.Should().BeEquivalentTo(expected, "each clock's reminder is recorded once");
        escalations.Should().BeEquivalentTo(expected, "each clock's escalation is recorded once");
        var published = await PublishedAlertsAsync(store, cases);
        published.Should().OnlyHaveUniqueItems("no alert was published twice").And.HaveCount(expected.Count * 2, "every recorded alert was published");
        scenario.Report($"{reminders.Count} reminders and {escalations.Count} escalations recorded, {published.Count} CaseAlert messages published, duplicates: 0");
    }

    private void MoveTo(DateTimeOffset at) => FileOffsetClock.Write(_clockFile, at - DateTimeOffset.UtcNow);

    private async Task<Dictionary<Guid, Dictionary<string, DateTimeOffset>>> DeadlinesAsync(string token, IReadOnlySet<Guid> cases)
    {
        using var http = new HttpClient { BaseAddress = _nodes[0].BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var queue = JsonNode.Parse(await http.GetStringAsync("/api/queue?limit=200"))!;
        return queue["items"]!.AsArray()
            .Where(i => cases.Contains(i!["id"]!.GetValue<Guid>()))
            .ToDictionary(i => i!["id"]!.GetValue<Guid>(), i => i!["deadlines"]!.AsObject()
                .Where(d => d.Value is not null)
                .ToDictionary(d => ClockOf(d.Key), d => d.Value!.GetValue<DateTimeOffset>()));
    }

    private static string ClockOf(string deadline) => deadline switch
    {
        "triageDueAt" => "triage",
        "referralDecisionDueAt" => "referraldecision",
        "ladoConsultationDueAt" => "ladoconsultation",
        "adviceDueAt" => "advicechase",
        "debriefDueAt" => "debrief",
        "reviewDueAt" => "monitoringreview",
        "referralDueAt" => "referral",
        _ => deadline,
    };

    private static async Task<List<(Guid Case, string Clock)>> SentAsync(EventStoreChecks store, string kind) =>
        await store.QueryAsync(
            "select (data->>'concernId')::uuid, lower(data->>'clock') from incidents.mt_doc_clockalertrecord where lower(data->>'kind') = $1",
            r => (r.GetGuid(0), r.GetString(1)), kind.ToLowerInvariant());

    /// <summary>Clock checks not yet handled: scheduled, or waiting in a node's inbox (a dead node's are taken over).</summary>
    private static Task<long> PendingChecksAsync(EventStoreChecks store) => store.ScalarAsync(
        "select count(*) from incidents.wolverine_incoming_envelopes where message_type like '%CheckClock%' and status <> 'Handled'");

    /// <summary>
    /// Every CaseAlert envelope Wolverine stored (handled and kept, waiting, or dead-lettered for want of a handler), as
    /// case and reason found in its body.
    /// </summary>
    private static async Task<List<string>> PublishedAlertsAsync(EventStoreChecks store, IEnumerable<Guid> cases)
    {
        var published = new List<string>();
        foreach (var id in cases)
        {
            foreach (var reason in new[] { "reminder", "overdue" })
            {
                var count = await store.ScalarAsync(
                    """
                    select count(*) from (
                        select body from incidents.wolverine_incoming_envelopes where message_type like '%CaseAlert%'
                        union all
                        select body from incidents.wolverine_dead_letters where message_type like '%CaseAlert%') alerts
                    where encode(body, 'escape') like '%' || $1 || '%' and encode(body, 'escape') ilike '%' || $2 || '%'
                    """,
                    id.ToString(), reason);
                published.AddRange(Enumerable.Repeat($"{id}/{reason}", (int)count));
            }
        }

        return published;
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        File.Delete(_clockFile);
    }
}
