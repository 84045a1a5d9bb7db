using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Calendar;
using Incidents.Domain.PeopleDirectory;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Incidents.Api.Web.SignIn;

/// <summary>
/// A page session as the server knows it. The cookie alone cannot be withdrawn (a copy keeps working until it
/// expires), so each session has a record, checked on every request: signing out ends it, as does signing in again
/// with other roles, a change to how the provider's groups map to roles, or the directory saying the person has left.
/// </summary>
public sealed record WebSessionRecord
{
    /// <summary>128 random bits, carried in the session's own claims.</summary>
    public string Id { get; init; } = "";

    /// <summary>The person (the token's <c>sub</c>), lower case, so all of one person's sessions are found together.</summary>
    public string Person { get; init; } = "";

    /// <summary>The roles the school gives them at sign-in (before any withheld for want of a second factor), sorted.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The role map in force at sign-in, as a hash: a changed map ends every session made under the old one.</summary>
    public string RoleMap { get; init; } = "";

    public DateTimeOffset SignedInAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary><c>signed-out</c>, <c>roles-changed</c>, <c>left</c> or <c>expired</c>.</summary>
    public string? EndedBecause { get; init; }
}

/// <summary>
/// The session's lifetimes and its server-side record. The idle timeout (a sliding cookie) renews itself on every
/// request, so a session in use would otherwise last for ever; it ends a fixed time after sign-in, however busy, and the
/// person signs in again (with the provider, which may still remember them, and asks for a second factor again if it wants).
/// </summary>
public static class WebSession
{
    private const string SignedInAt = "incidents.signed-in-at";

    /// <summary>The claim naming the session's record.</summary>
    public const string SessionClaim = "incidents:session";

    public static void Configure(CookieAuthenticationOptions cookie, WebOptions options, string roleMap)
    {
        var lifetime = TimeSpan.FromHours(options.AbsoluteTimeoutHours);
        cookie.Events.OnSigningIn = async context =>
        {
            var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            context.Properties.Items[SignedInAt] = now.ToString("O", CultureInfo.InvariantCulture);
            if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst(IncidentsClaims.Subject)?.Value is { } sub)
            {
                var record = new WebSessionRecord
                {
                    Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
                    Person = sub.ToLowerInvariant(),
                    Roles = RolesOf(context.Principal).ToList(),
                    RoleMap = roleMap,
                    SignedInAt = now,
                };
                identity.AddClaim(new Claim(SessionClaim, record.Id));
                await StartAsync(context.HttpContext, record, context.HttpContext.RequestAborted);
            }
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            var valid = context.Properties.Items.TryGetValue(SignedInAt, out var at)
                && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedIn)
                && now - signedIn < lifetime
                && await StillOpenAsync(context.HttpContext, context.Principal, roleMap, lifetime, now);
            if (!valid)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(WebSignIn.CookieScheme);
            }
        };
        cookie.Events.OnSigningOut = async context =>
        {
            if (context.HttpContext.User.FindFirst(SessionClaim)?.Value is { } id)
            {
                await EndAsync(context.HttpContext, id, "signed-out", context.HttpContext.RequestAborted);
            }
        };
    }

    /// <summary>A hash of how the provider's groups become roles: sessions made under another map are ended.</summary>
    public static string RoleMapHash(WebOpenIdConnectOptions? provider)
    {
        if (provider is null)
        {
            return "";
        }

        var text = string.Join("\n", provider.RoleClaims.Order(StringComparer.Ordinal)) + "\n--\n"
            + string.Join("\n", provider.RoleMap.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
                .Select(p => $"{p.Key.ToLowerInvariant()}={string.Join(",", p.Value.Order(StringComparer.Ordinal))}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>The roles the school gives the person: those granted and those withheld for want of a second factor.</summary>
    private static IEnumerable<string> RolesOf(ClaimsPrincipal principal) =>
        (principal.FindFirst(WebSignIn.SchoolRolesClaim)?.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Records the new session and ends the person's other sessions made with other roles.</summary>
    private static async Task StartAsync(HttpContext http, WebSessionRecord record, CancellationToken ct)
    {
        await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().LightweightSession();
        var open = await session.Query<WebSessionRecord>().Where(r => r.Person == record.Person && r.EndedAt == null).ToListAsync(ct);
        foreach (var other in open.Where(o => !o.Roles.SequenceEqual(record.Roles) || o.RoleMap != record.RoleMap))
        {
            session.Store(other with { EndedAt = record.SignedInAt, EndedBecause = "roles-changed" });
        }

        session.Store(record);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Whether the session's record is still open: not signed out or ended, within its lifetime, made under the role map
    /// in force, and the directory not saying the person has left (no longer listed, or past their leaving date).
    /// </summary>
    private static async Task<bool> StillOpenAsync(HttpContext http, ClaimsPrincipal? principal, string roleMap, TimeSpan lifetime, DateTimeOffset now)
    {
        if (principal?.FindFirst(SessionClaim)?.Value is not { } id || principal.FindFirst(IncidentsClaims.Subject)?.Value is not { } sub)
        {
            return false; // a cookie from before sessions had records
        }

        var ct = http.RequestAborted;
        await using var query = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
        var batch = query.CreateBatchQuery();
        var recorded = batch.Load<WebSessionRecord>(id);
        var listed = batch.Load<DirectoryPerson>(DirectoryPerson.KeyFor(sub));
        await batch.Execute(ct);
        if (await recorded is not { EndedAt: null } record)
        {
            return false;
        }

        var today = http.RequestServices.GetRequiredService<SchoolCalendar>().LocalDate(now);
        var ended = record.RoleMap != roleMap ? "roles-changed"
            : now - record.SignedInAt >= lifetime ? "expired"
            : await listed is { } person && !person.OnRollOn(today) ? "left"
            : null;
        if (ended is null)
        {
            return true;
        }

        await EndAsync(http, id, ended, ct);
        return false;
    }

    private static async Task EndAsync(HttpContext http, string id, string because, CancellationToken ct)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().LightweightSession();
        if (await session.LoadAsync<WebSessionRecord>(id, ct) is { EndedAt: null } record)
        {
            session.Store(record with { EndedAt = now, EndedBecause = because });
            await session.SaveChangesAsync(ct);
        }
    }
}
