using System.Net;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Concerns;
using Incidents.Domain.PeopleDirectory;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Api.Tests.Web;

/// <summary>Naming someone the directory does not hold on the pages, and matching them to the directory later.</summary>
[Collection(ApiCollection.Name)]
public sealed class UnlistedPeoplePageTests(ApiHost api)
{
    private readonly ConcernsApi _api = new(api);

    private static readonly string Yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'10:00", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Concern> Load(Guid id)
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<Concern>(id))!;
    }

    private static Guid RaisedId(HttpResponseMessage response) =>
        Guid.Parse(response.Headers.Location!.OriginalString.Split("raised=")[1]);

    private async Task<Guid> RaiseNamingAChildFromAnotherSchool(WebSession teacher, string learner, string name)
    {
        var raised = await teacher.Submit("/concerns/new", new()
        {
            ["kind"] = "cyberbullying",
            ["summary"] = "Messages in a chat shared with another school",
            ["occurredAt"] = Yesterday,
            ["subjects[0].misRef"] = learner,
            ["subjects[0].type"] = "learner",
            ["subjects[0].involvement"] = "affected",
            ["subjects[1].misRef"] = name,
            ["subjects[1].description"] = "Year 6 child at St Mary's",
            ["subjects[1].type"] = "learner",
            ["subjects[1].involvement"] = "alleged",
        });
        raised.StatusCode.Should().Be(HttpStatusCode.Redirect, await raised.Content.ReadAsStringAsync());
        return RaisedId(raised);
    }

    [Fact]
    public async Task A_teacher_names_a_child_from_another_school_by_name_and_who_they_are_and_only_those_handling_the_case_see_the_name()
    {
        using var teacher = await WebSession.SignIn(api, "staff-teacher-1");

        var id = await RaiseNamingAChildFromAnotherSchool(teacher, "L-7601", "Kit Farrow");

        var unlisted = (await Load(id)).Subjects.Should().ContainSingle(s => s.IsUnlisted).Which;
        unlisted.Should().Be(new Subject(unlisted.MisRef, PersonType.Learner, Involvement.Alleged));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");
        var casePage = WebUtility.HtmlDecode(await dsl.Page($"/cases/{id}"));
        casePage.Should().Contain($"Kit Farrow (Year 6 child at St Mary's) ({unlisted.MisRef})").And.Contain("Not in the directory");
        (await teacher.Page($"/cases/{id}")).Should().NotContain("Kit Farrow", "the raiser sees the status only");
        using var governor = await WebSession.SignIn(api, "gov-1");
        (await governor.Page("/reports/governors")).Should().NotContain("Kit Farrow");
    }

    [Fact]
    public async Task A_name_nobody_in_the_directory_matches_asks_for_who_they_are_instead_of_guessing()
    {
        using var teacher = await WebSession.SignIn(api, "staff-teacher-1");

        var asked = await teacher.Submit("/concerns/new", new()
        {
            ["kind"] = "cyberbullying",
            ["summary"] = "Messages",
            ["occurredAt"] = Yesterday,
            ["subjects[0].misRef"] = "Perpetua Nobody-Known",
            ["subjects[0].involvement"] = "affected",
        });

        asked.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()).Should()
            .Contain("No one in the school's directory matches Perpetua Nobody-Known. Check the spelling, or, if they are not in the directory, say who they are.");
    }

    [Fact]
    public async Task When_the_child_joins_the_school_the_DSL_identifies_them_on_the_case_page_and_their_name_comes_from_the_directory()
    {
        using var teacher = await WebSession.SignIn(api, "staff-teacher-1");
        var id = await RaiseNamingAChildFromAnotherSchool(teacher, "L-7602", "Rosalind Thackeray");
        var unlisted = (await Load(id)).Subjects.Single(s => s.IsUnlisted).MisRef;
        await _api.Command(People.Dsl, id, "actions", new { type = "support-offered", subjectMisRef = unlisted, details = "Her school's mentor was told", occurredAt = ConcernsApi.Yesterday });
        var pushed = await _api.Post(People.Mis, "/api/directory/batches",
            new { mode = "changes", people = new[] { PeopleDirectory.DirectoryTests.Learner("L-7603", "Rosalind", "Thackeray") } });
        pushed.StatusCode.Should().Be(HttpStatusCode.OK);
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");
        (await dsl.Page($"/cases/{id}")).Should().Contain($"/cases/{id}/identify-person");

        var notListed = await dsl.Submit($"/cases/{id}/identify-person", new() { ["unlistedRef"] = unlisted, ["misRef"] = "L-NOBODY", ["occurredAt"] = Yesterday });
        notListed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await notListed.Content.ReadAsStringAsync()).Should().Contain("No one in the school's directory has the reference L-NOBODY");

        // The form offers the directory's people with that name, so the DSL chooses her rather than looking her up.
        WebUtility.HtmlDecode(await dsl.Page($"/cases/{id}/identify-person")).Should().Contain("People in the school's directory with those names")
            .And.Contain("value=\"L-7603\"").And.Contain("Child (learner), Year 6, 6B");
        var identified = await dsl.Submit($"/cases/{id}/identify-person", new() { ["unlistedRef"] = unlisted, ["candidate"] = "L-7603", ["occurredAt"] = Yesterday });

        identified.StatusCode.Should().Be(HttpStatusCode.Redirect, await identified.Content.ReadAsStringAsync());
        (await Load(id)).Subjects.Should().Contain(new Subject("L-7603", PersonType.Learner, Involvement.Alleged)).And.NotContain(s => s.IsUnlisted);
        var casePage = WebUtility.HtmlDecode(await dsl.Page($"/cases/{id}"));
        casePage.Should().Contain("Rosalind Thackeray (L-7603)").And.NotContain("Not in the directory").And.NotContain($"/cases/{id}/identify-person");
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.LoadAsync<UnlistedPerson>(DirectoryPerson.KeyFor(unlisted)))!.IdentifiedAs.Should().Be("L-7603");

        // The audit trail keeps whom each entry was recorded about, by the name they had then; the chronology is hers.
        var history = WebUtility.HtmlDecode(await dsl.Page($"/cases/{id}/history"));
        history.Should().Contain($"Rosalind Thackeray (Year 6 child at St Mary's) ({unlisted})").And.Contain("Rosalind Thackeray (L-7603)");
        await api.ProjectionsCaughtUp();
        var chronology = WebUtility.HtmlDecode(await dsl.Page(await PageChecks.Chronology(api, "learners", "L-7603")));
        chronology.Should().Contain("Rosalind Thackeray (L-7603)").And.Contain("Support offered: Her school's mentor was told")
            .And.Contain("Identified in the directory");
    }

    [Fact]
    public async Task The_DSL_adds_someone_in_the_directory_by_name_and_is_asked_which_one_when_several_match()
    {
        var pushed = await _api.Post(People.Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[]
            {
                PeopleDirectory.DirectoryTests.Learner("L-7611", "Barnaby", "Quillfeather", className: "4A"),
                PeopleDirectory.DirectoryTests.Learner("L-7612", "Barnaby", "Quillfeathers", className: "2C"),
            },
        });
        pushed.StatusCode.Should().Be(HttpStatusCode.OK);
        var id = await _api.Raise(People.Teacher, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("L-7610")));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");
        var form = new Dictionary<string, string> { ["subjects[0].misRef"] = "Barnaby Quill", ["subjects[0].involvement"] = "witness", ["occurredAt"] = Yesterday };

        var asked = await dsl.Submit($"/cases/{id}/add-person", form);

        asked.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()).Should().Contain("More than one person matches Barnaby Quill: choose one.")
            .And.Contain("Barnaby Quillfeathers").And.Contain("2C").And.Contain("href=\"#candidate\"");
        (await Load(id)).Version.Should().Be(1, "nothing is added until the DSL says which");

        form["candidate"] = "L-7612";
        var added = await dsl.Submit($"/cases/{id}/add-person", form);

        added.StatusCode.Should().Be(HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync());
        (await Load(id)).Subjects.Should().Contain(new Subject("L-7612", PersonType.Learner, Involvement.Witness), "who they are comes from the directory");
        WebUtility.HtmlDecode(await dsl.Page($"/cases/{id}")).Should().Contain("Barnaby Quillfeathers (L-7612)");
    }

    [Fact]
    public async Task The_DSL_adds_a_parent_by_name_and_who_they_are_on_the_add_person_form()
    {
        var id = await _api.Raise(People.Teacher, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("L-7604")));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        var added = await dsl.Submit($"/cases/{id}/add-person", new()
        {
            ["subjects[0].name"] = "Morwenna Tregothnan",
            ["subjects[0].description"] = "mother of a Year 4 pupil, posted the video",
            ["subjects[0].type"] = "parent-carer",
            ["subjects[0].involvement"] = "alleged",
            ["occurredAt"] = Yesterday,
        });

        added.StatusCode.Should().Be(HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync());
        var parent = (await Load(id)).Subjects.Single(s => s.IsUnlisted);
        parent.Type.Should().Be(PersonType.ParentCarer);
        WebUtility.HtmlDecode(await dsl.Page($"/cases/{id}")).Should().Contain($"Morwenna Tregothnan (mother of a Year 4 pupil, posted the video) ({parent.MisRef})");
    }
}
