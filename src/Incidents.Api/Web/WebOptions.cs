namespace Incidents.Api.Web;

/// <summary>Settings of the web app (section <c>Web</c>).</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>A session unused for this long ends; the person signs in again.</summary>
    public int IdleTimeoutMinutes { get; init; } = 20;

    /// <summary>A session ends this long after sign-in however busy it is (a school day by default).</summary>
    public int AbsoluteTimeoutHours { get; init; } = 10;

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
    /// <summary>
    /// RFC 8176 values that by themselves say more than one factor was used. A lone <c>otp</c>, <c>hwk</c> or
    /// <c>sms</c> names one method, which may have been the only one, so none is a default.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultAmrValues = ["mfa", "mca"];

    /// <summary>Null means <see cref="DefaultAmrValues"/>. (No default in the property: the binder adds to a list rather than replacing it.)</summary>
    public IReadOnlyList<string>? AmrValues { get; init; }

    public IReadOnlyList<string> AcrValues { get; init; } = [];

    public IReadOnlyList<string> Amr => AmrValues is { Count: > 0 } configured ? configured : DefaultAmrValues;
}

/// <param name="Sub">The person's MIS staff (or governor) reference, as the identity provider would send it.</param>
public sealed record DemonstrationPerson(string Sub, string Name, string Description, IReadOnlyList<string> Roles);
