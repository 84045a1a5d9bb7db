using System.Security.Claims;
using Incidents.Domain.Identity;

namespace Incidents.Api.Infrastructure.Auth;

/// <summary>The claims this service reads: <c>sub</c>, <c>name</c> and one or more <c>role</c>.</summary>
public static class IncidentsClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>
    /// Set on a web session signed in without a second factor: besides the roles left out of it, the person does not
    /// manage a case by reference (the vice-chair, an appointed case manager) in it.
    /// </summary>
    public const string SingleFactorSession = "incidents:single-factor-session";

    public static string WireName(this Role role) => role switch
    {
        Domain.Identity.Role.Staff => "staff",
        Domain.Identity.Role.Dsl => "dsl",
        Domain.Identity.Role.Headteacher => "headteacher",
        Domain.Identity.Role.Leadership => "leadership",
        Domain.Identity.Role.ChairOfGovernors => "chair-of-governors",
        Domain.Identity.Role.Governor => "governor",
        Domain.Identity.Role.Mis => "mis",
        Domain.Identity.Role.DeputyDsl => "deputy-dsl",
        Domain.Identity.Role.FilteringProvider => "filtering-provider",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static readonly IReadOnlyDictionary<string, Role> RolesByWireName =
        Enum.GetValues<Role>().ToDictionary(WireName, r => r, StringComparer.OrdinalIgnoreCase);

    /// <summary>How a filtering provider's alert is authenticated: its signature, verified by the webhook.</summary>
    public const string FilteringSignature = "filtering-signature";

    /// <summary>
    /// The acting user of a request, for the domain's decisions. Unknown role names are ignored, and so is the filtering
    /// provider's role unless the request was authenticated by the provider's signature: a token never carries it.
    /// </summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(Subject) ?? throw new InvalidOperationException("An authenticated user without a 'sub' claim.");
        var name = user.FindFirstValue(Name) ?? id;
        var signed = user.Identity?.AuthenticationType == FilteringSignature;
        var roles = user.FindAll(Role)
            .Select(c => RolesByWireName.TryGetValue(c.Value, out var r) ? (Role?)r : null)
            .OfType<Role>()
            .Where(r => r != Domain.Identity.Role.FilteringProvider || signed)
            .ToHashSet();
        return new Actor(id, name, roles) { SingleFactor = user.HasClaim(c => c.Type == SingleFactorSession) };
    }
}
