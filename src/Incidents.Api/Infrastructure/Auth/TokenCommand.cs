using Incidents.Domain.Identity;
using JasperFx.CommandLine;

namespace Incidents.Api.Infrastructure.Auth;

public sealed class TokenInput
{
    [Description("Role(s) to grant: staff, dsl, headteacher, leadership, chair-of-governors, governor, mis")]
    [FlagAlias("role", 'r')]
    public List<string> RoleFlag { get; set; } = [];

    [Description("Display name (claim 'name')")]
    [FlagAlias("name", 'n')]
    public string NameFlag { get; set; } = "developer";

    [Description("Subject id (claim 'sub'): for staff, their MIS staff reference. Defaults to the name.")]
    [FlagAlias("sub", 's')]
    public string? SubFlag { get; set; }

    [Description("Lifetime in minutes")]
    [FlagAlias("minutes", 'm')]
    public int MinutesFlag { get; set; } = 480;
}

/// <summary>
/// <c>dotnet run --project src/Incidents.Api -v q -- token --role dsl --name lucy.hayward</c>: prints a bearer token
/// signed with the Development key from appsettings.Development.json. Useless against a production deployment,
/// which trusts only its OpenID Connect authority.
/// </summary>
[Description("Print a Development bearer token for local use", Name = "token")]
public sealed class TokenCommand : JasperFxCommand<TokenInput>
{
    public override bool Execute(TokenInput input)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile("appsettings.Development.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection($"{IncidentsAuthenticationOptions.Section}:Development").Get<DevelopmentTokenOptions>();
        if (options is not { SigningKey.Length: > 0 })
        {
            Console.Error.WriteLine("No Authentication:Development:SigningKey is configured.");
            return false;
        }

        var roles = new List<Role>();
        foreach (var name in input.RoleFlag.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!IncidentsClaims.RolesByWireName.TryGetValue(name, out var role))
            {
                Console.Error.WriteLine($"Unknown role '{name}'. Known: {string.Join(", ", IncidentsClaims.RolesByWireName.Keys)}");
                return false;
            }

            roles.Add(role);
        }

        if (roles.Count == 0)
        {
            Console.Error.WriteLine("Give at least one --role.");
            return false;
        }

        var issuer = new DevelopmentTokenIssuer(options, TimeProvider.System);
        Console.WriteLine(issuer.Issue(input.SubFlag ?? input.NameFlag, input.NameFlag, roles, TimeSpan.FromMinutes(input.MinutesFlag)));
        return true;
    }
}
