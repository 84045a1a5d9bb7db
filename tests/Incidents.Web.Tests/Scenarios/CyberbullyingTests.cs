using Incidents.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Web.Tests.Scenarios;

/// <summary>A concern of the commonest kind, from the classroom to closure, as the policy's people handle it.</summary>
public sealed class CyberbullyingTests(WebApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_class_teacher_records_cyberbullying_from_a_phone_and_the_DSL_handles_it_to_closure()
    {
        var target = Person.ChildAffected();
        var sender = Person.ChildAlleged();

        var teacher = await NewPage(Viewport.Phone);
        await SignInAs(teacher, DemoPeople.ClassTeacher);
        await teacher.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Record a concern" }).ClickAsync();
        await Screenshot(teacher, "record-a-concern-phone");
        var id = await RaiseConcern(teacher, "Cyberbullying", "Hurtful messages about a classmate in the Year 5 group chat", target, sender);
        await Screenshot(teacher, "concern-recorded-phone");

        // The DSL finds it on the work queue (a read model: wait until it has caught up, as the queue's readers would).
        await App.ProjectionsCaughtUp();
        var dsl = await NewPage(Viewport.Desktop);
        await SignInAs(dsl, DemoPeople.Dsl);
        await dsl.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Work queue" }).ClickAsync();
        var row = dsl.GetByRole(AriaRole.Row).Filter(new() { HasText = target.MisRef });
        await Expect(row).ToContainTextAsync("Not triaged");
        await Expect(row).ToContainTextAsync(sender.MisRef);
        await AssertAccessible(dsl);
        await Screenshot(dsl, "work-queue");

        await row.GetByRole(AriaRole.Link, new() { Name = "Cyberbullying" }).ClickAsync();
        await Expect(dsl.GetByRole(AriaRole.Heading, new() { Name = "Cyberbullying", Level = 1 })).ToBeVisibleAsync();
        dsl.Url.Should().EndWith($"/cases/{id}");
        var outstanding = dsl.Locator("#outstanding");
        await Expect(outstanding).ToContainTextAsync(target.MisRef);
        await AssertAccessible(dsl);
        await Screenshot(dsl, "case-raised");

        await Act(dsl, "Triage the concern", async form =>
        {
            await form.GetByRole(AriaRole.Radio, new() { Name = "Medium", Exact = true }).CheckAsync();
            await form.GetByRole(AriaRole.Radio, new() { Name = "Monitor, and review by a date", Exact = true }).CheckAsync();
            await form.GetByRole(AriaRole.Textbox, new() { Name = "Review by" }).FillAsync(DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await form.GetByLabel("Why", new() { Exact = true }).FillAsync("Messages over a week; both children known to staff");
        }, "Save triage");
        await Act(dsl, "Seek advice", form =>
            form.GetByLabel("What was asked").FillAsync("Is this one for children's social care, or for school?"), "Record that advice was sought");
        await Act(dsl, "Record the advice received", async form =>
        {
            await form.GetByRole(AriaRole.Group, new() { Name = "Which request for advice" }).GetByRole(AriaRole.Radio).First.CheckAsync();
            await form.GetByLabel("Who gave the advice").FillAsync("Education Safeguarding Service duty adviser");
            await form.GetByLabel("The advice", new() { Exact = true }).FillAsync("Manage in school; support for both children");
        }, "Save advice");
        foreach (var child in new[] { target, sender })
        {
            await Act(dsl, "Record an action", async form =>
            {
                await form.GetByRole(AriaRole.Group, new() { Name = "For whom" })
                    .GetByRole(AriaRole.Radio, new() { Name = child.MisRef, Exact = true }).CheckAsync();
                await form.GetByRole(AriaRole.Radio, new() { Name = "Parents or carers informed", Exact = true }).CheckAsync();
                await form.GetByLabel("Details").FillAsync("Phoned the child's mother");
            }, "Save action");
        }

        await Expect(dsl.GetByText("Everything the policy requires is on record.")).ToBeVisibleAsync();
        await Screenshot(dsl, "case-ready-to-close");
        await Act(dsl, "Close the case", form => form.GetByLabel("Why it can close").FillAsync("Advice followed; parents of both children informed"), "Close case");

        await Expect(dsl.GetByText("Concern · Closed")).ToBeVisibleAsync();
        await Expect(dsl.GetByRole(AriaRole.Heading, new() { Name = "Before it can close" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Closing_before_the_advice_is_on_record_is_refused_in_the_policy_s_words()
    {
        var teacher = await NewPage(Viewport.Desktop);
        await SignInAs(teacher, DemoPeople.ClassTeacher);
        var id = await RaiseConcern(teacher, "Cyberbullying", "Name-calling in an online game chat", Person.ChildAffected());

        var dsl = await NewPage(Viewport.Desktop);
        await SignInAs(dsl, DemoPeople.Dsl);
        await dsl.GotoAsync($"/cases/{id}");
        await Act(dsl, "Triage the concern", async form =>
        {
            await form.GetByRole(AriaRole.Radio, new() { Name = "Low", Exact = true }).CheckAsync();
            await form.GetByRole(AriaRole.Radio, new() { Name = "No further action", Exact = true }).CheckAsync();
            await form.GetByLabel("Why", new() { Exact = true }).FillAsync("A one-off, already resolved between the children");
        }, "Save triage");
        await Act(dsl, "Seek advice", form => form.GetByLabel("What was asked").FillAsync("Anything more to do?"), "Record that advice was sought");

        await dsl.GetByRole(AriaRole.List).GetByRole(AriaRole.Link, new() { Name = "Close the case", Exact = true }).ClickAsync();
        await dsl.GetByLabel("Why it can close").FillAsync("Nothing more to do");
        await dsl.GetByRole(AriaRole.Button, new() { Name = "Close case", Exact = true }).ClickAsync();

        var summary = dsl.GetByRole(AriaRole.Alert);
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync(
            "Advice sought from the Education Safeguarding Service (or another agency) has not been recorded yet.");
        await Expect(dsl).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await AssertAccessible(dsl);
        await Screenshot(dsl, "close-refused");
    }
}
