namespace Incidents.Api.Infrastructure.Auth;

/// <summary>
/// Bound from the <c>Authentication</c> section. Production trusts an OpenID Connect authority (the school's
/// single sign-on, or the MIS vendor's identity server); Development signs its own tokens with a symmetric key.
/// </summary>
public sealed class IncidentsAuthenticationOptions
{
    public const string Section = "Authentication";

    /// <summary>OpenID Connect authority (issuer URL). When set, tokens are validated against its published keys.</summary>
    public string? Authority { get; set; }

    /// <summary>Tests only: allows an <c>http</c> authority on a loopback address. Refused for any other host.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The audience tokens must be issued for.</summary>
    public string Audience { get; set; } = "incidents-api";

    /// <summary>Only for Development and tests: a locally issued token, see the <c>token</c> command.</summary>
    public DevelopmentTokenOptions? Development { get; set; }
}

public sealed class DevelopmentTokenOptions
{
    public string Issuer { get; set; } = "incidents-development";

    public string Audience { get; set; } = "incidents-api";

    /// <summary>At least 32 bytes (HS256). Never used outside Development.</summary>
    public string SigningKey { get; set; } = "";

    public int LifetimeMinutes { get; set; } = 480;

    /// <summary>
    /// The development signing settings in a published API's <c>appsettings.Development.json</c>: what the benchmark
    /// and the multi-node tests use to issue tokens that the API processes they start will accept.
    /// </summary>
    public static DevelopmentTokenOptions FromDevelopmentSettings(string apiDirectory) =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(apiDirectory, "appsettings.Development.json")).Build()
            .GetSection("Authentication:Development").Get<DevelopmentTokenOptions>()
        ?? throw new InvalidOperationException($"No Authentication:Development section in {apiDirectory}/appsettings.Development.json.");
}
