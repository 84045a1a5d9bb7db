using Incidents.Api.Infrastructure.Postgres;

namespace Incidents.Api.Infrastructure.Hosting;

/// <summary>
/// When no connection string is configured, the service starts (or reuses) a local PostgreSQL cluster in the
/// git-ignored <c>.data/postgres</c> folder of the checkout, so <c>dotnet run</c> is all a developer needs.
/// </summary>
public static class DevelopmentDatabase
{
    public const string ConnectionStringName = "Incidents";

    public static async Task<string> ConnectionStringAsync(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured)
        {
            return configured;
        }

        var dataDirectory = Path.Combine(RepositoryRoot(builder.Environment.ContentRootPath), ".data", "postgres");
        using var loggerFactory = LoggerFactory.Create(l => l.AddSimpleConsole());
        var cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions(dataDirectory, Persistent: true), loggerFactory.CreateLogger("LocalPostgres"));
        return cluster.ConnectionString;
    }

    private static string RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Incidents.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}
