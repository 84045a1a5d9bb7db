using Incidents.Domain.Identity;

namespace Incidents.Domain.Policy;

/// <summary>Who leads a concern.</summary>
public enum LeadRole
{
    /// <summary>The Designated Safeguarding Lead or a deputy.</summary>
    Dsl,
    Headteacher,
    LeadershipTeam,
    /// <summary>Leads allegations about the headteacher.</summary>
    ChairOfGovernors,
}

public static class LeadRoles
{
    /// <summary>The token role that holds a lead role.</summary>
    public static Role HeldBy(this LeadRole lead) => lead switch
    {
        LeadRole.Dsl => Role.Dsl,
        LeadRole.Headteacher => Role.Headteacher,
        LeadRole.LeadershipTeam => Role.Leadership,
        LeadRole.ChairOfGovernors => Role.ChairOfGovernors,
        _ => throw new ArgumentOutOfRangeException(nameof(lead), lead, null),
    };
}
