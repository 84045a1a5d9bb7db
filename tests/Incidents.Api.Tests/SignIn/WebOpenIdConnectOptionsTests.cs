using System.Security.Claims;
using Incidents.Api.Infrastructure.Hosting;
using Incidents.Api.Web.SignIn;
using Microsoft.Extensions.Configuration;

namespace Incidents.Api.Tests.SignIn;

/// <summary>The web sign-in's settings: what a half-done or dangerous configuration stops, and how roles are read.</summary>
public sealed class WebOpenIdConnectOptionsTests
{
    private static WebOpenIdConnectOptions? From(params (string Key, string Value)[] settings) =>
        WebOpenIdConnectOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>("Web:OpenIdConnect:" + s.Key, s.Value))).Build());

    private static readonly (string, string)[] Minimal = [("Authority", "https://login.example.org/tenant/v2.0"), ("ClientId", "incidents-web")];

    private static ClaimsPrincipal Provider(string claim, params string[] values) =>
        new(new ClaimsIdentity(values.Select(v => new Claim(claim, v)), "provider"));

    [Fact]
    public void Nothing_configured_means_no_provider_and_the_defaults_apply_to_a_minimal_one()
    {
        From().Should().BeNull();

        var options = From(Minimal)!;
        options.Scopes.Should().Equal("openid", "profile");
        options.RoleClaims.Should().Equal("roles");
        options.ResponseMode.Should().Be("form_post");
        options.RequireHttpsMetadata.Should().BeTrue();
    }

    [Fact]
    public void Configured_lists_replace_the_defaults_rather_than_adding_to_them()
    {
        var options = From([.. Minimal, ("Scopes:0", "openid"), ("RoleClaims:0", "groups")])!;

        options.Scopes.Should().Equal("openid");
        options.RoleClaims.Should().Equal("groups");
    }

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["Authority=https://login.example.org"], "ClientId is required" },
        { ["ClientId=incidents-web"], "Authority must be" },
        { ["Authority=http://login.example.org", "ClientId=incidents-web"], "must use https" },
        { ["Authority=http://login.example.org", "ClientId=incidents-web", "RequireHttpsMetadata=false"], "loopback address only" },
        { ["Authority=https://login.example.org", "ClientId=w", "ResponseMode=fragment"], "ResponseMode must be form_post or query" },
        { ["Authority=https://login.example.org", "ClientId=w", "Scopes:0=profile"], "Scopes must include openid" },
        { ["Authority=https://login.example.org", "ClientId=w", "RoleMap:MIS Admins:0=mis"], "grants 'mis', which belongs to the MIS" },
        { ["Authority=https://login.example.org", "ClientId=w", "RoleMap:Office:0=admin"], "unknown role 'admin'" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_half_done_or_dangerous_configuration_stops_the_start_and_says_what_to_fix(string[] settings, string said)
    {
        var act = () => From(settings.Select(s => s.Split('=', 2)).Select(s => (s[0], s[1])).ToArray());

        act.Should().Throw<StartupConfigurationException>().WithMessage($"*{said}*");
    }

    [Fact]
    public void An_http_authority_is_accepted_on_loopback_only_when_told_to()
    {
        From(("Authority", "http://127.0.0.1:5001/"), ("ClientId", "w"), ("RequireHttpsMetadata", "false"))!.Authority.Should().Be("http://127.0.0.1:5001/");
        From(("Authority", "http://localhost:5001/"), ("ClientId", "w"), ("RequireHttpsMetadata", "false")).Should().NotBeNull();
    }

    [Fact]
    public void Without_a_role_map_the_providers_values_are_the_services_role_names_less_unknown_ones_and_mis()
    {
        var options = From(Minimal)!;

        options.RolesOf(Provider("roles", "DSL", "staff", "mis", "admin", " ")).Should().BeEquivalentTo("DSL", "staff");
        options.RolesOf(Provider("groups", "dsl")).Should().BeEmpty("only the configured role claims are read");
    }

    [Fact]
    public void With_a_role_map_only_mapped_values_grant_roles()
    {
        var options = From([.. Minimal, ("RoleClaims:0", "groups"), ("RoleMap:8f2c-safeguarding:0", "dsl"), ("RoleMap:8f2c-safeguarding:1", "staff"),
            ("RoleMap:all-staff:0", "staff")])!;

        options.RolesOf(Provider("groups", "8F2C-SAFEGUARDING", "all-staff", "headteacher")).Should().BeEquivalentTo("dsl", "staff");
    }

    [Fact]
    public void The_operations_guides_example_is_a_valid_configuration_that_reads_as_it_says()
    {
        var guide = File.ReadAllText(Path.Combine(Reliability.ApiNode.RepositoryRoot, "docs", "operations.md"));
        var section = guide[guide.IndexOf("## Web sign-in", StringComparison.Ordinal)..];
        var json = System.Text.RegularExpressions.Regex.Match(section, "```json\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();

        var options = WebOpenIdConnectOptions.From(configuration)!;
        var web = StartupConfigurationException.Read<global::Incidents.Api.Web.WebOptions>(configuration, global::Incidents.Api.Web.WebOptions.Section);

        options.SubjectClaim.Should().Be("employee_id");
        var provider = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("groups", "5d1f9a30-senior-leadership"), new Claim("roles", "dsl"), new Claim("groups", "unmapped"), new Claim("amr", "mfa")], "provider"));
        options.RolesOf(provider).Should().BeEquivalentTo("leadership", "staff", "dsl");
        WebSignIn.IsMultiFactor(provider, web.MultiFactor).Should().BeTrue();
        web.IdleTimeoutMinutes.Should().Be(20);
        web.AbsoluteTimeoutHours.Should().Be(10);
    }

    [Fact]
    public void A_session_never_carries_mis_whatever_it_is_given()
    {
        var session = WebSignIn.Principal("staff-1", "Someone", ["mis", "staff"], multiFactor: true);

        session.FindAll(global::Incidents.Api.Infrastructure.Auth.IncidentsClaims.Role).Select(c => c.Value).Should().Equal("staff");
    }

    [Fact]
    public void A_changed_role_map_is_another_map_so_the_sessions_made_under_the_old_one_end()
    {
        var map = From([.. Minimal, ("RoleMap:Safeguarding:0", "dsl"), ("RoleMap:Teachers:0", "staff")]);
        var same = From([.. Minimal, ("RoleMap:teachers:0", "staff"), ("RoleMap:safeguarding:0", "dsl")]);
        var changed = From([.. Minimal, ("RoleMap:Safeguarding:0", "deputy-dsl"), ("RoleMap:Teachers:0", "staff")]);

        WebSession.RoleMapHash(same).Should().Be(WebSession.RoleMapHash(map), "the same map in another order or case");
        WebSession.RoleMapHash(changed).Should().NotBe(WebSession.RoleMapHash(map));
        WebSession.RoleMapHash(null).Should().BeEmpty("the Development sign-in has no map");
    }
}

