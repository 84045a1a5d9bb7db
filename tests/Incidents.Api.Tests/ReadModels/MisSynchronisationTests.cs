using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>The MIS keeps its copy in step by paging through what changed, while the school keeps working.</summary>
[Collection(ApiCollection.Name)]
public sealed class MisSynchronisationTests(ApiHost api)
{
    private static readonly string[] SyncFields =
        ["id", "version", "kind", "status", "lead", "occurredAt", "raisedAt", "updatedAt", "closedAt", "subjects"];

    private readonly ConcernsApi _concerns = new(api);

    private async Task<JsonNode> Page(string query)
    {
        var response = await _concerns.Get(People.Mis, "/api/concerns" + query);
        var body = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    [Fact]
    public async Task Paging_while_concerns_change_never_skips_or_repeats_one_and_shows_each_change()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await _concerns.Raise(People.Mis, RaiseRequest("cyberbullying", Subject($"M-10{i}"))));
        }

        var staffCase = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject("S-M-1", "staff-member", "alleged")));
        await api.ProjectionsCaughtUp();

        var seen = new List<(Guid Id, long Version)>();
        var first = await Page($"?updatedSince={Uri.EscapeDataString(since.ToString("O"))}&kind=cyberbullying,underage-use,staff-misconduct&limit=2");
        seen.AddRange(Items(first));
        first["hasMore"]!.GetValue<bool>().Should().BeTrue();

        // While the MIS is between pages: a concern it already has changes, and a new one is raised.
        var changed = seen.First(s => ids.Contains(s.Id)).Id;
        await _concerns.Command(People.Dsl, changed, "triage", new { risk = "low", decision = "monitor", rationale = "Watch", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), reviewBy = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        var late = await _concerns.Raise(People.Mis, RaiseRequest("underage-use", Subject("M-199")));
        await api.ProjectionsCaughtUp();

        var cursor = first["nextCursor"]!.GetValue<string>();
        while (true)
        {
            var page = await Page($"?updatedSince={Uri.EscapeDataString(since.ToString("O"))}&kind=cyberbullying,underage-use,staff-misconduct&limit=2&after={cursor}");
            seen.AddRange(Items(page));
            cursor = page["nextCursor"]!.GetValue<string>();
            if (!page["hasMore"]!.GetValue<bool>())
            {
                break;
            }
        }

        var mine = seen.Where(s => ids.Contains(s.Id) || s.Id == late || s.Id == staffCase).ToList();
        mine.Should().OnlyHaveUniqueItems();
        mine.Select(s => s.Id).Distinct().Should().BeEquivalentTo([.. ids, late]);
        mine.Where(s => s.Id == changed).Select(s => s.Version).Should().Equal(1, 2);
        mine.Where(s => s.Id != changed).Select(s => s.Id).Should().OnlyHaveUniqueItems();

        // Nothing new: the saved cursor returns an empty page, ready for the next poll.
        var idle = await Page($"?after={cursor}");
        Items(idle).Where(s => s.Id == changed || ids.Contains(s.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_synchronisation_view_holds_references_and_state_never_narrative()
    {
        var id = await _concerns.Raise(People.Mis, RaiseRequest("online-sexual-harassment", Subject("M-201"), Subject("M-202", involvement: "alleged")));
        await _concerns.Command(People.Dsl, id, "notes", new { note = "Confidential: disclosed at home", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await api.ProjectionsCaughtUp();

        var body = await Page("?kind=online-sexual-harassment&limit=200");
        var item = body["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!;
        item.AsObject().Select(p => p.Key).Should().BeEquivalentTo(SyncFields);
        body.ToJsonString().Should().NotContain("Confidential").And.NotContain("Hurtful messages");
        item["subjects"]!.AsArray().Select(s => s!["misRef"]!.GetValue<string>()).Should().Equal("M-201", "M-202");
        item["version"]!.GetValue<long>().Should().Be(2);
        item["lead"]!.GetValue<string>().Should().Be("dsl");
    }

    [Fact]
    public async Task An_allegation_raised_as_cyberbullying_never_reaches_the_feed_nor_does_the_adult_alleged()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var learnerCase = await _concerns.Raise(People.Mis, RaiseRequest("cyberbullying", Subject("M-301")));
        var allegation = await _concerns.Raise(People.Mis, RaiseRequest("cyberbullying", Subject("M-302"), Subject("S-MIS-ADULT-303", "staff-member", "alleged")));
        await _concerns.Command(People.Headteacher, allegation, "notes", new { note = "Head spoke to the LADO", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await api.ProjectionsCaughtUp();

        var seen = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await Page($"?updatedSince={Uri.EscapeDataString(since.ToString("O"))}&limit=200" + (cursor is null ? "" : $"&after={cursor}"));
            seen.Add(page);
            cursor = page["hasMore"]!.GetValue<bool>() ? page["nextCursor"]!.GetValue<string>() : null;
        }
        while (cursor is not null);

        var ids = seen.SelectMany(Items).Select(i => i.Id).ToList();
        ids.Should().Contain(learnerCase).And.NotContain(allegation);
        foreach (var page in seen)
        {
            page.ToJsonString().Should().NotContainEquivalentOf("S-MIS-ADULT-303").And.NotContain("M-302");
        }

        (await _concerns.Get(People.Mis, $"/api/concerns/{allegation}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_case_the_MIS_did_not_raise_never_reaches_it_not_even_that_a_child_has_one()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var imagery = await _concerns.Raise(People.Teacher, RaiseRequest("youth-produced-sexual-imagery", Subject("M-401")));
        var bullying = await _concerns.Raise(People.Dsl, RaiseRequest("cyberbullying", Subject("M-402")));
        var own = await _concerns.Raise(People.Mis, RaiseRequest("cyberbullying", Subject("M-403")));
        await api.ProjectionsCaughtUp();

        var body = await Page($"?updatedSince={Uri.EscapeDataString(since.ToString("O"))}&limit=200");
        Items(body).Select(i => i.Id).Should().Contain(own).And.NotContain([imagery, bullying]);
        body.ToJsonString().Should().NotContain("M-401").And.NotContain("M-402");
        var imageryOnly = await Page($"?updatedSince={Uri.EscapeDataString(since.ToString("O"))}&kind=youth-produced-sexual-imagery&limit=200");
        Items(imageryOnly).Should().BeEmpty("filtering by kind tells the MIS nothing of a case it did not raise");

        (await _concerns.Get(People.Mis, $"/api/concerns/{imagery}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(People.Mis, $"/api/concerns/{bullying}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(People.Mis, $"/api/concerns/{own}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_the_MIS_reads_the_feed_and_bad_parameters_are_refused()
    {
        (await _concerns.Get(People.Teacher, "/api/concerns")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(People.Governor, "/api/concerns")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(null, "/api/concerns")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var bad = await _concerns.Get(People.Mis, "/api/concerns?updatedSince=last-tuesday&status=open&limit=1000&after=%%%");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(bad))["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["updatedSince", "status", "limit", "after"]);
    }

    private static IEnumerable<(Guid Id, long Version)> Items(JsonNode page) =>
        page["items"]!.AsArray().Select(i => (i!["id"]!.GetValue<Guid>(), i["version"]!.GetValue<long>()));
}
