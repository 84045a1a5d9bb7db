using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Incidents.Bench;

/// <summary>
/// The web app's pages as a signed-in DSL reads them (a cookie session from the sign-in page), timed one after the
/// other while the fixed-rate API load runs beside them.
/// </summary>
public sealed partial class PageReader : IDisposable
{
    /// <summary>The demonstration person the benchmark's API offers on its sign-in page: the load's DSL.</summary>
    public const string DslSub = "bench-dsl";

    private readonly HttpClient _client;

    private PageReader(Uri baseAddress)
    {
        _client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public static async Task<PageReader> SignInAsync(Uri baseAddress)
    {
        var reader = new PageReader(baseAddress);
        var form = await reader._client.GetStringAsync("/sign-in");
        var token = Antiforgery().Match(form).Groups["value"].Value;
        using var signedIn = await reader._client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["person"] = DslSub,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in to the pages answered {(int)signedIn.StatusCode}.");
        }

        return reader;
    }

    /// <summary>
    /// Reads the pages in turn for <paramref name="duration"/> (after 20 untimed reads of each), at
    /// <paramref name="perSecond"/> views a second with each latency counted from its scheduled start, so a slow answer
    /// cannot hide the ones queued behind it; at 0, one after the other as fast as they answer.
    /// </summary>
    public async Task<IReadOnlyList<(string Name, Latencies Latencies, int Shed)>> ReadAsync(IReadOnlyList<(string Name, string Path)> pages, TimeSpan duration, int perSecond)
    {
        var timed = pages.Select(p => (p.Name, p.Path, Latencies: new Latencies(), Shed: new int[1])).ToList();
        for (var i = 0; i < 20; i++)
        {
            foreach (var page in timed)
            {
                await GetAsync(page.Path);
            }
        }

        var clock = Stopwatch.StartNew();
        for (var n = 0; clock.Elapsed < duration; n++)
        {
            var page = timed[n % timed.Count];
            var scheduled = perSecond > 0 ? TimeSpan.FromSeconds((double)n / perSecond) : clock.Elapsed;
            if (scheduled > clock.Elapsed)
            {
                await Task.Delay(scheduled - clock.Elapsed);
            }

            // A page shed under load (503) is counted as the API's load counts it, and its latency is not.
            if (await GetAsync(page.Path) == HttpStatusCode.ServiceUnavailable)
            {
                page.Shed[0]++;
                continue;
            }

            page.Latencies.Add((clock.Elapsed - scheduled).TotalMilliseconds);
        }

        return timed.Select(p => (p.Name, p.Latencies, p.Shed[0])).ToList();
    }

    private async Task<HttpStatusCode> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
        }

        return response.StatusCode;
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Antiforgery();
}
