using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Incidents.Api.Tests.Reliability;

/// <summary>
/// Clients behaving like a school's MIS: each raises concerns (every raise with its own <c>Idempotency-Key</c>) and
/// adds notes to its own concerns, spreading requests round-robin over the nodes. A failed request (connection
/// refused or reset, timeout, 5xx) is retried on the next node with the same <c>Idempotency-Key</c>, raise or note,
/// so at most one case or note results however many times it is sent.
/// </summary>
public sealed class Load(IReadOnlyList<Uri> nodes, string token, bool notes = true)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<Uri, HttpClient> _clients = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _requests;
    private long _retries;

    /// <summary>Idempotency key to the concern id in the 201 answer.</summary>
    public ConcurrentDictionary<string, Guid> AcknowledgedRaises { get; } = new();

    /// <summary>Keys whose raise was never answered 2xx (gave up): may or may not exist, at most once.</summary>
    public ConcurrentBag<string> UnacknowledgedRaises { get; } = [];

    public ConcurrentBag<string> AcknowledgedNotes { get; } = [];

    /// <summary>Notes whose request may have been recorded (reset or timeout mid-request): at most once.</summary>
    public ConcurrentBag<string> UncertainNotes { get; } = [];

    /// <summary>Every answer and failure: when (since the load started), which node, status (0 = no HTTP answer), problem type.</summary>
    public ConcurrentQueue<Outcome> Outcomes { get; } = new();

    public long Requests => Interlocked.Read(ref _requests);

    public long Retries => Interlocked.Read(ref _retries);

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// One raise and one note on each node, before the load: the first request to each endpoint of a fresh process
    /// generates and compiles its handler code (Wolverine's Auto type-load mode), which is start-up, not load.
    /// </summary>
    public Task WarmUpAsync() => Task.WhenAll(nodes.Select(async (_, i) =>
    {
        if (await RaiseAsync($"warm-up-{i}-{Guid.NewGuid():N}", $"L-warm-{i}", () => i) is { } id && notes)
        {
            await NoteAsync(id, $"warm-up note {i} {Guid.NewGuid():N}", () => i);
        }
    }));

    /// <summary>Runs the clients until <paramref name="stop"/>; <see cref="Elapsed"/> counts from here.</summary>
    public Task RunAsync(int clients, CancellationToken stop)
    {
        _clock.Restart();
        return Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c, stop), CancellationToken.None)));
    }

    private async Task ClientAsync(int client, CancellationToken stop)
    {
        var random = new Random(client);
        var mine = new List<Guid>();
        var next = client;
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            if (!notes || mine.Count == 0 || random.Next(3) == 0)
            {
                var key = $"c{client}-r{n}-{Guid.NewGuid():N}";
                if (await RaiseAsync(key, $"L-{client}-{n % 25}", () => next++) is { } id)
                {
                    mine.Add(id);
                }
            }
            else
            {
                await NoteAsync(mine[random.Next(mine.Count)], $"note c{client}-n{n}-{Guid.NewGuid():N}", () => next++);
            }
        }
    }

    private async Task<Guid?> RaiseAsync(string key, string misRef, Func<int> nextNode)
    {
        var body = new
        {
            kind = "cyberbullying",
            summary = "Hurtful messages in a class group chat",
            subjects = new[] { new { misRef, type = "learner", involvement = "affected" } },
            occurredAt = DateTimeOffset.UtcNow.AddHours(-1),
        };
        var started = _clock.Elapsed;
        for (var attempt = 0; _clock.Elapsed - started < GiveUpAfter; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(100);
            }

            var (status, text) = await SendAsync(nodes[nextNode() % nodes.Count], "/api/concerns", body, key);
            if (status is >= 200 and < 300)
            {
                var id = JsonNode.Parse(text!)!["id"]!.GetValue<Guid>();
                AcknowledgedRaises[key] = id;
                return id;
            }

            if (status is > 0 and < 500)
            {
                throw new InvalidOperationException($"Raise {key} was refused with {status}: {text}");
            }
        }

        UnacknowledgedRaises.Add(key);
        return null;
    }

    private async Task NoteAsync(Guid concern, string note, Func<int> nextNode)
    {
        var body = new { note, occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) };
        var key = $"note-{Guid.NewGuid():N}";
        var started = _clock.Elapsed;
        for (var attempt = 0; _clock.Elapsed - started < GiveUpAfter; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(100);
            }

            var (status, text) = await SendAsync(nodes[nextNode() % nodes.Count], $"/api/concerns/{concern}/notes", body, key);
            if (status is >= 200 and < 300)
            {
                AcknowledgedNotes.Add(note);
                return;
            }

            if (status is > 0 and < 500)
            {
                throw new InvalidOperationException($"Note on {concern} was refused with {status}: {text}");
            }
        }

        UncertainNotes.Add(note);
    }

    /// <summary>Status, or -1 when the connection was refused (nothing sent), 0 for any other failure without an answer.</summary>
    private async Task<(int Status, string? Text)> SendAsync(Uri node, string path, object body, string? key)
    {
        Interlocked.Increment(ref _requests);
        var client = _clients.GetOrAdd(node, uri =>
        {
            var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
            {
                BaseAddress = uri,
                Timeout = TimeSpan.FromSeconds(30),
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return http;
        });
        var at = _clock.Elapsed;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            string? problem = null;
            if (status >= 400)
            {
                try
                {
                    problem = JsonNode.Parse(text)?["type"]?.GetValue<string>();
                }
                catch (System.Text.Json.JsonException)
                {
                    problem = "(not JSON)";
                }
            }

            Outcomes.Enqueue(new Outcome(at, node, status, problem, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter is not null));
            return (status, text);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            Outcomes.Enqueue(new Outcome(at, node, -1, "connection refused", null, false));
            return (-1, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Outcomes.Enqueue(new Outcome(at, node, 0, e.GetType().Name + ": " + e.Message, null, false));
            return (0, null);
        }
    }

    public sealed record Outcome(TimeSpan At, Uri Node, int Status, string? Problem, string? ContentType, bool RetryAfter);
}
