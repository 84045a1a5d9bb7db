using System.Net;
using System.Text.RegularExpressions;

namespace Incidents.Api.Tests.Support;

/// <summary>
/// A person using the web app, as a browser would without JavaScript: a cookie jar, forms posted with their
/// antiforgery token, redirects not followed (so a test sees each one). Signs in through the Development sign-in
/// page as one of the people in appsettings.Development.json (<c>Web:DevelopmentPeople</c>).
/// </summary>
public sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _client;

    private readonly CookieJar _jar;

    private WebSession(ApiHost api)
    {
        _jar = new CookieJar(api.Host.Server.CreateHandler());
        _client = new HttpClient(_jar) { BaseAddress = api.Host.Server.BaseAddress };
    }

    /// <summary>The cookies this browser would send, as someone copying them out of it would have them.</summary>
    public string Cookies => _jar.Header(_client.BaseAddress!);

    /// <summary>Another browser holding a copy of <paramref name="cookies"/>.</summary>
    public static WebSession WithCookies(ApiHost api, string cookies)
    {
        var session = new WebSession(api);
        session._jar.Set(session._client.BaseAddress!, cookies);
        return session;
    }

    public static async Task<WebSession> SignIn(ApiHost api, string sub, bool multiFactor = true)
    {
        var session = new WebSession(api);
        var signedIn = await session.Submit("/sign-in", new() { ["person"] = sub, ["singleFactor"] = multiFactor ? "" : "true" });
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        return session;
    }

    public static WebSession Anonymous(ApiHost api) => new(api);

    public Task<HttpResponseMessage> Get(string path) => _client.GetAsync(path);

    public async Task<string> Page(string path)
    {
        var response = await Get(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return html;
    }

    /// <summary>Opens the form at <paramref name="path"/> and posts it with these fields (and the page's hidden fields).</summary>
    public async Task<HttpResponseMessage> Submit(string path, Dictionary<string, string> fields, bool withAntiforgery = true)
    {
        var form = await (await Get(path)).Content.ReadAsStringAsync();
        // Every page also has the sign-out form's token: any one of the page's tokens is valid for the session.
        var values = new Dictionary<string, string>();
        foreach (Match hidden in HiddenField().Matches(form))
        {
            values[WebUtility.HtmlDecode(hidden.Groups["name"].Value)] = WebUtility.HtmlDecode(hidden.Groups["value"].Value);
        }

        if (!withAntiforgery)
        {
            values.Remove("__RequestVerificationToken");
        }

        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return await _client.PostAsync(path, new FormUrlEncodedContent(values.Where(v => v.Value.Length > 0)));
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"|<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();

    /// <summary>Keeps the cookies a browser would (the in-memory test server's handler has no cookie container).</summary>
    private sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly CookieContainer _cookies = new();

        public string Header(Uri uri) => _cookies.GetCookieHeader(uri);

        public void Set(Uri uri, string header)
        {
            foreach (var pair in header.Split("; ", StringSplitOptions.RemoveEmptyEntries))
            {
                _cookies.SetCookies(uri, pair);
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (_cookies.GetCookieHeader(request.RequestUri!) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                {
                    _cookies.SetCookies(request.RequestUri!, cookie);
                }
            }

            return response;
        }
    }
}
