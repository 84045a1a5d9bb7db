using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Incidents.Bench;

/// <summary>
/// The realistic mix: ~30% raises, ~20% reads (a case view, the DSL's queue), the rest moving open cases on through
/// the policy's steps (triage, escalation to the Education Safeguarding Service and its advice, notes, actions,
/// referral, investigation, leadership debrief, parents informed, close). A case is held by one request at a time,
/// so the mix never races itself into 409s.
/// </summary>
public sealed class Workload(ApiClient api, Tokens tokens)
{
    private static readonly string[] Steps =
        ["triage", "escalations", "advice", "notes", "referrals", "actions", "investigation/complete", "debrief", "parents-informed", "close"];

    private readonly ConcurrentQueue<CaseInProgress> _open = new();
    private readonly List<Guid> _known = [];
    private readonly Lock _knownGate = new();
    private int _learner;

    public Latencies Commands { get; } = new();

    public Latencies Reads { get; } = new();

    public int CommandsAcknowledged;
    public int ReadsAnswered;
    public int Errors;
    public readonly ConcurrentDictionary<string, int> ErrorsByKind = new();

    private sealed class CaseInProgress(Guid id, string learner)
    {
        public Guid Id { get; } = id;

        /// <summary>The child on the case: actions and the parents' decision are recorded for them.</summary>
        public string Learner { get; } = learner;

        public int Step { get; set; }

        public Guid? EscalationId { get; set; }
    }

    public void ResetCounters()
    {
        CommandsAcknowledged = 0;
        ReadsAnswered = 0;
        Errors = 0;
        ErrorsByKind.Clear();
    }

