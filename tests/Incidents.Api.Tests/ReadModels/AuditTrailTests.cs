using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>Who did what, when, on which concern: queries over every event, and the CSV export.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditTrailTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task The_audit_trail_answers_who_did_what_when_with_correlation_ids_page_by_page()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("illegal-content", Subject("A-101")));
        var correlation = $"audit-{Guid.NewGuid():N}";
        var triage = await _concerns.Post(People.DeputyDsl, $"/api/concerns/{id}/triage",
            new { risk = "high", decision = "investigate", rationale = "Illegal image", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) },
            r => r.Headers.Add("X-Correlation-Id", correlation));
        triage.StatusCode.Should().Be(HttpStatusCode.OK);
        await _concerns.Command(People.DeputyDsl, id, "notes", new { note = "Device secured", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });

        var response = await _concerns.Get(People.Dsl, $"/api/audit?actor={People.DeputyDsl.Id}&concern={id}&eventType=concern-triaged");
        var body = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        var entry = body["items"]!.AsArray().Single()!;
        entry["concernId"]!.GetValue<Guid>().Should().Be(id);
        entry["eventType"]!.GetValue<string>().Should().Be("concern-triaged");
        entry["actor"]!.GetValue<string>().Should().Be(People.DeputyDsl.Id);
        entry["actorName"]!.GetValue<string>().Should().Be(People.DeputyDsl.Name);
        entry["correlationId"]!.GetValue<string>().Should().Be(correlation);
        entry["concernKind"]!.GetValue<string>().Should().Be("illegal-content");
        entry["recordedAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        body.ToJsonString().Should().NotContain("Illegal image");

        var pages = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Json(await _concerns.Get(People.Headteacher, $"/api/audit?concern={id}&limit=1" + (cursor is null ? "" : $"&after={cursor}")));
            pages.AddRange(page["items"]!.AsArray().Select(i => i!["eventType"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        pages.Should().Equal("concern-raised", "concern-triaged", "chronology-note-added");
    }

    [Fact]
    public async Task The_export_is_CSV_with_the_same_filters_and_defuses_spreadsheet_formulas()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("filtering-breach", Subject("A-201")));
        await _concerns.Command(People.Dsl, id, "notes", new { note = "Filter log checked", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");

        var response = await _concerns.Get(People.Dsl, $"/api/audit/export?concern={id}&from={today}&kind=filtering-breach");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("sequence,concern_id,concern_kind,version,event_type,actor,actor_name,recorded_at,correlation_id,causation_id");
        lines.Skip(1).Select(l => l.Split(',')[4]).Should().Equal("concern-raised", "chronology-note-added");
        lines.Skip(1).Should().OnlyContain(l => l.Contains(id.ToString()));

        var hostile = new Actor("=HYPERLINK(\"http://x\")", "=cmd|' /C calc'!A0", new HashSet<Role> { Role.Staff });
        var raisedByHostile = await _concerns.Raise(hostile, RaiseRequest("filtering-breach", Subject("A-202")));
        var csv = await (await _concerns.Get(People.Dsl, $"/api/audit/export?concern={raisedByHostile}")).Content.ReadAsStringAsync();
        csv.Should().Contain("'=cmd").And.Contain("\"'=HYPERLINK(\"\"http://x\"\")\"");
    }

    [Fact]
    public async Task Only_the_DSL_and_headteacher_query_the_audit_trail_and_they_see_only_cases_they_may_read()
    {
        foreach (var actor in new[] { People.Teacher, People.Governor, People.Mis, People.Leadership, People.ChairOfGovernors })
        {
            (await _concerns.Get(actor, "/api/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden, actor.Name);
            (await _concerns.Get(actor, "/api/audit/export")).StatusCode.Should().Be(HttpStatusCode.Forbidden, actor.Name);
        }

        var aboutHeadteacher = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged")));
        var byHeadteacher = await Json(await _concerns.Get(People.Headteacher, $"/api/audit?concern={aboutHeadteacher}"));
        byHeadteacher["items"]!.AsArray().Should().BeEmpty();
        var byDsl = await Json(await _concerns.Get(People.Dsl, $"/api/audit?concern={aboutHeadteacher}"));
        byDsl["items"]!.AsArray().Should().BeEmpty("the DSL takes no part in a staff case led by the chair of governors");

        var bad = await _concerns.Get(People.Dsl, "/api/audit?eventType=concern-deleted&from=2026-13-01&concern=42");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(bad))["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["eventType", "from", "concern"]);
    }
}
