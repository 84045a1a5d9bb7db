using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Tests.Reliability;
using Incidents.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Incidents.Api.Tests.Security;

/// <summary>Only a current token, from our issuer, for our audience, signed with our key and algorithm, gets in.</summary>
[Collection(ApiCollection.Name)]
public sealed class TokenTests(ApiHost api)
{
    private DevelopmentTokenOptions Options => api.Host.Services.GetRequiredService<DevelopmentTokenOptions>();

    private string Token(
        string? issuer = null, string? audience = null, DateTime? expires = null, DateTime? notBefore = null, string? key = null,
        string algorithm = SecurityAlgorithms.HmacSha256) =>
        Tokens.Create(Options, People.Dsl, issuer, audience, expires, notBefore, key, algorithm);

    private async Task<HttpStatusCode> QueueWith(string token)
    {
        using var client = api.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/queue")).StatusCode;
    }

    [Fact]
    public async Task A_valid_token_is_accepted() => (await QueueWith(Token())).Should().Be(HttpStatusCode.OK);

    [Fact]
    public async Task Expired_wrong_issuer_wrong_audience_not_yet_valid_forged_and_unsigned_tokens_are_all_401()
    {
        var now = DateTime.UtcNow;
        var refused = new Dictionary<string, string>
        {
            ["expired"] = Token(expires: now.AddMinutes(-5), notBefore: now.AddMinutes(-60)),
            ["wrong issuer"] = Token(issuer: "https://evil.example"),
            ["wrong audience"] = Token(audience: "another-api"),
            ["not yet valid"] = Token(notBefore: now.AddMinutes(10), expires: now.AddMinutes(40)),
            ["forged (other key)"] = Tokens.Forged(Options, People.Dsl),
            ["other algorithm (HS512)"] = Token(algorithm: SecurityAlgorithms.HmacSha512, key: Options.SigningKey + Options.SigningKey),
            ["alg none"] = Tokens.Unsigned(Options, People.Dsl),
            ["garbage"] = "not.a.token",
        };

        foreach (var (name, token) in refused)
        {
            (await QueueWith(token)).Should().Be(HttpStatusCode.Unauthorized, name);
        }
    }

    [Fact]
    public async Task The_token_verb_as_the_README_runs_it_prints_the_token_alone_on_stdout()
    {
        // Exactly the README's command line: `TOKEN=$(...)` captures stdout, so anything else there breaks the next curl.
        var run = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ApiNode.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--project", "src/Incidents.Api", "-v", "q", "--", "token", "--role", "dsl", "--name", "Lucy Hayward", "--sub", "staff-dsl-1" })
        {
            run.ArgumentList.Add(argument);
        }

        using var process = Process.Start(run)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));

        process.ExitCode.Should().Be(0, await stderr);
        var token = (await stdout).TrimEnd('\n');
        token.Should().MatchRegex(@"^[\w-]+\.[\w-]+\.[\w-]+$", "stdout holds the token and nothing else (stderr: {0})", await stderr);
        (await QueueWith(token)).Should().Be(HttpStatusCode.OK, "it is a Development token this service accepts");
    }
}
