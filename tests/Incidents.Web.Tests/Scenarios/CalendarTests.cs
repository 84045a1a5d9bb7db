using Incidents.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Web.Tests.Scenarios;

/// <summary>The school calendar page: the DSL keeps it, one closure at a time; a problem is shown by its field.</summary>
public sealed class CalendarTests(WebApp app) : BrowserTest(app)
{
    [Fact]
    public async Task The_DSL_adds_an_INSET_day_to_the_calendar_and_a_closure_ending_before_it_starts_is_shown_as_a_problem()
    {
        var dsl = await NewPage(Viewport.Desktop);
        await SignInAs(dsl, DemoPeople.Dsl);
        await dsl.GotoAsync("/calendar");
        await Expect(dsl.GetByRole(AriaRole.Heading, new() { Name = "School calendar", Level = 1 })).ToBeVisibleAsync();
        await Expect(dsl.Locator("#bank-holidays")).ToContainTextAsync("Good Friday");
        var version = int.Parse(await dsl.Locator("#calendar-version").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        var form = dsl.Locator("#add-closure");
        await form.GetByLabel("First day").FillAsync("2030-02-22");
        await form.GetByLabel("Last day").FillAsync("2030-02-18");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the closure" }).ClickAsync();
        await Expect(dsl.Locator(".govuk-error-summary")).ToContainTextAsync("ends on or after the day it starts");
        await AssertAccessible(dsl);

        form = dsl.Locator("#add-closure");
        await form.GetByLabel("First day").FillAsync("2030-02-18");
        await form.GetByLabel("Last day").FillAsync("2030-02-18");
        await form.GetByLabel("Kind").SelectOptionAsync("Inset");
        await form.GetByLabel("Name (optional)").FillAsync("Training day");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the closure" }).ClickAsync();

        await Expect(dsl.GetByRole(AriaRole.Alert)).ToContainTextAsync("The calendar is changed");
        await Expect(dsl.Locator("#closures")).ToContainTextAsync("INSET day");
        await Expect(dsl.Locator("#closures")).ToContainTextAsync("Mon 18 February 2030");
        (await dsl.Locator("#calendar-version").InnerTextAsync()).Should().Be((version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AssertAccessible(dsl);
    }
}
