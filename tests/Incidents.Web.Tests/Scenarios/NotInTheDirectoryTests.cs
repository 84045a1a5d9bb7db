using Incidents.Api.PeopleDirectory;
using Incidents.Domain.Concerns;
using Incidents.Domain.PeopleDirectory;
using Incidents.Web.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Web.Tests.Scenarios;

/// <summary>Someone the directory does not hold, named by name and who they are, and matched to it when they join.</summary>
public sealed class NotInTheDirectoryTests(WebApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_teacher_names_a_child_from_another_school_and_the_DSL_identifies_them_when_they_join_the_school()
    {
        var child = Person.ChildAffected();
        var teacher = await NewPage(Viewport.Phone);
        await SignInAs(teacher, DemoPeople.ClassTeacher);
        await teacher.GotoAsync("/concerns/new");
        await FillRaiseForm(teacher, "Cyberbullying", "Messages from a child at another school in a shared group chat", child);
        await teacher.GetByLabel("Person 2: name or MIS reference").FillAsync("Kit Farrow");
        await Expect(teacher.GetByLabel("If they are not in the school's directory: who they are").Nth(1)).ToBeHiddenAsync();
        await teacher.GetByText("Not in the school's directory?").Nth(1).ClickAsync(); // folded away until wanted
        await teacher.GetByLabel("If they are not in the school's directory: who they are").Nth(1).FillAsync("Year 6 child at St Mary's");
        await teacher.GetByRole(AriaRole.Group, new() { Name = "Who they are" }).Nth(1)
            .GetByRole(AriaRole.Radio, new() { Name = Person.Child, Exact = true }).CheckAsync();
        await teacher.GetByRole(AriaRole.Group, new() { Name = "How they are involved" }).Nth(1)
            .GetByRole(AriaRole.Radio, new() { Name = Person.Alleged, Exact = true }).CheckAsync();
        await AssertAccessible(teacher);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Record concern" }).ClickAsync();
        await Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = "Concern recorded" })).ToBeVisibleAsync();
        var id = RaisedId(teacher);

        // She joins the school, and the MIS sends her.
        var joiner = Person.NewLearnerRef();
        await using (var session = App.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            await DirectoryImport.ApplyAsync(session, new DirectoryBatch(DirectoryBatchMode.Changes, [new DirectoryRow(joiner, PersonType.Learner, "Kit", "Farrow")]),
                DateTimeOffset.UtcNow);
        }

        var dsl = await NewPage(Viewport.Desktop);
        await SignInAs(dsl, DemoPeople.Dsl);
        await dsl.GotoAsync($"/cases/{id}");
        await Expect(dsl.GetByText("Kit Farrow (Year 6 child at St Mary's)").First).ToBeVisibleAsync();
        await Expect(dsl.GetByText("Not in the directory")).ToBeVisibleAsync();
        await AssertAccessible(dsl);

        await Act(dsl, "Identify someone named by name", async form =>
        {
            await form.GetByRole(AriaRole.Radio, new() { Name = "Kit Farrow (Year 6 child at St Mary's)", Exact = true }).CheckAsync();
            // The directory's Kit Farrow is offered by name; the reference is there for anyone the search does not find.
            await form.GetByRole(AriaRole.Radio, new() { Name = "Kit Farrow", Exact = true }).CheckAsync();
        }, "Identify person");

        await Expect(dsl.GetByText($"Kit Farrow ({joiner})").First).ToBeVisibleAsync();
        await Expect(dsl.GetByText("Not in the directory")).ToHaveCountAsync(0);
    }
}
