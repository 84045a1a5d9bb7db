using Incidents.Domain.Identity;

namespace Incidents.Domain.Policy;

/// <summary>Who leads a concern. On an allegation the lead is the case manager.</summary>
public enum LeadRole
{
    /// <summary>The Designated Safeguarding Lead or a deputy.</summary>
    Dsl,
    Headteacher,
    LeadershipTeam,
    /// <summary>Case manager of allegations about the headteacher.</summary>
    ChairOfGovernors,
}

public static class LeadRoles
{
    /// <summary>The token roles that hold a lead role: a deputy DSL holds the DSL's.</summary>
    public static IReadOnlyList<Role> HeldBy(this LeadRole lead) => lead switch
    {
        LeadRole.Dsl => [Role.Dsl, Role.DeputyDsl],
        LeadRole.Headteacher => [Role.Headteacher],
        LeadRole.LeadershipTeam => [Role.Leadership],
        LeadRole.ChairOfGovernors => [Role.ChairOfGovernors],
        _ => throw new ArgumentOutOfRangeException(nameof(lead), lead, null),
    };

    /// <summary>The lead roles an actor holds (what their work queue shows).</summary>
    public static IReadOnlyList<LeadRole> HeldBy(Actor actor) =>
        Enum.GetValues<LeadRole>().Where(lead => actor.HasAny([.. lead.HeldBy()])).ToList();
}
