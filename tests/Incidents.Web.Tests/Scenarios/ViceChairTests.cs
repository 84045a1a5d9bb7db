using Incidents.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Web.Tests.Scenarios;

/// <summary>
/// An allegation about the headteacher and the chair of governors is the vice-chair's: a governor by role, who finds it
/// on their own work queue; no other governor gains a queue.
/// </summary>
public sealed class ViceChairTests(WebApp app) : BrowserTest(app)
{
    private const string StaffConduct = "A member of staff's conduct online";

    [Fact]
    public async Task The_vice_chair_finds_the_allegation_about_the_headteacher_and_the_chair_on_their_work_queue()
    {
        var headteacher = new Person("staff-head-1", Person.StaffMember, Person.Alleged); // as appsettings.Development.json
        var chair = new Person("gov-chair-1", "Governor", Person.Alleged);
        var child = Person.ChildAffected();
        var raiser = await NewPage(Viewport.Desktop);
        await SignInAs(raiser, DemoPeople.ClassTeacher);
        var id = await RaiseConcern(raiser, StaffConduct, "The headteacher and the chair shared a pupil's photograph in a governors' group chat",
            headteacher, chair, child);

        await App.ProjectionsCaughtUp();
        var viceChair = await NewPage(Viewport.Phone);
        await SignInAs(viceChair, DemoPeople.ViceChair);
        await viceChair.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Work queue" }).ClickAsync();
        var row = viceChair.GetByRole(AriaRole.Row).Filter(new() { HasText = child.MisRef });
        await Expect(row).ToContainTextAsync("Not triaged");
        await AssertAccessible(viceChair);
        await row.GetByRole(AriaRole.Link, new() { Name = StaffConduct }).ClickAsync();
        viceChair.Url.Should().EndWith($"/cases/{id}");
        await Expect(viceChair.GetByRole(AriaRole.Heading, new() { Name = StaffConduct, Level = 1 })).ToBeVisibleAsync();
        await Act(viceChair, "Record the LADO consultation", async form =>
        {
            await form.GetByLabel("LADO officer").FillAsync("Local Authority Designated Officer on duty");
            await form.GetByLabel("Their advice").FillAsync("The vice-chair manages it under the school's procedure");
        }, "Save consultation");
        await Screenshot(viceChair, "allegation-vice-chair");

        var governor = await NewPage(Viewport.Desktop);
        await SignInAs(governor, DemoPeople.Governor);
        await Expect(governor.GetByRole(AriaRole.Link, new() { Name = "Work queue" })).ToHaveCountAsync(0);
        (await governor.GotoAsync($"/cases/{id}"))!.Status.Should().Be(404);
    }
}
