using System.Net;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Web;

/// <summary>"My debrief changes": the owner of a debrief's change sees it and its date, never the case, and records it done.</summary>
[Collection(WebCollection.Name)]
public sealed class DebriefChangesPageTests(WebHost web)
{
    private readonly ConcernsApi _api = new(web);

    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-10);

    [Fact]
    public async Task The_owner_sees_their_change_without_the_case_and_records_it_done_and_the_case_page_shows_it()
    {
        var listed = await _api.Post(People.Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[] { PeopleDirectory.DirectoryTests.Staff(People.AnotherTeacher.Id, "Another", "Teacher", "Computing lead") },
        });
        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        var id = await _api.Raise(People.Teacher, RaiseRequest("filtering-breach", Subject("DCP-1001")));
        await _api.Command(People.Dsl, id, "triage", new { risk = "medium", decision = "investigate", rationale = "A proxy site was used", occurredAt = When });
        await _api.Command(People.Dsl, id, "investigation/complete", new { findings = "A proxy got round the filter", outcome = "substantiated", occurredAt = When });
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20));
        await _api.Command(People.Leadership, id, "debrief", new
        {
            attendees = new[] { new { id = People.Leadership.Id, name = People.Leadership.Name } },
            lessonsLearnt = new[] { "Proxy sites change weekly" },
            proposedChanges = new[] { new { kind = "policy", change = "Add proxy sites to the weekly filtering check", ownerMisRef = People.AnotherTeacher.Id, dueBy = due } },
            occurredAt = When,
        });

        using var owner = await WebSession.SignIn(web, People.AnotherTeacher.Id);
        var page = await owner.Page("/debrief-changes");
        page.Should().Contain("My debrief changes").And.Contain("Add proxy sites to the weekly filtering check")
            .And.Contain(due.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        page.Should().NotContain("DCP-1001").And.NotContain("proxy got round").And.NotContain($"/cases/{id}\"", "the owner may not read the case");
        (await owner.Get($"/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var done = await owner.Submit("/debrief-changes", new() { ["whatWasDone"] = "Proxy categories added to the weekly check" });
        done.StatusCode.Should().Be(HttpStatusCode.Redirect, await done.Content.ReadAsStringAsync());
        var after = await owner.Page(done.Headers.Location!.OriginalString);
        after.Should().Contain("The change is recorded as done").And.Contain("Proxy categories added to the weekly check").And.Contain("You have no open changes");

        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);
        (await dsl.Page($"/cases/{id}")).Should().Contain("Changes agreed at the debrief").And.Contain("Proxy categories added to the weekly check");
        (await PageChecks.ReadsBy(web, People.AnotherTeacher, "debrief-changes")).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Recording_a_change_done_with_nothing_said_shows_the_problem_and_changes_nothing()
    {
        using var owner = await WebSession.SignIn(web, People.Teacher.Id);
        var refused = await owner.Submit("/debrief-changes", new()
        {
            ["concern"] = Guid.NewGuid().ToString(),
            ["number"] = "1",
            ["version"] = "1",
            ["whatWasDone"] = " ",
        });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("whatWasDone is required");
    }
}
