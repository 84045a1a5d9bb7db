using Alba;
using Incidents.Api.Tests.Infrastructure;
using Incidents.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Api.Tests.SignIn;

/// <summary>
/// The service as a school runs it (Production), signing people in with <see cref="TestIdentityProvider"/> and taking
/// the API's bearer tokens from the same provider. Its only concession to the test: the provider is plain http on a
/// loopback address, which the service accepts only when told to and only for loopback.
/// </summary>
public sealed class OpenIdConnectHost : IAsyncLifetime
{
    /// <summary>The address the browser uses: https, so the session's Secure cookie is kept as a browser would keep it.</summary>
    public static readonly Uri Origin = new("https://localhost/");

    public TestIdentityProvider Provider { get; private set; } = null!;

    public IAlbaHost Host { get; private set; } = null!;

    public TestClock Clock { get; } = new();

    public const int IdleTimeoutMinutes = 20;

    public const int AbsoluteTimeoutHours = 10;

    public async Task InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync(Origin.GetLeftPart(UriPartial.Authority));
        var connectionString = await PostgresServer.CreateDatabaseAsync("oidc");
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Production");
            foreach (var (key, value) in Settings(connectionString))
            {
                web.UseSetting(key, value);
            }

            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
    }

    private Dictionary<string, string> Settings(string connectionString) => new()
    {
        ["ConnectionStrings:Incidents"] = connectionString,
        ["Database:ApplySchemaOnStart"] = "true",
        ["Wolverine:TypeLoadMode"] = "Auto",
        ["Wolverine:Durability"] = "Solo",
        ["School:HeadteacherMisRef"] = ApiHost.HeadteacherMisRef,
        ["School:ChairOfGovernorsMisRef"] = ApiHost.ChairOfGovernorsMisRef,
        ["School:OpenedOn"] = "2005-09-01",
        ["Hardening:RequestsPerWindow"] = "1000000",
        ["Authentication:Authority"] = Provider.Authority,
        ["Authentication:Audience"] = "incidents-api",
        ["Authentication:RequireHttpsMetadata"] = "false",
        ["Web:IdleTimeoutMinutes"] = IdleTimeoutMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Web:AbsoluteTimeoutHours"] = AbsoluteTimeoutHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Web:MultiFactor:AcrValues:0"] = "urn:school:mfa",
        ["Web:OpenIdConnect:Authority"] = Provider.Authority,
        ["Web:OpenIdConnect:ClientId"] = TestIdentityProvider.WebClientId,
        ["Web:OpenIdConnect:ClientSecret"] = TestIdentityProvider.WebClientSecret,
        ["Web:OpenIdConnect:RequireHttpsMetadata"] = "false",
        ["Web:OpenIdConnect:RoleClaims:0"] = "roles",
        ["Web:OpenIdConnect:RoleClaims:1"] = "groups",
        ["Web:OpenIdConnect:RoleMap:dsl:0"] = "dsl",
        ["Web:OpenIdConnect:RoleMap:staff:0"] = "staff",
        ["Web:OpenIdConnect:RoleMap:governor:0"] = "governor",
        ["Web:OpenIdConnect:RoleMap:Safeguarding Team:0"] = "deputy-dsl",
        ["Web:OpenIdConnect:RoleMap:Safeguarding Team:1"] = "staff",

        // Whatever the settings say, Production never offers the Development sign-in.
        ["Web:DevelopmentPeople:0:Sub"] = "staff-dsl-1",
        ["Web:DevelopmentPeople:0:Name"] = "Lucy Hayward",
        ["Web:DevelopmentPeople:0:Description"] = "DSL",
        ["Web:DevelopmentPeople:0:Roles:0"] = "dsl",
    };

    public Browser Browser() => new(Host.Server.CreateHandler(), Origin);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OpenIdConnectCollection : ICollectionFixture<OpenIdConnectHost>
{
    public const string Name = "openid connect";
}
