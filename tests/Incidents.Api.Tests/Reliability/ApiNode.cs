using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Incidents.Api.Infrastructure.Auth;
using Incidents.DevTools;

namespace Incidents.Api.Tests.Reliability;

/// <summary>
/// One real API process (<c>dotnet Incidents.Api.dll</c>, as deployed) on a loopback port, with its console output
/// captured for failure messages. <see cref="Kill"/> is SIGKILL on Linux: no shutdown hooks, no goodbyes.
/// </summary>
public sealed partial class ApiNode : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public ApiNode(string name, int port, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Port = port;
        _environment = environment;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Wolverine's node id of the current process (as in <c>wolverine_nodes</c>), once it has logged it.</summary>
    public Guid? NodeId { get; private set; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The API's build output next to this test build (same configuration), found from the repository root.</summary>
    public static string ApiDirectory
    {
        get
        {
            var testDirectory = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var framework = Path.GetFileName(testDirectory);
            var configuration = Path.GetFileName(Path.GetDirectoryName(testDirectory))!;
            return Path.Combine(RepositoryRoot, "src", "Incidents.Api", "bin", configuration, framework);
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Incidents.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No Incidents.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>The development signing settings the child processes use (from their appsettings.Development.json).</summary>
    public static DevelopmentTokenOptions DevelopmentTokens() => DevelopmentTokenOptions.FromDevelopmentSettings(ApiDirectory);

    public static int FreePort() => LocalPostgresCluster.FindFreePort();

    /// <summary>Starts the API on its port (<c>--urls</c>), or, given <paramref name="verb"/> (<c>db-apply</c>, say), runs that command line verb instead.</summary>
    public void Start(params string[] verb) =>
        Launch(verb.Length > 0 ? verb : ["--urls", Url], verb.Length > 0 ? string.Join(' ', verb) : $"on port {Port}", null);

    /// <summary>Starts the API as <c>deploy/Dockerfile</c> does: no arguments, the address in <c>ASPNETCORE_URLS</c>.</summary>
    public void StartAsDeployed() =>
        Launch([], $"as deployed on port {Port}", ("ASPNETCORE_URLS", Url));

    private string Url => BaseAddress.ToString().TrimEnd('/');

    private void Launch(IReadOnlyList<string> arguments, string description, (string Key, string Value)? extra)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        var dll = Path.Combine(ApiDirectory, "Incidents.Api.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the API first: {dll} is missing.", dll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ApiDirectory, // content root: appsettings.Development.json is read from here
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        if (extra is var (extraKey, extraValue))
        {
            start.Environment[extraKey] = extraValue;
        }

        NodeId = null;
        Append($"==== {Name} starting {description} at {DateTime.UtcNow:HH:mm:ss.fff}");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>SIGTERM, as a supervisor stops a node, then the exit code once it has shut down.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started.");
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
            if (term.ExitCode != 0)
            {
                throw new InvalidOperationException($"kill -TERM {process.Id} failed ({term.ExitCode}).\n{Output}");
            }
        }

        return await WaitForExitAsync(timeout);
    }

    /// <summary>The exit code once the process has ended by itself; a <see cref="TimeoutException"/> if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started.");
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} still runs after {timeout}.\n{Output}");
        }

        return process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies at once, mid-request and mid-transaction.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
            Append($"==== {Name} killed (SIGKILL) at {DateTime.UtcNow:HH:mm:ss.fff}");
        }
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200 (and the node has logged its Wolverine id).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"{Name} exited before it was ready.\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK && NodeId is not null)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout}.\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (NodeIdLine().Match(line) is { Success: true } match)
        {
            NodeId = Guid.Parse(match.Groups[1].Value);
        }

        Append(line);
    }

    private void Append(string line)
    {
        lock (_output)
        {
            // Keep the tail: a long run logs a lot, failures need the last part.
            if (_output.Length > 400_000)
            {
                _output.Remove(0, 200_000);
            }

            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"Wolverine node ([0-9a-fA-F-]{36}) started")]
    private static partial Regex NodeIdLine();
}
