namespace Incidents.Api.Configuration;

/// <summary>The school this deployment serves (section <c>School</c>), including the policy's key details.</summary>
public sealed class SchoolOptions
{
    public const string Section = "School";

    public string Name { get; set; } = "St James' CE Primary School";

    /// <summary>The headteacher's MIS staff reference: an allegation about them is routed to the chair of governors.</summary>
    public string? HeadteacherMisRef { get; set; }

    public string DesignatedSafeguardingLead { get; set; } = "Lucy Hayward, Deputy Headteacher";

    public string NamedGovernor { get; set; } = "Jess Austen";

    public DateOnly PolicyNextReview { get; set; } = new(2022, 9, 1);
}
