using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Incidents.Web.Tests.Support;

/// <summary>
/// A browser test: pages in their own contexts (closed afterwards), an accessibility check and screenshots.
/// </summary>
[Collection(WebAppCollection.Name)]
public abstract partial class BrowserTest(WebApp app) : IAsyncLifetime
{
    /// <summary>WCAG 2.0, 2.1 and 2.2, levels A and AA: the issue asks for WCAG 2.2 AA.</summary>
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    /// <summary>Set to 1 to write the screenshots into docs/screenshots/ (the README shows them).</summary>
    public const string SaveScreenshotsVariable = "SAVE_SCREENSHOTS";

    /// <summary>Generous for two busy cores; a hung check must fail the test, not stall the run.</summary>
    private static readonly TimeSpan AxeTimeout = TimeSpan.FromSeconds(90);

    private readonly List<IBrowserContext> _contexts = [];
    private readonly HashSet<IPage> _withoutJavaScript = [];

    protected WebApp App { get; } = app;

    /// <summary>A new page in a context of its own (so its own sign-in), sized like <paramref name="viewport"/>.</summary>
    protected async Task<IPage> NewPage(Viewport viewport, bool javaScriptEnabled = true)
    {
        var page = await App.NewPageAsync(viewport, javaScriptEnabled);
        _contexts.Add(page.Context);
        if (!javaScriptEnabled)
        {
            _withoutJavaScript.Add(page);
        }

        return page;
    }

    /// <summary>
    /// Signs in on the Development sign-in page as the demonstration person called <paramref name="name"/>, checking
    /// the page's accessibility on the way, and waits for the home page.
    /// </summary>
    protected async Task SignInAs(IPage page, string name, bool singleFactor = false)
    {
        await page.GotoAsync("/sign-in");
        await AssertAccessible(page);
        await page.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true }).CheckAsync();
        if (singleFactor)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Sign in without a second factor" }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Signed in as {name}")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Records a concern on the raise form as its raiser would, checking the form's accessibility, and returns the
    /// new case's id (from the confirmation page's address).
    /// </summary>
    protected async Task<Guid> RaiseConcern(IPage page, string kind, string whatHappened, params Person[] people)
    {
        await page.GotoAsync("/concerns/new");
        await AssertAccessible(page);
        await FillRaiseForm(page, kind, whatHappened, people);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record concern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Concern recorded" })).ToBeVisibleAsync();
        await AssertAccessible(page);
        return RaisedId(page);
    }

    protected static async Task FillRaiseForm(IPage page, string kind, string whatHappened, params Person[] people)
    {
        await page.GetByRole(AriaRole.Radio, new() { Name = kind, Exact = true }).CheckAsync();
        await page.GetByLabel("What happened").FillAsync(whatHappened);
        for (var i = 0; i < people.Length; i++)
        {
            await page.GetByLabel($"Person {i + 1}: name or MIS reference").FillAsync(people[i].MisRef);
            await page.GetByRole(AriaRole.Group, new() { Name = "Who they are" }).Nth(i)
                .GetByRole(AriaRole.Radio, new() { Name = people[i].WhoTheyAre, Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "How they are involved" }).Nth(i)
                .GetByRole(AriaRole.Radio, new() { Name = people[i].Involvement, Exact = true }).CheckAsync();
        }
    }

    /// <summary>The id of the concern just raised, from the confirmation's address (<c>/concerns/mine?raised=...</c>).</summary>
    protected static Guid RaisedId(IPage page)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        return Guid.Parse(query["raised"] ?? throw new InvalidOperationException($"No raised id in {page.Url}"));
    }

    /// <summary>Opens one of the case's actions from its page, fills the form with <paramref name="fill"/> and saves it.</summary>
    protected async Task Act(IPage page, string action, Func<IPage, Task> fill, string button)
    {
        await page.GetByRole(AriaRole.List).GetByRole(AriaRole.Link, new() { Name = action, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = action, Level = 1 })).ToBeVisibleAsync();
        await AssertAccessible(page);
        await fill(page);
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Saved: {action}.")).ToBeVisibleAsync();
        await AssertAccessible(page);
    }

    /// <summary>Whether the page scrolls sideways at its current width (WCAG 1.4.10, reflow).</summary>
    protected static Task<bool> ScrollsSideways(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

    /// <summary>Runs axe-core on the page as it is now and fails with a readable list of every WCAG A/AA violation.</summary>
    protected async Task AssertAccessible(IPage page)
    {
        var options = new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            ResultTypes = [ResultType.Violations],
        };

        var result = await (_withoutJavaScript.Contains(page) ? RunAxeOnSnapshot(page, options) : page.RunAxe(options)).WaitAsync(AxeTimeout);
        result.Violations.Should().BeEmpty(Describe(page.Url, result.Violations));
    }

    /// <summary>
    /// axe is a script: in a page without JavaScript it never finishes. So it checks a copy of that page's DOM (scripts
    /// removed, so nothing changes it) served at the same address in a page with JavaScript, styled by the same
    /// assets from the service. No request reaches the service for the page itself: a form's answer is not posted twice.
    /// </summary>
    private async Task<AxeResult> RunAxeOnSnapshot(IPage page, AxeRunOptions options)
    {
        var html = ScriptElement().Replace(await page.ContentAsync(), "");
        var size = page.ViewportSize ?? new() { Width = Viewport.Desktop.Width, Height = Viewport.Desktop.Height };
        var copy = await NewPage(new Viewport("copy", size.Width, size.Height, false));
        await copy.RouteAsync(page.Url, route => route.FulfillAsync(new() { Body = html, ContentType = "text/html; charset=utf-8" }));
        await copy.GotoAsync(page.Url);
        return await copy.RunAxe(options);
    }

    [GeneratedRegex("<script\\b[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptElement();

    internal static string Describe(string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder($"axe-core found WCAG violations on {url}:");
        foreach (var violation in violations)
        {
            text.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help} <{violation.HelpUrl}>");
            foreach (var node in violation.Nodes)
            {
                text.Append($"\n    at {node.Target}: {node.Html}");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A full-page PNG of the page as it is now, always in the test output's screenshots/ folder, and in
    /// docs/screenshots/ when SAVE_SCREENSHOTS=1 (so an ordinary run, CI's included, leaves the tree clean).
    /// </summary>
    protected static async Task Screenshot(IPage page, string name)
    {
        var png = await page.ScreenshotAsync(new() { FullPage = true });
        var outputFolder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await File.WriteAllBytesAsync(Path.Combine(outputFolder.FullName, name + ".png"), png);
        if (Environment.GetEnvironmentVariable(SaveScreenshotsVariable) == "1")
        {
            var docs = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "docs", "screenshots"));
            await File.WriteAllBytesAsync(Path.Combine(docs.FullName, name + ".png"), png);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Incidents.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Incidents.sln above {AppContext.BaseDirectory}.");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }
}
