using System.Globalization;
using Incidents.Domain.Concerns;

namespace Incidents.Domain.PeopleDirectory;

/// <summary>An entry after a row or a full batch was applied, with what changed (nothing, when it was already so).</summary>
public sealed record DirectoryOutcome(DirectoryPerson Person, IReadOnlyList<FieldChange> Changes)
{
    public bool Changed => Changes.Count > 0;
}

/// <summary>
/// The directory's merge rules, pure: an incoming row, the entry the service holds (if any) and the batch's time give
/// the new entry and what changed. Applying the same row twice changes nothing the second time, so a batch sent
/// again is harmless.
/// </summary>
public static class DirectoryMerge
{
    public const string Listed = "listed";

    /// <summary>The entry once <paramref name="row"/> is applied at <paramref name="at"/>.</summary>
    public static DirectoryOutcome Apply(DirectoryPerson? existing, DirectoryRow row, DateTimeOffset at)
    {
        var incoming = new DirectoryPerson
        {
            Id = DirectoryPerson.KeyFor(row.MisRef),
            MisRef = row.MisRef.Trim(),
            Type = row.Type,
            GivenName = row.GivenName.Trim(),
            FamilyName = row.FamilyName.Trim(),
            PreferredName = Clean(row.PreferredName),
            DateOfBirth = row.DateOfBirth,
            YearGroup = Clean(row.YearGroup),
            Class = Clean(row.Class),
            Role = Clean(row.Role),
            StartDate = row.StartDate,
            LeavingDate = row.LeavingDate,
            WorkEmail = Clean(row.WorkEmail),
            MissingSince = null,
        };

        var changes = Fields(existing, incoming);
        if (existing is not null && changes.Count == 0)
        {
            return new DirectoryOutcome(existing, []);
        }

        var person = incoming with
        {
            FirstSeenAt = existing?.FirstSeenAt ?? at,
            UpdatedAt = at,
            SearchText = SearchTextOf(incoming),
            History = [.. existing?.History ?? [], new DirectoryChange(at, changes)],
        };
        return new DirectoryOutcome(person, changes);
    }

    /// <summary>
    /// A full batch no longer lists <paramref name="existing"/>: marked as missing from <paramref name="at"/>, never
    /// removed; listed again later, the mark is lifted. Already marked, nothing changes.
    /// </summary>
    public static DirectoryOutcome MissingFrom(DirectoryPerson existing, DateTimeOffset at)
    {
        if (existing.MissingSince is not null)
        {
            return new DirectoryOutcome(existing, []);
        }

        FieldChange[] changes = [new(Listed, "true", "false")];
        return new DirectoryOutcome(
            existing with { MissingSince = at, UpdatedAt = at, History = [.. existing.History, new DirectoryChange(at, changes)] },
            changes);
    }

    private static List<FieldChange> Fields(DirectoryPerson? before, DirectoryPerson after)
    {
        var changes = new List<FieldChange>();

        void Compare(string field, string? from, string? to)
        {
            if (!string.Equals(from, to, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, from, to));
            }
        }

        Compare("misRef", before?.MisRef, after.MisRef);
        Compare("type", before is null ? null : Name(before.Type), Name(after.Type));
        Compare("givenName", before?.GivenName, after.GivenName);
        Compare("familyName", before?.FamilyName, after.FamilyName);
        Compare("preferredName", before?.PreferredName, after.PreferredName);
        Compare("dateOfBirth", Date(before?.DateOfBirth), Date(after.DateOfBirth));
        Compare("yearGroup", before?.YearGroup, after.YearGroup);
        Compare("class", before?.Class, after.Class);
        Compare("role", before?.Role, after.Role);
        Compare("startDate", Date(before?.StartDate), Date(after.StartDate));
        Compare("leavingDate", Date(before?.LeavingDate), Date(after.LeavingDate));
        Compare("workEmail", before?.WorkEmail, after.WorkEmail);
        if (before is { MissingSince: not null })
        {
            changes.Add(new FieldChange(Listed, "false", "true"));
        }

        return changes;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Name(PersonType type) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(type.ToString());

    /// <summary>What a search matches: every name the person goes by, and their reference, lower-cased.</summary>
    public static string SearchTextOf(DirectoryPerson p) =>
        string.Join(' ', new[] { p.GivenName, p.PreferredName, p.FamilyName, p.MisRef }.Where(s => !string.IsNullOrWhiteSpace(s)))
            .ToLowerInvariant();
}
