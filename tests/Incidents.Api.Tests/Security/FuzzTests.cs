using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using Npgsql;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Security;

/// <summary>
/// A thousand and more malformed or hostile requests: wrong types, huge strings, deep JSON, invalid UTF-8, SQL and
/// script fragments, wrong content types. None may get a 5xx, none may change the event store, and the service
/// must still answer afterwards.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FuzzTests(ApiHost api)
{
    private static readonly string[] Hostile =
    [
        "' OR 1=1 --", "'; DROP TABLE incidents.mt_events; --", "<script>alert(1)</script>", "\" onmouseover=\"x", "../../etc/passwd",
        "%00", "\u0000", "${jndi:ldap://x}", "{{7*7}}", "=cmd|' /C calc'!A0", "\uD800", "😀", new string('A', 10_000),
    ];

    private static readonly string[] CommandPaths =
    [
        "triage", "notes", "actions", "escalations", "referrals", "referral-decision", "close", "reopen", "debrief", "investigation/complete", "lead", "subjects",
        "lado-consultation", "share-with-dsl", "imagery-review", "amendments", "subject-removals", "withdraw", "kind",
    ];

    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task Over_a_thousand_hostile_requests_get_no_5xx_change_nothing_and_leave_the_service_answering()
    {
        var existing = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("F-1")));
        var eventsBefore = await EventCount();
        var random = new Random(5150);
        var failures = new List<string>();
        using var client = api.ClientFor(People.Dsl);

        for (var i = 0; i < 1100; i++)
        {
            using var request = Build(random, existing);
            var description = $"{request.Method} {request.RequestUri}";
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} {description}: {Truncate(await response.Content.ReadAsStringAsync())}");
            }
        }

        failures.Should().BeEmpty();
        (await EventCount()).Should().Be(eventsBefore);
        (await _concerns.Get(null, "/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("F-2")));
        (await EventCount()).Should().Be(eventsBefore + 1);
    }

    [Theory]
    [InlineData("/api/reports/governors?from=9999-12-01")]
    [InlineData("/api/reports/governors?to=9999-12-31")]
    [InlineData("/api/reports/governors?to=0001-01-01")]
    [InlineData("/api/queue?to=9999-12-31")]
    [InlineData("/api/audit?to=9999-12-31")]
    [InlineData("/api/audit/access?from=0001-01-01&to=9999-12-31")]
    public async Task A_date_at_the_end_of_the_calendar_is_a_400_naming_the_dates_allowed(string url)
    {
        var response = await _concerns.Get(url.Contains("governors", StringComparison.Ordinal) ? People.ChairOfGovernors : People.Dsl, url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("from 1900-01-01 to 2999-12-31");
    }

    [Fact]
    public async Task A_query_value_that_does_not_parse_is_a_400_not_the_parameters_default()
    {
        var response = await _concerns.Get(People.Dsl, "/api/debrief-changes/mine?includeDone=perhaps");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    /// <summary>NUL, other control characters and non-ASCII text: what a scanner sends in every place it can.</summary>
    internal static readonly string[] Unusual = ["a\u0000b", "\u0000", "x\u0001", "\u001B[31m", "del\u007F", "line\r\nbreak", "caf\u00e9", "\u00A0\u2028", "\uD83D\uDE00", "\uFFFF", "\u200Bzero-width"];

    private static readonly Actor[] Callers = [People.Dsl, People.Headteacher, People.ChairOfGovernors, People.Teacher, People.Mis];

    [Fact]
    public async Task Every_documented_query_parameter_holding_NUL_control_or_non_ASCII_characters_gets_no_5xx_and_changes_nothing()
    {
        var existing = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("F-Q1")));
        var document = System.Text.Json.Nodes.JsonNode.Parse(await (await _concerns.Get(null, "/openapi/v1.json")).Content.ReadAsStringAsync())!;
        var eventsBefore = await EventCount();
        var failures = new List<string>();
        var sent = 0;

        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            if (!template.StartsWith("/api/", StringComparison.Ordinal) || item!["get"] is not { } operation)
            {
                continue;
            }

            var path = template.Replace("{id}", existing.ToString(), StringComparison.Ordinal).Replace("{misRef}", "F-Q1", StringComparison.Ordinal);
            var names = (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToList();
            names.Add("undocumented"); // a name no list takes, carrying the same characters
            var caller = await CallerOf(path);
            foreach (var name in names)
            {
                foreach (var value in Unusual)
                {
                    foreach (var url in new[] { $"{path}?{name}={Uri.EscapeDataString(value)}", $"{path}?{Uri.EscapeDataString(name + value)}=1" })
                    {
                        using var response = await _concerns.Get(caller, url);
                        sent++;
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{(int)response.StatusCode} GET {url} as {caller.Id}: {Truncate(await response.Content.ReadAsStringAsync())}");
                        }
                    }
                }
            }
        }

        sent.Should().BeGreaterThan(500);
        failures.Should().BeEmpty();
        (await EventCount()).Should().Be(eventsBefore);
        (await _concerns.Get(People.Teacher, "/api/directory/people?search=a")).StatusCode.Should().Be(HttpStatusCode.OK, "valid reads still answer");
    }

    [Fact]
    public async Task Every_header_a_client_sends_holding_NUL_control_or_non_ASCII_characters_gets_no_5xx_and_changes_nothing()
    {
        var existing = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("F-H1")));
        var eventsBefore = await EventCount();
        var failures = new List<string>();
        string[] headers = ["Idempotency-Key", "If-Match", "X-Correlation-Id", "Accept", "Accept-Language", "User-Agent", "Origin", "Cookie", "Authorization", "X-Forwarded-For"];

        foreach (var header in headers)
        {
            foreach (var value in Unusual.Where(v => !v.Contains('\r', StringComparison.Ordinal) && !v.Contains('\0', StringComparison.Ordinal)))
            {
                var requests = new (HttpMethod Method, string Url, object? Body)[]
                {
                    (HttpMethod.Post, "/api/concerns", RaiseRequest("cyberbullying", Subject("F-H2"))),
                    (HttpMethod.Post, $"/api/concerns/{existing}/notes", new { note = "A note", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) }),
                    (HttpMethod.Get, $"/api/concerns/{existing}", null),
                    (HttpMethod.Get, "/queue", null),
                };
                foreach (var (method, url, body) in requests)
                {
                    using var response = await _concerns.Send(People.Dsl, method, url, body, r =>
                    {
                        r.Headers.Remove(header);
                        r.Headers.TryAddWithoutValidation(header, value);
                    });
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{(int)response.StatusCode} {method} {url} with {header}: {Truncate(await response.Content.ReadAsStringAsync())}");
                    }
                    else if (response.IsSuccessStatusCode && method == HttpMethod.Post)
                    {
                        failures.Add($"{(int)response.StatusCode} {method} {url} with {header} {value}: accepted");
                    }
                }
            }
        }

        failures.Should().BeEmpty();
        (await EventCount()).Should().Be(eventsBefore);
    }

    /// <summary>Someone who may read the list, so the parameters are checked rather than refused with a 403.</summary>
    private async Task<Actor> CallerOf(string path)
    {
        foreach (var caller in Callers)
        {
            using var response = await _concerns.Get(caller, path.Contains("directory", StringComparison.Ordinal) ? path + "?search=a" : path);
            if (response.IsSuccessStatusCode)
            {
                return caller;
            }
        }

        return People.Dsl;
    }

    private static HttpRequestMessage Build(Random random, Guid existing)
    {
        var hostile = Hostile[random.Next(Hostile.Length)];
        // A NUL in a path never reaches the app (the server refuses the request line), so paths carry the rest.
        var segment = Uri.EscapeDataString(hostile.Replace("\0", "", StringComparison.Ordinal));
        var id = random.Next(3) switch { 0 => existing.ToString(), 1 => Guid.NewGuid().ToString(), _ => segment };
        switch (random.Next(4))
        {
            case 0:
                {
                    // Reads with hostile query strings and path segments.
                    var path = random.Next(6) switch
                    {
                        0 => $"/api/queue?{Pick(random, "kind", "status", "risk", "lead", "from", "limit", "after", "sort")}={Uri.EscapeDataString(hostile)}",
                        1 => $"/api/concerns?{Pick(random, "updatedSince", "status", "kind", "limit", "after")}={Uri.EscapeDataString(hostile)}",
                        2 => $"/api/audit?{Pick(random, "actor", "from", "to", "kind", "eventType", "concern", "after")}={Uri.EscapeDataString(hostile)}",
                        3 => $"/api/learners/{segment}/chronology",
                        4 => $"/api/concerns/{id}/history",
                        _ => $"/api/reports/governors?{Pick(random, "from", "to", "format")}={Uri.EscapeDataString(hostile)}",
                    };
                    return new HttpRequestMessage(HttpMethod.Get, path);
                }

            default:
                {
                    var path = random.Next(4) == 0 ? "/api/concerns" : $"/api/concerns/{id}/{CommandPaths[random.Next(CommandPaths.Length)]}";
                    return new HttpRequestMessage(HttpMethod.Post, path) { Content = Body(random, hostile) };
                }
        }
    }

    /// <summary>A body that must be refused: each has a wrong type, a missing required field or cannot be read at all.</summary>
    private static HttpContent Body(Random random, string hostile)
    {
        static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");
        var text = System.Text.Json.JsonSerializer.Serialize(hostile);
        return random.Next(12) switch
        {
            0 => Json($"{{\"kind\":{random.Next()},\"summary\":{text},\"subjects\":\"L-1\",\"occurredAt\":true}}"),
            1 => Json($"{{\"note\":{text},\"occurredAt\":\"not a date\"}}"),
            2 => Json($"{{\"note\":\"fine\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"injected{random.Next()}\":{text}}}"),
            3 => Json(new string('[', 3000) + new string(']', 3000)),
            4 => Json(string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500)),
            5 => new ByteArrayContent([0x7B, 0x22, 0x6E, 0x6F, 0x74, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            6 => new StringContent($"<concern><kind>{hostile}</kind></concern>", Encoding.UTF8, "application/xml"),
            7 => new StringContent(hostile, Encoding.UTF8, "text/plain"),
            8 => Json(random.Next(4) switch { 0 => "", 1 => "null", 2 => "[]", _ => "{" }),
            9 => Json($"{{\"risk\":{text},\"decision\":{text},\"rationale\":{text},\"occurredAt\":\"9999-12-31T00:00:00Z\"}}"),
            10 => Json($"{{\"summary\":\"{new string('x', 80 * 1024)}\"}}"),
            _ => Json($"{{\"kind\":\"cyberbullying\",\"summary\":{text},\"subjects\":[{{\"misRef\":{text},\"type\":\"alien\",\"involvement\":\"affected\"}}],\"occurredAt\":\"1066-10-14T00:00:00Z\"}}"),
        };
    }

    private static string Pick(Random random, params string[] names) => names[random.Next(names.Length)];

    private static string Truncate(string text) => text.Length > 300 ? text[..300] : text;

    private async Task<long> EventCount()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from incidents.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>The pages' forms, fuzzed as <see cref="FuzzTests"/> fuzzes the API: every field of every form the DSL sees.</summary>
[Collection(WebCollection.Name)]
public sealed class FormFuzzTests(WebHost web)
{
    private readonly ConcernsApi _concerns = new(web);

    [Fact]
    public async Task Every_field_of_every_form_holding_NUL_control_or_non_ASCII_characters_gets_no_5xx()
    {
        var existing = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("F-W1")));
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);
        var failures = new List<string>();
        var fields = 0;
        string[] pages = ["/", "/concerns/raise", "/queue", "/audit", "/audit/access", "/reports/governors", $"/cases/{existing}", $"/cases/{existing}/history"];

        foreach (var page in pages)
        {
            var html = await (await dsl.Get(page)).Content.ReadAsStringAsync();
            foreach (System.Text.RegularExpressions.Match form in System.Text.RegularExpressions.Regex.Matches(html, "<form(?<attrs>[^>]*)>(?<body>.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline))
            {
                var attrs = form.Groups["attrs"].Value;
                var action = System.Text.RegularExpressions.Regex.Match(attrs, "action=\"(?<a>[^\"]*)\"") is { Success: true } a ? System.Net.WebUtility.HtmlDecode(a.Groups["a"].Value) : page;
                var post = attrs.Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase);
                if (action == "/sign-out")
                {
                    continue; // signing out would end the session the rest of the forms need
                }

                var names = System.Text.RegularExpressions.Regex.Matches(form.Groups["body"].Value, "name=\"(?<n>[^\"]+)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["n"].Value))
                    .Where(n => n != "__RequestVerificationToken").Distinct().ToList();
                foreach (var name in names)
                {
                    foreach (var value in FuzzTests.Unusual)
                    {
                        fields++;
                        using var response = post
                            ? await dsl.Submit(page, new() { [name] = value })
                            : await dsl.Get($"{action}?{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{(int)response.StatusCode} {(post ? "POST" : "GET")} {action} {name}={Uri.EscapeDataString(value)}");
                        }
                    }
                }
            }
        }

        fields.Should().BeGreaterThan(100);
        failures.Should().BeEmpty();
    }
}
