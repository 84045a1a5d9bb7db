using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Incidents.Api.Web.SignIn;

/// <summary>
/// The session's absolute lifetime. The idle timeout (a sliding cookie) renews itself on every request, so a session
/// in use would otherwise last for ever; this one ends a fixed time after sign-in, however busy, and the person signs
/// in again (with the provider, which may still remember them, and asks for a second factor again if it wants).
/// </summary>
public static class WebSession
{
    private const string SignedInAt = "incidents.signed-in-at";

    public static void Configure(CookieAuthenticationOptions cookie, WebOptions options)
    {
        var lifetime = TimeSpan.FromHours(options.AbsoluteTimeoutHours);
        cookie.Events.OnSigningIn = context =>
        {
            context.Properties.Items[SignedInAt] = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            var valid = context.Properties.Items.TryGetValue(SignedInAt, out var at)
                && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedIn)
                && now - signedIn < lifetime;
            if (!valid)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(WebSignIn.CookieScheme);
            }
        };
    }
}
