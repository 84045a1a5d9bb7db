using Microsoft.Extensions.Logging;

namespace Incidents.DevTools;

/// <summary>
/// The database <c>dotnet run</c> uses in Development when no connection string is configured: a local PostgreSQL
/// cluster in the git-ignored <c>.data/postgres</c> folder of the checkout, started once and reused by later runs.
/// </summary>
public static class DevelopmentDatabase
{
    /// <summary>Starts (or reuses) the checkout's cluster and returns its connection string.</summary>
    /// <param name="contentRoot">The API's content root; the checkout is the nearest folder above it with <c>Incidents.sln</c>.</param>
    public static async Task<string> StartAsync(string contentRoot, ILogger logger)
    {
        var dataDirectory = Path.Combine(RepositoryRoot(contentRoot), ".data", "postgres");
        var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(dataDirectory, Persistent: true), logger);
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
