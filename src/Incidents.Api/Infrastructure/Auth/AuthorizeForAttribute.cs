using Incidents.Domain.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Incidents.Api.Infrastructure.Auth;

/// <summary>
/// Authorizes the roles of one of the domain's named role sets (<see cref="RoleSets"/>), the one home of who may raise,
/// debrief and read; endpoints name a set rather than a list of roles of their own (a test holds them to it).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class AuthorizeForAttribute : AuthorizeAttribute
{
    public AuthorizeForAttribute(RoleSet set)
    {
        Set = set;
        Roles = RoleNames(set);
    }

    public RoleSet Set { get; }

    /// <summary>The set's roles as the token's <c>role</c> claims spell them, comma-separated.</summary>
    public static string RoleNames(RoleSet set) => string.Join(',', RoleSets.Of(set).Select(r => r.WireName()).Order());
}
