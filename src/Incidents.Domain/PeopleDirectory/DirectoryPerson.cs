using Incidents.Domain.Concerns;

namespace Incidents.Domain.PeopleDirectory;

/// <summary>
/// One person of the school as the MIS last described them, keyed by MIS reference. Never deleted: a leaver keeps
/// their entry with a leaving date, someone a full batch no longer lists is marked off roll, and every change is kept
/// in <see cref="History"/>.
/// </summary>
public sealed record DirectoryPerson
{
    /// <summary>The MIS reference, trimmed and lower-cased (<see cref="KeyFor"/>): references compare case-insensitively.</summary>
    public string Id { get; init; } = "";

    /// <summary>The MIS reference as the MIS spells it.</summary>
    public string MisRef { get; init; } = "";

    public PersonType Type { get; init; }

    public string GivenName { get; init; } = "";

    public string FamilyName { get; init; } = "";

    public string? PreferredName { get; init; }

    /// <summary>Kept for the records duties that follow (ages, retention); never shown in a search.</summary>
    public DateOnly? DateOfBirth { get; init; }

    public string? YearGroup { get; init; }

    public string? Class { get; init; }

    /// <summary>A member of staff's role, as the MIS words it (e.g. "Class teacher").</summary>
    public string? Role { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? LeavingDate { get; init; }

    /// <summary>An adult's work email, as the MIS holds it: where their alerts are emailed. Never shown in a search.</summary>
    public string? WorkEmail { get; init; }

    /// <summary>When a full batch first no longer listed them; null while the MIS lists them.</summary>
    public DateTimeOffset? MissingSince { get; init; }

    public DateTimeOffset FirstSeenAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Lower-case names and reference, for searching.</summary>
    public string SearchText { get; init; } = "";

    /// <summary>Every change the MIS made to this entry, oldest first.</summary>
    public IReadOnlyList<DirectoryChange> History { get; init; } = [];

    /// <summary>The name people use: the preferred name when there is one, and the family name.</summary>
    public string DisplayName => DirectoryNames.Display(GivenName, PreferredName, FamilyName);

    /// <summary>On roll on <paramref name="today"/>: listed by the MIS and not yet left.</summary>
    public bool OnRollOn(DateOnly today) => MissingSince is null && (LeavingDate is not { } left || left > today);

    public static string KeyFor(string misRef) => misRef.Trim().ToLowerInvariant();
}

/// <summary>One dated change to a directory entry: which fields, from what, to what.</summary>
public sealed record DirectoryChange(DateTimeOffset At, IReadOnlyList<FieldChange> Fields);

public sealed record FieldChange(string Field, string? From, string? To);

public static class DirectoryNames
{
    public static string Display(string given, string? preferred, string family) =>
        $"{(string.IsNullOrWhiteSpace(preferred) ? given : preferred).Trim()} {family.Trim()}".Trim();
}
