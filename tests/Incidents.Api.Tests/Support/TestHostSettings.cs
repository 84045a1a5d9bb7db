using Microsoft.AspNetCore.Hosting;

namespace Incidents.Api.Tests.Support;

/// <summary>
/// The settings every in-process test host runs the service with: Development, its own database, Wolverine in Solo
/// mode (async projection work starts at once) and no rate limit to trip. Linked into the browser tests too, so both
/// suites test the same configuration.
/// </summary>
public static class TestHostSettings
{
    /// <summary>As in appsettings.Development.json.</summary>
    public const string HeadteacherMisRef = "staff-head-1";

    public static void Apply(IWebHostBuilder web, string connectionString)
    {
        web.UseEnvironment("Development");
        web.UseSetting("ConnectionStrings:Incidents", connectionString);
        web.UseSetting("Wolverine:Durability", "Solo");
        web.UseSetting("School:HeadteacherMisRef", HeadteacherMisRef);
        web.UseSetting("School:OpenedOn", "2005-09-01");
        web.UseSetting("Hardening:RequestsPerWindow", "1000000");
        // No .eml files from every test host; the email tests point Email:Smtp at an SMTP server of their own.
        web.UseSetting("Email:PickupDirectory", "");
    }
}
