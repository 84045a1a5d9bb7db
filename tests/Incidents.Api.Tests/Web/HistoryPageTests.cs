using System.Net;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Web;

/// <summary>The case's audit trail page: the API's history, for those who read the case in full, and nobody else.</summary>
[Collection(WebCollection.Name)]
public sealed class HistoryPageTests(WebHost web)
{
    private readonly ConcernsApi _api = new(web);

    [Fact]
    public async Task The_DSL_reads_every_entry_with_who_recorded_it_when_and_its_correlation_id_and_the_read_is_logged()
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("HP-1001")));
        await _api.Command(People.Dsl, id, "triage", new { risk = "low", decision = "monitor", rationale = "Watching the group chat", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5), reviewBy = InAWeek });
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        var response = await dsl.Get($"/cases/{id}/history");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        PageChecks.IsPrivateAndLockedDown(response);
        html.Should().Contain("Entry 1: Concern raised").And.Contain("Hurtful messages about a learner")
            .And.Contain("Entry 2: Concern triaged").And.Contain("Watching the group chat")
            .And.Contain("Class Teacher (staff-teacher-1)").And.Contain("Lucy Hayward (staff-dsl-1)")
            .And.Contain("Correlation id").And.Contain($"href=\"/cases/{id}\"");
        html.IndexOf("Entry 1:", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("Entry 2:", StringComparison.Ordinal), "oldest first");

        var reads = await PageChecks.ReadsBy(web, People.Dsl, "concern-history", id.ToString());
        reads.Should().ContainSingle().Which.Should().Match<Incidents.Api.Audit.Access.ReadAccessRecord>(r =>
            r.Status == 200 && r.Request == $"/cases/{id}/history");
    }

    [Fact]
    public async Task The_raiser_a_governor_and_the_adult_an_allegation_is_about_get_not_found_and_the_refusal_is_logged()
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("HP-1002")));
        var allegation = await _api.Raise(People.Dsl, RaiseRequest("staff-misconduct", Subject(People.AnotherTeacher.Id, "staff-member", "alleged"), Subject("HP-1003")));

        foreach (var (reader, caseId) in new[] { (People.Teacher, id), (People.Governor, id), (People.AnotherTeacher, allegation) })
        {
            using var session = await WebSession.SignIn(web, reader.Id);
            await PageChecks.IsNotFound(await session.Get($"/cases/{caseId}/history"), "Hurtful messages", "HP-100");
            (await PageChecks.ReadsBy(web, reader, "concern-history", caseId.ToString())).Should().ContainSingle().Which.Status.Should().Be(404);
        }
    }

    [Fact]
    public async Task The_DSL_reading_the_childs_side_of_an_allegation_does_not_get_its_history()
    {
        var allegation = await _api.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject(People.AnotherTeacher.Id, "staff-member", "alleged"), Subject("HP-1004")));
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        (await dsl.Get($"/cases/{allegation}")).StatusCode.Should().Be(HttpStatusCode.OK, "the DSL sees the child's side");
        await PageChecks.IsNotFound(await dsl.Get($"/cases/{allegation}/history"), "Hurtful messages", People.AnotherTeacher.Id);
    }

    [Fact]
    public async Task Without_a_session_the_page_asks_to_sign_in()
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest());
        using var anonymous = web.Host.Server.CreateClient();

        var response = await anonymous.GetAsync($"/cases/{id}/history");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/sign-in");
    }
}
