using System.Security.Claims;
using System.Text;
using Incidents.Api.Infrastructure.Hosting;
using Incidents.Domain.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Incidents.Api.Infrastructure.Auth;

/// <summary>Issues tokens signed with the Development key, for local use and tests. Never registered in Production.</summary>
public sealed class DevelopmentTokenIssuer(DevelopmentTokenOptions options, TimeProvider clock)
{
    public static SymmetricSecurityKey KeyFrom(DevelopmentTokenOptions options)
    {
        var bytes = Encoding.UTF8.GetBytes(options.SigningKey);
        if (bytes.Length < 32)
        {
            throw new StartupConfigurationException("Authentication:Development:SigningKey must be at least 32 bytes long.");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = "incidents-development" };
    }

    public string Issue(string subject, string name, IEnumerable<Role> roles, TimeSpan? lifetime = null)
    {
        var now = clock.GetUtcNow();
        var claims = new List<Claim> { new(IncidentsClaims.Subject, subject), new(IncidentsClaims.Name, name) };
        claims.AddRange(roles.Distinct().Select(r => new Claim(IncidentsClaims.Role, r.WireName())));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddSeconds(-5),
            Expires = now.Add(lifetime ?? TimeSpan.FromMinutes(options.LifetimeMinutes)).UtcDateTime,
            SigningCredentials = new SigningCredentials(KeyFrom(options), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
