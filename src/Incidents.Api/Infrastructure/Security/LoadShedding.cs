using System.Threading.RateLimiting;
using Incidents.Api.Infrastructure.Problems;

namespace Incidents.Api.Infrastructure.Security;

/// <summary>
/// Bounds the requests one node works on (<see cref="HardeningOptions.MaxConcurrentRequests"/>, with a queue).
/// Beyond it a request is refused before authentication or any database work, with 503, <c>Retry-After: 1</c> and
/// a problem document: under overload latency stays bounded and clients retry (with their Idempotency-Key) instead
/// of timing out. Health checks are never refused, so an orchestrator does not restart a node for being busy.
/// </summary>
public sealed class LoadShedding(RequestDelegate next, HardeningOptions options)
{
    // One per node for the life of the process (a middleware instance is created once); it holds no timer or handle.
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.MaxConcurrentRequests,
        QueueLimit = options.RequestQueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/health"))
        {
            await next(http);
            return;
        }

        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client gave up while queued: nothing was done, nobody to answer
        }

        using (lease)
        {
            if (lease.IsAcquired)
            {
                await next(http);
                return;
            }
        }

        await RuleViolationProblems.WriteWithRetryAfterAsync(http, StatusCodes.Status503ServiceUnavailable, "overloaded", "Service busy",
            "The service is handling as many requests as it can; nothing was done. Retry after the time in Retry-After.", 1, http.RequestAborted);
    }
}
