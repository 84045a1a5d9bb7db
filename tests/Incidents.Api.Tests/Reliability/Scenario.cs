using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Incidents.Api.Tests.Reliability;

/// <summary>
/// Shared plumbing of the reliability scenarios: settings that <c>deploy/multinode.sh</c> turns up for the full-size
/// run, a report (test output, and a file when <c>INCIDENTS_RELIABILITY_REPORT</c> is set), waits on conditions,
/// and one-shot runs of the API's command line.
/// </summary>
public sealed class Scenario(ITestOutputHelper output, string title)
{
    private readonly StringBuilder _report = new();

    /// <summary>A number of seconds (or clients) from <c>INCIDENTS_RELIABILITY_&lt;name&gt;</c>, else the scaled-down default.</summary>
    public static double Setting(string name, double scaledDown) =>
        double.TryParse(Environment.GetEnvironmentVariable("INCIDENTS_RELIABILITY_" + name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : scaledDown;

    public void Report(string line)
    {
        var stamped = $"[{title}] {line}";
        _report.AppendLine(stamped);
        output.WriteLine(stamped);
    }

    /// <summary>Appends the report to <c>INCIDENTS_RELIABILITY_REPORT</c> when the script asked for it.</summary>
    public void Save()
    {
        if (Environment.GetEnvironmentVariable("INCIDENTS_RELIABILITY_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, _report.ToString() + Environment.NewLine);
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms; returns how long it took, or throws after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> Until(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout}: {what()}");
            }

            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    public static Task<TimeSpan> Until(Func<bool> condition, TimeSpan timeout, Func<string> what) =>
        Until(() => Task.FromResult(condition()), timeout, what);

    /// <summary>Runs <c>dotnet Incidents.Api.dll &lt;args&gt;</c> to completion (e.g. <c>projections rebuild</c>).</summary>
    public static async Task<(int ExitCode, string Output)> RunApiCommandAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = ApiNode.ApiDirectory,
        };
        start.ArgumentList.Add(Path.Combine(ApiNode.ApiDirectory, "Incidents.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', args)}` did not finish:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The last part of a node's console, for failure messages.</summary>
    /// <summary>Runs a scenario and saves its report; a failure carries the tail of every node's console.</summary>
    public static async Task RunAsync(ITestOutputHelper output, string title, IReadOnlyCollection<ApiNode> nodes, Func<Scenario, Task> run)
    {
        var scenario = new Scenario(output, title);
        try
        {
            await run(scenario);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException(
                $"{e}\n\n{string.Join("\n\n", nodes.Select(n => $"---- {n.Name} console (tail) ----\n{Tail(n.Output)}"))}");
        }
        finally
        {
            scenario.Save();
        }
    }

    public static string Tail(string text, int characters = 6000) => text.Length <= characters ? text : "..." + text[^characters..];
}
