using System.Diagnostics;
using Npgsql;

namespace Incidents.Api.Tests.Reliability;

/// <summary>Plain SQL over the <c>incidents</c> schema: what is really stored, independent of the API.</summary>
public sealed class EventStoreChecks(string connectionString)
{
    public static readonly string[] AsyncProjections = ["CaseSummary:All", "PersonCases:All", "GovernorReport:All"];

    /// <summary>The documents of every projection (the inline Concern and the async read models), as stored JSON.</summary>
    public static readonly string[] ProjectionTables = ["mt_doc_concern", "mt_doc_casesummary", "mt_doc_personcases", "mt_doc_governorcasefacts", "mt_doc_governorrollup"];

    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters) =>
        (await QueryAsync(sql, r => r.IsDBNull(0) ? 0L : Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), parameters)).Single();

    public Task<long> MaxEventSequenceAsync() => ScalarAsync("select coalesce(max(seq_id), 0) from incidents.mt_events");

    /// <summary>Async projection name to the last event sequence it has processed.</summary>
    public async Task<Dictionary<string, long>> ProgressAsync() =>
        (await QueryAsync("select name, last_seq_id from incidents.mt_event_progression where name = any($1)",
            r => (Name: r.GetString(0), Seq: r.GetInt64(1)), (object)AsyncProjections))
        .ToDictionary(x => x.Name, x => x.Seq);

    /// <summary>
    /// Which Wolverine node runs each async projection shard (agent uri to node id); the alerts' subscription, which
    /// Wolverine places the same way, is not a projection.
    /// </summary>
    public async Task<Dictionary<string, Guid>> ProjectionAgentsAsync() =>
        (await QueryAsync("select id, node_id from incidents.wolverine_node_assignments where id like 'event-subscriptions://%' and lower(id) not like '%case-alerts%'",
            r => (Agent: r.GetString(0), Node: r.GetGuid(1))))
        .ToDictionary(x => x.Agent, x => x.Node);

    public async Task<Guid?> LeaderAsync() =>
        (await QueryAsync("select node_id from incidents.wolverine_node_assignments where id = 'wolverine://leader/'", r => r.GetGuid(0)))
        .Cast<Guid?>().SingleOrDefault();

    /// <summary>Polls until every async projection has processed every stored event, or fails after <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan> WaitForProjectionsToCatchUpAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var max = await MaxEventSequenceAsync();
            var progress = await ProgressAsync();
            if (progress.Count == AsyncProjections.Length && progress.Values.All(seq => seq >= max))
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"Async projections did not reach event {max} within {timeout}: {string.Join(", ", progress.Select(p => $"{p.Key}={p.Value}"))}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Every projection document (id and JSON), per table, ordered by id.</summary>
    public async Task<Dictionary<string, List<string>>> ProjectionDocumentsAsync()
    {
        var documents = new Dictionary<string, List<string>>();
        foreach (var table in ProjectionTables)
        {
            documents[table] = await QueryAsync($"select id::text || ' ' || data::text from incidents.{table} order by id", r => r.GetString(0));
        }

        return documents;
    }
}
