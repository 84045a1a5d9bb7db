using Incidents.Domain.Concerns;

namespace Incidents.Domain.PeopleDirectory;

/// <summary>
/// What a batch says about the people it leaves out: <see cref="Full"/> lists everyone the MIS holds, so anyone not
/// in it is marked as no longer listed (never deleted); <see cref="Changes"/> lists only people who changed.
/// </summary>
public enum DirectoryBatchMode
{
    Full,
    Changes,
}

/// <summary>
/// One person as the MIS holds them. A row is the whole entry, in either mode: a field left out (null) is one the MIS
/// holds no value for, so it is cleared (and the change kept in the history).
/// </summary>
public sealed record DirectoryRow(
    string MisRef,
    PersonType Type,
    string GivenName,
    string FamilyName,
    string? PreferredName = null,
    DateOnly? DateOfBirth = null,
    string? YearGroup = null,
    string? Class = null,
    string? Role = null,
    DateOnly? StartDate = null,
    DateOnly? LeavingDate = null,
    string? WorkEmail = null);

public sealed record DirectoryBatch(DirectoryBatchMode Mode, IReadOnlyList<DirectoryRow> People);

/// <summary>A problem with one row of a batch, by its position and the field (as the API names it).</summary>
public sealed record DirectoryRowProblem(int Row, string Field, string Message);

/// <summary>What applying a batch did: how many entries were added, changed, marked missing, and left as they were.</summary>
public sealed record DirectoryImportResult(int Added, int Changed, int MarkedMissing, int Unchanged);

/// <summary>The directory's rules for a batch: what a row must hold. All or nothing: one bad row refuses the batch.</summary>
public static class DirectoryRows
{
    public const int MaxPeople = 10_000;
    public const int MaxMisRef = 64;
    public const int MaxName = 100;
    public const int MaxShort = 50;
    public const int MaxEmail = 254;

    /// <summary>One @ with something either side and no spaces: the MIS's own address, checked only for shape.</summary>
    public static bool LooksLikeEmail(string email) =>
        email.Count(c => c == '@') == 1 && email.IndexOf('@') is > 0 and var at && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);

    /// <summary>People the directory holds: learners, and the adults who work in or for the school.</summary>
    public static bool IsDirectoryType(PersonType type) => type is PersonType.Learner or PersonType.StaffMember or PersonType.SupplyStaff
        or PersonType.Volunteer or PersonType.Contractor or PersonType.Governor;

    public static IReadOnlyList<DirectoryRowProblem> Problems(DirectoryBatch batch)
    {
        var problems = new List<DirectoryRowProblem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batch.People.Count; i++)
        {
            var row = batch.People[i];
            void Problem(string field, string message) => problems.Add(new DirectoryRowProblem(i, field, message));

            if (row is null)
            {
                Problem("", "A person is required.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(row.MisRef) || row.MisRef.Trim().Length > MaxMisRef)
            {
                Problem("misRef", $"misRef is required, at most {MaxMisRef} characters.");
            }
            else if (Subject.IsUnlistedRef(row.MisRef))
            {
                Problem("misRef", $"misRef may not start with '{Subject.UnlistedPrefix}': the service gives such references to people not in the directory.");
            }
            else if (seen.TryGetValue(DirectoryPerson.KeyFor(row.MisRef), out var first))
            {
                Problem("misRef", $"misRef {row.MisRef.Trim()} is already in this batch (person {first}).");
            }
            else
            {
                seen[DirectoryPerson.KeyFor(row.MisRef)] = i;
            }

            if (!IsDirectoryType(row.Type))
            {
                Problem("type", "type is a learner or an adult in the school (staff-member, supply-staff, volunteer, contractor, governor).");
            }

            Text("givenName", row.GivenName, MaxName, required: true);
            Text("familyName", row.FamilyName, MaxName, required: true);
            Text("preferredName", row.PreferredName, MaxName, required: false);
            Text("yearGroup", row.YearGroup, MaxShort, required: false);
            Text("class", row.Class, MaxShort, required: false);
            Text("role", row.Role, MaxName, required: false);

            if (row.WorkEmail is { } email && email.Trim().Length > 0)
            {
                if (row.Type == PersonType.Learner)
                {
                    Problem("workEmail", "A learner has no work email: alerts go only to the adults who handle cases.");
                }
                else if (email.Trim().Length > MaxEmail || !LooksLikeEmail(email.Trim()))
                {
                    Problem("workEmail", $"workEmail must be an email address, at most {MaxEmail} characters.");
                }
            }

            if (row.Type == PersonType.Learner && row.Role is not null)
            {
                Problem("role", "A learner has no staff role.");
            }

            if (row.Type != PersonType.Learner && (row.YearGroup is not null || row.Class is not null))
            {
                Problem(row.YearGroup is not null ? "yearGroup" : "class", "Only a learner has a year group and class.");
            }

            if (row is { StartDate: { } start, LeavingDate: { } left } && left < start)
            {
                Problem("leavingDate", "leavingDate is before startDate.");
            }

            if (row is { DateOfBirth: { } born, StartDate: { } started } && born > started)
            {
                Problem("dateOfBirth", "dateOfBirth is after startDate.");
            }

            void Text(string field, string? value, int max, bool required)
            {
                if (value is null || (value.Trim().Length == 0 && !required))
                {
                    if (required)
                    {
                        Problem(field, $"{field} is required.");
                    }

                    return;
                }

                if (value.Trim().Length == 0)
                {
                    Problem(field, $"{field} is required.");
                }
                else if (value.Trim().Length > max)
                {
                    Problem(field, $"{field} must be at most {max} characters.");
                }
            }
        }

        return problems;
    }
}
