namespace Incidents.Domain.Concerns;

/// <summary>
/// Who a subject is to the school. The adults who work in or for the school (s.1 calls them all "staff") are
/// told apart because an allegation against any of them is managed under the allegations procedure (KCSIE Part 4).
/// </summary>
public enum PersonType
{
    Learner,
    StaffMember,
    ParentCarer,
    Other,
    SupplyStaff,
    Volunteer,
    Contractor,
    Governor,
}

/// <summary>How a subject is involved in the concern.</summary>
public enum Involvement
{
    Affected,
    /// <summary>Alleged to have done it. An adult in the school who is alleged makes the concern an allegation.</summary>
    Alleged,
    Witness,
    Other,
    /// <summary>
    /// A member of staff telling the school about themselves (content that conflicts with their role, a
    /// pre-existing relationship, s.4.1 and s.4.2): not an allegation, and they may follow its status.
    /// </summary>
    Declaring,
}

/// <summary>
/// A person a concern is about, by reference only: names stay in the directory. Someone not in the directory (a
/// visitor, a child from another school, a parent) has a reference the service gives them (<see cref="UnlistedPrefix"/>),
/// so every rule keyed by reference holds for them too until they are identified as a person in the directory.
/// </summary>
public sealed record Subject(string MisRef, PersonType Type, Involvement Involvement)
{
    /// <summary>The start of the references the service gives people named on a case who are not in the directory.</summary>
    public const string UnlistedPrefix = "unlisted-";

    /// <summary>Named on the case by name and description, not (yet) identified as a person in the directory.</summary>
    public bool IsUnlisted => IsUnlistedRef(MisRef);

    public static bool IsUnlistedRef(string? misRef) => misRef is not null && misRef.Trim().StartsWith(UnlistedPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Staff, supply staff, volunteers, contractors and governors: the adults KCSIE Part 4 covers.</summary>
    public bool IsAdultInSchool => Type is PersonType.StaffMember or PersonType.SupplyStaff or PersonType.Volunteer
        or PersonType.Contractor or PersonType.Governor;

    /// <summary>
    /// An adult, whether or not they work at the school: an adult in the school, or a parent or carer. UKCIS's "adult
    /// involved" means any adult; someone of another type (a child at another school, a visitor) is not taken for one.
    /// </summary>
    public bool IsAdult => IsAdultInSchool || Type == PersonType.ParentCarer;

    /// <summary>An adult in the school alleged to have harmed a child or acted against the policy: an allegation.</summary>
    public bool IsAllegedAdult => IsAdultInSchool && Involvement == Involvement.Alleged;

    /// <summary>An adult in the school declaring something about themselves.</summary>
    public bool IsDeclarant => IsAdultInSchool && Involvement == Involvement.Declaring;

    public bool IsLearner => Type == PersonType.Learner;

    public bool Is(string misRef) => string.Equals(MisRef.Trim(), misRef.Trim(), StringComparison.OrdinalIgnoreCase);
}
