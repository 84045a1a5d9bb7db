using System.Net;
using Incidents.Api.Tests.Support;

namespace Incidents.Api.Tests.Web;

/// <summary>The DSL reads the filtering provider's category table in the web app, as the API gives it.</summary>
[Collection(WebCollection.Name)]
public sealed class FilteringPageTests(WebHost web)
{
    [Fact]
    public async Task The_DSL_reads_what_each_filtering_category_becomes_and_what_an_unlisted_one_becomes()
    {
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        var response = await dsl.Get("/filtering");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        PageChecks.IsPrivateAndLockedDown(response);
        html.Should().Contain("filtering-categories/2026-12/r1").And.Contain("self-harm").And.Contain("Self-harm or suicide")
            .And.Contain("Any other category").And.Contain("Filtering or monitoring breach").And.Contain("24 hours");
        html.Should().Contain("<li>demo</li>", "the providers set up are listed by name").And.NotContain("development-only-filtering-secret");
        (await dsl.Page("/queue")).Should().Contain("href=\"/filtering\"", "the menu offers it to the DSL");
    }

    [Fact]
    public async Task Someone_who_is_not_a_DSL_finds_no_filtering_page()
    {
        using var teacher = await WebSession.SignIn(web, People.Teacher.Id);

        (await teacher.Get("/filtering")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await teacher.Page("/concerns/mine")).Should().NotContain("href=\"/filtering\"");
    }
}
