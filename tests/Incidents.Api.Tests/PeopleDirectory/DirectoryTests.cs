using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.PeopleDirectory.Searching;
using Incidents.Api.Tests.Support;
using Incidents.Domain.PeopleDirectory;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Api.Tests.PeopleDirectory;

/// <summary>A host whose directory holds only these tests' people, since a full batch speaks for everyone.</summary>
public sealed class DirectoryHost : ApiHost
{
    protected override string DatabasePrefix => "directory";
}

[CollectionDefinition(Name)]
public sealed class DirectoryCollection : ICollectionFixture<DirectoryHost>
{
    public const string Name = "directory";
}

[Collection(DirectoryCollection.Name)]
public sealed class DirectoryTests(DirectoryHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    public static object Learner(string misRef, string given, string family, string? preferred = null, string yearGroup = "Year 6",
        string className = "6B", string? leavingDate = null) =>
        new { misRef, type = "learner", givenName = given, familyName = family, preferredName = preferred, dateOfBirth = "2015-04-02", yearGroup, @class = className, startDate = "2019-09-04", leavingDate };

    public static object Staff(string misRef, string given, string family, string role = "Class teacher") =>
        new { misRef, type = "staff-member", givenName = given, familyName = family, role, startDate = "2018-09-01" };

    private async Task<JsonNode> Push(string mode, params object[] people)
    {
        var response = await _concerns.Post(People.Mis, "/api/directory/batches", new { mode, people });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    private async Task<JsonArray> Search(string query, Domain.Identity.Actor? by = null)
    {
        var response = await _concerns.Get(by ?? People.Teacher, $"/api/directory/people?{query}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["items"]!.AsArray();
    }

    private async Task<DirectoryPerson?> Entry(string misRef)
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<DirectoryPerson>(DirectoryPerson.KeyFor(misRef));
    }

    [Fact]
    public async Task The_MIS_pushes_a_full_batch_and_the_same_batch_again_changes_nothing()
    {
        object[] school = [Learner("DIR-L1", "Amelia", "Thistlewood", "Millie"), Learner("DIR-L2", "Oscar", "Thistlewood"), Staff("DIR-S1", "Ruth", "Penhaligon")];

        var first = await Push("full", school);
        first["added"]!.GetValue<int>().Should().Be(3);

        var again = await Push("full", school);
        again["added"]!.GetValue<int>().Should().Be(0);
        again["changed"]!.GetValue<int>().Should().Be(0);
        again["markedMissing"]!.GetValue<int>().Should().Be(0);
        again["unchanged"]!.GetValue<int>().Should().Be(3);
        (await Entry("DIR-L1"))!.History.Should().HaveCount(1, "a batch sent twice is recorded once");

        var found = await Search("search=thistlewood&type=learner");
        found.Select(p => p!["name"]!.GetValue<string>()).Should().Equal("Millie Thistlewood", "Oscar Thistlewood");
        found[0]!["yearGroup"]!.GetValue<string>().Should().Be("Year 6");
        found[0]!["onRoll"]!.GetValue<bool>().Should().BeTrue();
        (await Search("search=ruth penhal"))[0]!["role"]!.GetValue<string>().Should().Be("Class teacher");
    }

    [Fact]
    public async Task Someone_a_full_batch_leaves_out_is_marked_off_roll_never_removed_and_back_on_roll_when_listed_again()
    {
        await Push("changes", Learner("DIR-M1", "Isla", "Quenby"), Learner("DIR-M2", "Ivo", "Quenby"));

        // Everyone else this collection pushed is left out too: they are marked, not removed.
        var full = await Push("full", Learner("DIR-M1", "Isla", "Quenby"));
        full["markedMissing"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);

        var ivo = (await Search("search=ivo quenby")).Single()!;
        ivo["onRoll"]!.GetValue<bool>().Should().BeFalse();
        (await Entry("DIR-M2"))!.MissingSince.Should().NotBeNull();

        await Push("changes", Learner("DIR-M2", "Ivo", "Quenby"));
        (await Search("search=ivo quenby")).Single()!["onRoll"]!.GetValue<bool>().Should().BeTrue();
        (await Entry("DIR-M2"))!.History.Select(h => h.Fields[0].Field).Should().Equal("misRef", DirectoryMerge.Listed, DirectoryMerge.Listed);
    }

    [Fact]
    public async Task A_leaver_is_marked_with_their_leaving_date_and_stays_findable()
    {
        await Push("changes", Learner("DIR-LV1", "Tobias", "Ashgrove"));
        await Push("changes", Learner("DIR-LV1", "Tobias", "Ashgrove", leavingDate: "2020-07-22"));

        var tobias = (await Search("search=ashgrove")).Single()!;
        tobias["onRoll"]!.GetValue<bool>().Should().BeFalse();
        (await Entry("DIR-LV1"))!.History[^1].Fields.Should().Equal(new FieldChange("leavingDate", null, "2020-07-22"));
    }

    [Fact]
    public async Task A_batch_with_a_bad_row_is_refused_naming_the_row_and_field_and_changes_nothing()
    {
        var response = await _concerns.Post(People.Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[] { Learner("DIR-B1", "Nell", "Brackenridge"), new { misRef = "DIR-B2", type = "staff-member", givenName = "Sam", familyName = "", role = "Cook" } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ConcernsApi.Json(response);
        problem["errors"]!["people[1].familyName"].Should().NotBeNull(problem.ToJsonString());
        (await Entry("DIR-B1")).Should().BeNull("a batch is applied all or nothing");
    }

    [Fact]
    public async Task Only_the_MIS_pushes_the_directory()
    {
        foreach (var actor in new[] { People.Dsl, People.Headteacher, People.Teacher, People.Governor })
        {
            var response = await _concerns.Post(actor, "/api/directory/batches", new { mode = "changes", people = new[] { Learner("DIR-X1", "Eve", "Mallory") } });
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, actor.Name);
        }

        (await Entry("DIR-X1")).Should().BeNull();
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_as_too_large_and_changes_nothing()
    {
        var people = Enumerable.Range(0, DirectoryRows.MaxPeople + 1).Select(i => new { misRef = $"DIR-BIG-{i}", type = "learner", givenName = "A", familyName = "B" }).ToArray();

        var response = await _concerns.Post(People.Mis, "/api/directory/batches", new { mode = "changes", people });

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        (await ConcernsApi.Json(response))["rule"]!.GetValue<string>().Should().Be("directory-batch-too-large");
        (await Entry("DIR-BIG-0")).Should().BeNull();
    }

    [Fact]
    public async Task A_batch_larger_than_other_requests_is_accepted_up_to_its_own_limit()
    {
        var people = Enumerable.Range(0, 600).Select(i => Learner($"DIR-MANY-{i}", "Many", $"Learner{i}")).ToArray();

        var result = await Push("changes", people);

        result["added"]!.GetValue<int>().Should().Be(600, "a school's batch is far larger than the 64 KB other requests may be");
    }

    [Fact]
    public async Task Searching_tells_the_searcher_nothing_about_cases()
    {
        await Push("changes", Learner("DIR-C1", "Wren", "Hollowell"), Learner("DIR-C2", "Wynn", "Hollowell"));
        await _concerns.Raise(People.Dsl, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("DIR-C1")));
        await api.ProjectionsCaughtUp();

        var found = await Search("search=hollowell");

        found.Should().HaveCount(2);
        var withCase = found.Single(p => p!["misRef"]!.GetValue<string>() == "DIR-C1")!.AsObject();
        var without = found.Single(p => p!["misRef"]!.GetValue<string>() == "DIR-C2")!.AsObject();
        withCase.Select(p => p.Key).Should().Equal(without.Select(p => p.Key));
        foreach (var (key, value) in withCase.Where(p => p.Key is not ("misRef" or "name")))
        {
            JsonNode.DeepEquals(value, without[key]).Should().BeTrue(key);
        }

        withCase.ToJsonString().Should().NotContain("2015-04-02", "a search never shows a date of birth");
    }

    [Fact]
    public async Task Anyone_who_raises_concerns_in_person_may_search_and_the_MIS_may_not()
    {
        foreach (var actor in new[] { People.Teacher, People.Dsl, People.Headteacher, People.Leadership, People.ChairOfGovernors, People.Governor })
        {
            (await _concerns.Get(actor, "/api/directory/people?search=a")).StatusCode.Should().Be(HttpStatusCode.OK, actor.Name);
        }

        (await _concerns.Get(People.Mis, "/api/directory/people?search=a")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(null, "/api/directory/people?search=a")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_search_without_text_or_beyond_the_page_limit_is_refused()
    {
        (await _concerns.Get(People.Teacher, "/api/directory/people")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _concerns.Get(People.Teacher, "/api/directory/people?search=a&limit=51")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _concerns.Get(People.Teacher, "/api/directory/people?search=a&type=parent-carer")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        await Push("changes", Enumerable.Range(0, 30).Select(i => Learner($"DIR-P-{i}", "Paged", $"Pupil{i:00}")).ToArray());
        (await Search("search=paged")).Should().HaveCount(DirectorySearch.DefaultLimit);
        (await Search("search=paged&limit=5")).Should().HaveCount(5);
    }
}