/// <summary>The second-factor claims a school configures are the ones accepted, not added to the defaults; and a deployment nobody can sign in to is said out loud.</summary>
public sealed class MultiFactorSettingsTests
{
    [Fact]
    public void Configured_amr_values_replace_the_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Web:MultiFactor:AmrValues:0"] = "hwk" }).Build();

        var options = StartupConfigurationException.Read<global::Incidents.Api.Web.WebOptions>(configuration, global::Incidents.Api.Web.WebOptions.Section);

        options.MultiFactor.Amr.Should().Equal("hwk");
    }

    [Fact]
    public void By_default_only_amr_values_that_themselves_mean_several_factors_count()
    {
        var options = new global::Incidents.Api.Web.MultiFactorOptions();
        ClaimsPrincipal With(params string[] amr) => new(new ClaimsIdentity(amr.Select(a => new Claim("amr", a)), "provider"));

        WebSignIn.IsMultiFactor(With("pwd", "mfa"), options).Should().BeTrue();
        WebSignIn.IsMultiFactor(With("mca"), options).Should().BeTrue();
        WebSignIn.IsMultiFactor(With("otp"), options).Should().BeFalse("a one-time code alone may be the only factor");
        WebSignIn.IsMultiFactor(With("pwd"), options).Should().BeFalse();
    }

    [Fact]
    public void Two_methods_of_different_kinds_of_factor_count_as_a_second_factor_and_two_of_the_same_kind_do_not()
    {
        var options = new global::Incidents.Api.Web.MultiFactorOptions();
        ClaimsPrincipal With(params string[] amr) => new(new ClaimsIdentity(amr.Select(a => new Claim("amr", a)), "provider"));

        WebSignIn.IsMultiFactor(With("pwd", "otp"), options).Should().BeTrue("something known and something held");
        WebSignIn.IsMultiFactor(With("hwk", "face"), options).Should().BeTrue("something held and something one is");
        WebSignIn.IsMultiFactor(With("otp", "sms"), options).Should().BeFalse("two things held are one kind of factor");
        WebSignIn.IsMultiFactor(With("pwd", "pin"), options).Should().BeFalse("two things known are one kind of factor");
    }

    [Fact]
    public void Production_without_a_provider_warns_at_start_up_that_nobody_can_sign_in_to_the_pages()
    {
        static IConfiguration Settings(params (string Key, string Value)[] settings) => new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>("Web:OpenIdConnect:" + s.Key, s.Value))).Build();
        static Microsoft.Extensions.Hosting.IHostEnvironment In(string name) =>
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = name };

        global::Incidents.Api.Web.WebSetup.SignInWarning(In("Production"), Settings()).Should().Contain("nobody can sign in to the pages");
        global::Incidents.Api.Web.WebSetup.SignInWarning(In("Production"), Settings(("Authority", "https://login.example.org/tenant/v2.0"), ("ClientId", "incidents-web"))).Should().BeNull();
        global::Incidents.Api.Web.WebSetup.SignInWarning(In("Development"), Settings()).Should().BeNull("Development offers its own sign-in page");
    }
}
