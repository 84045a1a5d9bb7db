using System.Text;
using Incidents.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Web.Tests.Scenarios;

/// <summary>The governors' report on paper: its counts and charts, without the menu or the period form.</summary>
public sealed class GovernorReportTests(WebApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_governor_prints_the_report_with_its_charts_and_without_the_menu_or_the_period_form()
    {
        var teacher = await NewPage(Viewport.Desktop);
        await SignInAs(teacher, DemoPeople.ClassTeacher);
        await RaiseConcern(teacher, "Cyberbullying", "Unkind messages about a classmate in a group chat", Person.ChildAffected());
        await App.ProjectionsCaughtUp();

        var governor = await NewPage(Viewport.Desktop);
        await SignInAs(governor, DemoPeople.Governor);
        await governor.GotoAsync("/reports/governors");
        var heading = governor.GetByRole(AriaRole.Heading, new() { Name = "report to governors", Level = 1 });
        await Expect(heading).ToBeVisibleAsync();
        await Expect(governor.Locator("#print-hint")).ToBeVisibleAsync();
        await Expect(governor.Locator(".govuk-service-navigation")).ToBeVisibleAsync();
        await AssertAccessible(governor);

        await governor.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(heading).ToBeVisibleAsync();
        await Expect(governor.Locator(".govuk-service-navigation")).ToBeHiddenAsync();
        await Expect(governor.Locator("#print-hint")).ToBeHiddenAsync();
        await Expect(governor.Locator(".app-bar").First).ToBeVisibleAsync();
        await Expect(governor.GetByRole(AriaRole.Table).First).ToBeVisibleAsync();
        var pdf = await governor.PdfAsync(new() { Format = "A4", PrintBackground = true });
        Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-", "the browser prints the report to a PDF");
        await Screenshot(governor, "governors-report-print");
    }
}