    /// <summary>One operation of the mix; latency measured from <paramref name="startedAt"/> (the scheduled start under a fixed rate).</summary>
    public async Task RunOneAsync(long startedAt, Latencies? commands = null, Latencies? reads = null)
    {
        commands ??= Commands;
        reads ??= Reads;
        var roll = Random.Shared.NextDouble();
        try
        {
            if (roll < 0.10 && KnownCount > 0)
            {
                await Read(() => $"/api/concerns/{Any()}", startedAt, reads);
            }
            else if (roll < 0.20)
            {
                await Read(() => "/api/queue?limit=20", startedAt, reads);
            }
            else if (roll < 0.50 || !_open.TryDequeue(out var open))
            {
                await Raise(startedAt, commands);
            }
            else
            {
                await Advance(open, startedAt, commands);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Failed(e.GetType().Name);
        }
    }

    private int KnownCount
    {
        get
        {
            lock (_knownGate)
            {
                return _known.Count;
            }
        }
    }

    private Guid Any()
    {
        lock (_knownGate)
        {
            return _known[Random.Shared.Next(_known.Count)];
        }
    }

    private async Task Read(Func<string> url, long startedAt, Latencies reads)
    {
        var (status, body) = await api.SendAsync(HttpMethod.Get, url(), tokens.Dsl);
        body?.Dispose();
        if (status == HttpStatusCode.OK)
        {
            reads.Add(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
            Interlocked.Increment(ref ReadsAnswered);
        }
        else
        {
            Failed($"read {(int)status}");
        }
    }

    private async Task Raise(long startedAt, Latencies commands)
    {
        var learner = $"BL-{Interlocked.Increment(ref _learner) % 5000}";
        var (status, body) = await api.SendAsync(HttpMethod.Post, "/api/concerns", tokens.Staff, new
        {
            kind = "cyberbullying",
            summary = "Unkind messages about a learner in a class group chat, screenshots kept by a parent",
            subjects = new[] { new { misRef = learner, type = "learner", involvement = "affected" } },
            occurredAt = DateTimeOffset.UtcNow.AddHours(-2),
        });
        using (body)
        {
            if (status != HttpStatusCode.Created || body is null)
            {
                Failed($"raise {(int)status}");
                return;
            }

            Acknowledged(startedAt, commands);
            var id = body.RootElement.GetProperty("id").GetGuid();
            lock (_knownGate)
            {
                _known.Add(id);
            }

            _open.Enqueue(new CaseInProgress(id, learner));
        }
    }

    private async Task Advance(CaseInProgress c, long startedAt, Latencies commands)
    {
        var when = DateTimeOffset.UtcNow.AddHours(-1);
        var step = Steps[c.Step];
        var (token, path, payload) = step switch
        {
            "triage" => (tokens.Dsl, "triage", (object)new { risk = "medium", decision = "investigate", rationale = "Repeated messages over a week", occurredAt = when }),
            "escalations" => (tokens.Dsl, "escalations", new { question = "Is this a matter for children's social care?", occurredAt = when }),
            "advice" => (tokens.Dsl, $"escalations/{c.EscalationId}/advice", new { adviser = "ESS adviser", summary = "Manage in school under the anti-bullying policy", occurredAt = when }),
            "notes" => (tokens.Dsl, "notes", new { note = "Spoke with both families; screenshots kept on file", occurredAt = when }),
            "referrals" => (tokens.Dsl, "referrals", new { agency = "other", agencyName = "Local police community officer", reference = $"PCSO-{c.Id:N}"[..20], occurredAt = when }),
            "actions" => (tokens.Dsl, "actions", new { type = "support-offered", subjectMisRef = c.Learner, details = "Weekly check-ins with the pastoral lead", occurredAt = when }),
            "investigation/complete" => (tokens.Dsl, "investigation/complete", new { findings = "Messages confirmed by screenshots", outcome = "substantiated", occurredAt = when }),
            "debrief" => (tokens.Leadership, "debrief", new
            {
                attendees = new[] { new { id = "bench-slt", name = "Bench Leader" }, new { id = "bench-dsl", name = "Bench DSL" } },
                lessonsLearnt = new[] { "Teach group chat etiquette earlier" },
                proposedChanges = Array.Empty<object>(), // a change needs its owner in the directory, which the bench does not load
                occurredAt = when,
            }),
            "parents-informed" => (tokens.Dsl, "actions", new { type = "parents-informed", subjectMisRef = c.Learner, details = "Phoned the family", occurredAt = when }),
            _ => (tokens.Dsl, "close", new { rationale = "Resolved; support continues", occurredAt = when }),
        };

        var (status, body) = await api.SendAsync(HttpMethod.Post, $"/api/concerns/{c.Id}/{path}", token, payload);
        using (body)
        {
            if (status != HttpStatusCode.OK || body is null)
            {
                Failed($"{step} {(int)status}");
                return; // the case is dropped from the mix rather than retried into the same refusal
            }

            Acknowledged(startedAt, commands);
            if (step == "escalations")
            {
                c.EscalationId = body.RootElement.GetProperty("escalations")[0].GetProperty("id").GetGuid();
            }
        }

        c.Step++;
        if (c.Step < Steps.Length)
        {
            _open.Enqueue(c);
        }
    }

    private void Acknowledged(long startedAt, Latencies commands)
    {
        commands.Add(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
        Interlocked.Increment(ref CommandsAcknowledged);
    }

    private void Failed(string kind)
    {
        Interlocked.Increment(ref Errors);
        ErrorsByKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    /// <summary>N clients, each sending its next request as soon as the last is answered, for a fixed time.</summary>
    public async Task ClosedLoopAsync(int clients, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                await RunOneAsync(Stopwatch.GetTimestamp());
            }
        }));
    }

    /// <summary>
    /// Requests started on a fixed schedule whatever the service's speed, latency counted from the scheduled start,
    /// so a slow answer cannot hide the requests that queued behind it (no coordinated omission).
    /// </summary>
    public async Task FixedRateAsync(int perSecond, TimeSpan duration, Latencies commands, Latencies reads)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var scheduled = start + (long)(i * (double)Stopwatch.Frequency / perSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            inFlight.Add(RunOneAsync(scheduled, commands, reads));
        }

        await Task.WhenAll(inFlight);
    }

    public string ErrorSummary() => ErrorsByKind.IsEmpty ? "none" : string.Join(", ", ErrorsByKind.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {e.Value}"));
}
