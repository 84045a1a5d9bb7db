using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>
/// Section 8: leadership debrief and implement any policy or curriculum changes; section 7: the policy is reviewed
/// annually. Each change agreed at a debrief has an owner from the directory and a due date, reaches its owner (who need
/// not read the case), and is marked done with what was done.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DebriefChangesOverHttpTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    private static readonly string Due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Actor Owner(string misRef) => new(misRef, "Owner " + misRef, new HashSet<Role> { Role.Staff });

    private async Task List(params object[] people)
    {
        var response = await _concerns.Post(People.Mis, "/api/directory/batches", new { mode = "changes", people });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A filtering breach about a learner, investigated by the DSL: ready for its debrief.</summary>
    private async Task<Guid> Investigated(string learner)
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("filtering-breach", Subject(learner)));
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "medium", decision = "investigate", rationale = "A proxy site was used", occurredAt = Yesterday });
        await _concerns.Command(People.Dsl, id, "investigation/complete", new { findings = "A proxy got round the filter", outcome = "substantiated", occurredAt = Yesterday });
        return id;
    }

    private static object Debrief(string ownerMisRef, string? dueBy = null, string change = "Add proxy sites to the weekly filtering check") => new
    {
        attendees = new[] { new { id = People.Leadership.Id, name = People.Leadership.Name } },
        lessonsLearnt = new[] { "Proxy sites change weekly" },
        proposedChanges = new[] { new { kind = "policy", change, ownerMisRef, dueBy = dueBy ?? Due } },
        occurredAt = Yesterday,
    };

    private async Task<JsonNode> Mine(Actor owner, bool includeDone = false)
    {
        var response = await _concerns.Get(owner, "/api/debrief-changes/mine" + (includeDone ? "?includeDone=true" : ""));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task The_owner_sees_their_change_and_its_date_never_the_case_and_marks_it_done_with_what_was_done()
    {
        await List(PeopleDirectory.DirectoryTests.Staff("DC-1001", "Imogen", "Tarrant", "Computing lead"));
        var owner = Owner("DC-1001");
        var id = await Investigated("L-DC-1");
        var debriefed = await _concerns.Command(People.Leadership, id, "debrief", Debrief("DC-1001"));
        var agreed = debriefed["debriefChanges"]!.AsArray().Single()!;
        agreed["owner"]!["name"]!.GetValue<string>().Should().Be("Imogen Tarrant", "the owner is the person the directory lists");
        agreed["ownerRole"]!.GetValue<string>().Should().Be("Computing lead", "governors read the directory's role when none is given");

        (await _concerns.Get(owner, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "owning a change is no reason to read the case");
        var mine = (await Mine(owner)).AsArray().Should().ContainSingle().Subject!;
        mine["change"]!.GetValue<string>().Should().Be("Add proxy sites to the weekly filtering check");
        mine["dueBy"]!.GetValue<string>().Should().Be(Due);
        mine["caseReadable"]!.GetValue<bool>().Should().BeFalse();
        mine.ToJsonString().Should().NotContain("L-DC-1").And.NotContain("proxy got round").And.NotContain("summary");

        var done = await _concerns.Post(owner, $"/api/concerns/{id}/debrief-changes/1/done", new { whatWasDone = "Proxy categories added to the weekly check", occurredAt = DateTimeOffset.UtcNow });
        var answer = await Json(done);
        done.StatusCode.Should().Be(HttpStatusCode.OK, answer.ToJsonString());
        answer["done"]!["whatWasDone"]!.GetValue<string>().Should().Be("Proxy categories added to the weekly check");
        answer.ToJsonString().Should().NotContain("L-DC-1", "the answer is the change, not the case");

        (await Mine(owner)).AsArray().Should().BeEmpty("a done change is no longer open");
        (await Mine(owner, includeDone: true)).AsArray().Should().ContainSingle();
        var again = await _concerns.Post(owner, $"/api/concerns/{id}/debrief-changes/1/done", new { whatWasDone = "Again", occurredAt = DateTimeOffset.UtcNow });
        again.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await Json(again))["rule"]!.GetValue<string>().Should().Be("debrief-change-already-done");
        (await _concerns.Read(People.Dsl, id))["debriefChanges"]![0]!["done"]!["whatWasDone"]!.GetValue<string>().Should().Be("Proxy categories added to the weekly check");
    }

    [Fact]
    public async Task Someone_who_neither_owns_a_change_nor_reads_the_case_learns_nothing_of_it()
    {
        await List(PeopleDirectory.DirectoryTests.Staff("DC-2001", "Oswin", "Pargeter"));
        var id = await Investigated("L-DC-2");
        await _concerns.Command(People.Leadership, id, "debrief", Debrief("DC-2001"));

        var stranger = Owner("DC-2999");
        (await _concerns.Post(stranger, $"/api/concerns/{id}/debrief-changes/1/done", new { whatWasDone = "Not mine", occurredAt = DateTimeOffset.UtcNow }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Post(stranger, $"/api/concerns/{id}/debrief-changes/1/owner", new { ownerMisRef = "DC-2999", dueBy = Due, occurredAt = DateTimeOffset.UtcNow }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Mine(stranger)).AsArray().Should().BeEmpty();
        (await _concerns.Post(Owner("DC-2001"), $"/api/concerns/{id}/debrief-changes/1/owner", new { ownerMisRef = "DC-2001", dueBy = Due, occurredAt = DateTimeOffset.UtcNow }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "the owner knows of the change but does not reassign it");
    }

    [Fact]
    public async Task A_debrief_records_each_change_with_an_owner_in_the_directory_and_a_due_date()
    {
        var id = await Investigated("L-DC-3");
        var missing = await _concerns.Post(People.Leadership, $"/api/concerns/{id}/debrief", new
        {
            attendees = new[] { new { id = People.Leadership.Id, name = People.Leadership.Name } },
            lessonsLearnt = new[] { "A lesson" },
            proposedChanges = new[] { new { kind = "policy", change = "A change", owner = "PSHE lead" } },
            occurredAt = Yesterday,
        });
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("proposedChanges[0].ownerMisRef").And.Contain("proposedChanges[0].dueBy");

        var unknown = await _concerns.Post(People.Leadership, $"/api/concerns/{id}/debrief", Debrief("DC-3999"));
        unknown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await Json(unknown))["rule"]!.GetValue<string>().Should().Be("change-owner-not-in-directory");
        (await _concerns.Read(People.Dsl, id))["debrief"].Should().BeNull("a refused debrief records nothing");
    }

    [Fact]
    public async Task A_case_closes_with_a_change_open_and_its_manager_gives_the_change_another_owner_after()
    {
        await List(PeopleDirectory.DirectoryTests.Staff("DC-4001", "Ffion", "Ashdown"), PeopleDirectory.DirectoryTests.Staff("DC-4002", "Cosmo", "Revell", "PSHE lead"));
        var id = await Investigated("L-DC-4");
        await _concerns.Command(People.Leadership, id, "debrief", Debrief("DC-4001"));
        await _concerns.Command(People.Dsl, id, "close", new { rationale = "Resolved; the change is the school's to follow", occurredAt = Yesterday });

        var reassigned = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/debrief-changes/1/owner", new { ownerMisRef = "DC-4002", dueBy = Due, occurredAt = DateTimeOffset.UtcNow });
        var body = await Json(reassigned);
        reassigned.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        body["ownerRole"]!.GetValue<string>().Should().Be("PSHE lead");

        (await Mine(Owner("DC-4001"))).AsArray().Should().BeEmpty("the change has another owner now");
        (await Mine(Owner("DC-4002"))).AsArray().Should().ContainSingle();
        var late = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/debrief-changes/1/owner", new { ownerMisRef = "DC-4002", dueBy = "2020-01-01", occurredAt = DateTimeOffset.UtcNow });
        late.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(late))["rule"]!.GetValue<string>().Should().Be("change-due-before-debrief");
    }
}
