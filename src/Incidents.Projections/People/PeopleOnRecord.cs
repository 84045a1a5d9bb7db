using Incidents.Domain.Concerns;
using Incidents.Domain.PeopleDirectory;
using Marten;

namespace Incidents.Projections.People;

/// <summary>
/// What the service holds about people by reference, beside the case streams: their directory entries, and the names
/// given for people named by name on a case. Read in one round trip, by the pages (names) and the governors' report
/// (names to redact) alike.
/// </summary>
public sealed record PeopleOnRecord(IReadOnlyList<DirectoryPerson> Listed, IReadOnlyList<UnlistedPerson> Unlisted)
{
    public static readonly PeopleOnRecord None = new([], []);

    public static async Task<PeopleOnRecord> LoadAsync(IQuerySession session, IEnumerable<string?> references, CancellationToken ct = default)
    {
        var keys = references.OfType<string>().Where(r => !string.IsNullOrWhiteSpace(r)).Select(DirectoryPerson.KeyFor).Distinct().ToList();
        var unlistedKeys = keys.Where(Subject.IsUnlistedRef).ToArray();
        var listedKeys = keys.Except(unlistedKeys).ToArray();
        if (unlistedKeys.Length == 0)
        {
            return listedKeys.Length == 0 ? None : new PeopleOnRecord(await session.LoadManyAsync<DirectoryPerson>(ct, listedKeys), []);
        }

        var batch = session.CreateBatchQuery();
        var listed = listedKeys.Length > 0 ? batch.LoadMany<DirectoryPerson>().ById(listedKeys) : null;
        var unlisted = batch.LoadMany<UnlistedPerson>().ById(unlistedKeys);
        await batch.Execute(ct);
        return new PeopleOnRecord(listed is null ? [] : await listed, await unlisted);
    }
}
