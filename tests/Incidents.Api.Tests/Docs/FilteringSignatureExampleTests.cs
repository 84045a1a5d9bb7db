using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Incidents.Api.Filtering;
using Incidents.Api.Tests.Reliability;

namespace Incidents.Api.Tests.Docs;

/// <summary>The worked example of the webhook's signature in docs/api.md is right: a provider's developer copies it.</summary>
public sealed partial class FilteringSignatureExampleTests
{
    [Fact]
    public void The_worked_signature_example_in_the_API_docs_is_what_the_service_accepts()
    {
        var doc = File.ReadAllText(Path.Combine(ApiNode.RepositoryRoot, "docs", "api.md"));
        string Line(string name) => Field().Matches(doc).Single(m => m.Groups[1].Value == name).Groups[2].Value.Trim();

        var secret = Line("secret");
        var timestamp = Line("X-Timestamp");
        var body = Line("body");
        var signature = Line("X-Signature");

        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        signature.Should().Be(expected, "the example is HMAC-SHA256(secret, \"<timestamp>.<body>\")");
        FilteringSignature.Verify(signature, [secret], long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(body))
            .Refusal.Should().BeNull("the service accepts the example's signature");
        System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString().Should().NotBeNullOrEmpty();
    }

    [GeneratedRegex(@"^(secret|X-Timestamp|body|X-Signature):\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex Field();
}
