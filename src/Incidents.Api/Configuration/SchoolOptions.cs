using Incidents.Api.Infrastructure.Hosting;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns.LowLevel;
using Incidents.Domain.Policy;

namespace Incidents.Api.Configuration;

/// <summary>The school this deployment serves (section <c>School</c>), including the policy's key details.</summary>
public sealed class SchoolOptions
{
    public const string Section = "School";

    public string Name { get; set; } = "St James' CE Primary School";

    /// <summary>
    /// The headteacher's MIS staff reference: an allegation about them is managed by the chair of governors. Required:
    /// without it an allegation about the headteacher would be led by the headteacher, who may not act on it.
    /// </summary>
    public string? HeadteacherMisRef { get; set; }

    /// <summary>The chair of governors' reference: when they and the headteacher are both alleged, nobody in the school may manage it.</summary>
    public string? ChairOfGovernorsMisRef { get; set; }

    /// <summary>
    /// The vice-chair of governors' MIS reference (their token's <c>sub</c>; they hold only the governor role): they take
    /// the chair's part when the headteacher and the chair are both on a case. Optional: without it such an allegation
    /// goes to the LADO directly.
    /// </summary>
    public string? ViceChairOfGovernorsMisRef { get; set; }

    /// <summary>
    /// The DSL's and the deputies' MIS references: adults of the school whatever a caller names them as, and a DSL's own
    /// declaration is decided by the headteacher alone. Optional: a raiser whose token carries the DSL's role counts too.
    /// </summary>
    public List<string> DslMisRefs { get; set; } = [];

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

    /// <summary>Who low-level concerns about adults go to (KCSIE Part 4 section 2): <c>dsl</c> or <c>headteacher</c>, as the school sets.</summary>
    public LowLevelConcernsGoTo LowLevelConcernsGoTo { get; set; } = LowLevelConcernsGoTo.Dsl;

    /// <summary>How many low-level concerns about the same adult, within <see cref="LowLevelPatternMonths"/>, make a pattern to review.</summary>
    public int LowLevelPatternCount { get; set; } = 3;

    public int LowLevelPatternMonths { get; set; } = 12;

    /// <summary>Counts below this are shown to governors as "fewer than N".</summary>
    public int SmallCountThreshold { get; set; } = 5;

    /// <summary>
    /// Days that are not working days besides weekends (England and Wales bank holidays): the LADO's one working day
    /// runs through school holidays but not through these.
    /// </summary>
    public List<DateOnly> BankHolidays { get; set; } = [];

    /// <summary>
    /// The calendar these settings seed (with the preloaded bank holidays): its time zone is the school's for good; its days
    /// are the stored calendar's once seeded (<c>Calendar/CurrentCalendar</c>), which the DSL or the headteacher keep.
    /// </summary>
    public SchoolCalendar Calendar() => CalendarEntries.Seed(Closures, BankHolidays).ToCalendar(TimeZoneInfo.FindSystemTimeZoneById(TimeZone));

    /// <summary>The people the routing needs; only valid after <see cref="From"/> has checked them.</summary>
    public SchoolRoles Roles() => new(HeadteacherMisRef!.Trim(), ChairOfGovernorsMisRef!.Trim(),
        string.IsNullOrWhiteSpace(ViceChairOfGovernorsMisRef) ? null : ViceChairOfGovernorsMisRef.Trim(),
        DslMisRefs.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToList())
    {
        LowLevelConcernsGoTo = LowLevelConcernsGoTo == LowLevelConcernsGoTo.Headteacher ? LeadRole.Headteacher : LeadRole.Dsl,
    };

    public LowLevelPatternSettings LowLevelPatterns() => new(LowLevelPatternCount, LowLevelPatternMonths);

    /// <summary>Reads the section, failing start-up on a setting that would make the calendar or the reports wrong.</summary>
    public static SchoolOptions From(IConfiguration configuration)
    {
        var options = StartupConfigurationException.Read<SchoolOptions>(configuration, Section);

        // The settings the policy depends on: a case nobody may act on, or a report naming nobody, must be impossible.
        foreach (var (setting, value) in new[]
                 {
                     ("School:HeadteacherMisRef", options.HeadteacherMisRef),
                     ("School:ChairOfGovernorsMisRef", options.ChairOfGovernorsMisRef),
                     ("School:Name", options.Name),
                     ("School:DesignatedSafeguardingLead", options.DesignatedSafeguardingLead),
                 })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new StartupConfigurationException($"{setting} is not set. Set it (e.g. the environment variable {setting.Replace(":", "__", StringComparison.Ordinal)}); the policy depends on it.");
            }
        }

        if (string.Equals(options.HeadteacherMisRef!.Trim(), options.ChairOfGovernorsMisRef!.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupConfigurationException("School:HeadteacherMisRef and School:ChairOfGovernorsMisRef name the same person; the chair manages allegations about the headteacher, so they must differ.");
        }

        if (options.ViceChairOfGovernorsMisRef is { } viceChair && !string.IsNullOrWhiteSpace(viceChair)
            && new[] { options.HeadteacherMisRef, options.ChairOfGovernorsMisRef }.Any(r => string.Equals(r!.Trim(), viceChair.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new StartupConfigurationException("School:ViceChairOfGovernorsMisRef names the headteacher or the chair; the vice-chair takes their part, so they must differ.");
        }

        var targets = options.ResponseTargets;
        if (new[] { targets.TriageSchoolDays, targets.AdvicePendingSchoolDays, targets.DebriefSchoolDays, targets.ReferralDecisionSchoolDays, targets.ReferralSchoolDays, targets.LadoConsultationWorkingDays }.Any(d => d < 0))
        {
            throw new StartupConfigurationException("School:ResponseTargets must be zero or more school days.");
        }

        if (options.LowLevelPatternCount < 2 || options.LowLevelPatternMonths < 1)
        {
            throw new StartupConfigurationException("School:LowLevelPatternCount must be at least 2 and School:LowLevelPatternMonths at least 1.");
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

/// <summary>Who handles low-level concerns about adults, as the school sets.</summary>
public enum LowLevelConcernsGoTo
{
    Dsl,
    Headteacher,
}
