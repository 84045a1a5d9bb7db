using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Incidents.Web.Tests.Support;

/// <summary>
/// A browser test: pages in their own contexts (closed afterwards), an accessibility check and screenshots.
/// </summary>
[Collection(WebAppCollection.Name)]
public abstract class BrowserTest(WebApp app) : IAsyncLifetime
{
    /// <summary>WCAG 2.0, 2.1 and 2.2, levels A and AA: the issue asks for WCAG 2.2 AA.</summary>
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    /// <summary>Set to 1 to write the screenshots into docs/screenshots/ (the README shows them).</summary>
    public const string SaveScreenshotsVariable = "SAVE_SCREENSHOTS";

    private readonly List<IBrowserContext> _contexts = [];

    protected WebApp App { get; } = app;

    /// <summary>A new page in a context of its own (so its own sign-in), sized like <paramref name="viewport"/>.</summary>
    protected async Task<IPage> NewPage(Viewport viewport, bool javaScriptEnabled = true)
    {
        var page = await App.NewPageAsync(viewport, javaScriptEnabled);
        _contexts.Add(page.Context);
        return page;
    }

    /// <summary>Runs axe-core on the page as it is now and fails with a readable list of every WCAG A/AA violation.</summary>
    protected static async Task AssertAccessible(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            ResultTypes = [ResultType.Violations],
        });
        result.Violations.Should().BeEmpty(Describe(page.Url, result.Violations));
    }

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
