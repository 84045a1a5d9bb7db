using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Incidents.Api.Infrastructure.Security;

/// <summary>Request body limit, rate limiting per client, security headers on every response, and closed CORS.</summary>
public static class HardeningSetup
{
    public const string CorsPolicy = "configured-origins";

    public static IServiceCollection AddIncidentsHardening(this IServiceCollection services, IConfiguration configuration)
    {
        var options = HardeningOptions.From(configuration);
        services.AddSingleton(options);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            if (options.AllowedOrigins.Count > 0)
            {
                policy.WithOrigins([.. options.AllowedOrigins])
                    .WithMethods("GET", "POST")
                    .WithHeaders("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Correlation-Id")
                    .WithExposedHeaders("ETag", "Location", "Retry-After", "X-Correlation-Id");
            }
        }));

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                RateLimitPartition.GetFixedWindowLimiter(ClientOf(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RequestsPerWindow,
                    Window = options.RateLimitWindow,
                    QueueLimit = 0,
                }));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.RateLimitWindow;
                await RuleViolationProblems.WriteWithRetryAfterAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests",
                    "This client has made too many requests; retry after the time in Retry-After.", Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)), ct);
            };
        });
        return services;
    }

    /// <summary>The rate-limit partition: the authenticated client, or the remote address before authentication.</summary>
    private static string ClientOf(HttpContext http) =>
        http.User.FindFirstValue(IncidentsClaims.Subject) is { } sub ? "sub:" + sub : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>Refuses an oversized body with 413 before anything reads it, whatever the server (Kestrel or in-memory).</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // An endpoint that takes bulk data (the MIS's directory batches) says its own limit with [RequestSizeLimit].
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? http.RequestServices.GetRequiredService<HardeningOptions>().MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        else if (http.Request.ContentLength is null && http.Request.Body.CanRead)
        {
            http.Request.Body = new LimitedStream(http.Request.Body, limit);
        }

        // A JSON body of just `null` would reach an endpoint as a missing request: refuse it here, once, as a 400.
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasJsonContentType())
        {
            http.Request.EnableBuffering();
            using var reader = new StreamReader(http.Request.Body, leaveOpen: true);
            var head = new char[16];
            var read = await reader.ReadBlockAsync(head, http.RequestAborted);
            http.Request.Body.Position = 0;
            if (read < head.Length && new string(head, 0, read).Trim() == "null")
            {
                throw new BadHttpRequestException("The request body is null.", StatusCodes.Status400BadRequest);
            }
        }

        await next(http);
    });

    /// <summary>
    /// Headers on every response: no sniffing, no framing, no referrer, no caching of personal data, and a content
    /// security policy that lets the governor report's inline CSS and SVG render but nothing run. The API reference
    /// at /docs needs its own script, so only that page gets a policy allowing it.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            var page = Web.WebSetup.IsPage(http.Request);
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/docs")
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
                : page || http.Request.Path.StartsWithSegments("/assets")
                    ? WebPagePolicy(http)
                    : "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            if ((page || http.Request.Path.StartsWithSegments("/api")) && string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next(http);
    });

    /// <summary>
    /// The web app's pages load only the app's own assets: no inline script or style, nothing from elsewhere. Forms
    /// post to the app itself, and to the identity provider (sign-out redirects there after a post).
    /// </summary>
    private static string WebPagePolicy(HttpContext http)
    {
        var provider = http.RequestServices.GetService<Web.SignIn.WebIdentityProvider>()?.Origin;
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
            + $"form-action 'self'{(provider is null ? "" : " " + provider)}; frame-ancestors 'none'; base-uri 'none'";
    }

    /// <summary>Counts what is read and fails with 413 past the limit (for bodies of unknown length on servers without the feature).</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit
                ? throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge)
                : read;
        }
    }
}
