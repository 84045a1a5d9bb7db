using System.Text.Json.Nodes;
using Incidents.Api.Infrastructure.Hosting;
using Incidents.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Incidents.Api.Tests.Security;

/// <summary>An overloaded node refuses what it cannot take at once, with 503, instead of letting everything time out.</summary>
public sealed class LoadSheddingTests
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _served;

    private LoadShedding Node(int concurrent, int queued) => new(
        async http =>
        {
            Interlocked.Increment(ref _served);
            if (!http.Request.Path.StartsWithSegments("/health"))
            {
                await _release.Task; // an endpoint still working
            }

            http.Response.StatusCode = StatusCodes.Status200OK;
        },
        new HardeningOptions { MaxConcurrentRequests = concurrent, RequestQueueLimit = queued });

    private static DefaultHttpContext Request(string path) => new() { Request = { Path = path }, Response = { Body = new MemoryStream() } };

    [Fact]
    public async Task Past_the_limit_and_its_queue_a_request_is_refused_at_once_with_503_a_problem_and_retry_after()
    {
        var node = Node(concurrent: 1, queued: 1);
        var working = Request("/api/queue");
        var first = node.InvokeAsync(working);
        var second = node.InvokeAsync(Request("/api/queue"));

        var refused = Request("/api/concerns");
        await node.InvokeAsync(refused); // completes while the others are still held

        refused.Response.StatusCode.Should().Be(StatusCodes.Status503ServiceUnavailable);
        refused.Response.Headers.RetryAfter.ToString().Should().Be("1");
        refused.Response.ContentType.Should().StartWith("application/problem+json");
        var problem = JsonNode.Parse(Body(refused))!;
        problem["type"]!.GetValue<string>().Should().EndWith("overloaded");
        problem["status"]!.GetValue<int>().Should().Be(503);
        _served.Should().Be(1, "the queued request has not started and the refused one never will");
        first.IsCompleted.Should().BeFalse();

        _release.SetResult();
        await Task.WhenAll(first, second);
        _served.Should().Be(2);
        working.Response.StatusCode.Should().Be(StatusCodes.Status200OK);

        var afterwards = Request("/api/concerns");
        await node.InvokeAsync(afterwards);
        afterwards.Response.StatusCode.Should().Be(StatusCodes.Status200OK, "capacity is back once the work is done");
    }

    [Theory]
    [InlineData("MaxConcurrentRequests", "0", "Hardening:MaxConcurrentRequests must be at least 1.")]
    [InlineData("RequestQueueLimit", "-1", "Hardening:RequestQueueLimit must be zero or more.")]
    [InlineData("RequestsPerWindow", "0", "Hardening:RequestsPerWindow must be at least 1.")]
    [InlineData("RateLimitWindow", "00:00:00", "Hardening:RateLimitWindow must be longer than zero.")]
    [InlineData("MaxRequestBodyBytes", "-5", "Hardening:MaxRequestBodyBytes must be at least 1.")]
    public void A_limit_that_would_refuse_every_request_stops_start_up_naming_the_setting(string setting, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Hardening:{setting}"] = value }).Build();

        var reading = () => HardeningOptions.From(configuration);

        reading.Should().Throw<StartupConfigurationException>().WithMessage(message);
        HardeningOptions.From(new ConfigurationBuilder().Build()).MaxConcurrentRequests.Should().Be(16, "the defaults are valid");
    }

    [Fact]
    public async Task Health_checks_are_answered_even_when_the_node_is_full()
    {
        var node = Node(concurrent: 1, queued: 0);
        var busy = node.InvokeAsync(Request("/api/queue"));

        var live = Request("/health/live");
        await node.InvokeAsync(live);

        live.Response.StatusCode.Should().Be(StatusCodes.Status200OK);
        _release.SetResult();
        await busy;
    }

    private static string Body(HttpContext http) => System.Text.Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
}
