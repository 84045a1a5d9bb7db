using Incidents.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Web.Tests.Scenarios;

/// <summary>Records about children are special-category data: each person sees what the policy lets them, and no more.</summary>
public sealed class WhoSeesWhatTests(WebApp app) : BrowserTest(app)
{
    private const string WhatHappened = "A child showed me messages telling her to leave the group";

    [Fact]
    public async Task The_raiser_sees_the_status_of_what_they_raised_and_nothing_else()
    {
        var child = Person.ChildAffected();
        var teacher = await NewPage(Viewport.Phone);
        await SignInAs(teacher, DemoPeople.ClassTeacher);
        var id = await RaiseConcern(teacher, "Cyberbullying", WhatHappened, child);

        var mine = teacher.GetByRole(AriaRole.Table, new() { Name = "Concerns I raised, newest first" });
        await Expect(mine.GetByRole(AriaRole.Row).Filter(new() { HasText = "Cyberbullying" }).First).ToContainTextAsync("Raised, waiting for triage");
        await teacher.GotoAsync($"/cases/{id}");

        await Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = "Raised, waiting for triage", Level = 1 })).ToBeVisibleAsync();
        await Expect(teacher.GetByText("A concern you raised")).ToBeVisibleAsync();
        await Expect(teacher.GetByText(WhatHappened)).ToHaveCountAsync(0);
        await Expect(teacher.GetByText(child.MisRef)).ToHaveCountAsync(0);
        await Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToHaveCountAsync(0);
        await Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = "What you can do" })).ToHaveCountAsync(0);
        await AssertAccessible(teacher);
        await Screenshot(teacher, "raiser-sees-status-phone");
    }

    [Fact]
    public async Task A_governor_who_asks_for_a_case_page_is_told_it_was_not_found()
    {
        var teacher = await NewPage(Viewport.Desktop);
        await SignInAs(teacher, DemoPeople.ClassTeacher);
        var id = await RaiseConcern(teacher, "Cyberbullying", WhatHappened, Person.ChildAffected());

        var governor = await NewPage(Viewport.Desktop);
        await SignInAs(governor, DemoPeople.Governor);
        var response = await governor.GotoAsync($"/cases/{id}");

        response!.Status.Should().Be(404);
        await Expect(governor.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
        await Expect(governor.GetByText(WhatHappened)).ToHaveCountAsync(0);
        await AssertAccessible(governor);

        // The same answer as for a case that does not exist: the page tells a governor nothing about which cases exist.
        var missing = await governor.GotoAsync($"/cases/{Guid.NewGuid()}");
        missing!.Status.Should().Be(404);
        await Expect(governor.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Another_member_of_staff_asked_for_a_case_they_did_not_raise_is_told_it_was_not_found()
    {
        var teacher = await NewPage(Viewport.Desktop);
        await SignInAs(teacher, DemoPeople.ClassTeacher);
        var id = await RaiseConcern(teacher, "Cyberbullying", WhatHappened, Person.ChildAffected());

        var colleague = await NewPage(Viewport.Desktop);
        await SignInAs(colleague, DemoPeople.Leadership);
        var response = await colleague.GotoAsync($"/cases/{id}");

        response!.Status.Should().Be(404);
        await Expect(colleague.GetByText(WhatHappened)).ToHaveCountAsync(0);
    }
}
