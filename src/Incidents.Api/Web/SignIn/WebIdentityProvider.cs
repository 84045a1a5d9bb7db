namespace Incidents.Api.Web.SignIn;

/// <summary>The school's OpenID Connect provider the pages sign in with, when one is configured.</summary>
/// <param name="Origin">Scheme, host and port of the provider, which the pages' content security policy lets forms reach.</param>
public sealed record WebIdentityProvider(string Origin);
