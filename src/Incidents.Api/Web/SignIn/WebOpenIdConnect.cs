using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Incidents.Api.Web.SignIn;

/// <summary>Sign-in with the school's OpenID Connect provider (production).</summary>
public static class WebOpenIdConnect
{
    public const string Scheme = "Incidents.OpenIdConnect";

    /// <summary>On a session the provider signed in, so signing out ends the provider's session too.</summary>
    public const string SignedInWithProviderClaim = "incidents:provider";

    /// <summary>Where a sign-in the service refused (or the provider failed) ends: a page that says so, not a loop back to the provider.</summary>
    public const string FailedPath = "/sign-in/failed";

    /// <summary>
    /// The authorization code flow with PKCE. The provider's token is read once, on arrival, into the session (the same
    /// claims as a Development sign-in, built by <see cref="WebSignIn.Principal"/>) and then dropped: the session keeps
    /// no provider tokens, and the service calls nothing on the person's behalf.
    /// </summary>
    public static AuthenticationBuilder AddWebOpenIdConnect(this AuthenticationBuilder auth, IServiceCollection services, IConfiguration configuration, WebOptions web)
    {
        if (WebOpenIdConnectOptions.From(configuration) is not { } settings)
        {
            return auth;
        }

        services.AddSingleton(settings);
        services.AddSingleton(new WebIdentityProvider(new Uri(settings.Authority!).GetLeftPart(UriPartial.Authority)));
        return auth.AddOpenIdConnect(Scheme, "The school's sign-in", oidc =>
        {
            oidc.Authority = settings.Authority;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
            oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.ResponseMode = settings.ResponseMode;
            oidc.UsePkce = true;
            oidc.SaveTokens = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.MapInboundClaims = false;
            oidc.UseTokenLifetime = false; // the session's own idle and absolute timeouts apply, whatever the token says
            oidc.SignInScheme = WebSignIn.CookieScheme;
            oidc.CallbackPath = WebOpenIdConnectOptions.CallbackPath;
            oidc.SignedOutCallbackPath = WebOpenIdConnectOptions.SignedOutCallbackPath;
            oidc.AccessDeniedPath = FailedPath;
            oidc.Scope.Clear();
            foreach (var scope in settings.Scopes)
            {
                oidc.Scope.Add(scope);
            }

            oidc.TokenValidationParameters.NameClaimType = settings.NameClaim;
            oidc.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = context => SessionFromToken(context, settings, web),
                OnRemoteFailure = context =>
                {
                    Logger(context.HttpContext).LogWarning("Sign-in with the school's provider refused: {Reason}", context.Failure?.Message);
                    context.Response.Redirect(FailedPath);
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
                OnRedirectToIdentityProviderForSignOut = context =>
                {
                    // A provider without an end-session endpoint cannot be signed out of from here: end ours only.
                    if (string.IsNullOrEmpty(context.ProtocolMessage.IssuerAddress))
                    {
                        context.Response.Redirect(context.Properties.RedirectUri ?? "/sign-out");
                        context.HandleResponse();
                        return Task.CompletedTask;
                    }

                    // No id_token_hint is kept, so the client id tells the provider whose post-logout address to trust.
                    context.ProtocolMessage.ClientId = settings.ClientId;
                    return Task.CompletedTask;
                },
            };
        });
    }

    /// <summary>Replaces the provider's principal with the session's: its subject, name, roles, and whether there was a second factor.</summary>
    private static Task SessionFromToken(TokenValidatedContext context, WebOpenIdConnectOptions settings, WebOptions web)
    {
        var provider = context.Principal!;
        var sub = provider.FindFirst(settings.SubjectClaim)?.Value;
        if (string.IsNullOrWhiteSpace(sub))
        {
            context.Fail($"The provider's token has no '{settings.SubjectClaim}' claim (Web:OpenIdConnect:SubjectClaim).");
            return Task.CompletedTask;
        }

        var roles = settings.RolesOf(provider);
        if (roles.Count == 0)
        {
            context.Fail($"The provider's token for '{sub}' grants none of the service's roles (Web:OpenIdConnect:RoleClaims, RoleMap).");
            return Task.CompletedTask;
        }

        var name = provider.FindFirst(settings.NameClaim)?.Value ?? provider.FindFirst("preferred_username")?.Value ?? sub;
        var multiFactor = WebSignIn.IsMultiFactor(provider, web.MultiFactor);
        var session = WebSignIn.Principal(sub, name, roles, multiFactor);
        ((ClaimsIdentity)session.Identity!).AddClaim(new Claim(SignedInWithProviderClaim, "true"));
        context.Principal = session;
        Logger(context.HttpContext).LogInformation("{Sub} signed in with the school's provider ({Factors})", sub, multiFactor ? "multi-factor" : "single factor");
        return Task.CompletedTask;
    }

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebOpenIdConnect));
}
