namespace Incidents.Api.Web;

/// <summary>Settings of the web app (section <c>Web</c>).</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>A session unused for this long ends; the person signs in again.</summary>
    public int IdleTimeoutMinutes { get; init; } = 20;

    /// <summary>
    /// The roles that read case detail need a multi-factor sign-in. The provider says so in its <c>amr</c> claim (any
    /// of these values) or its <c>acr</c> claim (any of <c>AcrValues</c>).
    /// </summary>
    public MultiFactorOptions MultiFactor { get; init; } = new();

    /// <summary>Development only: the demonstration people the sign-in page lists.</summary>
    public IReadOnlyList<DemonstrationPerson> DevelopmentPeople { get; init; } = [];
}

public sealed class MultiFactorOptions
{
    public IReadOnlyList<string> AmrValues { get; init; } = ["mfa", "otp", "hwk", "swk", "fido", "sms", "mca"];

    public IReadOnlyList<string> AcrValues { get; init; } = [];
}

/// <param name="Sub">The person's MIS staff (or governor) reference, as the identity provider would send it.</param>
public sealed record DemonstrationPerson(string Sub, string Name, string Description, IReadOnlyList<string> Roles);
