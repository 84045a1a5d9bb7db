using System.Net;
using System.Reflection;
using Incidents.Api.Tests.Support;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Concerns;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Http;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Web;

/// <summary>
/// A command's form page is there only for whoever may give that command now, and shows no more than they may read:
/// anyone else, a raiser following the status included, is told it was not found.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class FormPagesTests(WebHost web)
{
    private readonly ConcernsApi _api = new(web);

    private static readonly string Yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'10:00", System.Globalization.CultureInfo.InvariantCulture);

    private const string Question = "Should the ESS hear about the older sibling too?";

    private async Task<Concern> Load(Guid id)
    {
        await using var session = web.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<Concern>(id))!;
    }

    /// <summary>A case raised by the class teacher on which the DSL asked the Education Safeguarding Service a question.</summary>
    private async Task<Guid> CaseWithAdvicePending(string learner)
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject(learner)));
        await _api.Command(People.Dsl, id, "escalations", new { question = Question, occurredAt = ConcernsApi.Yesterday });
        return id;
    }

    [Fact]
    public async Task No_form_page_opens_for_the_raiser_who_reads_the_status_nor_for_a_governor_who_reads_nothing()
    {
        var id = await CaseWithAdvicePending("FP-1001");
        using var teacher = await WebSession.SignIn(web, People.Teacher.Id);
        using var governor = await WebSession.SignIn(web, People.Governor.Id);

        foreach (var form in CaseActionForms.All)
        {
            await PageChecks.IsNotFound(await teacher.Get($"/cases/{id}/{form.Slug}"), "FP-1001", Question);
            await PageChecks.IsNotFound(await governor.Get($"/cases/{id}/{form.Slug}"), "FP-1001", Question);
        }

        var posted = await teacher.Submit($"/cases/{id}/note", new() { ["note"] = "Mine", ["occurredAt"] = Yesterday, ["version"] = "2" });
        await PageChecks.IsNotFound(posted, "FP-1001");
        (await Load(id)).Version.Should().Be(2, "a form posted by someone who may not give the command changes nothing");
    }

    [Fact]
    public async Task The_DSL_opens_exactly_the_forms_the_case_page_offers_and_no_other()
    {
        var id = await CaseWithAdvicePending("FP-1002");
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);
        var offered = CaseActions.OfferedTo(People.Dsl, await Load(id), DateTimeOffset.UtcNow);
        offered.Should().Contain(CaseAction.RecordAdvice).And.NotContain(CaseAction.Debrief, "nothing is investigated yet");

        foreach (var form in CaseActionForms.All)
        {
            var response = await dsl.Get($"/cases/{id}/{form.Slug}");
            response.StatusCode.Should().Be(offered.Contains(form.Action) ? HttpStatusCode.OK : HttpStatusCode.NotFound, form.Slug);
        }

        (await dsl.Page($"/cases/{id}/record-advice")).Should().Contain(Question);
    }

    [Fact]
    public async Task The_DSL_on_the_childs_side_of_an_allegation_records_an_action_for_the_children_only_and_opens_no_other_form()
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("FP-2001"), Subject("FP-2002", "staff-member", "alleged")));
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        var action = await dsl.Page($"/cases/{id}/action");

        action.Should().Contain("FP-2001").And.NotContain("FP-2002", "the DSL reads the child's side, never the adult alleged");
        await PageChecks.IsNotFound(await dsl.Get($"/cases/{id}/note"), "FP-2002");
        await PageChecks.IsNotFound(await dsl.Get($"/cases/{id}/remove-person"), "FP-2002");
    }

    [Fact]
    public void Every_command_on_a_case_has_one_form_and_every_form_is_its_APIs_endpoint()
    {
        foreach (var action in Enum.GetValues<CaseAction>())
        {
            CaseActionForms.All.Where(f => f.Action == action).Should().ContainSingle($"{action} needs a web form (docs/architecture.md, Adding a command)");
        }

        foreach (var form in CaseActionForms.All)
        {
            var methods = form.Endpoint.GetMethods(BindingFlags.Public | BindingFlags.Static);
            methods.Should().Contain(m => m.GetCustomAttribute<WolverinePostAttribute>() != null, $"the {form.Slug} form gives an API endpoint's command");
            methods.Should().Contain(m => m.Name == "Decide", $"the {form.Slug} form decides through its endpoint's Decide");
            methods.Should().Contain(m => m.Name == "Validate", $"the {form.Slug} form validates through its endpoint's Validate");
        }

        CaseActionForms.All.Select(f => f.Slug).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task The_confirmation_reads_the_new_case_even_when_the_raiser_has_more_than_a_page_of_newer_concerns()
    {
        using var teacher = await WebSession.SignIn(web, People.AnotherTeacher.Id);
        var raised = await teacher.Submit("/concerns/new", new()
        {
            ["kind"] = "cyberbullying",
            ["summary"] = "Messages",
            ["occurredAt"] = DateTime.UtcNow.AddDays(-20).ToString("yyyy-MM-dd'T'10:00", System.Globalization.CultureInfo.InvariantCulture),
            ["subjects[0].misRef"] = "FP-3001",
            ["subjects[0].type"] = "learner",
            ["subjects[0].involvement"] = "affected",
        });
        raised.StatusCode.Should().Be(HttpStatusCode.Redirect, await raised.Content.ReadAsStringAsync());
        for (var i = 0; i < Api.Web.Pages.Concerns.MineModel.Shown; i++)
        {
            await _api.Raise(People.AnotherTeacher, RaiseRequest("cyberbullying", Subject($"FP-31{i:00}")));
        }

        var page = await teacher.Page(raised.Headers.Location!.OriginalString);

        page.Should().Contain("Concern recorded");
        (await teacher.Page("/concerns/mine?raised=" + Guid.NewGuid())).Should().NotContain("Concern recorded");
    }

    [Fact]
    public async Task The_debrief_form_names_attendees_from_the_directory_asks_which_of_two_and_refuses_the_adult_alleged()
    {
        var pushed = await _api.Post(People.Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[]
            {
                PeopleDirectory.DirectoryTests.Staff("FP-4001", "Rosalind", "Quennell"),
                PeopleDirectory.DirectoryTests.Staff("FP-4002", "Bartholomew", "Ingleby"),
                PeopleDirectory.DirectoryTests.Staff("FP-4003", "Fenella", "Marchbank"),
                PeopleDirectory.DirectoryTests.Staff("FP-4004", "Fenella", "Marchbanks"),
            },
        });
        pushed.IsSuccessStatusCode.Should().BeTrue(await pushed.Content.ReadAsStringAsync());
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("FP-4010"), Subject("FP-4002", "staff-member", "alleged")));
        var lead = (await Load(id)).Route.Lead == Domain.Policy.LeadRole.Headteacher ? People.Headteacher : People.ChairOfGovernors;
        await _api.Command(lead, id, "lado-consultation", new { officer = "A LADO", advice = "Investigate", occurredAt = ConcernsApi.Yesterday });
        await _api.Command(lead, id, "triage", new { risk = "medium", decision = "investigate", rationale = "An allegation", occurredAt = ConcernsApi.Yesterday });
        await _api.Command(lead, id, "investigation/complete", new { findings = "Confirmed", outcome = "substantiated", occurredAt = ConcernsApi.Yesterday });
        using var leader = await WebSession.SignIn(web, lead.Id); // the case manager debriefs an allegation
        var now = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Dictionary<string, string> Debrief(string attendees) => new() { ["attendees"] = attendees, ["lessonsLearnt"] = "Check group chats", ["occurredAt"] = now };

        var alleged = await leader.Submit($"/cases/{id}/debrief", Debrief("Rosalind Quennell\nBartholomew Ingleby"));
        var unknown = await leader.Submit($"/cases/{id}/debrief", Debrief("Zebedee Nobody"));
        var two = await leader.Submit($"/cases/{id}/debrief", Debrief("Rosalind Quennell\nFenella March"));

        alleged.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "the decider refuses the adult alleged, named by the directory's reference");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()).Should().Contain("No adult in the school's directory matches Zebedee Nobody");
        two.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await two.Content.ReadAsStringAsync()).Should().Contain("More than one person matches Fenella March").And.Contain("Fenella Marchbanks");
        (await Load(id)).Debrief.Should().BeNull();

        var chosen = Debrief("Rosalind Quennell\nFenella March");
        chosen[CaseActionForms.Candidate] = "FP-4004";
        var held = await leader.Submit($"/cases/{id}/debrief", chosen);

        held.StatusCode.Should().Be(HttpStatusCode.Redirect, await held.Content.ReadAsStringAsync());
        (await Load(id)).Debrief!.Attendees.Should().BeEquivalentTo(new[]
        {
            new Domain.Identity.PersonRef(lead.Id, lead.Name),
            new Domain.Identity.PersonRef("FP-4001", "Rosalind Quennell"),
            new Domain.Identity.PersonRef("FP-4004", "Fenella Marchbanks"),
        });
    }
}
