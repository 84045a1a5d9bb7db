namespace Incidents.Web.Tests.Support;

/// <summary>
/// A person named on a concern, as the raise form asks: MIS reference, who they are and how they are involved, in
/// the form's own words. Each test names people of its own, so cases from other tests never match.
/// </summary>
public sealed record Person(string MisRef, string WhoTheyAre, string Involvement)
{
    public const string Child = "Child (learner)";
    public const string StaffMember = "Member of staff";
    public const string Affected = "Affected (at risk or harmed)";
    public const string Alleged = "Alleged to have done it";

    public static string NewLearnerRef() => $"L-{Random.Shared.Next(100_000, 1_000_000)}";

    public static Person ChildAffected() => new(NewLearnerRef(), Child, Affected);

    public static Person ChildAlleged() => new(NewLearnerRef(), Child, Alleged);
}
