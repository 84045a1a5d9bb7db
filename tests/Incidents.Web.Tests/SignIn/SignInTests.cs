using Incidents.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Web.Tests.SignIn;

/// <summary>The Development sign-in page, and what each person is offered once signed in.</summary>
public sealed class SignInTests(WebApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_page_asked_for_before_signing_in_leads_to_the_sign_in_page()
    {
        var page = await NewPage(Viewport.Desktop);

        await page.GotoAsync("/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessible(page);
        await Screenshot(page, "sign-in");
    }

    [Fact]
    public async Task A_class_teacher_is_offered_recording_a_concern_and_their_own_concerns_but_not_the_work_queue()
    {
        var page = await NewPage(Viewport.Phone);

        await SignInAs(page, DemoPeople.ClassTeacher);

        var main = page.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Record a concern" })).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Concerns I raised" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Work queue" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Governors' report" })).ToHaveCountAsync(0);
        await AssertAccessible(page);
    }

    [Fact]
    public async Task A_governor_is_offered_the_report_and_to_record_a_concern_and_nothing_that_leads_to_anyone_elses_case()
    {
        var page = await NewPage(Viewport.Desktop);

        await SignInAs(page, DemoPeople.Governor);

        var main = page.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Governors' report" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Record a concern" }).First).ToBeVisibleAsync();
        foreach (var caseWork in new[] { "Work queue", "Audit", "Debriefs" })
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = caseWork })).ToHaveCountAsync(0);
        }

        await AssertAccessible(page);
    }

    [Fact]
    public async Task The_DSL_signed_in_without_a_second_factor_is_told_why_case_detail_is_hidden()
    {
        var page = await NewPage(Viewport.Desktop);

        await SignInAs(page, DemoPeople.Dsl, singleFactor: true);

        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Important" }))
            .ToContainTextAsync("You signed in without a second factor, so you see only what any member of staff sees.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Work queue" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Record a concern" })).ToBeVisibleAsync();
        await AssertAccessible(page);
    }

    [Fact]
    public async Task Signing_in_as_no_one_shows_an_error_summary_whose_link_moves_focus_to_the_choice()
    {
        var page = await NewPage(Viewport.Desktop);
        await page.GotoAsync("/sign-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: Sign in"));
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await AssertAccessible(page);

        await summary.GetByRole(AriaRole.Link, new() { Name = "Choose who you are signing in as" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = DemoPeople.Dsl, Exact = true })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Signing_in_works_without_JavaScript()
    {
        var page = await NewPage(Viewport.Phone, javaScriptEnabled: false);

        await SignInAs(page, DemoPeople.ClassTeacher);

        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Record a concern" })).ToBeVisibleAsync();
        await AssertAccessible(page);
    }

    [Fact]
    public async Task The_sign_in_and_home_pages_fit_320_pixels_without_scrolling_sideways()
    {
        var page = await NewPage(Viewport.Narrow);
        await page.GotoAsync("/sign-in");
        (await ScrollsSideways(page)).Should().BeFalse("the sign-in page must reflow at 320 px");

        await SignInAs(page, DemoPeople.Dsl);

        (await ScrollsSideways(page)).Should().BeFalse("the home page must reflow at 320 px");
        await AssertAccessible(page);
    }
}
