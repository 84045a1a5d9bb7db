using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Marten;
using Marten.Services;
using Npgsql;
using NpgsqlTypes;

namespace Incidents.Demo;

/// <summary>The whole demonstration school: its people and its term of concerns, the same on every run.</summary>
public sealed class DemoSchool
{
    public DemoSchool(SchoolRoles school)
    {
        People = new DemoPeople(school);
        Concerns = DemoConcerns.For(People, school);
    }

    public DemoPeople People { get; }

    public IReadOnlyList<DemoCase> Concerns { get; }
}

/// <summary>What one run of the seeder did.</summary>
public sealed record DemoSeedResult(int ConcernsWritten, int ConcernsAlreadyThere, int EventsWritten);

/// <summary>
/// Writes the demonstration school into an event store. The people go in through the directory's own import (passed
/// in by the host, which owns it); the concerns are appended as the service appends them, one case per transaction,
/// with the inline projection. Idempotent: a case whose stream exists is left alone, so a second run writes nothing.
/// </summary>
public static class DemoSeeder
{
    /// <summary>Marks the demonstration's events (correlation id), so they can be told from real work.</summary>
    public const string CorrelationId = "demo-data";

    /// <summary>Held while seeding, so two processes started at once do not both write the school.</summary>
    private const long LockKey = 0xDE_0DA7A;

    /// <summary>How many concern streams the store holds, and how many of them are not the demonstration's.</summary>
    public static async Task<(long All, long NotDemo)> CountConcernsAsync(IDocumentStore store, DemoSchool demo, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var ids = demo.Concerns.Select(c => c.Id).ToArray();
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var command = new NpgsqlCommand(
            $"select count(*), count(*) filter (where not (id = any(@ids))) from {schema}.mt_streams", session.Connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <param name="importPeople">The directory's import, given the school's people as one "changes" batch; null while the host has no directory.</param>
    public static async Task<DemoSeedResult> SeedAsync(
        IDocumentStore store,
        DemoSchool demo,
        Func<IReadOnlyList<DemoPerson>, CancellationToken, Task>? importPeople,
        CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var connection = session.Connection!;
        await using (var lockCommand = new NpgsqlCommand($"select pg_advisory_lock({LockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        try
        {
            if (importPeople is not null)
            {
                await importPeople(demo.People.Everyone, ct);
            }

            var existing = await ExistingAsync(store, connection, demo, ct);
            int written = 0, events = 0;
            foreach (var demoCase in demo.Concerns.Where(c => !existing.Contains(c.Id)))
            {
                await WriteAsync(store, demoCase, ct);
                written++;
                events += demoCase.Events.Count;
            }

            return new DemoSeedResult(written, existing.Count, events);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<HashSet<Guid>> ExistingAsync(IDocumentStore store, NpgsqlConnection connection, DemoSchool demo, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select id from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = any(@ids)", connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = demo.Concerns.Select(c => c.Id).ToArray() });
        var existing = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            existing.Add(reader.GetGuid(0));
        }

        return existing;
    }

    /// <summary>
    /// One case in one short transaction: the append (with the inline projection), then each event's recorded time and
    /// recorder set to when and by whom it was recorded in the demonstration term. The store stamps events with the
    /// server's clock; without this every case would look recorded today and nothing would be overdue. Done before the
    /// commit, so the async projections never see the events with any other time.
    /// </summary>
    private static async Task WriteAsync(IDocumentStore store, DemoCase demoCase, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var session = store.LightweightSession(SessionOptions.ForTransaction(transaction)))
        {
            session.CorrelationId = CorrelationId;
            session.CausationId = "demo-data:seed";
            session.LastModifiedBy = demoCase.Events[0].RecordedBy;
            session.Events.StartStream<Concern>(demoCase.Id, demoCase.Events.Select(e => e.Data).ToArray());
            foreach (var unlisted in demoCase.Unlisted)
            {
                session.Store(unlisted with { NamedAt = demoCase.Events[0].RecordedAt });
            }

            await session.SaveChangesAsync(ct);
        }

        var schema = store.Options.Events.DatabaseSchemaName;
        await using var command = new NpgsqlCommand(
            $"""
            update {schema}.mt_events e set timestamp = t.at, user_name = t.by
              from unnest(@versions, @ats, @bys) as t(version, at, by)
             where e.stream_id = @id and e.version = t.version;
            update {schema}.mt_streams set created = @first, timestamp = @last where id = @id;
            """, connection, transaction);
        command.Parameters.AddWithValue("id", demoCase.Id);
        command.Parameters.AddWithValue("versions", Enumerable.Range(1, demoCase.Events.Count).Select(v => (long)v).ToArray());
        command.Parameters.AddWithValue("ats", demoCase.Events.Select(e => e.RecordedAt.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("bys", demoCase.Events.Select(e => e.RecordedBy).ToArray());
        command.Parameters.AddWithValue("first", demoCase.Events[0].RecordedAt.ToUniversalTime());
        command.Parameters.AddWithValue("last", demoCase.Events[^1].RecordedAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
