namespace Incidents.Api.Web.SignIn;

/// <summary>Sign-in with the school's OpenID Connect provider (production).</summary>
public static class WebOpenIdConnect
{
    public const string Scheme = "Incidents.OpenIdConnect";

    /// <summary>On a session the provider signed in, so signing out ends the provider's session too.</summary>
    public const string SignedInWithProviderClaim = "incidents:provider";
}
