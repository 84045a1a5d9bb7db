using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Identity;

namespace Incidents.Api.Web;

/// <summary>
/// An API endpoint's <c>[Authorize(Roles = ...)]</c> list, applied to the page that shows the same data, so the page
/// and the endpoint answer the same people from one list.
/// </summary>
public static class EndpointRoles
{
    public static bool Allow(Actor actor, string roles) =>
        roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(r => IncidentsClaims.RolesByWireName.TryGetValue(r, out var role) && actor.Has(role));
}
