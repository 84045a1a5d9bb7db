using System.Reflection;
using System.Text.RegularExpressions;
using Incidents.Api.Tests.Reliability;
using Incidents.Domain.Concerns;

namespace Incidents.Api.Tests.Docs;

/// <summary>
/// The MIS branches on rule codes and the DSL reads them in docs/policy.md: every refusal the domain can make is listed
/// there, with the status the API answers it with, and the table lists no code the service does not have.
/// </summary>
public sealed partial class RuleCodesAreDocumentedTests
{
    [Fact]
    public void Every_rule_the_policy_refuses_with_is_in_policy_mds_table_with_its_status_and_no_other()
    {
        var rules = Rules().ToList();
        rules.Should().HaveCountGreaterThan(50, "the rules are read from the domain's Rules class");

        var table = Row().Matches(File.ReadAllText(Path.Combine(ApiNode.RepositoryRoot, "docs", "policy.md")))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        var missing = rules.Where(r => !table.ContainsKey(r.Rule)).Select(r => r.Rule).Distinct().ToList();
        var wrongStatus = rules.Where(r => table.TryGetValue(r.Rule, out var status) && status != StatusOf(r.Kind))
            .Select(r => $"{r.Rule}: {table[r.Rule]}, answered {StatusOf(r.Kind)}").Distinct().ToList();
        var unknown = table.Keys.Except(rules.Select(r => r.Rule)).ToList();

        missing.Should().BeEmpty("every rule code needs a row in docs/policy.md's \"Every rule code\"");
        wrongStatus.Should().BeEmpty();
        unknown.Should().BeEmpty("the table lists only codes the service answers with");
    }

    /// <summary>Every rule the domain defines, its parameterised ones given stand-in values.</summary>
    private static IEnumerable<RuleViolation> Rules()
    {
        var members = typeof(Domain.Concerns.Rules).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(RuleViolation));
        foreach (var method in members)
        {
            var arguments = method.GetParameters().Select(p => StandIn(p.ParameterType)).ToArray();
            yield return (RuleViolation)method.Invoke(null, arguments)!;
        }
    }

    private static object? StandIn(Type type) =>
        type == typeof(string) ? "L-0000" : Nullable.GetUnderlyingType(type) is not null ? null : type.IsValueType ? Activator.CreateInstance(type) : null;

    private static string StatusOf(ViolationKind kind) => kind switch
    {
        ViolationKind.Invalid => "400",
        ViolationKind.Forbidden => "403",
        ViolationKind.NotFound => "404",
        _ => "422",
    };

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \| (\d{3})", RegexOptions.Multiline)]
    private static partial Regex Row();
}
