using Incidents.Api.Infrastructure.Hosting;
using Incidents.Domain.Calendar;

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

    /// <summary>When the school's records begin: anything reported as happening before this day is refused as a typo.</summary>
    public DateOnly OpenedOn { get; set; } = new(1900, 1, 1);

    /// <summary>IANA time zone of the school: school days, months and school years are counted in it.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>Holidays and other closures; weekends are never school days.</summary>
    public List<SchoolClosure> Closures { get; set; } = [];

    /// <summary>How quickly each step is expected, in school days; the work queue flags what misses them.</summary>
    public ResponseTargets ResponseTargets { get; set; } = new();

    /// <summary>Counts below this are shown to governors as "fewer than N".</summary>
    public int SmallCountThreshold { get; set; } = 5;

    public SchoolCalendar Calendar() => new(TimeZoneInfo.FindSystemTimeZoneById(TimeZone), Closures);

    /// <summary>Reads the section, failing start-up on a setting that would make the calendar or the reports wrong.</summary>
    public static SchoolOptions From(IConfiguration configuration)
    {
        var options = StartupConfigurationException.Read<SchoolOptions>(configuration, Section);
        var targets = options.ResponseTargets;
        if (new[] { targets.TriageSchoolDays, targets.AdvicePendingSchoolDays, targets.DebriefSchoolDays, targets.ReferralDecisionSchoolDays }.Any(d => d < 0))
        {
            throw new StartupConfigurationException("School:ResponseTargets must be zero or more school days.");
        }

        if (options.SmallCountThreshold < 1)
        {
            throw new StartupConfigurationException("School:SmallCountThreshold must be at least 1.");
        }

        if (options.OpenedOn > DateOnly.FromDateTime(DateTime.UtcNow))
        {
            throw new StartupConfigurationException("School:OpenedOn cannot be in the future.");
        }

        try
        {
            _ = options.Calendar();
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new StartupConfigurationException($"School:TimeZone or School:Closures: {e.Message}");
        }

        return options;
    }
}
