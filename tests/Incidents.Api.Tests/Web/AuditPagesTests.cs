using System.Net;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Web;

/// <summary>The audit trail and access log pages: the API's queries, filters as GET forms, keyset pages.</summary>
[Collection(WebCollection.Name)]
public sealed class AuditPagesTests(WebHost web)
{
    private readonly ConcernsApi _api = new(web);

    [Fact]
    public async Task The_DSL_filters_the_trail_to_one_concern_and_pages_through_it_keeping_the_filter()
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("AU-1001")));
        await _api.Command(People.Dsl, id, "notes", new { note = "Spoke to the class", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5) });
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        var response = await dsl.Get($"/audit?concern={id}&limit=1");
        var first = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, first);
        PageChecks.IsPrivateAndLockedDown(response);
        first.Should().Contain("Concern raised").And.Contain($"href=\"/cases/{id}\"").And.Contain("Class Teacher (staff-teacher-1)")
            .And.Contain("(entry 1)").And.NotContain("(entry 2)").And.Contain("href=\"/audit/access\"").And.Contain("govuk-pagination");
        var next = System.Text.RegularExpressions.Regex.Match(first, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value;
        next.Should().Contain($"concern={id}").And.Contain("after=");

        var second = await dsl.Page(System.Net.WebUtility.HtmlDecode(next));
        second.Should().Contain("Chronology note added <span class=\"govuk-body-s\">(entry 2)").And.Contain("Lucy Hayward (staff-dsl-1)").And.NotContain("(entry 1)").And.Contain("First page");
        (await PageChecks.ReadsBy(web, People.Dsl, "audit-trail")).Where(r => r.Request.Contains(id.ToString(), StringComparison.Ordinal))
            .Should().HaveCount(2).And.OnlyContain(r => r.Status == 200);
    }

    [Fact]
    public async Task A_bad_filter_is_refused_in_the_APIs_words_linked_to_its_field()
    {
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        var response = await dsl.Get("/audit?from=yesterday");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, html);
        html.Should().Contain("There is a problem").And.Contain("href=\"#from\"").And.Contain("from must be a date");
    }

    [Fact]
    public async Task The_headteacher_reads_the_access_log_filtered_by_reader_and_what_was_read()
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("AU-2001")));
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);
        await dsl.Page($"/cases/{id}");
        using var head = await WebSession.SignIn(web, People.Headteacher.Id);

        var response = await head.Get($"/audit/access?actor={People.Dsl.Id}&resource=concern&target={id}");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        PageChecks.IsPrivateAndLockedDown(response);
        html.Should().Contain("Lucy Hayward (staff-dsl-1)").And.Contain($"Concern: {id}").And.Contain($"/cases/{id}").And.Contain("Shown (200)");
        (await PageChecks.ReadsBy(web, People.Headteacher, "access-log")).Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_deputy_reads_the_trail_but_not_the_access_log_and_others_get_not_found_as_from_the_API()
    {
        using var deputy = await WebSession.SignIn(web, People.DeputyDsl.Id);
        (await deputy.Page("/audit")).Should().NotContain("href=\"/audit/access\"");
        await PageChecks.IsNotFound(await deputy.Get("/audit/access"));

        foreach (var reader in new[] { People.Governor, People.Teacher, People.Leadership, People.ChairOfGovernors })
        {
            (await _api.Get(reader, "/api/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the page follows the API");
            using var session = await WebSession.SignIn(web, reader.Id);
            await PageChecks.IsNotFound(await session.Get("/audit"));
            await PageChecks.IsNotFound(await session.Get("/audit/access"));
        }
    }
}
