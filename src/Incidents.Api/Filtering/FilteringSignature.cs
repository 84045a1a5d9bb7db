using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Incidents.Api.Filtering;

/// <summary>Why an alert's signature was refused; logged (never the body, the signature or the secret) and answered as 401.</summary>
public enum SignatureRefusal
{
    UnknownProvider,
    Missing,
    MalformedTimestamp,
    Stale,
    Malformed,
    Mismatch,
    Replayed,
}

/// <summary>
/// The webhook's signature: <c>X-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 with the provider's secret of
/// <c>&lt;X-Timestamp&gt;.&lt;body&gt;</c> (the Unix time in seconds, a full stop, the body's bytes as sent), so a body
/// cannot be moved to another time and an old one cannot be sent again after the replay window.
/// </summary>
public static class FilteringSignature
{
    public const string SignatureHeader = "X-Signature";
    public const string TimestampHeader = "X-Timestamp";
    public const string Scheme = "sha256=";

    /// <summary>The signature a provider sends: for the docs' worked example, the tests and a provider's own checks.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(Mac(Encoding.UTF8.GetBytes(secret), timestamp, body));

    /// <summary>The timestamp header, when it is a Unix time in seconds within the window of now; else why not.</summary>
    public static (long Timestamp, SignatureRefusal? Refusal) CheckTimestamp(string? header, DateTimeOffset now, TimeSpan window)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return (0, SignatureRefusal.Missing);
        }

        if (!long.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || timestamp > 253402300799)
        {
            return (0, SignatureRefusal.MalformedTimestamp);
        }

        var at = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        return (at - now).Duration() <= window ? (timestamp, null) : (timestamp, SignatureRefusal.Stale);
    }

    /// <summary>
    /// The signature's bytes when the header is well formed and one of the secrets made it, compared in constant time;
    /// else why not.
    /// </summary>
    public static (byte[]? Signature, SignatureRefusal? Refusal) Verify(string? header, IReadOnlyList<string> secrets, long timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, SignatureRefusal.Missing);
        }

        var value = header.Trim();
        if (!value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value.Length != Scheme.Length + 64)
        {
            return (null, SignatureRefusal.Malformed);
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(value.AsSpan(Scheme.Length));
        }
        catch (FormatException)
        {
            return (null, SignatureRefusal.Malformed);
        }

        // Every secret is tried, so the time taken does not say which one (or whether the first) matched.
        var matched = false;
        foreach (var secret in secrets)
        {
            matched |= CryptographicOperations.FixedTimeEquals(Mac(Encoding.UTF8.GetBytes(secret), timestamp, body), given);
        }

        return matched ? (given, null) : (null, SignatureRefusal.Mismatch);
    }

    private static byte[] Mac(byte[] key, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
