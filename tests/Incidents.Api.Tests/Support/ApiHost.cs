using System.Net.Http.Headers;
using Alba;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Tests.Infrastructure;
using Incidents.Domain.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Api.Tests.Support;

/// <summary>
/// The real API (Marten, Wolverine, JWT) hosted in memory against its own fresh PostgreSQL database.
/// Wolverine runs in Solo mode so async projection work starts at once.
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    public const string HeadteacherMisRef = "staff-head-1";

    public IAlbaHost Host { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("api");
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Incidents", ConnectionString);
            web.UseSetting("Wolverine:Durability", "Solo");
            web.UseSetting("School:HeadteacherMisRef", HeadteacherMisRef);
        });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public string TokenFor(Actor actor, TimeSpan? lifetime = null) =>
        Host.Services.GetRequiredService<DevelopmentTokenIssuer>().Issue(actor.Id, actor.Name, actor.Roles, lifetime);

    /// <summary>An HTTP client acting as <paramref name="actor"/> (or anonymous when null).</summary>
    public HttpClient ClientFor(Actor? actor)
    {
        var client = Host.Server.CreateClient();
        if (actor is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(actor));
        }

        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}
