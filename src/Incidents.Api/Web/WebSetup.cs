using Incidents.Api.Infrastructure.Hosting;
using Incidents.Api.Web.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;

namespace Incidents.Api.Web;

/// <summary>
/// The web app: server-rendered pages in the API's host, giving commands on the API's own path (no HTTP call to
/// itself). Pages use a cookie session; the API keeps to bearer tokens, so a page's cookie never authorises an API
/// call made from another site.
/// </summary>
public static class WebSetup
{
    /// <summary>Picks the scheme per request: a bearer token for the API, the session cookie otherwise.</summary>
    private const string BearerOrCookie = "Incidents.BearerOrCookie";

    public static IServiceCollection AddIncidentsWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = StartupConfigurationException.Read<WebOptions>(configuration, WebOptions.Section);
        services.AddSingleton(options);
        services.AddSingleton<People.PersonLinks>();
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Web/Pages";
            pages.Conventions.AuthorizeFolder("/", WebSignIn.Policy);
            pages.Conventions.AllowAnonymousToFolder("/SignIn");
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "incidents-antiforgery";
            antiforgery.FormFieldName = "__RequestVerificationToken";
        });

        services.AddAuthentication(auth =>
            {
                auth.DefaultScheme = BearerOrCookie;
                auth.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
            })
            // The API never reads the session cookie, not even to refuse it: a request there is a token's or anonymous.
            .AddPolicyScheme(BearerOrCookie, "Bearer token or web session", policy => policy.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !IsPage(http.Request)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : WebSignIn.CookieScheme)
            .AddCookie(WebSignIn.CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "incidents-session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
                // Secure everywhere but on a developer's or the benchmark's loopback HTTP, where a secure cookie never comes back.
                cookie.Cookie.SecurePolicy = environment.IsDevelopment() || environment.IsEnvironment("Benchmark")
                    ? CookieSecurePolicy.SameAsRequest
                    : CookieSecurePolicy.Always;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.IdleTimeoutMinutes);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/sign-in";
                cookie.LogoutPath = "/sign-out";
                cookie.AccessDeniedPath = "/not-found";
                WebSession.Configure(cookie, options, WebSession.RoleMapHash(WebOpenIdConnectOptions.From(configuration)));
            })
            .AddWebOpenIdConnect(services, configuration, options);

        services.AddAuthorization(authorization =>
        {
            // The API's endpoints (RequireAuthorizeOnAll, [Authorize(Roles)]) take bearer tokens only.
            authorization.DefaultPolicy = new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build();
            authorization.AddPolicy(WebSignIn.Policy, policy => policy.AddAuthenticationSchemes(WebSignIn.CookieScheme).RequireAuthenticatedUser());
        });
        return services;
    }

    /// <summary>The app's own assets (cacheable: nothing personal in them) and the pages.</summary>
    public static WebApplication UseIncidentsWeb(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = asset => asset.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600",
        });
        return app;
    }

    public static WebApplication MapIncidentsWeb(this WebApplication app)
    {
        app.MapRazorPages();
        if (SignInWarning(app.Environment, app.Configuration) is { } warning)
        {
            app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogWarning("{Warning}", warning));
        }

        return app;
    }

    /// <summary>
    /// Said once at start-up in Production when nobody can sign in to the pages (no identity provider configured): the
    /// API works, so the service starts, but whoever deployed it should hear of it before the staff do.
    /// </summary>
    public static string? SignInWarning(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsProduction() && WebOpenIdConnectOptions.From(configuration) is null
            ? $"Web sign-in is not configured ({WebOpenIdConnectOptions.Section}:Authority and ClientId): the API works, but nobody can sign in to the pages."
            : null;

    /// <summary>Pages, as opposed to the API, its reference, health checks and assets.</summary>
    public static bool IsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/docs") && !request.Path.StartsWithSegments("/openapi")
        && !request.Path.StartsWithSegments("/health") && !request.Path.StartsWithSegments("/assets");
}
