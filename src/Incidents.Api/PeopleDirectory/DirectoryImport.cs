using Incidents.Domain.PeopleDirectory;
using Marten;

namespace Incidents.Api.PeopleDirectory;

/// <summary>
/// The one way people enter the directory: the MIS's push (<c>POST /api/directory/batches</c>) and the demonstration
/// seeder both call <see cref="ApplyAsync"/>. The merge rules are the domain's (<see cref="DirectoryMerge"/>); this
/// loads the entries a batch touches, stores those that changed and commits, all in one transaction.
/// </summary>
public static class DirectoryImport
{
    // Two batches at once (a full one and a changes one, say) are applied one after the other, so a full batch never
    // marks missing someone a concurrent batch has just listed.
    private const long LockKey = 0x1D1_2EC7_0A7;

    /// <summary>
    /// Applies <paramref name="batch"/> as of <paramref name="now"/> and commits: durable when this returns. A batch
    /// with a bad row changes nothing (<see cref="ArgumentException"/>; the API checks rows first and answers 400).
    /// </summary>
    public static async Task<DirectoryImportResult> ApplyAsync(IDocumentSession session, DirectoryBatch batch, DateTimeOffset now, CancellationToken ct = default)
    {
        if (DirectoryRows.Problems(batch) is [var first, ..])
        {
            throw new ArgumentException($"people[{first.Row}].{first.Field}: {first.Message}", nameof(batch));
        }

        await session.BeginTransactionAsync(ct);
        await using (var command = session.Connection!.CreateCommand())
        {
            command.CommandText = $"select pg_advisory_xact_lock({LockKey})";
            await command.ExecuteNonQueryAsync(ct);
        }

        var keys = batch.People.Select(p => DirectoryPerson.KeyFor(p.MisRef)).ToArray();
        var existing = new Dictionary<string, DirectoryPerson>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(1000))
        {
            foreach (var person in await session.LoadManyAsync<DirectoryPerson>(ct, chunk))
            {
                existing[person.Id] = person;
            }
        }

        int added = 0, changed = 0, missing = 0, unchanged = 0;
        foreach (var row in batch.People)
        {
            var before = existing.GetValueOrDefault(DirectoryPerson.KeyFor(row.MisRef));
            var outcome = DirectoryMerge.Apply(before, row, now);
            if (!outcome.Changed)
            {
                unchanged++;
                continue;
            }

            session.Store(outcome.Person);
            if (before is null)
            {
                added++;
            }
            else
            {
                changed++;
            }
        }

        if (batch.Mode == DirectoryBatchMode.Full)
        {
            var listed = keys.ToHashSet(StringComparer.Ordinal);
            var stillListed = await session.Query<DirectoryPerson>().Where(p => p.MissingSince == null).ToListAsync(ct);
            foreach (var person in stillListed.Where(p => !listed.Contains(p.Id)))
            {
                session.Store(DirectoryMerge.MissingFrom(person, now).Person);
                missing++;
            }
        }

        await session.SaveChangesAsync(ct);
        return new DirectoryImportResult(added, changed, missing, unchanged);
    }
}
