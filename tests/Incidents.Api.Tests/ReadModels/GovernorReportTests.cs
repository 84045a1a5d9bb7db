using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Calendar;
using Microsoft.Extensions.DependencyInjection;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>
/// The governors' report, on a database of its own so every count is known: 7 cyberbullying concerns, 2 filtering
/// breaches, 1 staff misconduct case and 1 inappropriate use, investigated and debriefed; and two allegations about
/// the headteacher, which the chair manages and the report never counts.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class GovernorReportTests(ReportHost api) : IAsyncLifetime
{
    // The DSL's name is in the policy's key details by design (section "Key details"), so only their id is listed.
    private static readonly string[] Identifiers =
    [
        "G-LEARNER-1", "G-LEARNER-2", "G-LEARNER-3", "G-LEARNER-4", "S-ACCUSED-9", "S-ACCUSED-10", "CHAIR-REF-1",
        People.Teacher.Id, People.Teacher.Name, People.Dsl.Id, People.Leadership.Id, People.Leadership.Name,
        People.Headteacher.Id, People.Headteacher.Name,
    ];

    private static bool _seeded;
    private readonly ConcernsApi _concerns = new(api);

    public async Task InitializeAsync()
    {
        if (_seeded)
        {
            return;
        }

        _seeded = true;
        var when = DateTimeOffset.UtcNow.AddMinutes(-10);
        var bullying = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            bullying.Add(await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("G-LEARNER-1"), Subject("G-LEARNER-2", involvement: "alleged"))));
        }

        foreach (var id in bullying.Take(5))
        {
            await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "monitor", rationale = "Low level", occurredAt = when, reviewBy = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        }

        var investigated = bullying[0];
        await _concerns.Command(People.Dsl, bullying[1], "escalations", new { question = "How do we handle G-LEARNER-2?", occurredAt = when });
        await _concerns.Raise(People.Teacher, RaiseRequest("filtering-breach", Subject("G-LEARNER-3")));
        await _concerns.Raise(People.Teacher, RaiseRequest("filtering-breach", Subject("G-LEARNER-3")));
        var staff = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject("S-ACCUSED-9", "staff-member", "alleged")));
        await _concerns.Command(People.Headteacher, staff, "referrals", new { agency = "lado", reference = "LADO-G-1", occurredAt = when });

        var other = await _concerns.Raise(People.Teacher, RaiseRequest("inappropriate-use", Subject("G-LEARNER-3")));
        await _concerns.Command(People.Dsl, other, "triage", new { risk = "medium", decision = "investigate", rationale = "Repeated", occurredAt = when });
        await _concerns.Command(People.Dsl, other, "investigation/complete", new { findings = "Confirmed", outcome = "substantiated", occurredAt = when });
        var listed = await _concerns.Post(People.Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[] { PeopleDirectory.DirectoryTests.Staff(ChangeOwner.Id, "Wilhelmina", "Featherstone", "Computing lead"), PeopleDirectory.DirectoryTests.Staff("G-OWNER-2", "Chair", "Only") },
        });
        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(60)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await _concerns.Command(People.Leadership, other, "debrief", new
        {
            attendees = new[] { new { id = People.Leadership.Id, name = People.Leadership.Name }, new { id = People.Dsl.Id, name = People.Dsl.Name } },
            lessonsLearnt = new[] { "G-LEARNER-3 found a proxy site; Lucy Hayward to brief staff", "Check filtering reports weekly" },
            proposedChanges = new object[]
            {
                new { kind = "curriculum", change = "Teach proxy risks in year 6", ownerMisRef = ChangeOwner.Id, dueBy = due },
                new { kind = "policy", change = "Brief staff on proxy sites", owner = "Online safety lead", ownerMisRef = ChangeOwner.Id, dueBy = due },
            },
            occurredAt = when,
        });
        var done = await _concerns.Post(ChangeOwner, $"/api/concerns/{other}/debrief-changes/2/done", new { whatWasDone = "Wilhelmina Featherstone briefed staff at the INSET day", occurredAt = DateTimeOffset.UtcNow });
        done.StatusCode.Should().Be(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        _ = investigated;

        // Two allegations about the headteacher, managed by the chair: one raised by the chair and debriefed by them,
        // one counted at first and rerouted when the headteacher was named. Neither may be counted anywhere.
        var chairs = await _concerns.Raise(People.ChairOfGovernors, RaiseRequest("illegal-content", Subject("G-LEARNER-4"), Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged")));
        await _concerns.Command(People.ChairOfGovernors, chairs, "triage", new { risk = "high", decision = "investigate", rationale = "Chair's case", occurredAt = when });
        await _concerns.Command(People.ChairOfGovernors, chairs, "referrals", new { agency = "police", reference = "CHAIR-REF-1", occurredAt = when });
        await _concerns.Command(People.ChairOfGovernors, chairs, "escalations", new { agency = "Chair's adviser", question = "How do we proceed?", occurredAt = when });
        await _concerns.Command(People.ChairOfGovernors, chairs, "investigation/complete", new { findings = "Found", outcome = "substantiated", occurredAt = when });
        await _concerns.Command(People.ChairOfGovernors, chairs, "debrief", new
        {
            attendees = new[] { new { id = People.ChairOfGovernors.Id, name = People.ChairOfGovernors.Name } },
            lessonsLearnt = new[] { "A lesson only the chair holds" },
            proposedChanges = new[] { new { kind = "policy", change = "A change only the chair holds", owner = "Chair", ownerMisRef = "G-OWNER-2", dueBy = "2099-01-31" } },
            occurredAt = when,
        });
        var rerouted = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject("S-ACCUSED-10", "staff-member", "alleged")));
        await _concerns.Command(People.Headteacher, rerouted, "subjects", new { subjects = new[] { Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged") }, occurredAt = when });
        await api.ProjectionsCaughtUp();
    }

    /// <summary>Owns the debrief's changes: a member of staff in the directory.</summary>
    private static readonly Domain.Identity.Actor ChangeOwner = new("G-OWNER-1", "Wilhelmina Featherstone", new HashSet<Domain.Identity.Role> { Domain.Identity.Role.Staff });

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonNode> Report(string query = "")
    {
        var response = await _concerns.Get(People.Governor, "/api/reports/governors" + query);
        var body = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static Dictionary<string, string> Rows(JsonNode table) =>
        table["rows"]!.AsArray().ToDictionary(r => r!["label"]!.GetValue<string>(), r => r!["count"]!["display"]!.GetValue<string>());

    [Fact]
    public async Task Counts_below_five_read_fewer_than_five_and_the_total_cannot_reveal_them()
    {
        var report = await Report();
        var byKind = report["concernsByKind"]!;

        byKind["total"]!["value"]!.GetValue<int>().Should().Be(11);
        var rows = Rows(byKind);
        rows["filtering-breach"].Should().Be("fewer than 5");
        rows["staff-misconduct"].Should().Be("fewer than 5");
        rows["inappropriate-use"].Should().Be("fewer than 5");
        rows["illegal-content"].Should().Be("0");

        // 7 cyberbullying is not small, and with three small cells hidden it cannot be worked out... so it shows.
        rows["cyberbullying"].Should().Be("7");
        byKind["rows"]!.AsArray().Where(r => r!["count"]!["value"] is null).Should().HaveCountGreaterThan(1);

        // Led by: DSL 10, headteacher 1. Only one small cell, so the smallest other is withheld too.
        var ledBy = report["ledBy"]!;
        Rows(ledBy)["headteacher"].Should().Be("fewer than 5");
        Rows(ledBy)["dsl"].Should().Be("suppressed");
        ledBy["total"]!["value"]!.GetValue<int>().Should().Be(11);
    }

    [Fact]
    public async Task Response_times_escalations_referrals_and_debriefs_are_reported_and_small_ones_withheld()
    {
        var report = await Report();

        var triage = report["raiseToTriage"]!;
        triage["concerns"]!["value"]!.GetValue<int>().Should().Be(6);
        triage["medianDays"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(0).And.BeLessThan(1);
        triage["percentile90Days"].Should().NotBeNull();

        report["raiseToClose"]!["medianDays"].Should().BeNull("no concern has closed");
        report["adviceSoughtByAgency"]!["total"]!["display"]!.GetValue<string>().Should().Be("fewer than 5");
        Rows(report["adviceSoughtByAgency"]!).Keys.Should().Equal("Education Safeguarding Service");
        Rows(report["referralsByAgency"]!)["lado"].Should().Be("fewer than 5");
        report["debriefsHeld"]!["display"]!.GetValue<string>().Should().Be("fewer than 5");
        report["lessonsLearnt"]!.AsArray().Select(l => l!.GetValue<string>())
            .Should().BeEquivalentTo("[redacted] found a proxy site; [redacted] to brief staff", "Check filtering reports weekly");
        // For the policy's annual review: the changes open and done, with the owner's role, never their name.
        var changes = report["proposedChanges"]!.AsArray();
        changes.Should().HaveCount(2);
        var open = changes[0]!;
        open["kind"]!.GetValue<string>().Should().Be("curriculum");
        open["owner"]!.GetValue<string>().Should().Be("Computing lead", "the directory's role, as no other was given");
        open["status"]!.GetValue<string>().Should().Be("open");
        open["dueBy"].Should().NotBeNull();
        var done = changes[1]!;
        done["change"]!.GetValue<string>().Should().Be("Brief staff on proxy sites");
        done["owner"]!.GetValue<string>().Should().Be("Online safety lead");
        done["status"]!.GetValue<string>().Should().Be("done");
        done["done"]!.GetValue<string>().Should().Be("[redacted] briefed staff at the INSET day", "the owner's name is redacted like any name on the case");
        report.ToJsonString().Should().NotContain("Wilhelmina").And.NotContain("Featherstone").And.NotContain(ChangeOwner.Id);
    }

    [Fact]
    public async Task Nothing_the_headteacher_reads_in_the_report_reveals_a_case_the_chair_manages()
    {
        var response = await _concerns.Get(People.Headteacher, "/api/reports/governors");
        var report = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        report["concernsByKind"]!["total"]!["value"]!.GetValue<int>().Should().Be(11, "the chair's two cases are not counted");
        Rows(report["concernsByKind"]!)["illegal-content"].Should().Be("0");
        Rows(report["ledBy"]!).Keys.Should().BeEquivalentTo(["dsl", "headteacher", "leadership-team"], "no row can show a case the chair leads");
        report["ledBy"]!["total"]!["value"]!.GetValue<int>().Should().Be(11);
        Rows(report["referralsByAgency"]!)["police"].Should().Be("0");
        Rows(report["adviceSoughtByAgency"]!).Keys.Should().Equal("Education Safeguarding Service");
        report["raiseToTriage"]!["concerns"]!["value"]!.GetValue<int>().Should().Be(6);
        report.ToJsonString().Should().NotContain("only the chair holds").And.NotContain("Chair's adviser");
    }

    [Fact]
    public async Task The_policy_key_details_come_from_configuration_with_a_warning_once_the_review_date_has_passed()
    {
        var report = await Report();
        var policy = report["policy"]!;
        policy["designatedSafeguardingLead"]!.GetValue<string>().Should().Be("Lucy Hayward, Deputy Headteacher");
        policy["namedGovernor"]!.GetValue<string>().Should().Be("Jess Austen");
        policy["reviewOverdue"]!.GetValue<bool>().Should().BeTrue();
        policy["warning"]!.GetValue<string>().Should().Contain("1 September 2022");
    }

    [Fact]
    public async Task The_default_period_is_the_current_school_year_and_another_can_be_asked_for()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var septemberYear = today.Month >= 9 ? today.Year : today.Year - 1;
        var report = await Report();
        report["from"]!.GetValue<string>().Should().Be($"{septemberYear}-09-01");
        report["to"]!.GetValue<string>().Should().Be($"{septemberYear + 1}-08-31");
        report["concernsByMonth"]!["rows"]!.AsArray().Should().HaveCount(12);

        var lastYear = await Report($"?from={septemberYear - 1}-09-01&to={septemberYear}-08-31");
        lastYear["concernsByKind"]!["total"]!["value"]!.GetValue<int>().Should().Be(0);

        var bad = await _concerns.Get(People.Governor, "/api/reports/governors?from=2026-09-01&to=2026-01-01&format=pdf");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(bad))["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["to", "format"]);
    }

    [Fact]
    public async Task A_period_that_cuts_a_month_counts_from_daily_sums_exactly_what_the_whole_month_counts()
    {
        // Every concern here was raised today (school time): the whole month is read from its monthly sum, today
        // alone from its daily sum, and yesterday alone holds none of them.
        var today = api.Host.Services.GetRequiredService<SchoolCalendar>().LocalDate(DateTimeOffset.UtcNow);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var whole = await Report($"?from={monthStart:yyyy-MM-dd}&to={monthStart.AddMonths(1).AddDays(-1):yyyy-MM-dd}");
        var todayOnly = await Report($"?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        var yesterday = await Report($"?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");

        whole["concernsByKind"]!["total"]!["value"]!.GetValue<int>().Should().Be(11);
        foreach (var section in new[]
                 {
                     "concernsByKind", "outcomes", "investigationOutcomes", "ledBy", "adviceSoughtByAgency", "referralsByAgency",
                     "raiseToTriage", "raiseToClose", "debriefsHeld", "lessonsLearnt", "proposedChanges",
                 })
        {
            todayOnly[section]!.ToJsonString().Should().Be(whole[section]!.ToJsonString(), section);
        }

        yesterday["concernsByKind"]!["total"]!["value"]!.GetValue<int>().Should().Be(0);
        yesterday["lessonsLearnt"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task No_learner_or_staff_name_or_reference_appears_in_any_format()
    {
        var json = (await Report()).ToJsonString();
        var csv = await Text("text/csv");
        var html = await Text("text/html");

        foreach (var text in new[] { json, csv, html })
        {
            foreach (var identifier in Identifiers)
            {
                text.Should().NotContainEquivalentOf(identifier);
            }
        }

        csv.Should().StartWith("section,item,value\r\n").And.Contain("concerns-by-kind,filtering-breach,fewer than 5");
        html.Should().Contain("<svg").And.Contain("fewer than 5").And.NotContain("<script");
        html.Should().Contain("due for review");
    }

    [Fact]
    public async Task Governors_the_chair_the_headteacher_and_leadership_read_it_and_nobody_else()
    {
        foreach (var reader in new[] { People.Governor, People.ChairOfGovernors, People.Headteacher, People.Leadership })
        {
            (await _concerns.Get(reader, "/api/reports/governors")).StatusCode.Should().Be(HttpStatusCode.OK, reader.Name);
        }

        foreach (var refused in new[] { People.Dsl, People.Teacher, People.Mis })
        {
            (await _concerns.Get(refused, "/api/reports/governors")).StatusCode.Should().Be(HttpStatusCode.Forbidden, refused.Name);
        }

        (await _concerns.Get(null, "/api/reports/governors")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<string> Text(string accept)
    {
        var response = await _concerns.Send(People.Governor, HttpMethod.Get, "/api/reports/governors",
            configure: r => r.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept)));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(accept);
        return await response.Content.ReadAsStringAsync();
    }
}
