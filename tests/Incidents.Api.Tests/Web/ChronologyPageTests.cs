using System.Net;
using Incidents.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Web;

/// <summary>A child's and a member of staff's chronology pages: the API's chronology, at the reader's level.</summary>
[Collection(WebCollection.Name)]
public sealed class ChronologyPageTests(WebHost web)
{
    private readonly ConcernsApi _api = new(web);

    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-10);

    [Fact]
    public async Task The_DSL_reads_a_childs_chronology_in_full_and_only_the_childs_side_of_an_allegation_and_the_read_is_logged()
    {
        var bullying = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("CP-2001")));
        var allegation = await _api.Raise(People.Leadership, new
        {
            kind = "staff-misconduct",
            summary = "A teacher messaged the child from a personal account",
            subjects = new[] { Subject(People.AnotherTeacher.Id, "staff-member", "alleged"), Subject("CP-2001") },
            occurredAt = Yesterday,
        });
        await _api.Command(People.Dsl, allegation, "actions", new { type = "support-offered", subjectMisRef = "CP-2001", details = "Weekly check-ins with the learning mentor", occurredAt = When });
        await web.ProjectionsCaughtUp();
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        var response = await dsl.Get(await PageChecks.Chronology(web, "learners", "CP-2001"));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        PageChecks.IsPrivateAndLockedDown(response);
        html.Should().Contain("A child&#x27;s chronology").And.Contain("CP-2001")
            .And.Contain("Hurtful messages about a learner").And.Contain($"href=\"/cases/{bullying}\"")
            .And.Contain("In an allegations case managed by the headteacher").And.Contain("Weekly check-ins with the learning mentor");
        html.Should().NotContain("personal account", "the allegation itself is the case manager's")
            .And.NotContain(People.AnotherTeacher.Id).And.NotContain(People.Leadership.Name, "who raised the allegation is not on the child's side");
        (await PageChecks.ReadsBy(web, People.Dsl, "learner-chronology", "CP-2001")).Should().ContainSingle().Which.Status.Should().Be(200);
    }

    [Fact]
    public async Task The_headteacher_reads_a_member_of_staffs_chronology_and_the_DSL_sees_nothing_of_an_allegation_there()
    {
        await _api.Raise(People.Teacher, new
        {
            kind = "staff-misconduct",
            summary = "Posted about a pupil on a public profile",
            subjects = new[] { Subject("staff-cp-3001", "staff-member", "alleged"), Subject("CP-3002") },
            occurredAt = Yesterday,
        });
        await web.ProjectionsCaughtUp();
        using var head = await WebSession.SignIn(web, People.Headteacher.Id);
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        (await head.Page(await PageChecks.Chronology(web, "staff", "staff-cp-3001"))).Should().Contain("A member of staff&#x27;s chronology").And.Contain("Posted about a pupil on a public profile");
        (await dsl.Page(await PageChecks.Chronology(web, "staff", "staff-cp-3001"))).Should().Contain("There is nothing recorded about staff-cp-3001 on a concern you may read")
            .And.NotContain("Posted about a pupil");
        (await PageChecks.ReadsBy(web, People.Headteacher, "staff-chronology", "staff-cp-3001")).Should().ContainSingle();
    }

    [Fact]
    public async Task A_governor_a_class_teacher_and_the_leadership_team_get_not_found_and_the_refusal_is_logged()
    {
        await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("CP-4001")));
        foreach (var reader in new[] { People.Governor, People.Teacher, People.Leadership, People.ChairOfGovernors })
        {
            using var session = await WebSession.SignIn(web, reader.Id);
            await PageChecks.IsNotFound(await session.Get(await PageChecks.Chronology(web, "learners", "CP-4001")), "Hurtful messages");
            await PageChecks.IsNotFound(await session.Get(await PageChecks.Chronology(web, "staff", "staff-teacher-1")));
            (await PageChecks.ReadsBy(web, reader, "learner-chronology", "CP-4001")).Should().ContainSingle().Which.Status.Should().Be(404);
        }
    }

    [Fact]
    public async Task The_case_page_links_each_child_to_their_chronology()
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("CP-5001")));
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        await web.ProjectionsCaughtUp();
        var casePage = await dsl.Page($"/cases/{id}");
        var link = System.Text.RegularExpressions.Regex.Match(casePage, "href=\"(/chronologies/learners/[^\"]+)\"").Groups[1].Value;
        link.Should().Be(await PageChecks.Chronology(web, "learners", "CP-5001")).And.NotContain("CP-5001", "an address never holds a MIS reference");
        (await dsl.Page(link)).Should().Contain($"href=\"/cases/{id}\"").And.Contain("CP-5001");
        (await PageChecks.ReadsBy(web, People.Dsl, "learner-chronology", "CP-5001")).Should().ContainSingle("the access log names whose chronology was read");
    }

    [Fact]
    public async Task A_chronology_asked_for_by_MIS_reference_or_by_a_key_the_service_never_made_is_not_found()
    {
        await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("CP-6001")));
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        await PageChecks.IsNotFound(await dsl.Get("/chronologies/learners/CP-6001"), "Hurtful");
        await PageChecks.IsNotFound(await dsl.Get("/chronologies/learners/AAAAAAAAAAAAAAAAAAAAAA"));
    }

    [Fact]
    public async Task No_address_on_any_page_the_DSL_can_reach_holds_a_MIS_reference()
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("CRAWL-L-1236"), Subject("CRAWL-L-1237", "learner", "alleged")));
        await _api.Command(People.Dsl, id, "notes", new { note = "Spoke to both", occurredAt = When });
        await web.ProjectionsCaughtUp();
        await using var query = web.Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        var references = (await Marten.QueryableExtensions.ToListAsync(query.Query<Domain.Concerns.Concern>()))
            .SelectMany(c => c.Subjects.Select(s => s.MisRef)).Append(People.AnotherTeacher.Id).Distinct().ToList();
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        var seen = new HashSet<string> { "/", $"/cases/{id}" };
        var waiting = new Queue<string>(seen);
        var hrefs = new HashSet<string>();
        while (waiting.Count > 0 && seen.Count < 400)
        {
            var response = await dsl.Get(waiting.Dequeue());
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(await response.Content.ReadAsStringAsync(), "href=\"(/[^\"#]*)"))
            {
                var href = WebUtility.HtmlDecode(m.Groups[1].Value);
                hrefs.Add(href);
                if (!href.StartsWith("/assets", StringComparison.Ordinal) && !href.StartsWith("/sign-", StringComparison.Ordinal) && seen.Add(href))
                {
                    waiting.Enqueue(href);
                }
            }
        }

        hrefs.Should().Contain(h => h.StartsWith("/chronologies/learners/", StringComparison.Ordinal), "the crawl reached the children's chronology links");
        foreach (var href in hrefs.Select(Uri.UnescapeDataString))
        {
            references.Should().NotContain(r => href.Contains(r, StringComparison.OrdinalIgnoreCase), href);
        }
    }
}
