using Incidents.Domain.PeopleDirectory;
using Marten;

namespace Incidents.Api.PeopleDirectory;

/// <summary>
/// Display names for MIS references, from the directory. Only views served to those who may see the case use it:
/// never the governors' report, the MIS feed, the status view, or a log line.
/// </summary>
public sealed class PeopleNames
{
    public static readonly PeopleNames None = new(new Dictionary<string, string>());

    private readonly IReadOnlyDictionary<string, string> _byKey;

    private PeopleNames(IReadOnlyDictionary<string, string> byKey) => _byKey = byKey;

    /// <summary>The name of the person with this MIS reference; null when they are not in the directory.</summary>
    public string? For(string? misRef) => misRef is not null && _byKey.TryGetValue(DirectoryPerson.KeyFor(misRef), out var name) ? name : null;

    /// <summary>The names of these people, in one query.</summary>
    public static async Task<PeopleNames> LoadAsync(IQuerySession session, IEnumerable<string?> misRefs, CancellationToken ct = default)
    {
        var keys = misRefs.OfType<string>().Where(r => !string.IsNullOrWhiteSpace(r)).Select(DirectoryPerson.KeyFor).Distinct().ToArray();
        if (keys.Length == 0)
        {
            return None;
        }

        var people = await session.LoadManyAsync<DirectoryPerson>(ct, keys);
        return new PeopleNames(people.ToDictionary(p => p.Id, p => p.DisplayName, StringComparer.Ordinal));
    }
}
