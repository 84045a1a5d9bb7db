using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Audit.Access;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Concerns;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Api.Tests.Web;

/// <summary>The web app runs the API's rules: the same commands, the same refusals in the same words, the same access.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebPagesTests(ApiHost api)
{
    private readonly ConcernsApi _api = new(api);

    private static readonly string Yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'10:00", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Cyberbullying(string learner) => new()
    {
        ["kind"] = "cyberbullying",
        ["summary"] = "Hurtful messages in a class group chat",
        ["occurredAt"] = Yesterday,
        ["subjects[0].misRef"] = learner,
        ["subjects[0].type"] = "learner",
        ["subjects[0].involvement"] = "affected",
    };

    private async Task<Concern> Load(Guid id)
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<Concern>(id))!;
    }

    private static Guid RaisedId(HttpResponseMessage response) =>
        Guid.Parse(response.Headers.Location!.OriginalString.Split("raised=")[1]);

    [Fact]
    public async Task A_class_teacher_records_a_concern_on_the_form_and_then_sees_its_status_and_nothing_more()
    {
        using var teacher = await WebSession.SignIn(api, "staff-teacher-1");

        var raised = await teacher.Submit("/concerns/new", Cyberbullying("L-7001"));

        raised.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = RaisedId(raised);
        (await Load(id)).Route.Lead.Should().Be(Domain.Policy.LeadRole.Dsl, "the form raises through the routing table like the API");
        (await teacher.Page(raised.Headers.Location!.OriginalString)).Should().Contain("Concern recorded");
        var casePage = await teacher.Page($"/cases/{id}");
        casePage.Should().Contain("Raised, waiting for triage").And.NotContain("Hurtful messages").And.NotContain("L-7001");
    }

    private async Task PushToDirectory(params object[] people)
    {
        var pushed = await _api.Post(People.Mis, "/api/directory/batches", new { mode = "changes", people });
        pushed.IsSuccessStatusCode.Should().BeTrue(await pushed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_teacher_names_a_child_by_name_and_the_DSL_sees_the_childs_name_on_the_case_and_the_queue()
    {
        await PushToDirectory(PeopleDirectory.DirectoryTests.Learner("L-7101", "Ottilie", "Pemberton-Vance"));
        using var teacher = await WebSession.SignIn(api, "staff-teacher-1");

        var raised = await teacher.Submit("/concerns/new", new()
        {
            ["kind"] = "cyberbullying",
            ["summary"] = "Messages",
            ["occurredAt"] = Yesterday,
            ["subjects[0].misRef"] = "Ottilie Pemberton",
            ["subjects[0].involvement"] = "affected",
        });

        raised.StatusCode.Should().Be(HttpStatusCode.Redirect, await raised.Content.ReadAsStringAsync());
        var id = RaisedId(raised);
        (await Load(id)).Subjects.Should().ContainSingle().Which.Should().Be(new Subject("L-7101", PersonType.Learner, Involvement.Affected));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");
        (await dsl.Page($"/cases/{id}")).Should().Contain("Ottilie Pemberton-Vance (L-7101)");
        (await teacher.Page($"/cases/{id}")).Should().NotContain("Ottilie", "the raiser sees the status only");
    }

    [Fact]
    public async Task The_raise_and_add_person_forms_refuse_a_type_the_directory_contradicts_as_the_API_does()
    {
        await PushToDirectory(PeopleDirectory.DirectoryTests.Staff("S-7801", "Ignatius", "Quarrington"));
        using var teacher = await WebSession.SignIn(api, "staff-teacher-1");
        var form = Cyberbullying("L-7801");
        form["subjects[1].misRef"] = "S-7801";
        form["subjects[1].type"] = "parent-carer";
        form["subjects[1].involvement"] = "alleged";

        var raised = await teacher.Submit("/concerns/new", form);

        raised.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await raised.Content.ReadAsStringAsync()).Should().Contain("The directory lists S-7801 as staff-member");

        var id = await _api.Raise(People.Teacher, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("L-7802")));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");
        var added = await dsl.Submit($"/cases/{id}/add-person", new()
        {
            ["subjects[0].misRef"] = "S-7801",
            ["subjects[0].type"] = "parent-carer",
            ["subjects[0].involvement"] = "alleged",
            ["occurredAt"] = Yesterday,
        });

        added.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await added.Content.ReadAsStringAsync()).Should().Contain("The directory lists S-7801 as staff-member");
        (await Load(id)).Subjects.Should().ContainSingle("nothing was added");
    }

    [Fact]
    public async Task A_name_that_matches_several_people_asks_which_one_and_a_name_that_matches_nobody_says_so()
    {
        await PushToDirectory(
            PeopleDirectory.DirectoryTests.Learner("L-7102", "Wilhelmina", "Featherstone", className: "5A"),
            PeopleDirectory.DirectoryTests.Learner("L-7103", "Wilhelmina", "Featherstonehaugh", className: "3C"));
        using var teacher = await WebSession.SignIn(api, "staff-teacher-1");
        var form = new Dictionary<string, string>
        {
            ["kind"] = "cyberbullying",
            ["summary"] = "Messages",
            ["occurredAt"] = Yesterday,
            ["subjects[0].misRef"] = "Wilhelmina Feather",
            ["subjects[0].involvement"] = "affected",
            ["subjects[1].misRef"] = "Zebedee Nobody",
            ["subjects[1].involvement"] = "witness",
        };

        var asked = await teacher.Submit("/concerns/new", form);

        asked.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        html.Should().Contain("More than one person matches Wilhelmina Feather").And.Contain("Wilhelmina Featherstonehaugh").And.Contain("3C")
            .And.Contain("No one in the school's directory matches Zebedee Nobody").And.Contain("href=\"#subjects-0--choice\"");
        form["subjects[0].choice"] = "L-7103";
        form.Remove("subjects[1].misRef");
        var raised = await teacher.Submit("/concerns/new", form);
        raised.StatusCode.Should().Be(HttpStatusCode.Redirect, await raised.Content.ReadAsStringAsync());
        (await Load(RaisedId(raised))).Subjects.Single().MisRef.Should().Be("L-7103");
    }

    [Fact]
    public async Task A_refusal_on_a_page_is_the_APIs_refusal_in_the_same_words_and_changes_nothing()
    {
        var id = await _api.Raise(People.Teacher, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("L-7002")));
        var apiAnswer = await _api.Command(People.Dsl, id, "close", new { rationale = "Done", occurredAt = ConcernsApi.Yesterday }, HttpStatusCode.UnprocessableEntity);
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        var page = await dsl.Submit($"/cases/{id}/close", new() { ["rationale"] = "Done", ["occurredAt"] = Yesterday });

        page.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).Should().Contain(apiAnswer["detail"]!.GetValue<string>());
        (await Load(id)).Version.Should().Be(1);
    }

    [Fact]
    public async Task The_DSL_triages_and_records_each_childs_parents_on_the_case_page_forms()
    {
        var id = await _api.Raise(People.Teacher, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("L-7003")));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        (await dsl.Page($"/cases/{id}")).Should().Contain($"/cases/{id}/triage");
        var triaged = await dsl.Submit($"/cases/{id}/triage", new() { ["risk"] = "medium", ["decision"] = "investigate", ["rationale"] = "Repeated", ["occurredAt"] = Yesterday });
        var informed = await dsl.Submit($"/cases/{id}/action", new()
        {
            ["subjectMisRef"] = "L-7003",
            ["type"] = "parents-informed",
            ["details"] = "Phoned mother",
            ["occurredAt"] = Yesterday,
        });

        triaged.StatusCode.Should().Be(HttpStatusCode.Redirect, await triaged.Content.ReadAsStringAsync());
        informed.StatusCode.Should().Be(HttpStatusCode.Redirect, await informed.Content.ReadAsStringAsync());
        var concern = await Load(id);
        concern.Triage!.Decision.Should().Be(TriageDecision.Investigate);
        concern.ParentsDecisionFor("L-7003")!.Informed.Should().BeTrue();
        (await dsl.Page($"/cases/{id}")).Should().Contain("Parents/carers informed: Phoned mother");
    }

    [Fact]
    public async Task A_form_the_API_would_reject_shows_each_problem_linked_to_its_field()
    {
        var id = await _api.Raise(People.Teacher, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("L-7004")));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        var page = await dsl.Submit($"/cases/{id}/triage", new() { ["rationale"] = "", ["occurredAt"] = Yesterday });

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("href=\"#risk\"").And.Contain("href=\"#decision\"").And.Contain("href=\"#rationale\"").And.Contain("<title>Error: ");
        (await Load(id)).Version.Should().Be(1);
    }

    [Fact]
    public async Task A_queue_filter_the_API_would_refuse_is_shown_as_an_error_in_the_pages_title_and_summary()
    {
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        var response = await dsl.Get("/queue?kind=not-a-kind");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<title>Error: ").And.Contain("There is a problem");
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var id = await _api.Raise(People.Teacher, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("L-7005")));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        var page = await dsl.Submit($"/cases/{id}/note", new() { ["note"] = "A note", ["occurredAt"] = Yesterday }, withAntiforgery: false);

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).Should().Contain("reload the page and try again");
        (await Load(id)).Version.Should().Be(1);
    }

    [Fact]
    public async Task A_form_shown_before_someone_else_changed_the_case_is_refused_rather_than_overwriting_their_change()
    {
        var id = await _api.Raise(People.Teacher, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("L-7006")));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        var page = await dsl.Submit($"/cases/{id}/note", new() { ["note"] = "A note", ["occurredAt"] = Yesterday, ["version"] = "0" });

        page.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await Load(id)).Version.Should().Be(1);
    }

    [Fact]
    public async Task A_governor_asking_for_a_case_page_is_told_it_was_not_found_and_the_attempt_is_in_the_access_log()
    {
        var id = await _api.Raise(People.Teacher, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("L-7007")));
        using var governor = await WebSession.SignIn(api, "gov-1");

        var page = await governor.Get($"/cases/{id}");

        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("Page not found").And.NotContain("Hurtful");
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var reads = await session.Query<ReadAccessRecord>().Where(r => r.Target == id.ToString() && r.Actor == "gov-1").ToListAsync();
        reads.Should().ContainSingle().Which.Status.Should().Be(404);
    }

    [Fact]
    public async Task A_case_page_read_is_recorded_in_the_access_log_like_an_API_read()
    {
        var id = await _api.Raise(People.Teacher, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("L-7008")));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        await dsl.Page($"/cases/{id}");

        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var read = await session.Query<ReadAccessRecord>().Where(r => r.Target == id.ToString() && r.Actor == "staff-dsl-1").SingleAsync();
        read.Resource.Should().Be("concern");
        read.Request.Should().Be($"/cases/{id}");
        read.Status.Should().Be(200);
    }

    [Fact]
    public async Task A_DSL_signed_in_without_a_second_factor_sees_only_what_any_member_of_staff_sees_and_is_told_why()
    {
        var id = await _api.Raise(People.Teacher, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("L-7009")));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1", multiFactor: false);

        (await dsl.Get($"/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await dsl.Get("/queue")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var home = await dsl.Page("/");
        home.Should().Contain("without a second factor").And.Contain("Record a concern").And.NotContain("Work queue");
    }

    [Fact]
    public async Task Pages_are_never_cached_and_load_only_the_apps_own_assets()
    {
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        var page = await dsl.Get("/queue");

        page.Headers.CacheControl!.NoStore.Should().BeTrue();
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'none'").And.Contain("script-src 'self'").And.Contain("style-src 'self'").And.NotContain("unsafe-inline");
        (await dsl.Get("/assets/incidents.css")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_API_does_not_accept_the_web_session_so_a_page_cookie_never_authorises_an_API_call()
    {
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        (await dsl.Get("/api/queue")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        var signedOut = await dsl.Submit("/sign-out", []);

        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect, await signedOut.Content.ReadAsStringAsync());
        (await dsl.Get("/queue")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the session has ended");
    }

    [Fact]
    public async Task Every_problem_in_the_error_summary_links_to_a_field_on_the_page()
    {
        using var teacher = await WebSession.SignIn(api, "staff-teacher-1");

        var page = await teacher.Submit("/concerns/new", new() { ["summary"] = "Messages", ["occurredAt"] = Yesterday });

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await page.Content.ReadAsStringAsync();
        var links = System.Text.RegularExpressions.Regex.Matches(html, "error-summary__list\"?>[\\s\\S]*?</ul>").Single().Value;
        var targets = System.Text.RegularExpressions.Regex.Matches(links, "href=\"#([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        targets.Should().Contain(["kind", "subjects-0--misRef"]);
        targets.Should().OnlyContain(id => html.Contains($"id=\"{id}\""), "each link moves focus to a field that exists");
    }

    [Fact]
    public async Task A_page_asked_for_without_a_session_sends_the_person_to_sign_in()
    {
        using var anonymous = WebSession.Anonymous(api);

        var page = await anonymous.Get("/queue");

        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.Should().Contain("/sign-in");
    }
}
