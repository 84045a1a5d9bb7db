using Incidents.Domain.Concerns;
using Incidents.Domain.PeopleDirectory;
using Marten;

namespace Incidents.Api.PeopleDirectory.Searching;

/// <summary>
/// One person found in the directory, to name them on a concern: who they are to the school and nothing about any
/// case (whether they are on one is never looked at).
/// </summary>
/// <param name="OnRoll">Listed by the MIS and not yet left, today.</param>
public sealed record DirectoryMatch(
    string MisRef,
    string Name,
    PersonType Type,
    string? YearGroup,
    string? Class,
    string? Role,
    bool OnRoll);

/// <summary>Searching the directory by name or reference: the query the search endpoint and the web pages both use.</summary>
public static class DirectorySearch
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    public const int MaxTextLength = 100;

    /// <summary>
    /// People whose names or reference contain every word of <paramref name="text"/> (case-insensitive), of the given
    /// types (any when none), by family then given name, at most <paramref name="limit"/> of them. Reads the directory
    /// only: the answer is the same whether or not a person is on a case.
    /// </summary>
    public static async Task<IReadOnlyList<DirectoryMatch>> FindAsync(
        IQuerySession session, string text, IReadOnlyCollection<PersonType>? types, int limit, DateOnly today, CancellationToken ct = default)
    {
        var words = text.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return [];
        }

        var query = session.Query<DirectoryPerson>().AsQueryable();
        foreach (var word in words.Take(5))
        {
            query = query.Where(p => p.SearchText.Contains(word));
        }

        if (types is { Count: > 0 })
        {
            var wanted = types.ToArray();
            query = query.Where(p => p.Type.IsOneOf(wanted));
        }

        var people = await query.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id)
            .Take(Math.Clamp(limit, 1, MaxLimit)).ToListAsync(ct);
        return people.Select(p => new DirectoryMatch(p.MisRef, p.DisplayName, p.Type, p.YearGroup, p.Class, p.Role, p.OnRollOn(today))).ToList();
    }
}
