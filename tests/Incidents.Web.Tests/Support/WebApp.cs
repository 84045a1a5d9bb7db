using System.Net;
using Incidents.Api.Tests.Infrastructure;
using Incidents.Api.Tests.Support;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Web.Tests.Support;

/// <summary>
/// The real service on a real loopback port (a browser needs a socket, not an in-memory test server), against its own
/// fresh PostgreSQL database, with the API tests' settings; and one headless Chromium, Debian's, shared by the tests.
/// </summary>
public sealed class WebApp : IAsyncLifetime
{
    /// <summary>Debian's package: Playwright's own browser download cannot work on these machines.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private Factory? _factory;
    private IPlaywright? _playwright;

    /// <summary>Where the service listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The service has not started.");

    public async Task InitializeAsync()
    {
        // A missing browser fails every test loudly: a skipped browser test would pass CI without testing anything.
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}: run `apt-get update && apt-get install -y chromium` " +
                "(.ci/run does this in CI). See docs/testing.md.");
        }

        // The service's Main ends in JasperFx's command runner, which starts the host only when told to under a factory.
        JasperFxEnvironment.AutoStartHost = true;
        _factory = new Factory(await PostgresServer.CreateDatabaseAsync("web"));
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.Single().TrimEnd('/') + "/");

        // Two cores shared with PostgreSQL, the service and other builds: give assertions that wait for a page, and
        // actions, more than the 5 s and 30 s defaults. A page that never comes still fails the test.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = ["--no-sandbox"] });
    }

    /// <summary>Waits (never sleeps) until every async projection (the work queue among them) has caught up.</summary>
    public Task ProjectionsCaughtUp() =>
        Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

    /// <summary>A fresh browser context (its own cookies: one signed-in person) and a page in it.</summary>
    public async Task<IPage> NewPageAsync(Viewport viewport, bool javaScriptEnabled = true)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new() { Width = viewport.Width, Height = viewport.Height },
            IsMobile = viewport.IsMobile,
            HasTouch = viewport.IsMobile,
            JavaScriptEnabled = javaScriptEnabled,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private sealed class Factory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            TestHostSettings.Apply(builder, connectionString);

            // The school names a vice-chair of governors, who signs in with only the governor role (after the seven
            // people of appsettings.Development.json).
            builder.UseSetting("School:ViceChairOfGovernorsMisRef", DemoPeople.ViceChairSub);
            builder.UseSetting("Web:DevelopmentPeople:7:Sub", DemoPeople.ViceChairSub);
            builder.UseSetting("Web:DevelopmentPeople:7:Name", DemoPeople.ViceChair);
            builder.UseSetting("Web:DevelopmentPeople:7:Description", "Vice-chair of governors");
            builder.UseSetting("Web:DevelopmentPeople:7:Roles:0", "governor");
        }
    }
}

/// <summary>The window sizes the tests use: the policy's people work from phones as well as desktops.</summary>
public sealed record Viewport(string Name, int Width, int Height, bool IsMobile)
{
    /// <summary>A common phone (iPhone SE/8 class).</summary>
    public static readonly Viewport Phone = new("phone", 375, 667, true);

    /// <summary>The narrowest width WCAG 2.2's reflow criterion (1.4.10) asks a page to work at without scrolling sideways.</summary>
    public static readonly Viewport Narrow = new("narrow", 320, 640, true);

    public static readonly Viewport Desktop = new("desktop", 1280, 800, false);
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebApp>
{
    public const string Name = "web app";
}
