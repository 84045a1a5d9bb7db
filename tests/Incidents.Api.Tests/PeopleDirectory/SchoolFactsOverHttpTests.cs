using System.Net;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.PeopleDirectory;

/// <summary>Who someone is is the school's fact, over HTTP: the directory's type, the office holders, and somebody to act.</summary>
[Collection(DirectoryCollection.Name)]
public sealed class SchoolFactsOverHttpTests(DirectoryHost api)
{
    private readonly ConcernsApi _concerns = new(api);
    private static readonly DateTimeOffset When = Yesterday;

    private async Task PushStaff(string misRef)
    {
        var pushed = await _concerns.Post(People.Mis, "/api/directory/batches", new { mode = "changes", people = new[] { DirectoryTests.Staff(misRef, "Sam", "Fact") } });
        pushed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task ShouldBeRefused(HttpResponseMessage response, string rule)
    {
        var body = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body.ToJsonString());
        body["rule"]!.GetValue<string>().Should().Be(rule);
    }

    [Fact]
    public async Task A_member_of_staff_named_as_a_parent_is_refused_on_raise_and_on_adding_them()
    {
        await PushStaff("SF-STAFF-1");

        await ShouldBeRefused(await _concerns.Post(People.Teacher, "/api/concerns",
            RaiseRequest("cyberbullying", Subject("SF-L1"), Subject("SF-STAFF-1", "parent-carer", "alleged"))), "type-contradicts-directory");

        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("SF-L1")));
        await ShouldBeRefused(await _concerns.Post(People.Dsl, $"/api/concerns/{id}/subjects",
            new { subjects = new[] { Subject("SF-STAFF-1", "parent-carer", "alleged") }, occurredAt = When }), "type-contradicts-directory");

        await _concerns.Command(People.Dsl, id, "subjects", new { subjects = new[] { Subject("SF-STAFF-1", "staff-member", "alleged") }, occurredAt = When });
        (await _concerns.Read(People.Headteacher, id))["route"]!["category"]!.GetValue<string>().Should().Be("allegation",
            "named as the directory says, they make it an allegation");
    }

    [Fact]
    public async Task The_headteacher_named_as_a_parent_is_refused_whatever_the_directory_holds() =>
        await ShouldBeRefused(await _concerns.Post(People.Teacher, "/api/concerns",
            RaiseRequest("cyberbullying", Subject("SF-L2"), Subject(ApiHost.HeadteacherMisRef, "parent-carer", "alleged"))), "type-contradicts-directory");

    [Fact]
    public async Task An_allegation_about_the_headteacher_and_the_chair_is_recorded_and_goes_to_the_LADO_with_the_DSL_recording_their_part()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct",
            Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"), Subject(ApiHost.ChairOfGovernorsMisRef, "governor", "alleged"), Subject("SF-L3")));

        (await _concerns.Get(People.Headteacher, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(People.ChairOfGovernors, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var dslView = await _concerns.Read(People.Dsl, id);
        dslView.ToJsonString().Should().NotContain(ApiHost.HeadteacherMisRef, "the DSL reads the child's side, not who is alleged");
        await _concerns.Command(People.Dsl, id, "lado-consultation", new { officer = "LADO duty officer", advice = "The LADO manages it with the governing body", occurredAt = When });
    }

    [Fact]
    public async Task A_closed_case_becomes_an_allegation_when_a_parent_named_by_name_is_identified_as_staff_and_is_reopened()
    {
        var raised = await Json(await _concerns.Post(People.Teacher, "/api/concerns", RaiseRequest("underage-use", Subject("SF-L4"),
            new { name = "Pat Doe", description = "a parent in the chat", type = "parent-carer", involvement = "alleged" })));
        var id = raised["id"]!.GetValue<Guid>();
        var unlisted = (await _concerns.Read(People.Dsl, id))["subjects"]!.AsArray().Select(s => s!["misRef"]!.GetValue<string>()).Single(r => r.StartsWith("unlisted-", StringComparison.Ordinal));
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "no-further-action", rationale = "Parent spoken to", occurredAt = When });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = "SF-L4", details = "Phoned", occurredAt = When });
        await _concerns.Command(People.Dsl, id, "close", new { rationale = "Resolved", occurredAt = When });
        await PushStaff("SF-STAFF-2");

        await _concerns.Command(People.Dsl, id, "identifications", new { unlistedRef = unlisted, misRef = "SF-STAFF-2", occurredAt = When });

        var managed = await _concerns.Read(People.Headteacher, id);
        managed["status"]!.GetValue<string>().Should().Be("reopened");
        managed["route"]!["category"]!.GetValue<string>().Should().Be("allegation");
        (await _concerns.Get(new Domain.Identity.Actor("SF-STAFF-2", "Sam Fact", new HashSet<Domain.Identity.Role> { Domain.Identity.Role.Staff, Domain.Identity.Role.Leadership }),
            $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
