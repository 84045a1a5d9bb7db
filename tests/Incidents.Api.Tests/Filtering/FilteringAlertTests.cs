using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Filtering;

/// <summary>
/// The filtering and monitoring provider's webhook (issue 25, policy s.3, s.7): a signed alert becomes one concern on
/// the DSL's queue, raised by the provider's system actor; anything unsigned, wrongly signed, stale or replayed is
/// refused and logged without its body.
/// </summary>
[Collection(FilteringCollection.Name)]
public sealed class FilteringAlertTests(FilteringHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private static string Alert(string reference, string category = "self-harm", string? user = null, string? misRef = null, DateTimeOffset? occurredAt = null,
        string? detail = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["reference"] = reference,
            ["category"] = category,
            ["occurredAt"] = occurredAt ?? DateTimeOffset.UtcNow.AddMinutes(-2),
            ["user"] = user ?? "jsmith",
            ["device"] = "LAPTOP-22",
            ["misRef"] = misRef,
            ["severity"] = "high",
            ["detail"] = detail,
        });

    private async Task<JsonNode> Taken(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await Json(response);
        response.StatusCode.Should().Be(expected, body.ToJsonString());
        return body;
    }

    private async Task PushLearner(string misRef)
    {
        var pushed = await _concerns.Post(People.Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[] { new { misRef, type = "learner", givenName = "Ava", familyName = "Filtered" } },
        });
        pushed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_signed_alert_about_a_learner_in_the_directory_becomes_one_concern_on_the_DSLs_queue_raised_by_the_provider()
    {
        var learner = Unique("FLT");
        await PushLearner(learner);

        var answer = await Taken(await api.SendAlert(Alert(Unique("ref"), "Self Harm", misRef: learner)), HttpStatusCode.Created);

        answer["outcome"]!.GetValue<string>().Should().Be("raised");
        answer["kind"]!.GetValue<string>().Should().Be("self-harm");
        var id = answer["concernId"]!.GetValue<Guid>();
        var concern = await _concerns.Read(People.Dsl, id);
        concern["kind"]!.GetValue<string>().Should().Be("self-harm");
        concern["route"]!["lead"]!.GetValue<string>().Should().Be("dsl");
        concern["subjects"]!.AsArray().Select(s => (s!["misRef"]!.GetValue<string>(), s["type"]!.GetValue<string>(), s["involvement"]!.GetValue<string>()))
            .Should().Equal((learner, "learner", "affected"));
        concern["raisedBy"]!["id"]!.GetValue<string>().Should().Be("system:filtering:smoothwall");

        var history = (await Json(await _concerns.Get(People.Dsl, $"/api/concerns/{id}/history"))).AsArray();
        history.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("concern-raised");
        history[0]!["recordedBy"]!.GetValue<string>().Should().Be("system:filtering:smoothwall", "the history names the provider as the one who raised it");

        await api.ProjectionsCaughtUp();
        var queue = await Json(await _concerns.Get(People.Dsl, "/api/queue?kind=self-harm&limit=200"));
        queue["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).Should().Contain(id);
    }

    [Fact]
    public async Task A_retry_with_the_same_reference_is_answered_as_the_first_and_raises_nothing_more()
    {
        var reference = Unique("retry");
        var first = await Taken(await api.SendAlert(Alert(reference, "grooming", user: Unique("u"))), HttpStatusCode.Created);

        // A retry is signed afresh (a new timestamp), as the docs ask.
        var retry = await Taken(await api.SendAlert(Alert(reference, "grooming", user: Unique("u")), at: api.Clock.GetUtcNow().AddSeconds(1)), HttpStatusCode.OK);

        retry.ToJsonString().Should().Be(first.ToJsonString());
        var id = first["concernId"]!.GetValue<Guid>();
        var history = (await Json(await _concerns.Get(People.Dsl, $"/api/concerns/{id}/history"))).AsArray();
        history.Should().HaveCount(1, "the retry added nothing to the case");
    }

    [Fact]
    public async Task Repeats_about_the_same_person_and_category_within_the_window_join_the_one_open_concern()
    {
        var user = Unique("pupil");
        var earlier = DateTimeOffset.UtcNow.AddHours(-3);
        var first = await Taken(await api.SendAlert(Alert(Unique("r1"), "pornography", user, occurredAt: earlier)), HttpStatusCode.Created);
        var id = first["concernId"]!.GetValue<Guid>();

        var second = await Taken(await api.SendAlert(Alert(Unique("r2"), "PORNOGRAPHY", user, detail: "second visit")), HttpStatusCode.OK);
        var third = await Taken(await api.SendAlert(Alert(Unique("r3"), "pornography", user.ToUpperInvariant())), HttpStatusCode.OK);

        second["outcome"]!.GetValue<string>().Should().Be("joined");
        second["concernId"]!.GetValue<Guid>().Should().Be(id);
        third["concernId"]!.GetValue<Guid>().Should().Be(id, "a username compares without regard to case");
        var history = (await Json(await _concerns.Get(People.Dsl, $"/api/concerns/{id}/history"))).AsArray();
        history.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("concern-raised", "chronology-note-added", "chronology-note-added");
        history.Skip(1).Should().OnlyContain(e => e!["recordedBy"]!.GetValue<string>() == "system:filtering:smoothwall");
        history[1]!["data"]!["note"]!.GetValue<string>().Should().Contain("Repeated alert").And.Contain("second visit");

        var otherCategory = await Taken(await api.SendAlert(Alert(Unique("r4"), "gambling", user)), HttpStatusCode.Created);
        otherCategory["concernId"]!.GetValue<Guid>().Should().NotBe(id, "another category is another concern");
    }

    [Fact]
    public async Task An_alert_outside_the_repeat_window_or_after_the_concern_closed_raises_a_new_concern()
    {
        var user = Unique("pupil");
        var old = await Taken(await api.SendAlert(Alert(Unique("w1"), "filter-bypass", user, occurredAt: DateTimeOffset.UtcNow.AddDays(-3))), HttpStatusCode.Created);
        var fresh = await Taken(await api.SendAlert(Alert(Unique("w2"), "filter-bypass", user)), HttpStatusCode.Created);
        fresh["concernId"]!.GetValue<Guid>().Should().NotBe(old["concernId"]!.GetValue<Guid>(), "three days apart is outside the 24-hour window");

        var id = fresh["concernId"]!.GetValue<Guid>();
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "no-further-action", rationale = "A proxy site, blocked", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await _concerns.Command(People.Dsl, id, "close", new { rationale = "Blocked; reminded of the AUP", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });

        var afterClosing = await Taken(await api.SendAlert(Alert(Unique("w3"), "filter-bypass", user)), HttpStatusCode.Created);
        afterClosing["concernId"]!.GetValue<Guid>().Should().NotBe(id, "a machine never reopens a closed case");
    }

    [Fact]
    public async Task An_unmapped_category_about_someone_not_in_the_directory_becomes_a_filtering_concern_for_the_DSL_naming_them_as_the_provider_knows_them()
    {
        var user = Unique("visitor");
        var answer = await Taken(await api.SendAlert(Alert(Unique("u1"), "cryptomining", user, misRef: "NOT-IN-DIRECTORY")), HttpStatusCode.Created);

        answer["kind"]!.GetValue<string>().Should().Be("filtering-breach");
        var concern = await _concerns.Read(People.Dsl, answer["concernId"]!.GetValue<Guid>());
        concern["kind"]!.GetValue<string>().Should().Be("filtering-breach");
        concern["route"]!["lead"]!.GetValue<string>().Should().Be("dsl");
        var subject = concern["subjects"]!.AsArray().Single()!;
        subject["misRef"]!.GetValue<string>().Should().StartWith("unlisted-");
        subject["type"]!.GetValue<string>().Should().Be("other");
        concern.ToJsonString().Should().Contain(user, "the DSL sees the username the provider knows");
        concern["summary"]!.GetValue<string>().Should().Contain("cryptomining").And.Contain("Not in the table");
    }

    [Fact]
    public async Task Missing_wrong_stale_and_malformed_signatures_and_unknown_providers_are_refused_with_401_and_logged_without_the_body()
    {
        const string Marker = "BODY-MARKER-never-logged";
        await api.ProjectionsCaughtUp(); // an earlier test's concern reaches the queue before it is counted, not during this one
        var before = await Json(await _concerns.Get(People.Dsl, "/api/queue?limit=200"));
        var body = Alert(Unique("bad"), detail: Marker);
        var now = api.Clock.GetUtcNow();
        var refusals = new Dictionary<string, Func<Task<HttpResponseMessage>>>
        {
            ["no signature"] = () => api.SendAlert(body, secret: null),
            ["no timestamp"] = () => api.SendAlert(body, tamper: r => r.Headers.Remove("X-Timestamp")),
            ["another secret"] = () => api.SendAlert(body, secret: "someone-else-entirely-0123456789-abcdefghijklmn"),
            ["another provider's secret"] = () => api.SendAlert(body, secret: FilteringHost.LimitedSecret),
            ["a changed body"] = () => api.SendAlert(body, tamper: r => r.Content = new StringContent(body.Replace("self-harm", "gambling", StringComparison.Ordinal),
                System.Text.Encoding.UTF8, "application/json")),
            ["a moved timestamp"] = () => api.SendAlert(body, tamper: r =>
            {
                r.Headers.Remove("X-Timestamp");
                r.Headers.Add("X-Timestamp", (now.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }),
            ["a stale timestamp"] = () => api.SendAlert(body, at: now.AddMinutes(-6)),
            ["a timestamp from the future"] = () => api.SendAlert(body, at: now.AddMinutes(6)),
            ["a malformed signature"] = () => api.SendAlert(body, tamper: r =>
            {
                r.Headers.Remove("X-Signature");
                r.Headers.Add("X-Signature", "sha256=not-hex");
            }),
            ["a malformed timestamp"] = () => api.SendAlert(body, tamper: r =>
            {
                r.Headers.Remove("X-Timestamp");
                r.Headers.Add("X-Timestamp", "yesterday");
            }),
            ["an unknown provider"] = () => api.SendAlert(body, provider: "netsweeper"),
            ["a provider's name in another case"] = () => api.SendAlert(body, provider: "SmoothWall"),
        };

        foreach (var (name, send) in refusals)
        {
            var response = await send();
            var problem = await Json(response);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, name);
            problem["type"]!.GetValue<string>().Should().EndWith("/unauthorized", name);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", name);
        }

        api.Logs.Lines.Where(l => l.Contains("Filtering alert refused", StringComparison.Ordinal)).Should().HaveCountGreaterThanOrEqualTo(refusals.Count);
        api.Logs.Lines.Should().NotContain(l => l.Contains(Marker, StringComparison.Ordinal), "nothing from a refused body is logged");
        api.Logs.Lines.Should().NotContain(l => l.Contains(FilteringHost.Secret, StringComparison.Ordinal) || l.Contains("sha256=", StringComparison.Ordinal),
            "neither the secret nor a signature is logged");
        api.Logs.Lines.Should().Contain(l => l.Contains("UnknownProvider", StringComparison.Ordinal) && l.Contains("not configured", StringComparison.Ordinal)
            && !l.Contains("Provider=\"netsweeper\"", StringComparison.Ordinal), "a provider that is not configured is the caller's word, not a provider's name");

        await api.ProjectionsCaughtUp();
        var after = await Json(await _concerns.Get(People.Dsl, "/api/queue?limit=200"));
        after["items"]!.AsArray().Count.Should().Be(before["items"]!.AsArray().Count, "a refused alert raised nothing");
    }

    [Fact]
    public async Task A_signed_request_sent_again_is_refused_as_a_replay()
    {
        var body = Alert(Unique("replay"), "bullying", Unique("u"));
        var at = api.Clock.GetUtcNow();
        (await api.SendAlert(body, at: at)).StatusCode.Should().Be(HttpStatusCode.Created);

        var replayed = await api.SendAlert(body, at: at);

        replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        api.Logs.Lines.Should().Contain(l => l.Contains("Filtering alert refused", StringComparison.Ordinal) && l.Contains("Replayed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_alert_signed_with_the_next_secret_is_taken_while_the_secret_is_rotated() =>
        (await api.SendAlert(Alert(Unique("rot"), "drugs", Unique("u")), secret: FilteringHost.NextSecret)).StatusCode.Should().Be(HttpStatusCode.Created);

    [Fact]
    public async Task A_well_signed_body_that_is_not_a_valid_alert_is_refused_with_400_and_raises_nothing()
    {
        var notJson = await api.SendAlert("{ this is not json");
        notJson.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(notJson))["type"]!.GetValue<string>().Should().EndWith("/bad-request");

        var missing = await api.SendAlert("""{ "category": "self-harm", "extra": 1 }""");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var incomplete = await api.SendAlert("""{ "category": "self-harm" }""");
        incomplete.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await Json(incomplete))["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Contain(["reference", "occurredAt", "user"]);

        var future = await api.SendAlert(Alert(Unique("fut"), occurredAt: DateTimeOffset.UtcNow.AddHours(2)));
        future.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var response = await api.SendAlert(Alert(Unique("big"), detail: new string('x', 70 * 1024)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_provider_over_its_rate_limit_gets_429_with_Retry_After()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < FilteringHost.LimitedPerMinute + 1; i++)
        {
            last = await api.SendAlert(Alert(Unique("lim"), "gambling", Unique("u")), FilteringHost.Limited, FilteringHost.LimitedSecret);
            statuses.Add(last.StatusCode);
        }

        statuses.Take(FilteringHost.LimitedPerMinute).Should().OnlyContain(s => s == HttpStatusCode.Created);
        last!.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter.Should().NotBeNull();
        (await Json(last))["type"]!.GetValue<string>().Should().EndWith("/too-many-requests");
        (await api.SendAlert(Alert(Unique("other"), "gambling", Unique("u")))).StatusCode.Should().Be(HttpStatusCode.Created, "another provider has its own limit");
    }

    [Fact]
    public async Task A_token_never_carries_the_filtering_providers_role()
    {
        var impostor = new Actor("system:filtering:smoothwall", "Impostor", new HashSet<Role> { Role.FilteringProvider });

        (await _concerns.Post(impostor, "/api/concerns", RaiseRequest())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Post(impostor, "/api/filtering/smoothwall/alerts", JsonNode.Parse(Alert(Unique("tok")))))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a token is no signature");
    }

    [Fact]
    public async Task The_DSL_reads_the_category_table_and_others_may_not()
    {
        var table = await Json(await _concerns.Get(People.Dsl, "/api/filtering/categories"));

        table["version"]!.GetValue<string>().Should().Be("filtering-categories/2026-12/r1");
        table["unmapped"]!.GetValue<string>().Should().Be("filtering-breach");
        table["categories"]!.AsArray().Should().Contain(r => r!["category"]!.GetValue<string>() == "self-harm" && r["kind"]!.GetValue<string>() == "self-harm");
        table["providers"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Contain([FilteringHost.Limited, FilteringHost.Provider]).And.BeInAscendingOrder();
        table.ToJsonString().Should().NotContain(FilteringHost.Secret);
        (await _concerns.Get(People.DeputyDsl, "/api/filtering/categories")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _concerns.Get(People.Teacher, "/api/filtering/categories")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
