using System.Net;
using System.Security.Claims;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Hosting;
using Incidents.Domain.Identity;

namespace Incidents.Api.Web.SignIn;

/// <summary>
/// The school's OpenID Connect provider for the pages (section <c>Web:OpenIdConnect</c>). Separate from
/// <c>Authentication:Authority</c>, which the API's bearer tokens (the MIS) are checked against; both may name the same
/// provider.
/// </summary>
public sealed record WebOpenIdConnectOptions
{
    public const string Section = "Web:OpenIdConnect";

    /// <summary>The provider's issuer URL; its discovery document is read from <c>/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; init; }

    public string? ClientId { get; init; }

    /// <summary>Empty for a public client (the code flow is protected by PKCE either way).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Empty means <c>openid profile</c>. (Lists have no defaults here: the binder would add to them, not replace them.)</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary><c>form_post</c> (the default: the code never appears in a URL the browser keeps) or <c>query</c>.</summary>
    public string ResponseMode { get; init; } = "form_post";

    /// <summary>The claim holding the person's MIS staff (or governor) reference, which the service knows them by.</summary>
    public string SubjectClaim { get; init; } = "sub";

    public string NameClaim { get; init; } = "name";

    /// <summary>The claims whose values are roles, or groups the <see cref="RoleMap"/> turns into roles.</summary>
    /// <summary>Empty means <c>roles</c>.</summary>
    public IReadOnlyList<string> RoleClaims { get; init; } = [];

    /// <summary>
    /// From a value of the provider's role or group claims to the service's roles. When set, only mapped values grant
    /// roles; when empty, the provider's values are read as the service's role names. <c>mis</c> is never granted.
    /// </summary>
    public Dictionary<string, string[]> RoleMap { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tests only: allows an <c>http</c> authority on a loopback address. Refused for any other host.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    /// <summary>The settings, or null when no provider is configured; a half-configured provider stops the start.</summary>
    public static WebOpenIdConnectOptions? From(IConfiguration configuration)
    {
        var options = StartupConfigurationException.Read<WebOpenIdConnectOptions>(configuration, Section);
        if (string.IsNullOrWhiteSpace(options.Authority) && string.IsNullOrWhiteSpace(options.ClientId))
        {
            return null;
        }

        options = options with
        {
            Scopes = options.Scopes.Count > 0 ? options.Scopes : ["openid", "profile"],
            RoleClaims = options.RoleClaims.Count > 0 ? options.RoleClaims : ["roles"],
            RoleMap = new Dictionary<string, string[]>(options.RoleMap, StringComparer.OrdinalIgnoreCase),
        };
        options.Validate();
        return options;
    }

    /// <summary>The service's roles the provider's claims grant (never <c>mis</c>: that role is the MIS's, not a person's).</summary>
    public IReadOnlyList<string> RolesOf(ClaimsPrincipal provider)
    {
        var values = RoleClaims.SelectMany(claim => provider.FindAll(claim)).Select(c => c.Value.Trim()).Where(v => v.Length > 0);
        var roles = RoleMap.Count > 0 ? values.SelectMany(v => RoleMap.TryGetValue(v, out var mapped) ? mapped : []) : values;
        return roles.Where(r => IncidentsClaims.RolesByWireName.TryGetValue(r, out var role) && role != Role.Mis).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private void Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority))
        {
            problems.Add("Web:OpenIdConnect:Authority must be the provider's absolute issuer URL.");
        }
        else if (authority.Scheme != Uri.UriSchemeHttps && (RequireHttpsMetadata || !IsLoopback(authority)))
        {
            problems.Add("Web:OpenIdConnect:Authority must use https (RequireHttpsMetadata=false is accepted for a loopback address only, in tests).");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add("Web:OpenIdConnect:ClientId is required.");
        }

        if (ResponseMode is not ("form_post" or "query"))
        {
            problems.Add("Web:OpenIdConnect:ResponseMode must be form_post or query.");
        }

        if (!Scopes.Contains("openid"))
        {
            problems.Add("Web:OpenIdConnect:Scopes must include openid.");
        }

        foreach (var (from, roles) in RoleMap)
        {
            foreach (var role in roles)
            {
                if (!IncidentsClaims.RolesByWireName.TryGetValue(role, out var known))
                {
                    problems.Add($"Web:OpenIdConnect:RoleMap:{from} names an unknown role '{role}'.");
                }
                else if (known == Role.Mis)
                {
                    problems.Add($"Web:OpenIdConnect:RoleMap:{from} grants 'mis', which belongs to the MIS, never to a person.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(string.Join(Environment.NewLine, problems));
        }
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
