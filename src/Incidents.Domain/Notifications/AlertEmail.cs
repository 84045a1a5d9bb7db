namespace Incidents.Domain.Notifications;

/// <summary>
/// The one email an alert sends. It carries no personal data and nothing about the case (no names, references, kind
/// or summary, not even why it was sent): only that a safeguarding concern needs the reader's attention, and a link to
/// the case in the web app, where sign-in and the access rules apply.
/// </summary>
public sealed record AlertEmail(string Subject, string Body)
{
    public const string FixedSubject = "A safeguarding concern needs your attention";

    /// <param name="caseLink">The case's page in the web app: an address made of the service's base address and the case's opaque id.</param>
    public static AlertEmail For(Uri caseLink, string schoolName) => new(
        FixedSubject,
        $"""
        A safeguarding concern needs your attention.

        Sign in to see it:
        {caseLink.AbsoluteUri}

        This email says nothing about the concern on purpose. Do not forward it.
        {schoolName} · Incidents
        """);
}
