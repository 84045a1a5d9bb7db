using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Incidents.Api.Concerns.Reading;
using Incidents.Api.Infrastructure.Marten;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Incidents.Api.Audit;

/// <summary>Who did what, when, on which concern, under which correlation id. Metadata only: no narrative.</summary>
public sealed record AuditEntry(
    long Sequence,
    Guid ConcernId,
    ConcernKind? ConcernKind,
    long Version,
    string EventType,
    string? Actor,
    string? ActorName,
    DateTimeOffset RecordedAt,
    string? CorrelationId,
    string? CausationId);

/// <summary>The filters of an audit-trail query, parsed and checked.</summary>
public sealed record AuditFilter(
    string? Actor,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<ConcernKind> Kinds,
    IReadOnlyList<string> EventTypes,
    Guid? Concern)
{
    /// <summary>Event types as the API names them (kebab-case), mapped to the store's type names (snake_case).</summary>
    public static readonly IReadOnlyDictionary<string, string> StoreNames = ConcernEventTypes.All.ToDictionary(
        t => JsonNamingPolicy.KebabCaseLower.ConvertName(t.Name),
        t => JsonNamingPolicy.SnakeCaseLower.ConvertName(t.Name),
        StringComparer.OrdinalIgnoreCase);

    public static AuditFilter Parse(QueryParameters query, SchoolCalendar calendar)
    {
        var actor = query.Text("actor", 64);
        var (from, to) = query.DateRange(calendar);
        var kinds = query.Enums<ConcernKind>("kind");
        var eventTypes = (query.Text("eventType", 2000) ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToList();
        var unknown = eventTypes.Where(t => !StoreNames.ContainsKey(t)).ToList();
        query.Check(unknown.Count > 0, "eventType",
            $"Unknown event type(s): {string.Join(", ", unknown.Take(5))}. Use one of: {string.Join(", ", StoreNames.Keys.Order())}.");
        var concernText = query.Text("concern", 64);
        Guid? concern = null;
        if (concernText is not null)
        {
            query.Check(!Guid.TryParse(concernText, out var id), "concern", "concern must be a concern id (a GUID).");
            concern = id == Guid.Empty ? null : id;
        }

        return new AuditFilter(actor, from, to, kinds, eventTypes.Where(StoreNames.ContainsKey).Select(t => StoreNames[t]).ToList(), concern);
    }
}

/// <summary>
/// Audit-trail queries over every event in the store, in the order they were stored. Rows are limited to
/// concerns the caller may read in full, decided by the same access rule as reading the case itself.
/// </summary>
public static class AuditTrail
{
    private const int Batch = 500;

    /// <summary>Entries after <paramref name="afterSequence"/>, up to <paramref name="limit"/>; the last position scanned, for the next page.</summary>
    public static async Task<(IReadOnlyList<AuditEntry> Entries, long LastScanned, bool More)> PageAsync(
        NpgsqlDataSource db, IQuerySession session, Actor caller, AuditFilter filter, long afterSequence, int limit, CancellationToken ct)
    {
        var entries = new List<AuditEntry>();
        var position = afterSequence;
        var access = new Dictionary<Guid, (bool Readable, ConcernKind Kind)>();
        while (true)
        {
            var rows = await QueryAsync(db, filter, position, Batch, ct);
            foreach (var row in rows)
            {
                if (!await MayReadAsync(session, caller, access, row.ConcernId, ct))
                {
                    position = row.Sequence;
                    continue;
                }

                if (entries.Count == limit)
                {
                    return (entries, position, true);
                }

                entries.Add(row with { ConcernKind = access[row.ConcernId].Kind });
                position = row.Sequence;
            }

            if (rows.Count < Batch)
            {
                return (entries, position, false);
            }
        }
    }

    /// <summary>Every matching entry, streamed in batches (for the CSV export).</summary>
    public static async IAsyncEnumerable<AuditEntry> AllAsync(
        NpgsqlDataSource db, IQuerySession session, Actor caller, AuditFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var position = 0L;
        var access = new Dictionary<Guid, (bool Readable, ConcernKind Kind)>();
        while (true)
        {
            var rows = await QueryAsync(db, filter, position, Batch, ct);
            foreach (var row in rows)
            {
                position = row.Sequence;
                if (await MayReadAsync(session, caller, access, row.ConcernId, ct))
                {
                    yield return row with { ConcernKind = access[row.ConcernId].Kind };
                }
            }

            if (rows.Count < Batch)
            {
                yield break;
            }
        }
    }

    private static async Task<bool> MayReadAsync(
        IQuerySession session, Actor caller, Dictionary<Guid, (bool Readable, ConcernKind Kind)> cache, Guid concernId, CancellationToken ct)
    {
        if (!cache.TryGetValue(concernId, out var known))
        {
            var concern = await session.LoadAsync<Concern>(concernId, ct);
            known = concern is null ? (false, default) : (ConcernReadAccess.ViewFor(caller, concern) is ConcernView, concern.Kind);
            cache[concernId] = known;
        }

        return known.Readable;
    }

    private static async Task<List<AuditEntry>> QueryAsync(NpgsqlDataSource db, AuditFilter filter, long after, int batch, CancellationToken ct)
    {
        var schema = MartenSetup.Schema;
        var sql = $"""
            select e.seq_id, e.stream_id, e.version, e.type, e.user_name,
                   coalesce(e.data -> 'by' ->> 'name', e.data -> 'raisedBy' ->> 'name'),
                   e.timestamp, e.correlation_id, e.causation_id
            from {schema}.mt_events e
            where e.seq_id > @after
              and (@actor::text is null or lower(e.user_name) = lower(@actor))
              and (@from::timestamptz is null or e.timestamp >= @from)
              and (@to::timestamptz is null or e.timestamp < @to)
              and (cardinality(@types) = 0 or e.type = any(@types))
              and (@concern::uuid is null or e.stream_id = @concern)
              and (cardinality(@kinds) = 0 or exists (
                    select 1 from {schema}.mt_doc_concern c where c.id = e.stream_id and c.data ->> 'kind' = any(@kinds)))
            order by e.seq_id
            limit @batch
            """;
        await using var command = db.CreateCommand(sql);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.Add(new NpgsqlParameter("actor", NpgsqlDbType.Text) { Value = (object?)filter.Actor ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)filter.From ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = (object?)filter.To ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filter.EventTypes.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("concern", NpgsqlDbType.Uuid) { Value = (object?)filter.Concern ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filter.Kinds.Select(k => k.ToString()).ToArray() });
        command.Parameters.AddWithValue("batch", batch);

        var rows = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new AuditEntry(
                reader.GetInt64(0),
                reader.GetGuid(1),
                null,
                reader.GetInt64(2),
                reader.GetString(3).Replace('_', '-'),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    public static string Cursor(long position) => Cursors.Encode(position.ToString(CultureInfo.InvariantCulture));
}
