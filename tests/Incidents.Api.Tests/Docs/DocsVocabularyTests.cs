using System.Text.Json;
using System.Text.RegularExpressions;
using Incidents.Api.Tests.Reliability;
using Incidents.Domain.Concerns;

namespace Incidents.Api.Tests.Docs;

/// <summary>
/// The docs spell every value the API takes as the API takes it: a client developer copies them from docs/policy.md and
/// docs/api.md. (policy.md once wrote <c>sexual-acts-child-under-13</c>, which the API refuses.)
/// </summary>
public sealed partial class DocsVocabularyTests
{
    [Fact]
    public void Every_enum_value_the_docs_name_is_spelt_as_the_API_takes_it()
    {
        // The API's wire names: every enum of the domain, kebab-case (Program.cs's JsonStringEnumConverter).
        var wireNames = typeof(Concern).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.IsPublic)
            .SelectMany(t => Enum.GetNames(t))
            .Select(JsonNamingPolicy.KebabCaseLower.ConvertName)
            .ToHashSet(StringComparer.Ordinal);
        var byLetters = wireNames.GroupBy(Letters).ToDictionary(g => g.Key, g => g.ToList());

        var misspelt = Directory.GetFiles(Path.Combine(ApiNode.RepositoryRoot, "docs"), "*.md")
            .Append(Path.Combine(ApiNode.RepositoryRoot, "README.md"))
            .SelectMany(file => CodeSpan().Matches(File.ReadAllText(file))
                .Select(m => m.Groups[1].Value)
                .Where(token => !wireNames.Contains(token) && byLetters.ContainsKey(Letters(token)))
                .Select(token => $"{Path.GetFileName(file)}: `{token}` (the API takes `{string.Join("` or `", byLetters[Letters(token)])}`)"))
            .Distinct()
            .ToList();

        wireNames.Should().Contain("sexual-acts-child-under13", "the check reads the API's own spelling");
        misspelt.Should().BeEmpty();
    }

    private static string Letters(string token) => token.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    [GeneratedRegex("`([a-z0-9]+(?:-[a-z0-9]+)+)`")]
    private static partial Regex CodeSpan();
}
