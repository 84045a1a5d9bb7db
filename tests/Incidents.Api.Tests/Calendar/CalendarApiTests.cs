using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Incidents.Api.Clocks;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Calendar;
using Incidents.Domain.Clocks;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Calendar;

/// <summary>A host of its own: changing the calendar moves every due date in its database; checks look again every second.</summary>
public sealed class CalendarHost : ApiHost
{
    protected override string DatabasePrefix => "calendar";

    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Clocks:CheckAtLeastEvery", "00:00:01");
}

[CollectionDefinition(Name)]
public sealed class CalendarCollection : ICollectionFixture<CalendarHost>
{
    public const string Name = "calendar";
}

/// <summary>The school calendar through the API: seeded, versioned, kept by the DSL or the headteacher, moving the queue's due dates.</summary>
[Collection(CalendarCollection.Name)]
public sealed class CalendarApiTests(CalendarHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    private async Task<JsonNode> Calendar()
    {
        var response = await _concerns.Get(People.Dsl, "/api/calendar");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag.Should().NotBeNull();
        return await Json(response);
    }

    private Task<HttpResponseMessage> Put(object body, long? ifMatch, Incidents.Domain.Identity.Actor? actor = null) =>
        _concerns.Send(actor ?? People.Dsl, HttpMethod.Put, "/api/calendar", body,
            r => { if (ifMatch is { } v) { r.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{v}\"")); } });

    private static object Body(JsonNode calendar, params object[] closures) => new
    {
        closures,
        bankHolidays = calendar["bankHolidays"]!.AsArray().Select(b => new { date = b!["date"]!.GetValue<string>(), name = b["name"]!.GetValue<string>() }).ToArray(),
    };

    [Fact]
    public async Task The_calendar_is_seeded_from_the_settings_with_England_and_Wales_bank_holidays_preloaded()
    {
        var calendar = await Calendar();

        calendar["version"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        calendar["bankHolidays"]!.AsArray().Select(b => b!["date"]!.GetValue<string>()).Should().Contain(["2027-03-26", "2030-12-26"]);
        var history = await Json(await _concerns.Get(People.Headteacher, "/api/calendar/history"));
        history.AsArray().Should().Contain(v => v!["version"]!.GetValue<int>() == 1 && v["changedBy"]!["id"]!.GetValue<string>() == "settings");
    }

    [Fact]
    public async Task An_inset_day_added_by_the_DSL_is_a_new_version_with_who_and_when_and_moves_the_triage_due_date_on_the_queue()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("CAL-1")));
        await api.ProjectionsCaughtUp();
        var due = TriageDue(await QueueItem(id));
        var calendar = await Calendar();
        var version = calendar["version"]!.GetValue<int>();
        var dueDay = api.Host.Services.GetRequiredService<SchoolCalendar>().LocalDate(due);

        var put = await Put(Body(calendar, new { from = dueDay, to = dueDay, name = "Training day", kind = "inset" }), version);

        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        put.Headers.ETag!.Tag.Should().Be($"\"{version + 1}\"");
        var saved = await Json(put);
        saved["changedBy"]!["id"]!.GetValue<string>().Should().Be(People.Dsl.Id);
        saved["closures"]!.AsArray().Should().ContainSingle(c => c!["kind"]!.GetValue<string>() == "inset");
        TriageDue(await QueueItem(id)).Should().BeAfter(due, "the INSET day is not a school day, so the target moves on");
        var history = (await Json(await _concerns.Get(People.Dsl, "/api/calendar/history"))).AsArray();
        history[0]!["version"]!.GetValue<int>().Should().Be(version + 1);
        history.Should().Contain(v => v!["version"]!.GetValue<int>() == version);
    }

    [Fact]
    public async Task A_change_made_since_the_version_read_is_refused_with_412_and_changes_nothing()
    {
        var calendar = await Calendar();
        var version = calendar["version"]!.GetValue<int>();

        var stale = await Put(Body(calendar), version - 1);

        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await Calendar())["version"]!.GetValue<int>().Should().Be(version);
    }

    [Fact]
    public async Task A_closure_that_ends_before_it_starts_or_lacks_its_kind_is_a_problem_by_field_and_changes_nothing()
    {
        var calendar = await Calendar();
        var version = calendar["version"]!.GetValue<int>();

        var backwards = await Put(Body(calendar, new { from = "2027-02-19", to = "2027-02-15", kind = "holiday" }), null);
        var noKind = await Put(Body(calendar, new { from = "2027-02-15", to = "2027-02-19" }), null);
        var noLists = await Put(new { }, null);
        var notADate = await _concerns.Send(People.Dsl, HttpMethod.Put, "/api/calendar", JsonNode.Parse("""{"closures":[{"from":"soon","to":"2027-01-01","kind":"inset"}],"bankHolidays":[]}"""));

        foreach (var (response, field) in new[] { (backwards, "closures[0].to"), (noKind, "closures[0].kind"), (noLists, "closures") })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await Json(response))["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
        }

        notADate.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Calendar())["version"]!.GetValue<int>().Should().Be(version);
    }

    [Fact]
    public async Task An_overdue_triage_escalates_once_and_shows_as_escalated_on_the_queue()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("CAL-2")));
        await api.ProjectionsCaughtUp();
        var due = TriageDue(await QueueItem(id));

        try
        {
            api.Clock.MoveTo(due.AddHours(-1));
            await Until(async () => (await Alerts(id)).Any(a => a is { Clock: Domain.Notifications.CaseClock.Triage, Kind: ClockAlertKind.Reminder }));
            api.Clock.MoveTo(due.AddMinutes(1));
            await Until(async () => (await Alerts(id)).Any(a => a is { Clock: Domain.Notifications.CaseClock.Triage, Kind: ClockAlertKind.Overdue }));

            var item = await QueueItem(id);
            item["overdue"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Contain("triage");
            item["escalated"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Equal("triage");
            (await Alerts(id)).Where(a => a.Clock == Domain.Notifications.CaseClock.Triage).Select(a => a.Kind)
                .Should().BeEquivalentTo([ClockAlertKind.Reminder, ClockAlertKind.Overdue], "each is sent once");
        }
        finally
        {
            api.Clock.Reset();
        }
    }

    private async Task<IReadOnlyList<ClockAlertRecord>> Alerts(Guid id)
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<ClockAlertRecord>().Where(a => a.ConcernId == id).ToListAsync();
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the scheduled check should have fired");
            await Task.Delay(100);
        }
    }

    private async Task<JsonNode> QueueItem(Guid id)
    {
        var queue = await Json(await _concerns.Get(People.Dsl, "/api/queue?limit=200"));
        return queue["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!;
    }

    private static DateTimeOffset TriageDue(JsonNode item) => item["deadlines"]!["triageDueAt"]!.GetValue<DateTimeOffset>();
}
