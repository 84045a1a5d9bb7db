using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Concerns;
using Incidents.Domain.PeopleDirectory;
using Incidents.Projections.People;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Api.Tests.PeopleDirectory;

/// <summary>People not in the directory (a visitor, a child from another school, a parent) named by name and matched later.</summary>
[Collection(DirectoryCollection.Name)]
public sealed class UnlistedPeopleTests(DirectoryHost api)
{
    private readonly ConcernsApi _concerns = new(api);
    private static readonly DateTimeOffset When = ConcernsApi.Yesterday;

    private static object Named(string name, string description, string type = "learner", string involvement = "alleged") =>
        new { name, description, type, involvement };

    private async Task<(Guid Id, string UnlistedRef)> RaiseNaming(string learner, object named)
    {
        var response = await _concerns.Post(People.Teacher, "/api/concerns", ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject(learner), named));
        var body = await ConcernsApi.Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToJsonString());
        var id = body["id"]!.GetValue<Guid>();
        var full = await _concerns.Read(People.Dsl, id);
        var unlisted = full["subjects"]!.AsArray().Select(s => s!["misRef"]!.GetValue<string>()).Single(Subject.IsUnlistedRef);
        return (id, unlisted);
    }

    private async Task<T?> Load<T>(string id) where T : notnull
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<T>(id);
    }

    private async Task<IReadOnlyList<string>> StoredEventsOf(Guid id)
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        return events.Select(e => System.Text.Json.JsonSerializer.Serialize(e.Data, e.Data.GetType())).ToList();
    }

    [Fact]
    public async Task A_child_from_another_school_is_named_by_name_under_a_reference_the_service_gives_and_the_name_stays_out_of_the_events()
    {
        var (id, unlisted) = await RaiseNaming("UNL-L1", Named("Kit Farrow", "Year 6 child at St Mary's, in the group chat"));

        unlisted.Should().MatchRegex("^unlisted-[0-9a-f]{12}$");
        var person = await Load<UnlistedPerson>(DirectoryPerson.KeyFor(unlisted));
        person.Should().NotBeNull();
        person!.Name.Should().Be("Kit Farrow");
        person.Description.Should().Be("Year 6 child at St Mary's, in the group chat");
        person.ConcernId.Should().Be(id);
        (await StoredEventsOf(id)).Should().NotContain(e => e.Contains("Kit Farrow") || e.Contains("St Mary"), "names stay beside the stream, as the directory's do");

        var raiser = await _concerns.Read(People.Teacher, id);
        raiser.ToJsonString().Should().NotContain(unlisted, "the raiser sees the status only");
    }

    [Fact]
    public async Task A_reference_starting_unlisted_is_given_by_the_service_never_by_the_caller_and_nothing_is_stored()
    {
        var before = await CountUnlisted();
        var response = await _concerns.Post(People.Teacher, "/api/concerns",
            ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("UNL-L2"), ConcernsApi.Subject("unlisted-0123456789ab")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConcernsApi.Json(response))["rule"]!.GetValue<string>().Should().Be("unlisted-reference-given-by-service");
        (await CountUnlisted()).Should().Be(before);
    }

    [Theory]
    [InlineData("{\"misRef\":\"UNL-L3\",\"name\":\"Kit Farrow\",\"description\":\"visitor\",\"type\":\"other\",\"involvement\":\"witness\"}", "subjects[1].misRef")]
    [InlineData("{\"name\":\"Kit Farrow\",\"type\":\"other\",\"involvement\":\"witness\"}", "subjects[1].description")]
    [InlineData("{\"description\":\"a visitor\",\"type\":\"other\",\"involvement\":\"witness\"}", "subjects[1].name")]
    public async Task Someone_is_named_either_by_reference_or_by_name_and_who_they_are(string subject, string field)
    {
        var before = await CountUnlisted();
        var request = JsonNode.Parse($$"""
            {"kind":"cyberbullying","summary":"Messages","occurredAt":"{{When:O}}","subjects":[{"misRef":"UNL-L3","type":"learner","involvement":"affected"},{{subject}}]}
            """)!;

        var response = await _concerns.Post(People.Teacher, "/api/concerns", new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConcernsApi.Json(response))["errors"]![field].Should().NotBeNull();
        (await CountUnlisted()).Should().Be(before);
    }

    [Fact]
    public async Task Identified_when_they_join_the_school_what_was_recorded_for_them_moves_into_their_own_chronology()
    {
        var (id, unlisted) = await RaiseNaming("UNL-L4", Named("Ada Quince", "child at Hillside Primary", involvement: "affected"));
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = unlisted, details = "Phoned Hillside, who told her mother", occurredAt = When });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = "UNL-L4", details = "Met his father", occurredAt = When });
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "no-further-action", rationale = "Messages deleted; both schools aware", occurredAt = When });
        await _concerns.Command(People.Dsl, id, "close", new { rationale = "Resolved with both schools", occurredAt = When });
        var push = await _concerns.Post(People.Mis, "/api/directory/batches", new { mode = "changes", people = new[] { DirectoryTests.Learner("UNL-JOINER", "Ada", "Quince") } });
        push.StatusCode.Should().Be(HttpStatusCode.OK);

        var identified = await _concerns.Command(People.Dsl, id, "identifications", new { unlistedRef = unlisted, misRef = "UNL-JOINER", occurredAt = When });

        identified["subjects"]!.AsArray().Select(s => s!["misRef"]!.GetValue<string>()).Should().BeEquivalentTo("UNL-L4", "UNL-JOINER");
        identified["subjects"]!.AsArray().Single(s => s!["misRef"]!.GetValue<string>() == "UNL-JOINER")!["involvement"]!.GetValue<string>().Should().Be("affected");
        (await Load<UnlistedPerson>(DirectoryPerson.KeyFor(unlisted)))!.IdentifiedAs.Should().Be("UNL-JOINER");

        await api.ProjectionsCaughtUp();
        var chronology = await ConcernsApi.Json(await _concerns.Get(People.Dsl, "/api/learners/UNL-JOINER/chronology"));
        var entries = chronology["entries"]!.AsArray().Select(e => e!["entry"]!.GetValue<string>()).ToList();
        entries.Should().Contain(e => e.Contains("Phoned Hillside"), "what was recorded for her under the reference she had is hers");
        entries.Should().NotContain(e => e.Contains("Met his father"), "what was recorded for another child is not");
        entries.Should().Contain(e => e.StartsWith("Identified in the directory"));
        (await Load<PersonCases>(PersonCases.KeyFor(PersonType.Learner, "UNL-JOINER")))!.ConcernIds.Should().Contain(id);
        (await Load<PersonCases>(PersonCases.KeyFor(PersonType.Learner, unlisted)))!.ConcernIds.Should().NotContain(id);
    }

    [Fact]
    public async Task Someone_is_identified_only_as_a_person_the_directory_lists_and_only_by_those_who_handle_the_case()
    {
        var (id, unlisted) = await RaiseNaming("UNL-L5", Named("Jo Marsh", "visitor at the fair", type: "other"));
        await _concerns.Post(People.Mis, "/api/directory/batches", new { mode = "changes", people = new[] { DirectoryTests.Learner("UNL-LISTED", "Jo", "Marsh") } });

        var notListed = await _concerns.Command(People.Dsl, id, "identifications", new { unlistedRef = unlisted, misRef = "UNL-NOBODY", occurredAt = When }, HttpStatusCode.UnprocessableEntity);
        notListed["rule"]!.GetValue<string>().Should().Be("person-not-in-directory");
        (await _concerns.Command(People.Teacher, id, "identifications", new { unlistedRef = unlisted, misRef = "UNL-LISTED", occurredAt = When }, HttpStatusCode.Forbidden))
            ["rule"]!.GetValue<string>().Should().Be("not-case-handler");
        (await _concerns.Command(People.Governor, id, "identifications", new { unlistedRef = unlisted, misRef = "UNL-LISTED", occurredAt = When }, HttpStatusCode.NotFound))
            .Should().NotBeNull("a governor learns nothing about the case");
        (await _concerns.Command(People.Dsl, id, "identifications", new { unlistedRef = "UNL-L5", misRef = "UNL-LISTED", occurredAt = When }, HttpStatusCode.BadRequest))
            ["rule"]!.GetValue<string>().Should().Be("subject-not-unlisted");

        (await _concerns.Read(People.Dsl, id))["version"]!.GetValue<long>().Should().Be(1, "nothing refused changed the case");
        (await Load<UnlistedPerson>(DirectoryPerson.KeyFor(unlisted)))!.IdentifiedAs.Should().BeNull();
    }

    [Fact]
    public async Task Someone_named_by_name_is_added_again_in_another_way_by_their_reference_and_a_reference_from_elsewhere_is_refused()
    {
        var (id, unlisted) = await RaiseNaming("UNL-L6", Named("Max Rowe", "parent of a Year 4 pupil", type: "parent-carer", involvement: "witness"));
        var (_, other) = await RaiseNaming("UNL-L7", Named("Someone Else", "visitor", type: "other", involvement: "witness"));

        var added = await _concerns.Command(People.Dsl, id, "subjects", new { subjects = new[] { ConcernsApi.Subject(unlisted, "parent-carer", "alleged") }, occurredAt = When });
        added["subjects"]!.AsArray().Count(s => s!["misRef"]!.GetValue<string>() == unlisted).Should().Be(2);

        var refused = await _concerns.Command(People.Dsl, id, "subjects", new { subjects = new[] { ConcernsApi.Subject(other, "other", "witness") }, occurredAt = When },
            HttpStatusCode.BadRequest);
        refused["rule"]!.GetValue<string>().Should().Be("unlisted-reference-given-by-service");

        var named = await _concerns.Command(People.Dsl, id, "subjects", new { subjects = new[] { Named("Lee Rowe", "older brother of a Year 4 pupil", "other", "witness") }, occurredAt = When });
        var lee = named["subjects"]!.AsArray().Select(s => s!["misRef"]!.GetValue<string>()).Single(r => Subject.IsUnlistedRef(r) && r != unlisted);
        (await Load<UnlistedPerson>(DirectoryPerson.KeyFor(lee)))!.Name.Should().Be("Lee Rowe");
    }

    [Fact]
    public async Task The_names_people_go_by_are_redacted_from_the_lessons_governors_read_though_the_events_never_carry_them()
    {
        var push = await _concerns.Post(People.Mis, "/api/directory/batches",
            new { mode = "changes", people = new[] { DirectoryTests.Learner("UNL-L8", "Thea", "Marchbank", preferred: "Tee") } });
        push.StatusCode.Should().Be(HttpStatusCode.OK);
        var (id, _) = await RaiseNaming("UNL-L8", Named("Kit Farrow", "child at St Mary's"));
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "medium", decision = "investigate", rationale = "Repeated", occurredAt = When });
        await _concerns.Command(People.Dsl, id, "investigation/complete", new { findings = "Confirmed", outcome = "substantiated", occurredAt = When });
        await _concerns.Command(People.Leadership, id, "debrief", new
        {
            attendees = new[] { new { id = People.Leadership.Id, name = People.Leadership.Name } },
            lessonsLearnt = new[] { "Thea Marchbank told a teacher; Tee Marchbank and Kit Farrow share a bus" },
            proposedChanges = Array.Empty<object>(),
            occurredAt = When,
        });

        await api.ProjectionsCaughtUp();
        var report = await ConcernsApi.Json(await _concerns.Get(People.Governor, "/api/reports/governors"));
        var lessons = report["lessonsLearnt"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        lessons.Should().Contain("[redacted] told a teacher; [redacted] and [redacted] share a bus");
        report.ToJsonString().Should().NotContain("Marchbank").And.NotContain("Kit Farrow");
    }

    private async Task<int> CountUnlisted()
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<UnlistedPerson>().CountAsync();
    }
}
