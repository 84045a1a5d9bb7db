using Incidents.Api.Infrastructure.Hosting;
namespace Incidents.Api.Infrastructure.Security;

/// <summary>Limits and browser policy (section <c>Hardening</c>).</summary>
public sealed class HardeningOptions
{
    public const string Section = "Hardening";

    /// <summary>The largest request body accepted; more is refused with 413 before it is read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Requests each authenticated client (token <c>sub</c>; the IP address when anonymous) may make per window.</summary>
    public int RequestsPerWindow { get; set; } = 600;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Requests served at once by this node. More wait in a queue; past that they are refused at once with 503 and
    /// <c>Retry-After</c>, so an overloaded node answers quickly instead of letting every request time out.
    /// Sized to what the database can work on at once, not to what the node could: when a commit waits on a slow
    /// WAL flush, every admitted request opens a database connection, and opening dozens of new PostgreSQL backends
    /// at once made such a stall worse (docs/benchmarks.md, "Stalls").
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 16;

    /// <summary>Requests that may wait for one of <see cref="MaxConcurrentRequests"/>; 0 refuses at once.</summary>
    public int RequestQueueLimit { get; set; } = 128;

    /// <summary>Browser origins allowed to call the API (CORS). Empty: no cross-origin access at all.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Reads the section, failing start-up with the setting's name on a limit that would refuse every request or none.</summary>
    public static HardeningOptions From(IConfiguration configuration)
    {
        var options = StartupConfigurationException.Read<HardeningOptions>(configuration, Section);
        var problems = new[]
        {
            (options.MaxRequestBodyBytes < 1, nameof(MaxRequestBodyBytes), "at least 1"),
            (options.RequestsPerWindow < 1, nameof(RequestsPerWindow), "at least 1"),
            (options.RateLimitWindow <= TimeSpan.Zero, nameof(RateLimitWindow), "longer than zero"),
            (options.MaxConcurrentRequests < 1, nameof(MaxConcurrentRequests), "at least 1"),
            (options.RequestQueueLimit < 0, nameof(RequestQueueLimit), "zero or more"),
        }.Where(p => p.Item1).Select(p => $"{Section}:{p.Item2} must be {p.Item3}.").ToList();
        return problems.Count == 0 ? options : throw new StartupConfigurationException(string.Join(" ", problems));
    }
}
