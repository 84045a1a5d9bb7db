using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Incidents.Api.Tests.SignIn;

/// <summary>
/// Production sign-in, end to end, against a real OpenID Connect provider: the code flow with PKCE, roles from the
/// token through the role map, the second factor the case-reading roles need, sign-out at the provider, the idle and
/// absolute timeouts, and tokens the service must refuse.
/// </summary>
[Collection(OpenIdConnectCollection.Name)]
public sealed class OpenIdConnectSignInTests(OpenIdConnectHost host) : IDisposable
{
    private static readonly ProviderUser DslWithSecondFactor = new("staff-dsl-1", "Lucy Hayward", ["dsl", "staff"], ["pwd", "mfa"]);
    private static readonly ProviderUser DslWithPasswordOnly = DslWithSecondFactor with { Amr = ["pwd"] };

    private TestIdentityProvider Provider => host.Provider;

    private async Task<(Browser Browser, Page Home)> SignInAsync(ProviderUser user)
    {
        Provider.User = user;
        var browser = host.Browser();
        var home = await browser.GetAsync("/");
        return (browser, home);
    }

    [Fact]
    public async Task A_page_sends_the_browser_to_the_provider_with_the_code_flow_and_PKCE_and_back_signed_in()
    {
        var browser = host.Browser();
        var first = await browser.GetAsync("/", follow: false);
        first.Status.Should().Be(HttpStatusCode.Redirect);
        first.Location!.AbsolutePath.Should().Be("/sign-in");

        Provider.User = DslWithSecondFactor;
        var home = await browser.GetAsync("/");

        var authorize = browser.Visited.Single(u => u.AbsolutePath == "/connect/authorize");
        authorize.GetLeftPart(UriPartial.Authority).Should().Be(Provider.Authority.TrimEnd('/'));
        var query = QueryHelpers.ParseQuery(authorize.Query);
        query["response_type"].ToString().Should().Be("code");
        query["code_challenge_method"].ToString().Should().Be("S256");
        query["code_challenge"].ToString().Should().NotBeEmpty();
        query["response_mode"].ToString().Should().Be("form_post", "the code never sits in a URL the browser keeps");
        query["redirect_uri"].ToString().Should().Be("https://localhost/signin-oidc");
        query["scope"].ToString().Split(' ').Should().BeEquivalentTo("openid", "profile");
        browser.Visited.Should().Contain(u => u.AbsolutePath == "/signin-oidc", "the provider posted the code back");

        home.Address.AbsolutePath.Should().Be("/");
        home.Status.Should().Be(HttpStatusCode.OK);
        home.Text.Should().Contain("Signed in as Lucy Hayward");
        home.Document.QuerySelector(".app-signed-in")!.TextContent.Should().Contain("Designated Safeguarding Lead").And.Contain("member of staff");
        home.Html.Should().NotContain("second factor");
        Links(home).Should().Contain("/queue", "a DSL who used a second factor has the work queue");
        var queue = await browser.GetAsync("/queue");
        queue.Status.Should().Be(HttpStatusCode.OK);
        queue.Document.QuerySelector("h1")!.TextContent.Should().Be("Work queue");
        browser.SessionCookie.Should().NotBeNull();
        browser.SessionCookie!.Secure.Should().BeTrue();
        browser.SessionCookie.HttpOnly.Should().BeTrue();
    }

    [Fact]
    public async Task Production_never_offers_the_Development_people_even_when_they_are_configured()
    {
        using var browser = host.Browser();
        var signIn = await browser.GetAsync("/sign-in", follow: false);

        signIn.Status.Should().Be(HttpStatusCode.Redirect);
        signIn.Location!.GetLeftPart(UriPartial.Path).Should().Be(Provider.Authority + "connect/authorize");
    }

    [Fact]
    public async Task A_DSL_without_a_second_factor_sees_what_any_member_of_staff_sees_and_is_told_why()
    {
        var (browser, home) = await SignInAsync(DslWithPasswordOnly);
        using var _ = browser;

        home.Text.Should().Contain("Signed in as Lucy Hayward");
        home.Document.QuerySelector(".app-signed-in")!.TextContent.Should().Contain("member of staff").And.NotContain("Designated Safeguarding Lead");
        home.Document.QuerySelector(".govuk-notification-banner")!.TextContent.Should().Contain("without a second factor").And.Contain("dsl");
        Links(home).Should().NotContain("/queue").And.Contain("/concerns/new");

        var queue = await browser.GetAsync("/queue");
        queue.Status.Should().Be(HttpStatusCode.NotFound, "the work queue is case detail");
        queue.Document.QuerySelector(".govuk-notification-banner")!.TextContent.Should().Contain("without a second factor");
    }

