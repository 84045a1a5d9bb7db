using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>Need to know, on every surface: the answer to a command, the view, the chronology read at one level.</summary>
[Collection(ApiCollection.Name)]
public sealed class NeedToKnowOverHttpTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-10);

    private static readonly string[] StatusFields = ["view", "id", "version", "kind", "status", "occurredAt", "closed"];

    private static string NewRef(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..12];

    private async Task<JsonArray> Chronology(Actor actor, string path)
    {
        var response = await _concerns.Get(actor, path);
        var body = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        return body["entries"]!.AsArray();
    }

    [Fact]
    public async Task A_correction_shows_on_the_DSLs_childs_side_only_where_the_entry_it_corrects_shows()
    {
        var learner = NewRef("C");
        var allegation = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject(learner), Subject(NewRef("S"), "staff-member", "alleged")));
        var support = await _concerns.Command(People.Dsl, allegation, "actions", new { type = "support-offered", subjectMisRef = learner, details = "Daily check-ins", occurredAt = When });
        var supportVersion = support["version"]!.GetValue<long>();
        await _concerns.Command(People.Headteacher, allegation, "amendments", new { amendsVersion = 1, correction = "ALLEGATION-FIX the teacher's words", reason = "Misheard", occurredAt = When });
        await _concerns.Command(People.Headteacher, allegation, "amendments", new { amendsVersion = supportVersion, correction = "SUPPORT-FIX twice a day", reason = "Mistyped", occurredAt = When });

        var view = await _concerns.Read(People.Dsl, allegation);
        view["corrections"]!.AsArray().Select(c => c!["amendsVersion"]!.GetValue<long>()).Should().Equal(supportVersion);
        view.ToJsonString().Should().NotContain("ALLEGATION-FIX");

        await api.ProjectionsCaughtUp();
        var chronology = (await Chronology(People.Dsl, $"/api/learners/{learner}/chronology")).ToJsonString();
        chronology.Should().Contain("SUPPORT-FIX").And.NotContain("ALLEGATION-FIX", "a correction of the allegation is the case manager's");
    }

    [Fact]
    public async Task The_DSLs_chronology_of_a_child_shows_every_case_about_them_including_those_the_leadership_team_or_the_headteacher_leads()
    {
        var learner = NewRef("C");
        var declared = await _concerns.Raise(People.AnotherTeacher, new
        {
            kind = "conflicting-content",
            summary = "STAFF-DETAIL my post shows the child",
            subjects = new[] { Subject(People.AnotherTeacher.Id, "staff-member", "declaring"), Subject(learner) },
            occurredAt = When,
        });
        var byHead = await _concerns.Raise(People.Headteacher, new
        {
            kind = "conflicting-content",
            summary = "HEAD-DETAIL my post shows the child",
            subjects = new[] { Subject(ApiHost.HeadteacherMisRef, "staff-member", "declaring"), Subject(learner) },
            occurredAt = When,
        });
        await _concerns.Command(People.Leadership, declared, "actions", new { type = "support-offered", subjectMisRef = learner, details = "Talked it through with the child", occurredAt = When });
        await api.ProjectionsCaughtUp();

        var byDsl = await Chronology(People.Dsl, $"/api/learners/{learner}/chronology");
        byDsl.Select(e => e!["concernId"]!.GetValue<Guid>()).Distinct().Should().BeEquivalentTo([declared, byHead]);
        byDsl.Select(e => e!["entry"]!.GetValue<string>()).Should().Contain("In a case led by the leadership team; the DSL keeps the child's side (support, parents)")
            .And.Contain("Support offered: Talked it through with the child");
        byDsl.ToJsonString().Should().NotContain("STAFF-DETAIL").And.NotContain("HEAD-DETAIL").And.NotContain(People.AnotherTeacher.Id);

        var view = await _concerns.Read(People.Dsl, declared);
        view["allegation"]!.GetValue<bool>().Should().BeFalse();
        view.ToJsonString().Should().NotContain("STAFF-DETAIL");
    }

    [Fact]
    public async Task The_headteachers_own_declaration_is_on_no_leadership_members_work_queue_and_opens_to_none()
    {
        var declared = await _concerns.Raise(People.Headteacher, RaiseRequest("conflicting-content", Subject(ApiHost.HeadteacherMisRef, "staff-member", "declaring")));
        var colleagues = await _concerns.Raise(People.AnotherTeacher, RaiseRequest("conflicting-content", Subject(People.AnotherTeacher.Id, "staff-member", "declaring")));
        await api.ProjectionsCaughtUp();

        var queue = await Json(await _concerns.Get(People.Leadership, "/api/queue?kind=conflicting-content&limit=200"));
        var ids = queue["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        ids.Should().Contain(colleagues, "the leadership team leads a colleague's declaration").And.NotContain(declared);
        (await _concerns.Get(People.Leadership, $"/api/concerns/{declared}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Read(People.ChairOfGovernors, declared))["route"]!["headteacherDeclaring"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Raising_answers_at_the_raisers_read_level_and_so_does_a_retry_with_the_same_key()
    {
        var key = Guid.NewGuid().ToString();
        var request = RaiseRequest("youth-produced-sexual-imagery", Subject(NewRef("C")));
        var first = await _concerns.Post(People.Teacher, "/api/concerns", request, r => r.Headers.Add("Idempotency-Key", key));
        var again = await _concerns.Post(People.Teacher, "/api/concerns", request, r => r.Headers.Add("Idempotency-Key", key));
        again.Headers.GetValues("Idempotent-Replay").Should().Equal("true");
        foreach (var response in new[] { first, again })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            response.Headers.ETag!.Tag.Should().Be("\"1\"");
            var body = (await Json(response)).AsObject();
            response.Headers.Location!.ToString().Should().Be($"/api/concerns/{body["id"]!.GetValue<Guid>()}");
            body.Select(p => p.Key).Should().BeEquivalentTo(StatusFields, "a class teacher who raised it follows its status, not its route");
            body["view"]!.GetValue<string>().Should().Be("status", "the answer names its view");
        }

        async Task<JsonObject> Raised(Actor actor, object request)
        {
            var response = await _concerns.Post(actor, "/api/concerns", request);
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            return (await Json(response)).AsObject();
        }

        (await Raised(People.Mis, RaiseRequest("cyberbullying", Subject(NewRef("C"))))).Select(p => p.Key)
            .Should().BeEquivalentTo(["view", "id", "version", "kind", "status", "lead", "occurredAt", "subjects"], "the MIS reads what it raised at its sync level");
        (await Raised(People.Mis, RaiseRequest("cyberbullying", Subject(NewRef("C")), Subject(NewRef("S"), "staff-member", "alleged"))))
            .Select(p => p.Key).Should().BeEquivalentTo(StatusFields, "the MIS learns only that an allegation was recorded");
        (await Raised(People.AnotherTeacher, RaiseRequest("pre-existing-relationship", Subject(People.AnotherTeacher.Id, "staff-member", "declaring"))))
            .Select(p => p.Key).Should().BeEquivalentTo(StatusFields, "an adult declaring follows its status");
        (await Raised(People.Governor, RaiseRequest("cyberbullying", Subject(NewRef("C"))))).Select(p => p.Key)
            .Should().BeEquivalentTo(StatusFields, "a governor raises as any member of staff");
        (await Raised(People.Dsl, RaiseRequest("cyberbullying", Subject(NewRef("C"))))).Should().ContainKey("route", "the DSL handles what they raise");
    }
}
