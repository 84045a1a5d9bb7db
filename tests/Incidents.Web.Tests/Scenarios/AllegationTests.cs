using Incidents.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Web.Tests.Scenarios;

/// <summary>
/// An allegation follows the adult: the headteacher manages one against a member of staff, the chair of governors one
/// against the headteacher, while each child's side stays with the DSL.
/// </summary>
public sealed class AllegationTests(WebApp app) : BrowserTest(app)
{
    private const string StaffConduct = "A member of staff's conduct online";
    private const string LadoStillNeeded = "An allegation is discussed with the LADO";

    [Fact]
    public async Task The_headteacher_manages_an_allegation_against_a_teacher_and_the_DSL_sees_the_child_s_side()
    {
        var teacherAlleged = new Person($"staff-{Random.Shared.Next(100_000, 1_000_000)}", Person.StaffMember, Person.Alleged);
        var child = Person.ChildAffected();
        var raiser = await NewPage(Viewport.Desktop);
        await SignInAs(raiser, DemoPeople.ClassTeacher);
        var id = await RaiseConcern(raiser, StaffConduct, "A colleague sent a pupil private messages from a personal account", teacherAlleged, child);

        await App.ProjectionsCaughtUp();
        var head = await NewPage(Viewport.Desktop);
        await SignInAs(head, DemoPeople.Headteacher);
        await ManageFromTheQueue(head, id, teacherAlleged, "Headteacher");
        await Screenshot(head, "allegation-headteacher");

        // The DSL sees each child's side, not the allegation.
        var dsl = await NewPage(Viewport.Desktop);
        await SignInAs(dsl, DemoPeople.Dsl);
        await dsl.GotoAsync($"/cases/{id}");
        await Expect(dsl.GetByRole(AriaRole.Heading, new() { Name = "Children in an allegations case", Level = 1 })).ToBeVisibleAsync();
        await Expect(dsl.GetByText(child.MisRef).First).ToBeVisibleAsync();
        await Expect(dsl.GetByText(teacherAlleged.MisRef)).ToHaveCountAsync(0);
        await Expect(dsl.GetByText("A colleague sent a pupil private messages")).ToHaveCountAsync(0);
        await AssertAccessible(dsl);
    }

    [Fact]
    public async Task The_chair_of_governors_manages_an_allegation_about_the_headteacher_which_the_headteacher_cannot_see()
    {
        var headteacher = new Person("staff-head-1", Person.StaffMember, Person.Alleged); // as appsettings.Development.json
        var child = Person.ChildAffected();
        var raiser = await NewPage(Viewport.Desktop);
        await SignInAs(raiser, DemoPeople.ClassTeacher);
        var id = await RaiseConcern(raiser, StaffConduct, "The headteacher posted a pupil's photograph on a personal account", headteacher, child);

        await App.ProjectionsCaughtUp();
        var chair = await NewPage(Viewport.Desktop);
        await SignInAs(chair, DemoPeople.ChairOfGovernors);
        await ManageFromTheQueue(chair, id, child, "Chair of governors");
        await Screenshot(chair, "allegation-chair");

        var head = await NewPage(Viewport.Desktop);
        await SignInAs(head, DemoPeople.Headteacher);
        var response = await head.GotoAsync($"/cases/{id}");
        response!.Status.Should().Be(404);
        await Expect(head.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>The case manager finds the allegation on their queue, triages it and records the LADO consultation.</summary>
    private async Task ManageFromTheQueue(IPage manager, Guid id, Person onTheRow, string ledBy)
    {
        await manager.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Work queue" }).ClickAsync();
        var row = manager.GetByRole(AriaRole.Row).Filter(new() { HasText = onTheRow.MisRef });
        await Expect(row).ToContainTextAsync("Not triaged");
        await AssertAccessible(manager);
        await row.GetByRole(AriaRole.Link, new() { Name = StaffConduct }).ClickAsync();

        manager.Url.Should().EndWith($"/cases/{id}");
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = StaffConduct, Level = 1 })).ToBeVisibleAsync();
        await Expect(manager.GetByRole(AriaRole.Definition).Filter(new() { HasText = ledBy }).First).ToBeVisibleAsync();
        await Expect(manager.Locator("#outstanding")).ToContainTextAsync(LadoStillNeeded);
        await AssertAccessible(manager);

        await Act(manager, "Triage the concern", async form =>
        {
            await form.GetByRole(AriaRole.Radio, new() { Name = "High", Exact = true }).CheckAsync();
            await form.GetByRole(AriaRole.Radio, new() { Name = "Investigate", Exact = true }).CheckAsync();
            await form.GetByLabel("Why", new() { Exact = true }).FillAsync("Meets the harm threshold: contact with a pupil outside school channels");
        }, "Save triage");
        await Act(manager, "Record the LADO consultation", async form =>
        {
            await form.GetByLabel("LADO officer").FillAsync("Local Authority Designated Officer on duty");
            await form.GetByLabel("Their advice").FillAsync("Investigate under the school's procedure; no police involvement");
        }, "Save consultation");

        await Expect(manager.Locator("#outstanding")).Not.ToContainTextAsync(LadoStillNeeded);
    }
}
