using System.Net;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Web;

/// <summary>The debriefs page: what waits for a debrief this person may hold, and the debriefs they took part in.</summary>
[Collection(WebCollection.Name)]
public sealed class DebriefsPageTests(WebHost web)
{
    private readonly ConcernsApi _api = new(web);

    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-10);

    private async Task<Guid> Investigated()
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("DB-1001")));
        await _api.Command(People.Dsl, id, "triage", new { risk = "medium", decision = "investigate", rationale = "Several children involved", occurredAt = When });
        await _api.Command(People.Dsl, id, "investigation/complete", new { findings = "Confirmed", outcome = "substantiated", occurredAt = When });
        await web.ProjectionsCaughtUp();
        return id;
    }

    [Fact]
    public async Task Leadership_sees_an_investigated_case_waiting_then_the_debrief_they_attended_and_the_read_is_logged()
    {
        var id = await Investigated();
        using var leader = await WebSession.SignIn(web, People.Leadership.Id);

        var response = await leader.Get("/debriefs");
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        PageChecks.IsPrivateAndLockedDown(response);
        html.Should().Contain($"href=\"/cases/{id}\"");
        html.IndexOf($"/cases/{id}", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("Debriefs you held or attended", StringComparison.Ordinal), "it waits for a debrief");
        (await leader.Page($"/cases/{id}")).Should().Contain($"/cases/{id}/debrief", "the case page offers the debrief form");

        await _api.Command(People.Leadership, id, "debrief", new
        {
            attendees = new[] { new { id = People.Leadership.Id.ToUpperInvariant(), name = People.Leadership.Name } },
            lessonsLearnt = new[] { "Teach group chat etiquette earlier" },
            proposedChanges = Array.Empty<object>(),
            occurredAt = When,
        });
        await web.ProjectionsCaughtUp();

        var after = await leader.Page("/debriefs");
        after.IndexOf($"/cases/{id}", StringComparison.Ordinal).Should().BeGreaterThan(after.IndexOf("Debriefs you held or attended", StringComparison.Ordinal), "it is held now");
        (await PageChecks.ReadsBy(web, People.Leadership, "debriefs")).Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(r => r.Status == 200);
    }

    [Fact]
    public async Task The_chair_does_not_debrief_a_case_the_leadership_team_debriefs_and_the_headteacher_does()
    {
        var id = await Investigated();
        using var chair = await WebSession.SignIn(web, People.ChairOfGovernors.Id);
        using var head = await WebSession.SignIn(web, People.Headteacher.Id);

        (await chair.Page("/debriefs")).Should().NotContain($"/cases/{id}");
        (await head.Page("/debriefs")).Should().Contain($"/cases/{id}");
    }

    [Fact]
    public async Task A_class_teacher_a_governor_and_a_DSL_outside_leadership_get_not_found()
    {
        var id = await Investigated();
        foreach (var reader in new[] { People.Teacher, People.Governor, People.Dsl })
        {
            using var session = await WebSession.SignIn(web, reader.Id);
            await PageChecks.IsNotFound(await session.Get("/debriefs"), id.ToString());
        }
    }
}
