using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Identity;

namespace Incidents.Bench;

/// <summary>A Release build of the API started as its own process on a loopback port, as production runs it.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiProcess(Process process, Uri baseAddress, TimeSpan startup, string logFile)
    {
        _process = process;
        BaseAddress = baseAddress;
        StartupTime = startup;
        LogFile = logFile;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>From process start to the first answered authenticated request.</summary>
    public TimeSpan StartupTime { get; }

    public string LogFile { get; }

    public static async Task<ApiProcess> StartAsync(string apiDll, string connectionString, int port, string typeLoadMode, Tokens tokens, string logFile)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", $"exec dotnet \"{apiDll}\" --urls http://127.0.0.1:{port} >> \"{logFile}\" 2>&1" },
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
            UseShellExecute = false,
        };
        // Not Development (its text log format and developer exception page) and not Production (which refuses the
        // development signing key): a "Benchmark" environment that accepts the load generator's tokens and is
        // otherwise configured as production (compact JSON logs to stdout).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
        start.Environment["Authentication__Development__Issuer"] = tokens.Signing.Issuer;
        start.Environment["Authentication__Development__Audience"] = tokens.Signing.Audience;
        start.Environment["Authentication__Development__SigningKey"] = tokens.Signing.SigningKey;
        start.Environment["School__HeadteacherMisRef"] = Tokens.HeadteacherMisRef;
        start.Environment["School__ChairOfGovernorsMisRef"] = Tokens.ChairOfGovernorsMisRef;
        start.Environment["ConnectionStrings__Incidents"] = connectionString;
        start.Environment["Wolverine__TypeLoadMode"] = typeLoadMode;
        start.Environment["Wolverine__Durability"] = "Balanced";
        start.Environment["Hardening__RequestsPerWindow"] = "1000000000"; // the load generator is one client per role
        // The pages' reader signs in on the sign-in page as the load's DSL (offered in this environment only).
        start.Environment["Web__DevelopmentPeople__0__Sub"] = PageReader.DslSub;
        start.Environment["Web__DevelopmentPeople__0__Name"] = "Bench DSL";
        start.Environment["Web__DevelopmentPeople__0__Description"] = "The benchmark's DSL";
        start.Environment["Web__DevelopmentPeople__0__Roles__0"] = "dsl";
        start.Environment["Web__DevelopmentPeople__0__Roles__1"] = "staff";

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API.");
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Dsl);
        var deadline = TimeSpan.FromMinutes(3);
        while (clock.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited during start-up; see {logFile}.");
            }

            try
            {
                using var response = await client.GetAsync("/api/queue?limit=1");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new ApiProcess(process, baseAddress, clock.Elapsed, logFile);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // listening but busy starting
            }

            await Task.Delay(5);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"The API did not answer within {deadline}; see {logFile}.");
    }

    /// <summary>A graceful stop (SIGTERM), so the node leaves the cluster and hands its projection agents on at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}

/// <summary>Development tokens for the people of the workload, signed with the key in the API's appsettings.Development.json.</summary>
public sealed class Tokens
{
    public Tokens(string apiDirectory)
    {
        var options = DevelopmentTokenOptions.FromDevelopmentSettings(apiDirectory);
        options.LifetimeMinutes = 24 * 60; // outlives the whole run
        Signing = options;
        var issuer = new DevelopmentTokenIssuer(options, TimeProvider.System);
        Staff = issuer.Issue("bench-teacher", "Bench Teacher", [Role.Staff]);
        Dsl = issuer.Issue("bench-dsl", "Bench DSL", [Role.Dsl, Role.Staff]);
        Leadership = issuer.Issue("bench-slt", "Bench Leader", [Role.Leadership, Role.Staff]);
        Headteacher = issuer.Issue("bench-head", "Bench Head", [Role.Headteacher, Role.Staff]);
    }

    /// <summary>The school's headteacher (policy routing) in every store the benchmark creates.</summary>
    public const string HeadteacherMisRef = "staff-head-1";

    public const string ChairOfGovernorsMisRef = "gov-chair-1";

    /// <summary>The development signing settings the tokens are issued with, for the API processes to accept.</summary>
    public DevelopmentTokenOptions Signing { get; }

    public string Staff { get; }

    public string Dsl { get; }

    public string Leadership { get; }

    public string Headteacher { get; }
}

/// <summary>One shared connection pool to the API, requests authenticated per call.</summary>
public sealed class ApiClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<(HttpStatusCode Status, JsonDocument? Body)> SendAsync(HttpMethod method, string url, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            // Every command carries a key, as a client that retries safely would send it (README, "Idempotency").
            request.Content = JsonContent.Create(body);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }

        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var json = response.IsSuccessStatusCode && bytes.Length > 0 && bytes[0] is (byte)'{' or (byte)'[' ? JsonDocument.Parse(bytes) : null;
        return (response.StatusCode, json);
    }

    public void Dispose() => _http.Dispose();
}
