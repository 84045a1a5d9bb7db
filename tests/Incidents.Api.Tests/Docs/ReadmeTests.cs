using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Incidents.Api.Tests.Infrastructure;
using Incidents.Api.Tests.Reliability;
using Incidents.Api.Tests.Support;

namespace Incidents.Api.Tests.Docs;

/// <summary>
/// The README's "Try the API" and "A case's life" are run as a newcomer pastes them: with bash, from the repository root,
/// the README's own <c>dotnet run ... token</c> commands included, against a started API process. Only the address
/// is the test's (a free port instead of 5180). So the docs cannot drift from the API.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed partial class ReadmeTests : IDisposable
{
    private const string ReadmeAddress = "http://localhost:5180";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);
    private ApiNode? _node;

    [Fact]
    public async Task The_READMEs_try_it_and_a_cases_life_raise_a_concern_and_see_it_through_to_closure_as_pasted()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(ApiNode.RepositoryRoot, "README.md"));
        var blocks = ShellBlocks(readme);
        blocks.Select(b => b.Section).Should().Equal(["Try the API", "A case's life"], "the README's runnable examples are these two blocks");
        blocks.Should().OnlyContain(b => b.Code.Contains(ReadmeAddress) || b.Code.Contains("$API"), "the blocks talk to the service the README starts");

        var connectionString = await PostgresServer.CreateDatabaseAsync("readme");
        _node = new ApiNode("readme", ApiNode.FreePort(), NodeFailureTests.NodeEnvironment(connectionString, "Solo"));
        _node.Start();
        await _node.WaitUntilReadyAsync(Timeout);

        var script = "set -euo pipefail\n" + string.Join("\n", blocks.Select(b => b.Code)).Replace(ReadmeAddress, _node.BaseAddress.ToString().TrimEnd('/'));
        var (exitCode, stdout, stderr) = await BashAsync(script);
        exitCode.Should().Be(0, "every command in the README must succeed as pasted:\n--- stdout\n{0}\n--- stderr\n{1}\n--- API\n{2}", stdout, stderr, _node.Output);

        var raised = RaisedLine().Match(stdout);
        raised.Success.Should().BeTrue("\"Try the API\" says which concern it raised:\n{0}", stdout);
        var id = Guid.Parse(raised.Groups[1].Value);

        // What the README walked the case through is on record: read back with a token of the test's own.
        using var http = new HttpClient { BaseAddress = _node.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Create(ApiNode.DevelopmentTokens(), People.Dsl));
        var concern = JsonNode.Parse(await http.GetStringAsync($"/api/concerns/{id}"))!;
        concern["status"]!.GetValue<string>().Should().Be("closed");
        concern["escalations"]!.AsArray().Should().ContainSingle().Which!["advice"].Should().NotBeNull("the advice was recorded against the escalation the README captured");
        concern["debrief"].Should().NotBeNull();
        stdout.Should().Contain("\"concern-closed\"", "the history at the end shows the closure");
    }

    public void Dispose() => _node?.Dispose();

    /// <summary>Every fenced <c>sh</c> block, with the heading it stands under.</summary>
    private static List<(string Section, string Code)> ShellBlocks(string markdown)
    {
        var blocks = new List<(string, string)>();
        var section = "";
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#'))
            {
                section = lines[i].TrimStart('#').Trim();
            }
            else if (lines[i].Trim() == "```sh")
            {
                var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
                end.Should().BePositive("a fenced block in the README is closed");
                blocks.Add((section, string.Join("\n", lines[(i + 1)..end])));
                i = end;
            }
        }

        return blocks;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ApiNode.RepositoryRoot,
        };

        // A newcomer's shell: not the test host's, whose MSBuild and test-platform settings would steer `dotnet run`.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k is "DOTNET_HOST_PATH" or "MSBuildSDKsPath" or "MSBuildExtensionsPath").ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The README's commands did not finish within {Timeout}:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"Raised concern ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b")]
    private static partial Regex RaisedLine();
}
