using System.Security.Claims;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Identity;

namespace Incidents.Api.Web.SignIn;

/// <summary>The web app's session: a cookie holding the same claims the API reads from a token.</summary>
public static class WebSignIn
{
    public const string CookieScheme = "Incidents.Web";

    /// <summary>The pages' policy: signed in with the web session (the API's bearer tokens do not open pages).</summary>
    public const string Policy = "web";

    /// <summary>Set on a session whose sign-in had a single factor, so the pages can say why case detail is hidden.</summary>
    public const string SingleFactorClaim = "incidents:single-factor";

    /// <summary>Every role the school gives the person, sorted and comma-separated, granted or withheld: a change ends their other sessions.</summary>
    public const string SchoolRolesClaim = "incidents:school-roles";

    /// <summary>The roles that read case detail, and so need a multi-factor sign-in (as schools' products enforce).</summary>
    public static readonly IReadOnlySet<Role> NeedMultiFactor = RoleSets.Of(RoleSet.Leads);

    /// <summary>
    /// The session's principal. Without a second factor, the roles that read case detail are left out: the person
    /// is signed in as any member of staff, and the pages say why.
    /// </summary>
    public static ClaimsPrincipal Principal(string sub, string name, IEnumerable<string> roles, bool multiFactor)
    {
        // `mis` and `filtering-provider` are machines' roles, never a person's, whatever a provider or a setting says.
        var known = roles.Select(r => IncidentsClaims.RolesByWireName.TryGetValue(r.Trim(), out var role) ? (Role?)role : null).OfType<Role>()
            .Where(r => r != Role.Mis && r != Role.FilteringProvider).ToHashSet();
        var withheld = multiFactor ? [] : known.Where(NeedMultiFactor.Contains).ToList();
        var granted = known.Except(withheld).ToHashSet();
        if (withheld.Count > 0)
        {
            granted.Add(Role.Staff);
        }

        var claims = new List<Claim> { new(IncidentsClaims.Subject, sub), new(IncidentsClaims.Name, name) };
        claims.AddRange(granted.Select(r => new Claim(IncidentsClaims.Role, r.WireName())));
        claims.AddRange(withheld.Select(r => new Claim(SingleFactorClaim, r.WireName())));
        if (!multiFactor)
        {
            claims.Add(new Claim(IncidentsClaims.SingleFactorSession, "true"));
        }

        claims.Add(new Claim(SchoolRolesClaim, string.Join(",", known.Select(r => r.WireName()).Order(StringComparer.Ordinal))));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme, IncidentsClaims.Subject, IncidentsClaims.Role));
    }

    /// <summary>
    /// Whether the provider's claims show a multi-factor sign-in: a configured <c>amr</c> or <c>acr</c> value, or
    /// <c>amr</c> methods of two different kinds of factor (RFC 8176: a password and a one-time code, say).
    /// </summary>
    public static bool IsMultiFactor(ClaimsPrincipal user, MultiFactorOptions options)
    {
        var amr = user.FindAll("amr").Select(c => c.Value).ToList();
        return amr.Any(v => options.Amr.Contains(v, StringComparer.OrdinalIgnoreCase))
            || user.FindAll("acr").Any(c => options.AcrValues.Contains(c.Value, StringComparer.OrdinalIgnoreCase))
            || amr.Select(v => FactorOf.GetValueOrDefault(v.ToLowerInvariant())).OfType<string>().Distinct().Count() >= 2;
    }

    // RFC 8176's methods by the kind of factor each is: something known, something held, something one is.
    private static readonly IReadOnlyDictionary<string, string> FactorOf = new Dictionary<string, string>
    {
        ["pwd"] = "knowledge",
        ["pin"] = "knowledge",
        ["kba"] = "knowledge",
        ["otp"] = "possession",
        ["hwk"] = "possession",
        ["swk"] = "possession",
        ["sms"] = "possession",
        ["tel"] = "possession",
        ["sc"] = "possession",
        ["pop"] = "possession",
        ["fpt"] = "inherence",
        ["face"] = "inherence",
        ["iris"] = "inherence",
        ["retina"] = "inherence",
        ["vbm"] = "inherence",
    };

    /// <summary>The roles this session leaves out for want of a second factor.</summary>
    public static IReadOnlyList<string> Withheld(ClaimsPrincipal user) => user.FindAll(SingleFactorClaim).Select(c => c.Value).ToList();
}
