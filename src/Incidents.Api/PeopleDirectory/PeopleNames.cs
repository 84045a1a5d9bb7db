using Incidents.Domain.PeopleDirectory;
using Incidents.Projections.People;
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
        var people = await PeopleOnRecord.LoadAsync(session, misRefs, ct);
        var names = people.Listed.Select(p => (p.Id, p.DisplayName)).Concat(people.Unlisted.Select(u => (u.Id, u.DisplayName)));
        return new PeopleNames(names.ToDictionary(n => n.Id, n => n.DisplayName, StringComparer.Ordinal));
    }
}
