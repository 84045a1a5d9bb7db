using System.Security.Claims;
using System.Text;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Incidents.Api.Tests.Support;

/// <summary>Hand-made tokens: valid ones, and the expired, forged and unsigned ones an attacker would try.</summary>
public static class Tokens
{
    public const string AttackersKey = "an-attackers-own-signing-key-0123456789abcdef";

    public static string Create(
        DevelopmentTokenOptions options, Actor actor, string? issuer = null, string? audience = null, DateTime? expires = null,
        DateTime? notBefore = null, string? key = null, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new(IncidentsClaims.Subject, actor.Id), new(IncidentsClaims.Name, actor.Name) };
        claims.AddRange(actor.Roles.Select(r => new Claim(IncidentsClaims.Role, r.WireName())));
        var signingKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key ?? options.SigningKey)) { KeyId = "incidents-development" };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? options.Issuer,
            Audience = audience ?? options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = (notBefore ?? now).AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(signingKey, algorithm),
        });
    }

    /// <summary>Signed correctly but expired five minutes ago.</summary>
    public static string Expired(DevelopmentTokenOptions options, Actor actor) =>
        Create(options, actor, expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddMinutes(-60));

    /// <summary>Right issuer, audience and claims, signed with someone else's key.</summary>
    public static string Forged(DevelopmentTokenOptions options, Actor actor) => Create(options, actor, key: AttackersKey);

    /// <summary>A token with <c>alg: none</c> and no signature.</summary>
    public static string Unsigned(DevelopmentTokenOptions options, Actor actor)
    {
        static string B64(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds();
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64($"{{\"sub\":\"{actor.Id}\",\"role\":\"dsl\",\"iss\":\"{options.Issuer}\",\"aud\":\"{options.Audience}\",\"exp\":{exp}}}")}.";
    }
}
