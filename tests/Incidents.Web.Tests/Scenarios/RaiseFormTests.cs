using Incidents.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Web.Tests.Scenarios;

/// <summary>The raise form works for everyone: by keyboard alone, without JavaScript, at 320 px, with clear errors.</summary>
public sealed class RaiseFormTests(WebApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_concern_can_be_recorded_by_keyboard_alone()
    {
        var child = Person.ChildAffected();
        var page = await NewPage(Viewport.Desktop);
        await SignInAs(page, DemoPeople.ClassTeacher);
        await page.GotoAsync("/concerns/new");

        // Tab reaches each control in turn; space chooses a radio; typing fills a field; enter sends the form.
        await ChooseByKeyboard(page, page.GetByRole(AriaRole.Radio, new() { Name = "Cyberbullying", Exact = true }));
        await TabTo(page, page.GetByLabel("What happened"));
        await page.Keyboard.TypeAsync("Threats sent by text message after school");
        await TabTo(page, page.GetByLabel("Person 1: name or MIS reference"));
        await page.Keyboard.TypeAsync(child.MisRef);
        await ChooseByKeyboard(page, page.GetByRole(AriaRole.Radio, new() { Name = Person.Child, Exact = true }).First);
        await ChooseByKeyboard(page, page.GetByRole(AriaRole.Radio, new() { Name = Person.Affected, Exact = true }).First);
        await TabTo(page, page.GetByRole(AriaRole.Button, new() { Name = "Record concern" }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Concern recorded" })).ToBeVisibleAsync();
        await page.GotoAsync($"/cases/{RaisedId(page)}");
        await Expect(page.GetByText("Cyberbullying").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_incomplete_concern_shows_an_error_summary_whose_links_move_focus_to_each_field()
    {
        var page = await NewPage(Viewport.Desktop);
        await SignInAs(page, DemoPeople.ClassTeacher);
        await page.GotoAsync("/concerns/new");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Cyberbullying", Exact = true }).CheckAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Record concern" }).ClickAsync();

        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: Record a concern"));
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await AssertAccessible(page);
        await Screenshot(page, "record-a-concern-errors");

        var links = summary.GetByRole(AriaRole.Link);
        (await links.CountAsync()).Should().BeGreaterThan(0);
        await links.First.ClickAsync();
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");
        var target = (await links.First.GetAttributeAsync("href"))!.TrimStart('#');
        focused.Should().Be(target, "the summary's link moves focus to the field it names");
        await Expect(page.Locator($"#{target}")).ToBeFocusedAsync();
        // What the person had entered is kept.
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Cyberbullying", Exact = true })).ToBeCheckedAsync();
    }

    [Fact]
    public async Task A_concern_can_be_recorded_without_JavaScript()
    {
        var page = await NewPage(Viewport.Phone, javaScriptEnabled: false);
        await SignInAs(page, DemoPeople.ClassTeacher);

        var id = await RaiseConcern(page, "Cyberbullying", "A pupil was excluded from a group chat and mocked", Person.ChildAffected());

        id.Should().NotBeEmpty();
        await page.GotoAsync($"/cases/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Raised, waiting for triage", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessible(page);
    }

    [Fact]
    public async Task The_form_and_its_errors_fit_320_pixels_without_scrolling_sideways()
    {
        var page = await NewPage(Viewport.Narrow);
        await SignInAs(page, DemoPeople.ClassTeacher);
        await page.GotoAsync("/concerns/new");
        (await ScrollsSideways(page)).Should().BeFalse("the raise form must reflow at 320 px");

        await page.GetByRole(AriaRole.Button, new() { Name = "Record concern" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();

        (await ScrollsSideways(page)).Should().BeFalse("the form with its error summary must reflow at 320 px");
        await AssertAccessible(page);
        await Screenshot(page, "record-a-concern-320");
    }

    /// <summary>
    /// Tabs into <paramref name="radio"/>'s group (one tab stop, as for any radio group), moves to it with the arrow
    /// keys, which choose as they move, and presses space.
    /// </summary>
    private static async Task ChooseByKeyboard(IPage page, ILocator radio)
    {
        var group = await radio.GetAttributeAsync("name");
        await TabUntil(page, $"() => document.activeElement?.name === {System.Text.Json.JsonSerializer.Serialize(group)}", $"the group {group}");
        for (var i = 0; i < 20 && !await radio.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await page.Keyboard.PressAsync("Space");
        await Expect(radio).ToBeCheckedAsync();
    }

    /// <summary>Presses Tab until <paramref name="target"/> has focus; fails if forty presses do not reach it.</summary>
    private static async Task TabTo(IPage page, ILocator target)
    {
        var handle = await target.ElementHandleAsync();
        await TabUntil(page, "e => e === document.activeElement", target.ToString()!, handle);
    }

    private static async Task TabUntil(IPage page, string isThere, string what, IElementHandle? element = null)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var there = element is null ? await page.EvaluateAsync<bool>(isThere) : await element.EvaluateAsync<bool>(isThere);
            if (there)
            {
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"Forty presses of Tab never reached {what}");
    }
}
