using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Incidents.Api.Tests.SignIn;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a loopback port, standing in for the school's. It signs in whoever
/// <see cref="User"/> says, as a provider would for someone already signed in there, issuing codes, ID tokens and (for
/// the MIS's client) access tokens signed with its own key. Degraded mode (no store): the handlers below check the
/// clients, secrets and redirect addresses themselves, as a provider's store would.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string WebClientId = "incidents-web";
    public const string WebClientSecret = "web-client-secret-for-tests";
    public const string MisClientId = "school-mis";
    public const string MisClientSecret = "mis-client-secret-for-tests";

    private readonly WebApplication _app;
    private readonly string _appOrigin;

    private TestIdentityProvider(WebApplication app, string appOrigin)
    {
        _app = app;
        _appOrigin = appOrigin;
    }

    /// <summary>Issuer URL (with a trailing slash, as OpenIddict publishes it).</summary>
    public string Authority { get; private set; } = "";

    /// <summary>Who the provider signs in next.</summary>
    public ProviderUser User { get; set; } = new("staff-teacher-1", "Tom Baker", ["staff"], ["pwd"]);

    /// <summary>How the token endpoint's ID token is spoiled, to prove the service checks it.</summary>
    public Tampering Tamper { get; set; } = Tampering.None;

    /// <summary>The authorization requests received (their query or form parameters), in order.</summary>
    public ConcurrentQueue<OpenIddictRequest> AuthorizationRequests { get; } = new();

    /// <summary>The end-session requests received, in order.</summary>
    public ConcurrentQueue<OpenIddictRequest> EndSessionRequests { get; } = new();

    public static async Task<TestIdentityProvider> StartAsync(string appOrigin)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        TestIdentityProvider? self = null;
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/endsession");
            server.AllowAuthorizationCodeFlow().AllowClientCredentialsFlow();
            server.RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.Profile);
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            server.DisableAccessTokenEncryption(); // the API reads access tokens as plain signed JWTs
            server.EnableDegradedMode();
            server.UseAspNetCore().DisableTransportSecurityRequirement(); // http on loopback, tests only

            server.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != WebClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (context.RedirectUri != self!._appOrigin + "/signin-oidc")
                {
                    context.Reject(Errors.InvalidRequest, "Unregistered redirect_uri.");
                }

                return default;
            }));
            server.AddEventHandler<HandleAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                self!.AuthorizationRequests.Enqueue(context.Request);
                var user = self.User;
                var identity = new ClaimsIdentity("provider", Claims.Name, Claims.Role);
                identity.AddClaim(Claims.Subject, user.Sub);
                identity.AddClaim(Claims.Name, user.Name);
                foreach (var value in user.Roles)
                {
                    identity.AddClaim(user.RoleClaim, value);
                }

                foreach (var method in user.Amr)
                {
                    identity.AddClaim(Claims.AuthenticationMethodReference, method);
                }

                if (user.Acr is not null)
                {
                    identity.AddClaim(Claims.AuthenticationContextReference, user.Acr);
                }

                identity.SetScopes(context.Request.GetScopes());
                identity.SetDestinations(_ => [Destinations.IdentityToken]);
                context.SignIn(new ClaimsPrincipal(identity));
                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                var (id, secret) = context.Request.IsClientCredentialsGrantType() ? (MisClientId, MisClientSecret) : (WebClientId, WebClientSecret);
                if (context.Request.ClientId != id || context.Request.ClientSecret != secret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client or secret.");
                }

                return default;
            }));
            server.AddEventHandler<HandleTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.Request.IsAuthorizationCodeGrantType())
                {
                    context.SignIn(context.AuthorizationCodePrincipal!);
                }
                else if (context.Request.IsClientCredentialsGrantType())
                {
                    // An MIS-style client acting for a DSL, so the API's bearer path is proved with this provider's tokens.
                    var identity = new ClaimsIdentity("provider", Claims.Name, Claims.Role);
                    identity.AddClaim(Claims.Subject, "staff-dsl-1");
                    identity.AddClaim(Claims.Name, "Lucy Hayward");
                    identity.AddClaim(Claims.Role, "dsl");
                    identity.SetResources("incidents-api");
                    identity.SetDestinations(_ => [Destinations.AccessToken]);
                    context.SignIn(new ClaimsPrincipal(identity));
                }

                return default;
            }).SetOrder(int.MaxValue - 100_000));
            server.AddEventHandler<ApplyTokenResponseContext>(h => h.UseInlineHandler(context =>
            {
                if (context.Response.IdToken is { } idToken && self!.Tamper != Tampering.None)
                {
                    context.Response.IdToken = self.Tamper == Tampering.AlteredPayload ? AlterPayload(idToken) : SignWithForeignKey(idToken);
                }

                return default;
            }).SetOrder(int.MinValue + 100_000));
            server.AddEventHandler<ValidateEndSessionRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } uri && uri != self!._appOrigin + "/signout-callback-oidc")
                {
                    context.Reject(Errors.InvalidRequest, "Unregistered post_logout_redirect_uri.");
                }

                return default;
            }));
            server.AddEventHandler<HandleEndSessionRequestContext>(h => h.UseInlineHandler(context =>
            {
                self!.EndSessionRequests.Enqueue(context.Request);
                context.SignOut();
                return default;
            }));
        });

        var app = builder.Build();
        self = new TestIdentityProvider(app, appOrigin.TrimEnd('/'));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        self.Authority = address.TrimEnd('/') + "/";
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The same token with one role added to its payload and the provider's signature kept.</summary>
    private static string AlterPayload(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["roles"] = new JsonArray("dsl", "headteacher");
        payload["amr"] = new JsonArray("mfa");
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    /// <summary>The same claims, issuer, audience and key id, signed with a key the provider never published.</summary>
    private static string SignWithForeignKey(string jwt)
    {
        var original = new JsonWebToken(jwt);
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(original.EncodedPayload));
        var foreign = new RsaSecurityKey(RSA.Create(2048)) { KeyId = original.Kid };
        return new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(foreign, SecurityAlgorithms.RsaSha256),
            new Dictionary<string, object> { [JwtHeaderParameterNames.Typ] = original.Typ });
    }
}

/// <param name="RoleClaim">The claim the provider puts the roles or groups in.</param>
public sealed record ProviderUser(string Sub, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Amr, string RoleClaim = "roles", string? Acr = null);

public enum Tampering
{
    None,
    AlteredPayload,
    ForeignKey,
}
