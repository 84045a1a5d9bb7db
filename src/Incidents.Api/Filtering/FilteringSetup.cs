using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Incidents.Api.Filtering;

/// <summary>The providers' settings, and a rate limit per provider on top of the service's own per-client limit.</summary>
public static class FilteringSetup
{
    public static IServiceCollection AddIncidentsFiltering(this IServiceCollection services, IConfiguration configuration)
    {
        var options = FilteringOptions.From(configuration);
        services.AddSingleton(options);

        // Chained after the per-client limiter (Hardening): each configured provider's alerts share one window, so a
        // provider in a loop cannot flood the DSL's queue. Unknown providers are refused (401) and have no partition.
        services.PostConfigure<RateLimiterOptions>(limiter =>
        {
            var perProvider = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                ProviderOf(http, options) is { } provider
                    ? RateLimitPartition.GetFixedWindowLimiter("filtering:" + provider, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.Providers[provider].AlertsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.GlobalLimiter = limiter.GlobalLimiter is { } perClient ? PartitionedRateLimiter.CreateChained(perClient, perProvider) : perProvider;
        });
        return services;
    }

    /// <summary>The configured provider a request to the webhook names, if any.</summary>
    private static string? ProviderOf(HttpContext http, FilteringOptions options) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/api/filtering")
        && http.Request.RouteValues.TryGetValue("provider", out var value) && value is string provider && options.Providers.ContainsKey(provider)
            ? provider
            : null;
}
