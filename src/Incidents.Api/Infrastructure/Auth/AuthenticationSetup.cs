using Incidents.Api.Infrastructure.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Incidents.Api.Infrastructure.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer authentication: an OpenID Connect authority when configured, otherwise the symmetric Development
    /// key, outside Production only and only where one is set (appsettings.Development.json, the tests, the
    /// benchmark). Production without an authority refuses to start.
    /// </summary>
    public static IServiceCollection AddIncidentsAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = StartupConfigurationException.Read<IncidentsAuthenticationOptions>(configuration, IncidentsAuthenticationOptions.Section);
        var development = options.Development is { SigningKey.Length: > 0 } dev && !environment.IsProduction() ? dev : null;
        if (options.Authority is null && development is null)
        {
            throw new StartupConfigurationException(
                "No token authority configured: set Authentication:Authority (OpenID Connect) and Authentication:Audience "
                + "(environment variables Authentication__Authority, Authentication__Audience).");
        }

        if (options.Authority is not null && !options.RequireHttpsMetadata
            && !(Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) && Web.SignIn.WebOpenIdConnectOptions.IsLoopback(authority)))
        {
            throw new StartupConfigurationException("Authentication:RequireHttpsMetadata=false is accepted for a loopback authority only (tests).");
        }

        if (development is not null)
        {
            services.AddSingleton(development);
            services.AddSingleton<DevelopmentTokenIssuer>();
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.RequireHttpsMetadata = !environment.IsDevelopment() && options.RequireHttpsMetadata;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    // Identity.Name is the stable id: it is what Wolverine relays onto every event as its user.
                    NameClaimType = IncidentsClaims.Subject,
                    RoleClaimType = IncidentsClaims.Role,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                if (options.Authority is not null)
                {
                    jwt.Authority = options.Authority;
                    jwt.Audience = options.Audience;
                    jwt.TokenValidationParameters.ValidAudience = options.Audience;
                }
                else
                {
                    jwt.TokenValidationParameters.ValidIssuer = development!.Issuer;
                    jwt.TokenValidationParameters.ValidAudience = development.Audience;
                    jwt.TokenValidationParameters.IssuerSigningKey = DevelopmentTokenIssuer.KeyFrom(development);
                    jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                }
            });

        // Token lifetimes are checked against the service's one clock, the same one that stamps deadlines.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((jwt, clock) =>
        {
            var skew = jwt.TokenValidationParameters.ClockSkew;
            jwt.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } end && now <= end.ToUniversalTime() + skew && (notBefore is not { } start || now >= start.ToUniversalTime() - skew);
            };
        });
        services.AddAuthorization();
        return services;
    }
}
