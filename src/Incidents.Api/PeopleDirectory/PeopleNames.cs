using Incidents.Domain.Concerns;
using Incidents.Domain.PeopleDirectory;
using Marten;

namespace Incidents.Api.PeopleDirectory;

/// <summary>
/// Display names for references, from the directory, and for people named by name on a case (not in the directory),
/// from what the person who named them wrote, with who they are. Only views served to those who may see the case use it:
/// never the governors' report, the MIS feed, the status view, or a log line.
/// </summary>
public sealed class PeopleNames
{
    public static readonly PeopleNames None = new(new Dictionary<string, string>());

    private readonly IReadOnlyDictionary<string, string> _byKey;

    private PeopleNames(IReadOnlyDictionary<string, string> byKey) => _byKey = byKey;

    /// <summary>The name of the person with this MIS reference; null when they are not in the directory.</summary>
    public string? For(string? misRef) => misRef is not null && _byKey.TryGetValue(DirectoryPerson.KeyFor(misRef), out var name) ? name : null;

    /// <summary>The names of these people, in one round trip.</summary>
    public static async Task<PeopleNames> LoadAsync(IQuerySession session, IEnumerable<string?> misRefs, CancellationToken ct = default)
    {
        var keys = misRefs.OfType<string>().Where(r => !string.IsNullOrWhiteSpace(r)).Select(DirectoryPerson.KeyFor).Distinct().ToList();
        if (keys.Count == 0)
        {
            return None;
        }

        var unlistedKeys = keys.Where(Subject.IsUnlistedRef).ToArray();
        if (unlistedKeys.Length == 0)
        {
            var people = await session.LoadManyAsync<DirectoryPerson>(ct, keys.ToArray());
            return new PeopleNames(people.ToDictionary(p => p.Id, p => p.DisplayName, StringComparer.Ordinal));
        }

        var batch = session.CreateBatchQuery();
        var listed = batch.LoadMany<DirectoryPerson>().ById(keys.Except(unlistedKeys).DefaultIfEmpty("").ToArray());
        var unlisted = batch.LoadMany<UnlistedPerson>().ById(unlistedKeys);
        await batch.Execute(ct);
        var names = (await listed).Select(p => (p.Id, p.DisplayName)).Concat((await unlisted).Select(u => (u.Id, u.DisplayName)));
        return new PeopleNames(names.ToDictionary(n => n.Id, n => n.DisplayName, StringComparer.Ordinal));
    }
}
