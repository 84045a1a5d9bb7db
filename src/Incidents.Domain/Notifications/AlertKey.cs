using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Incidents.Domain.Notifications;

/// <summary>
/// An alert's identity: the same alert delivered twice (a subscription replayed, a message redelivered) has the same
/// key, so each recipient gets one notification and one email, never two.
/// </summary>
public static class AlertKey
{
    /// <summary>What makes two alerts the same: the case, the reason, the clock and when it is due (or when it happened), and the owner.</summary>
    public static string Of(CaseAlert alert) => string.Join('|',
        alert.ConcernId.ToString("N"),
        alert.Reason.ToString(),
        alert.Clock?.ToString() ?? "",
        (alert.DueAt ?? alert.At).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        alert.OwnerMisRef?.Trim().ToLowerInvariant() ?? "");

    /// <summary>The alert's own id (its record), derived from its key.</summary>
    public static Guid IdOf(CaseAlert alert) => GuidOf(Of(alert));

    /// <summary>One recipient's notification of the alert, derived from the alert's key and the recipient.</summary>
    public static Guid NotificationIdOf(CaseAlert alert, string recipient) => GuidOf(Of(alert) + "|" + recipient.Trim().ToLowerInvariant());

    private static Guid GuidOf(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return new Guid(hash[..16]);
    }
}
