using System.Reflection;
using System.Text.RegularExpressions;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Tests.Reliability;
using Incidents.Domain.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Incidents.Api.Tests.Security;

/// <summary>
/// Who may raise, debrief and read has one home, the domain's named role sets (<see cref="RoleSets"/>): an endpoint or
/// a page with a role list of its own fails here.
/// </summary>
public sealed partial class RoleSetTests
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    [Fact]
    public void Every_endpoint_and_page_that_limits_roles_names_a_role_set_of_the_domain()
    {
        var types = typeof(Program).Assembly.GetTypes();
        var ownLists = types
            .SelectMany(t => new MemberInfo[] { t }.Concat(t.GetMethods(Everything)))
            .SelectMany(m => m.GetCustomAttributes(inherit: false).OfType<IAuthorizeData>()
                .Where(a => a.Roles is not null && a is not AuthorizeForAttribute)
                .Select(a => $"{m.DeclaringType?.FullName ?? (m as Type)?.FullName}.{m.Name}: Roles = \"{a.Roles}\""))
            .ToList();

        ownLists.Should().BeEmpty("roles are named once, in RoleSets, and an endpoint says [AuthorizeFor(RoleSet.X)]");
        types.SelectMany(t => t.GetMethods(Everything)).SelectMany(m => m.GetCustomAttributes<AuthorizeForAttribute>())
            .Should().NotBeEmpty("the endpoints that limit roles do so through a set");
    }

    [Fact]
    public void No_source_of_the_service_spells_a_list_of_roles_outside_the_domain()
    {
        var source = Path.Combine(ApiNode.RepositoryRoot, "src", "Incidents.Api");
        var found = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(source, f), Line: i + 1, Text: line)))
            .Where(l => WireList().IsMatch(l.Text) || EnumList().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        found.Should().BeEmpty("a list of roles (\"dsl,headteacher\" or Role.Dsl, Role.Headteacher) belongs in RoleSets");
    }

    [Fact]
    public void The_role_names_an_endpoint_authorizes_are_its_sets_roles_as_tokens_spell_them()
    {
        AuthorizeForAttribute.RoleNames(RoleSet.ChronologyReaders).Should().Be("deputy-dsl,dsl,headteacher");
        new AuthorizeForAttribute(RoleSet.Mis).Roles.Should().Be("mis");
        foreach (var set in Enum.GetValues<RoleSet>())
        {
            new AuthorizeForAttribute(set).Roles!.Split(',').Select(n => IncidentsClaims.RolesByWireName[n])
                .Should().BeEquivalentTo(RoleSets.Of(set), set.ToString());
        }
    }

    // Two or more role names joined by commas in a string, as [Authorize(Roles = "...")] takes them.
    [GeneratedRegex("\"\\s*(staff|dsl|deputy-dsl|headteacher|leadership|chair-of-governors|governor|mis)\\s*,\\s*(staff|dsl|deputy-dsl|headteacher|leadership|chair-of-governors|governor|mis)\\b")]
    private static partial Regex WireList();

    // Two or more of the domain's roles listed together (HasAny(Role.A, Role.B), a set of them).
    [GeneratedRegex(@"\bRole\.\w+\s*,\s*(Domain\.Identity\.)?Role\.\w+")]
    private static partial Regex EnumList();
}
