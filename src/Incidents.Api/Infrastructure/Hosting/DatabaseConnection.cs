#if LOCAL_POSTGRES
using Incidents.DevTools;
#endif

namespace Incidents.Api.Infrastructure.Hosting;

/// <summary>
/// The connection string <c>ConnectionStrings:Incidents</c>. Only in Development, and only in a Debug build (the one
/// <c>dotnet run</c> makes), does a missing one start a local PostgreSQL instead (tools/Incidents.DevTools): the
/// deployed Release build does not contain that launcher, and no other environment ever creates a cluster.
/// </summary>
public static class DatabaseConnection
{
    public const string Name = "Incidents";

    public static async Task<string> ResolveAsync(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString(Name) is { Length: > 0 } configured)
        {
            return configured;
        }

        const string Missing = $"No database configured: set ConnectionStrings:{Name} (environment variable ConnectionStrings__{Name}).";
        if (!builder.Environment.IsDevelopment())
        {
            throw new StartupConfigurationException(Missing);
        }

#if LOCAL_POSTGRES
        using var logging = LoggerFactory.Create(l => l.AddSimpleConsole());
        return await DevelopmentDatabase.StartAsync(builder.Environment.ContentRootPath, logging.CreateLogger("LocalPostgres"));
#else
        await Task.CompletedTask;
        throw new StartupConfigurationException($"{Missing} This build has no local PostgreSQL launcher (Debug builds only).");
#endif
    }
}
