using System.Diagnostics;
using Incidents.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Web.Tests.Scenarios;

/// <summary>The DSL hears of a concern the moment it is raised: a count in the header and a list of their own.</summary>
public sealed class NotificationsTests(WebApp app) : BrowserTest(app)
{
    private static async Task<int> HeaderCount(IPage page) => int.Parse(await page.Locator("#notification-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_concern_a_teacher_raises_shows_in_the_DSLs_header_count_and_list_and_the_DSL_clears_it()
    {
        var dsl = await NewPage(Viewport.Desktop);
        await SignInAs(dsl, DemoPeople.Dsl);
        var before = await HeaderCount(dsl);

        var teacher = await NewPage(Viewport.Phone);
        await SignInAs(teacher, DemoPeople.ClassTeacher);
        var id = await RaiseConcern(teacher, "Cyberbullying", "Unkind messages in a class group chat", Person.ChildAffected());

        // The alert is delivered in the background: reload until the count shows it (a wait for the condition, not a sleep).
        var clock = Stopwatch.StartNew();
        while (await HeaderCount(dsl) <= before)
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the DSL is alerted within seconds");
            await Task.Delay(250);
            await dsl.ReloadAsync();
        }

        await dsl.Locator("#notifications-link").ClickAsync();
        await Expect(dsl.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
        var row = dsl.Locator("#notifications tr").Filter(new() { Has = dsl.Locator($"a[href='/cases/{id}']") });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("A concern was raised");
        await Expect(row).Not.ToContainTextAsync("Unkind messages");
        await AssertAccessible(dsl);

        // The teacher who raised it is not its lead: nothing of it in their list.
        await teacher.GotoAsync("/notifications");
        await Expect(teacher.Locator($"a[href='/cases/{id}']")).ToHaveCountAsync(0);

        var count = await HeaderCount(dsl);
        await row.GetByRole(AriaRole.Button, new() { Name = "Clear this notification" }).ClickAsync();
        await Expect(dsl.Locator($"#notifications a[href='/cases/{id}']")).ToHaveCountAsync(0);
        (await HeaderCount(dsl)).Should().Be(count - 1);

        await dsl.GotoAsync($"/cases/{id}");
        await Expect(dsl.GetByText("Unkind messages in a class group chat", new() { Exact = true })).ToBeVisibleAsync();
    }
}
