using System.Net;
using System.Text.RegularExpressions;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Identity;
using Microsoft.AspNetCore.Hosting;

namespace Incidents.Api.Tests.Support;

/// <summary>
/// A host whose Development sign-in page lists the test <see cref="People"/>, so pages can be read as each of them
/// with a real web session (cookie, antiforgery), as a browser would. Its database is its own.
/// </summary>
public sealed class WebHost : ApiHost
{
    public static readonly IReadOnlyList<Actor> SignsIn =
    [
        People.Dsl, People.DeputyDsl, People.Headteacher, People.Leadership, People.ChairOfGovernors, People.Governor,
        People.Teacher, People.AnotherTeacher, People.Mis,
    ];

    protected override string DatabasePrefix => "web";

    protected override void Configure(IWebHostBuilder web)
    {
        // Replaces appsettings.Development.json's people index by index (there are fewer of those than of these).
        for (var i = 0; i < SignsIn.Count; i++)
        {
            var person = SignsIn[i];
            web.UseSetting($"Web:DevelopmentPeople:{i}:Sub", person.Id);
            web.UseSetting($"Web:DevelopmentPeople:{i}:Name", person.Name);
            web.UseSetting($"Web:DevelopmentPeople:{i}:Description", person.Name);
            var roles = person.Roles.Select(r => r.WireName()).ToList();
            for (var r = 0; r < roles.Count; r++)
            {
                web.UseSetting($"Web:DevelopmentPeople:{i}:Roles:{r}", roles[r]);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebHost>
{
    public const string Name = "web";
}

/// <summary>
/// A person signed in to the web app through the Development sign-in page (GET for the antiforgery token, then POST
/// <c>person=&lt;sub&gt;</c>), keeping the session cookie across requests. Redirects are not followed, so tests see them.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _client;

    private WebSession(HttpClient client) => _client = client;

    public static async Task<WebSession> SignIn(ApiHost api, Actor person, bool singleFactor = false)
    {
        var client = new HttpClient(new Cookies(api.Host.Server.CreateHandler())) { BaseAddress = new Uri("http://localhost") };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"); // as a browser asks
        var session = new WebSession(client);
        var form = new Dictionary<string, string> { ["person"] = person.Id, ["returnUrl"] = "/" };
        if (singleFactor)
        {
            form["singleFactor"] = "true";
        }

        var response = await session.PostForm("/sign-in", form);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{person.Id} is offered on the sign-in page: {await response.Content.ReadAsStringAsync()}");
        return session;
    }

    public Task<HttpResponseMessage> Get(string url) => _client.GetAsync(url);

    /// <summary>The page's HTML, asserting the status it was answered with.</summary>
    public async Task<string> Page(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Get(url);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, html);
        return html;
    }

    /// <summary>Posts a form the way a browser does: with the antiforgery token of the page that shows it.</summary>
    public async Task<HttpResponseMessage> PostForm(string url, IReadOnlyDictionary<string, string> fields, string? formPage = null)
    {
        var page = await (await Get(formPage ?? url)).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(page);
        token.Success.Should().BeTrue($"{formPage ?? url} has a form with an antiforgery token");
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))));
        return await _client.PostAsync(url, content);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>The in-memory test server keeps no cookies; a browser would.</summary>
    private sealed class Cookies(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly CookieContainer _jar = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (_jar.GetCookieHeader(uri) is { Length: > 0 } cookies)
            {
                request.Headers.Add("Cookie", cookies);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                {
                    _jar.SetCookies(uri, cookie);
                }
            }

            return response;
        }
    }
}