    [Fact]
    public async Task The_providers_acr_can_show_the_second_factor_instead_of_amr()
    {
        var (browser, home) = await SignInAsync(DslWithPasswordOnly with { Acr = "urn:school:mfa" });
        using var _ = browser;

        home.Html.Should().NotContain("without a second factor");
        Links(home).Should().Contain("/queue");
    }

    [Fact]
    public async Task Groups_are_mapped_to_the_services_roles_and_mis_is_never_granted_to_a_person()
    {
        var (browser, home) = await SignInAsync(new ProviderUser("staff-ddsl-1", "Omar Siddiqui", ["Safeguarding Team", "mis"], ["pwd", "mfa"], RoleClaim: "groups"));
        using var _ = browser;

        home.Document.QuerySelector(".app-signed-in")!.TextContent.Should().Contain("deputy DSL").And.Contain("member of staff").And.NotContain("MIS");
        Links(home).Should().Contain("/queue");

        var (misOnly, refused) = await SignInAsync(new ProviderUser("someone", "Some One", ["mis"], ["mfa"]));
        using var __ = misOnly;
        refused.Address.AbsolutePath.Should().Be("/sign-in/failed", "a person with no role of the service's is not signed in");
        misOnly.SessionCookie.Should().BeNull();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_the_providers_session()
    {
        var (browser, home) = await SignInAsync(DslWithSecondFactor);
        using var _ = browser;
        home.Headers["Content-Security-Policy"].Should().Contain($"form-action 'self' {Provider.Authority.TrimEnd('/')}",
            "the sign-out form's redirect to the provider is allowed, nothing else");
        var before = Provider.EndSessionRequests.Count;

        var signedOut = await browser.SubmitAsync(home, "/sign-out");

        Provider.EndSessionRequests.Should().HaveCount(before + 1);
        var endSession = Provider.EndSessionRequests.Last();
        endSession.PostLogoutRedirectUri.Should().Be("https://localhost/signout-callback-oidc");
        endSession.ClientId.Should().Be(TestIdentityProvider.WebClientId);
        browser.Visited.Should().Contain(u => u.AbsolutePath == "/connect/endsession");
        signedOut.Address.AbsolutePath.Should().Be("/sign-out");
        signedOut.Text.Should().Contain("You have signed out");
        browser.SessionCookie.Should().BeNull();
        (await browser.GetAsync("/", follow: false)).Location!.AbsolutePath.Should().Be("/sign-in");
    }

    [Fact]
    public async Task Signing_in_again_with_other_roles_ends_the_persons_earlier_sessions()
    {
        var asDsl = new ProviderUser("staff-roles-1", "Sam Rowe", ["dsl", "staff"], ["pwd", "mfa"]);
        var (earlier, _) = await SignInAsync(asDsl);
        using var __ = earlier;
        var (sameRoles, _) = await SignInAsync(asDsl);
        using var ___ = sameRoles;
        (await earlier.GetAsync("/", follow: false)).Status.Should().Be(HttpStatusCode.OK, "a second sign-in with the same roles ends nothing");

        var (later, _) = await SignInAsync(asDsl with { Roles = ["staff"] });
        using var ____ = later;

        var refused = await earlier.GetAsync("/", follow: false);
        refused.Status.Should().Be(HttpStatusCode.Redirect, "the school no longer gives them the DSL's role");
        refused.Location!.AbsolutePath.Should().Be("/sign-in");
        (await later.GetAsync("/", follow: false)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_session_left_idle_for_longer_than_the_timeout_ends()
    {
        var (browser, _) = await SignInAsync(DslWithSecondFactor);
        using var __ = browser;

        host.Clock.MoveTo(DateTimeOffset.UtcNow.AddMinutes(OpenIdConnectHost.IdleTimeoutMinutes - 5));
        (await browser.GetAsync("/", follow: false)).Status.Should().Be(HttpStatusCode.OK, "used within the timeout");

        // Sliding: the use above renewed it, so the same span again is still within the timeout.
        host.Clock.MoveTo(DateTimeOffset.UtcNow.AddMinutes((2 * OpenIdConnectHost.IdleTimeoutMinutes) - 10));
        (await browser.GetAsync("/", follow: false)).Status.Should().Be(HttpStatusCode.OK, "each use renews the idle timeout");

        host.Clock.MoveTo(DateTimeOffset.UtcNow.AddMinutes((3 * OpenIdConnectHost.IdleTimeoutMinutes) - 5));
        var idle = await browser.GetAsync("/", follow: false);
        idle.Status.Should().Be(HttpStatusCode.Redirect);
        idle.Location!.AbsolutePath.Should().Be("/sign-in");
    }

    [Fact]
    public async Task A_session_in_constant_use_still_ends_at_its_absolute_timeout()
    {
        var (browser, _) = await SignInAsync(DslWithSecondFactor);
        using var __ = browser;
        var signedInAt = DateTimeOffset.UtcNow;

        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromHours(OpenIdConnectHost.AbsoluteTimeoutHours) - TimeSpan.FromMinutes(15))
        {
            elapsed += TimeSpan.FromMinutes(15);
            host.Clock.MoveTo(signedInAt + elapsed);
            (await browser.GetAsync("/", follow: false)).Status.Should().Be(HttpStatusCode.OK, "in use {0} after signing in", elapsed);
        }

        host.Clock.MoveTo(signedInAt + TimeSpan.FromHours(OpenIdConnectHost.AbsoluteTimeoutHours) + TimeSpan.FromMinutes(1));
        var expired = await browser.GetAsync("/", follow: false);
        expired.Status.Should().Be(HttpStatusCode.Redirect);
        expired.Location!.AbsolutePath.Should().Be("/sign-in");
    }

    [Theory]
    [InlineData(Tampering.AlteredPayload)]
    [InlineData(Tampering.ForeignKey)]
    public async Task An_ID_token_altered_or_signed_with_another_key_is_refused(Tampering tampering)
    {
        Provider.Tamper = tampering;
        var (browser, page) = await SignInAsync(DslWithSecondFactor);
        using var _ = browser;

        page.Address.AbsolutePath.Should().Be("/sign-in/failed");
        page.Text.Should().Contain("Signing in did not work");
        browser.SessionCookie.Should().BeNull();
        (await browser.GetAsync("/", follow: false)).Location!.AbsolutePath.Should().Be("/sign-in");
    }

    [Fact]
    public async Task A_callback_the_service_did_not_start_is_refused()
    {
        Provider.User = DslWithSecondFactor;
        using var browser = host.Browser();

        var page = await browser.PostAsync("/signin-oidc", [new("code", "an-attackers-code"), new("state", "an-attackers-state")]);

        page.Address.AbsolutePath.Should().Be("/sign-in/failed");
        browser.SessionCookie.Should().BeNull();
    }

    [Fact]
    public async Task The_API_refuses_the_pages_session_and_accepts_the_providers_bearer_tokens()
    {
        var (browser, _) = await SignInAsync(DslWithSecondFactor);
        using var __ = browser;

        var withCookie = await browser.GetAsync("/api/queue", follow: false);
        withCookie.Status.Should().Be(HttpStatusCode.Unauthorized, "the API takes bearer tokens only, never the page's cookie");

        using var network = new HttpClient();
        var token = await network.PostAsync(Provider.Authority + "connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = TestIdentityProvider.MisClientId,
            ["client_secret"] = TestIdentityProvider.MisClientSecret,
        }));
        token.StatusCode.Should().Be(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();

        using var api = host.Host.Server.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var queue = await api.GetAsync("/api/queue");
        queue.StatusCode.Should().Be(HttpStatusCode.OK, await queue.Content.ReadAsStringAsync());

        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken![..^4] + "AAAA");
        (await api.GetAsync("/api/queue")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a token with a spoilt signature");
    }

    private static List<string> Links(Page page) =>
        page.Document.QuerySelectorAll("nav a[href]").Select(a => a.GetAttribute("href")!).ToList();

    public void Dispose()
    {
        host.Clock.Reset();
        Provider.Tamper = Tampering.None;
    }
}
