using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Incidents.Domain.Identity;

namespace Incidents.Api.Tests.Support;

/// <summary>Scenario helpers: the calls a school's staff and MIS make, as plain HTTP.</summary>
public sealed class ConcernsApi(ApiHost api)
{
    public static readonly DateTimeOffset Yesterday = DateTimeOffset.UtcNow.AddDays(-1);

    /// <summary>A review date for a case triaged to monitor (yyyy-mm-dd, as the API takes it).</summary>
    public static readonly string InAWeek = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static object Subject(string misRef, string type = "learner", string involvement = "affected") =>
        new { misRef, type, involvement };

    public static object RaiseRequest(string kind = "cyberbullying", params object[] subjects) => new
    {
        kind,
        summary = "Hurtful messages about a learner in a class group chat",
        subjects = subjects.Length > 0 ? subjects : [Subject("L-1001")],
        occurredAt = Yesterday,
    };

    public async Task<HttpResponseMessage> Send(Actor? actor, HttpMethod method, string url, object? body = null, Action<HttpRequestMessage>? configure = null)
    {
        using var client = api.ClientFor(actor);
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    public Task<HttpResponseMessage> Post(Actor? actor, string url, object? body, Action<HttpRequestMessage>? configure = null) =>
        Send(actor, HttpMethod.Post, url, body, configure);

    public Task<HttpResponseMessage> Get(Actor? actor, string url) => Send(actor, HttpMethod.Get, url);

    /// <summary>Raises a concern and returns its id, asserting it was accepted.</summary>
    public async Task<Guid> Raise(Actor actor, object? request = null)
    {
        var response = await Post(actor, "/api/concerns", request ?? RaiseRequest());
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<Guid>();
    }

    /// <summary>Sends a command to a concern and asserts the status; returns the body.</summary>
    public async Task<JsonNode> Command(Actor actor, Guid id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Post(actor, $"/api/concerns/{id}/{action}", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> Read(Actor actor, Guid id)
    {
        var response = await Get(actor, $"/api/concerns/{id}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new JsonException("empty body");
}
