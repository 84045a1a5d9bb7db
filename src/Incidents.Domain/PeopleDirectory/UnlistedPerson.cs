using System.Security.Cryptography;
using System.Text;
using Incidents.Domain.Concerns;

namespace Incidents.Domain.PeopleDirectory;

/// <summary>
/// Someone named on a case who is not in the directory (a visitor, a child from another school, a parent), as the
/// person who named them wrote it. The case's events carry only the reference the service gave them, as they carry only
/// MIS references: names stay beside the stream, where those who may read the case see them, and where a name can be
/// corrected or erased without rewriting the record. Never searchable: that someone was named would tell of a case.
/// </summary>
public sealed record UnlistedPerson
{
    public const int MaxName = 100;
    public const int MaxDescription = 200;

    /// <summary>The reference, lower-cased (<see cref="DirectoryPerson.KeyFor"/>).</summary>
    public string Id { get; init; } = "";

    /// <summary>The reference the service gave them (<see cref="Subject.UnlistedPrefix"/>).</summary>
    public string Ref { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Who they are ("parent of a Year 5 learner", "visitor on the trip", "child at St Mary's").</summary>
    public string Description { get; init; } = "";

    /// <summary>The case they were named on.</summary>
    public Guid ConcernId { get; init; }

    public DateTimeOffset NamedAt { get; init; }

    /// <summary>The MIS reference of the person in the directory they turned out to be, once identified.</summary>
    public string? IdentifiedAs { get; init; }

    public DateTimeOffset? IdentifiedAt { get; init; }

    /// <summary>How the case's pages show them: the name, and who they are.</summary>
    public string DisplayName => $"{Name} ({Description})";

    /// <summary>
    /// The reference for the <paramref name="index"/>th person named by name in the command given to the case at
    /// <paramref name="version"/>: the same every time it is worked out (so deciding stays a pure function), and unique,
    /// because no two commands share a case and version.
    /// </summary>
    public static string RefFor(Guid concernId, long version, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{concernId:N}/{version}/{index}"));
        return Subject.UnlistedPrefix + Convert.ToHexStringLower(hash)[..12];
    }
}
