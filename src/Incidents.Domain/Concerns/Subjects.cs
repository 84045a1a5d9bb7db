namespace Incidents.Domain.Concerns;

/// <summary>Who a subject is to the school. Staff includes governors, volunteers and contractors (s.1).</summary>
public enum PersonType
{
    Learner,
    StaffMember,
    ParentCarer,
    Other,
}

/// <summary>How a subject is involved in the concern.</summary>
public enum Involvement
{
    Affected,
    Alleged,
    Witness,
    Other,
}

/// <summary>A person a concern is about, by MIS reference only: names stay in the MIS.</summary>
public sealed record Subject(string MisRef, PersonType Type, Involvement Involvement);
