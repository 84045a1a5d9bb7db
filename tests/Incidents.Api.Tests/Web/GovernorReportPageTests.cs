using System.Net;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Web;

/// <summary>The governors' report page: the API's anonymised report, with charts, printable, for the API's readers.</summary>
[Collection(WebCollection.Name)]
public sealed class GovernorReportPageTests(WebHost web)
{
    private readonly ConcernsApi _api = new(web);

    [Fact]
    public async Task A_governor_reads_the_anonymised_report_with_its_figures_charts_and_print_hint_and_the_read_is_logged()
    {
        await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("GR-1001")));
        await web.ProjectionsCaughtUp();
        using var governor = await WebSession.SignIn(web, People.Governor.Id);

        var response = await governor.Get("/reports/governors");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        PageChecks.IsPrivateAndLockedDown(response);
        html.Should().Contain("report to governors").And.Contain("id=\"by-kind\"").And.Contain("Cyberbullying")
            .And.Contain("class=\"app-bar app-bar--").And.Contain("aria-hidden=\"true\"").And.Contain("id=\"print-hint\"")
            .And.Contain("Response times");
        html.Should().NotContain("GR-1001").And.NotContain("Hurtful messages").And.NotContain(People.Teacher.Name);
        html.Should().NotContain("style=", "the content security policy allows no inline style");
        (await PageChecks.ReadsBy(web, People.Governor, "governor-report")).Where(r => r.Request == "/reports/governors")
            .Should().NotBeEmpty().And.OnlyContain(r => r.Status == 200);
    }

    [Fact]
    public async Task The_chair_the_headteacher_and_leadership_read_it_and_the_DSL_and_a_class_teacher_get_not_found_as_from_the_API()
    {
        foreach (var reader in new[] { People.ChairOfGovernors, People.Headteacher, People.Leadership })
        {
            using var session = await WebSession.SignIn(web, reader.Id);
            (await session.Page("/reports/governors")).Should().Contain("report to governors");
        }

        foreach (var reader in new[] { People.Dsl, People.Teacher })
        {
            (await _api.Get(reader, "/api/reports/governors")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the page follows the API");
            using var session = await WebSession.SignIn(web, reader.Id);
            await PageChecks.IsNotFound(await session.Get("/reports/governors"));
        }
    }

    [Fact]
    public async Task A_period_the_report_cannot_cover_is_refused_in_the_APIs_words_linked_to_the_field()
    {
        using var governor = await WebSession.SignIn(web, People.Governor.Id);

        var response = await governor.Get("/reports/governors?from=2026-09-01&to=2026-01-31");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, html);
        html.Should().Contain("There is a problem").And.Contain("href=\"#to\"").And.Contain("to is before from.").And.Contain("<title>Error: ");
    }

    [Fact]
    public async Task The_stylesheet_prints_the_report_without_the_menu_the_form_or_the_footer()
    {
        var css = await web.Host.Server.CreateClient().GetStringAsync("/assets/incidents.css");

        var print = string.Concat(System.Text.RegularExpressions.Regex.Matches(css, @"@media print\{((?:[^{}]*\{[^}]*\})*)\}").Select(m => m.Groups[1].Value));
        print.Should().Contain(".govuk-service-navigation").And.Contain(".app-no-print").And.Contain(".govuk-footer").And.Contain("break-inside:avoid");
    }
}
