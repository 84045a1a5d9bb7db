using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Incidents.Api.Tests.SignIn;

/// <summary>
/// What a browser does in a sign-in, no more: keeps cookies per site (Secure ones over https only), follows redirects,
/// and submits the self-posting form a provider answers with in <c>form_post</c> mode. Requests to the service go to
/// its in-memory server; requests to the provider go over the loopback network.
/// </summary>
public sealed class Browser(HttpMessageHandler service, Uri serviceOrigin) : IDisposable
{
    private readonly HttpClient _service = new(service) { BaseAddress = serviceOrigin };
    private readonly HttpClient _network = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every address visited, redirects included, in order.</summary>
    public List<Uri> Visited { get; } = [];

    /// <param name="follow">False to stop at the first answer, redirect or not.</param>
    public Task<Page> GetAsync(string url, bool follow = true) => SendAsync(new HttpRequestMessage(HttpMethod.Get, Absolute(url)), follow);

    /// <summary>Submits the page's form whose action ends with <paramref name="action"/> (hidden fields, antiforgery token included).</summary>
    public Task<Page> SubmitAsync(Page page, string action, bool follow = true)
    {
        var form = page.Document.Forms.FirstOrDefault(f => f.GetAttribute("action")?.EndsWith(action, StringComparison.Ordinal) == true)
            ?? throw new InvalidOperationException($"No form posting to {action} on {page.Address}:\n{page.Html}");
        return SendAsync(PostOf(form, page.Address), follow);
    }

    public Task<Page> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, Absolute(url)) { Content = new FormUrlEncodedContent(fields) });

    /// <summary>The service's session cookie, if the browser still holds one.</summary>
    public Cookie? SessionCookie => Cookies.GetCookies(_service.BaseAddress!).FirstOrDefault(c => c.Name == "incidents-session" && !c.Expired);

    private async Task<Page> SendAsync(HttpRequestMessage request, bool follow = true)
    {
        for (var hops = 0; hops < 20; hops++)
        {
            var uri = request.RequestUri!;
            Visited.Add(uri);
            request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            if (Cookies.GetCookieHeader(uri) is { Length: > 0 } cookies)
            {
                request.Headers.Add("Cookie", cookies);
            }

            using var response = await (IsService(uri) ? _service : _network).SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                {
                    Cookies.SetCookies(uri, cookie);
                }
            }

            var html = await response.Content.ReadAsStringAsync();
            if (follow && (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                request = new HttpRequestMessage(HttpMethod.Get, location.IsAbsoluteUri ? location : new Uri(uri, location));
                continue;
            }

            var document = new HtmlParser().ParseDocument(html);

            // form_post: the provider's page posts the code back to the service by script; do what the script does.
            if (!IsService(uri) && document.Forms.Length == 1 && document.Forms[0].Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            {
                request = PostOf(document.Forms[0], uri);
                continue;
            }

            return new Page(uri, response.StatusCode, html, document, response.Headers.Location,
                response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase));
        }

        throw new InvalidOperationException("Too many redirects: " + string.Join(" -> ", Visited.TakeLast(6)));
    }

    private HttpRequestMessage PostOf(IHtmlFormElement form, Uri page)
    {
        var fields = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>().Select(i => KeyValuePair.Create(i.Name!, i.Value));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? new Uri(page, a) : page;
        return new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
    }

    private Uri Absolute(string url) => new(_service.BaseAddress!, url);

    private bool IsService(Uri uri) => uri.Host == _service.BaseAddress!.Host && uri.Port == _service.BaseAddress.Port;

    public void Dispose()
    {
        _service.Dispose();
        _network.Dispose();
    }
}

public sealed record Page(Uri Address, HttpStatusCode Status, string Html, IHtmlDocument Document, Uri? Location, IReadOnlyDictionary<string, string> Headers)
{
    public string Text => Document.Body?.TextContent ?? "";
}
