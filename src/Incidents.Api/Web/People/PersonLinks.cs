using System.Security.Cryptography;
using Incidents.Domain.PeopleDirectory;
using JasperFx;
using Marten;

namespace Incidents.Api.Web.People;

/// <summary>
/// A person's opaque key for the pages' addresses (<c>/chronologies/learners/{key}</c>): 128 random bits, stored the
/// first time a page links to the person, so no MIS reference or name is ever in an address (browser history, proxy and
/// server logs, a link pasted elsewhere). <see cref="Id"/> is the reference's own key (<see cref="DirectoryPerson.KeyFor"/>).
/// </summary>
public sealed record PersonLink
{
    public string Id { get; init; } = "";

    public string MisRef { get; init; } = "";

    /// <summary>The opaque key, unique; says nothing about the person and cannot be worked out from their reference.</summary>
    public string Key { get; init; } = "";
}

/// <summary>The keys the pages address people by, and who a key stands for.</summary>
public sealed class PersonLinks(IDocumentStore store)
{
    private const int KeyBytes = 16;

    /// <summary>Each reference's key, made (and kept) the first time it is asked for.</summary>
    public async Task<IReadOnlyDictionary<string, string>> KeysForAsync(IEnumerable<string> misRefs, CancellationToken ct)
    {
        var wanted = misRefs.Select(r => r.Trim()).Where(r => r.Length > 0).DistinctBy(DirectoryPerson.KeyFor).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var known = (await session.LoadManyAsync<PersonLink>(ct, wanted.Select(DirectoryPerson.KeyFor))).ToDictionary(l => l.Id);
            var made = wanted.Where(r => !known.ContainsKey(DirectoryPerson.KeyFor(r)))
                .Select(r => new PersonLink { Id = DirectoryPerson.KeyFor(r), MisRef = r, Key = NewKey() }).ToList();
            if (made.Count == 0)
            {
                return wanted.ToDictionary(r => r, r => known[DirectoryPerson.KeyFor(r)].Key, StringComparer.OrdinalIgnoreCase);
            }

            session.Insert(made.ToArray());
            try
            {
                await session.SaveChangesAsync(ct);
                foreach (var link in made)
                {
                    known[link.Id] = link;
                }

                return wanted.ToDictionary(r => r, r => known[DirectoryPerson.KeyFor(r)].Key, StringComparer.OrdinalIgnoreCase);
            }
            catch (DocumentAlreadyExistsException) when (attempt < 2)
            {
                // Another page made one of these keys at the same moment: read theirs.
            }
        }
    }

    /// <summary>Who a key stands for, or null for a key the service never made.</summary>
    public async Task<string?> MisRefForAsync(string key, CancellationToken ct)
    {
        if (key.Length is 0 or > 64)
        {
            return null;
        }

        await using var session = store.QuerySession();
        return (await session.Query<PersonLink>().Where(l => l.Key == key).FirstOrDefaultAsync(ct))?.MisRef;
    }

    private static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
