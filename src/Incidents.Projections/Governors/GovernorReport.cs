using System.Globalization;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Incidents.Domain.Reporting;
using Incidents.Projections.Chronology;

namespace Incidents.Projections.Governors;

/// <summary>The policy's key details (section "Key details"), for the governors to check it is kept up to date.</summary>
public sealed record PolicyDetails(string DesignatedSafeguardingLead, string NamedGovernor, DateOnly NextReview, bool ReviewOverdue, string? Warning);

/// <summary>How long a step took, in calendar days, over the concerns that reached it.</summary>
public sealed record Timing(ReportedCount Concerns, double? MedianDays, double? Percentile90Days, string? Note);

/// <summary>
/// A change a debrief agreed, for the policy's annual review (section 7): as the school wrote it, with its owner's role
/// (never their name), its due date, and whether it is open, overdue or done (and then what was done, and when).
/// </summary>
/// <param name="Status"><c>open</c>, <c>overdue</c> (open past its due date), <c>to-be-assigned</c> (no owner or date yet) or <c>done</c>.</param>
public sealed record ProposedChangeLine(string Kind, string Change, string Owner, string Status = "open", DateOnly? DueBy = null, string? Done = null, DateOnly? DoneOn = null);

/// <summary>The anonymised report to governors for one period. Every count is suppressed where small.</summary>
public sealed record GovernorReport(
    string School,
    DateOnly From,
    DateOnly To,
    DateTimeOffset GeneratedAt,
    int SmallCountThreshold,
    PolicyDetails Policy,
    ReportedTable ConcernsByKind,
    ReportedTable ConcernsByCategory,
    ReportedTable ConcernsByMonth,
    ReportedTable Outcomes,
    ReportedTable InvestigationOutcomes,
    ReportedTable LedBy,
    ReportedTable AdviceSoughtByAgency,
    ReportedTable ReferralsByAgency,
    Timing RaiseToTriage,
    Timing RaiseToClose,
    ReportedCount DebriefsHeld,
    IReadOnlyList<string> LessonsLearnt,
    IReadOnlyList<ProposedChangeLine> ProposedChanges);

/// <summary>What the report needs besides the facts: the period, the school's details and its calendar.</summary>
public sealed record GovernorReportRequest(
    string School,
    DateOnly From,
    DateOnly To,
    DateTimeOffset Now,
    int SmallCountThreshold,
    string DesignatedSafeguardingLead,
    string NamedGovernor,
    DateOnly PolicyNextReview,
    SchoolCalendar Calendar);

public static class GovernorReports
{
    /// <summary>September to August: the school year that contains <paramref name="today"/>.</summary>
    public static (DateOnly From, DateOnly To) SchoolYearOf(DateOnly today)
    {
        var startYear = today.Month >= 9 ? today.Year : today.Year - 1;
        return (new DateOnly(startYear, 9, 1), new DateOnly(startYear + 1, 8, 31));
    }

    /// <summary>
    /// Builds the report from the tallies of the concerns raised in the period, one per month (keyed by its first
    /// day): the roll-up of a whole month, or the tallies of the concerns raised in the part of a month the period
    /// covers.
    /// </summary>
    public static GovernorReport Build(GovernorReportRequest request, IReadOnlyDictionary<DateOnly, GovernorTally> byMonth)
    {
        var threshold = request.SmallCountThreshold;
        var total = GovernorTally.Sum(byMonth.Values);

        ReportedTable ByEnum<T>(Dictionary<string, int> counts) where T : struct, Enum =>
            SmallCounts.Table(Enum.GetValues<T>().Select(v => ChronologyEntries.Name(v)).Select(name => (name, counts.GetValueOrDefault(name))).ToList(), threshold);

        ReportedTable ByName(Dictionary<string, int> counts, IEnumerable<string> names) =>
            SmallCounts.Table(names.Select(name => (name, counts.GetValueOrDefault(name))).ToList(), threshold);

        var concernsByMonth = SmallCounts.Table(Months(request.From, request.To)
            .Select(m => (m.ToString("yyyy-MM", CultureInfo.InvariantCulture), byMonth.GetValueOrDefault(m)?.Raised ?? 0))
            .ToList(), threshold);

        var policyOverdue = request.PolicyNextReview < request.Calendar.LocalDate(request.Now);

        return new GovernorReport(
            request.School,
            request.From,
            request.To,
            request.Now,
            threshold,
            new PolicyDetails(request.DesignatedSafeguardingLead, request.NamedGovernor, request.PolicyNextReview, policyOverdue,
                policyOverdue ? $"The policy's review date ({request.PolicyNextReview:d MMMM yyyy}) has passed: the policy is due for review." : null),
            ByEnum<ConcernKind>(total.Kinds),
            // Low-level concerns about adults apart from allegations (KCSIE Part 4 section 2); the headteacher's own are never counted.
            ByEnum<ConcernCategory>(total.Categories),
            concernsByMonth,
            ByName(total.Outcomes, [GovernorTally.OutcomeName(null), .. Enum.GetValues<ClosureOutcome>().Select(o => GovernorTally.OutcomeName(o))]),
            ByName(total.InvestigationOutcomes, [.. Enum.GetValues<InvestigationOutcome>().Select(o => ChronologyEntries.Name(o)), GovernorTally.NoInvestigationCompleted]),
            // No "chair of governors" row: the chair leads only cases about the headteacher, which are never counted, and a
            // row that is always zero would still tell the headteacher such cases are possible to see here.
            ByName(total.LedBy, Enum.GetValues<LeadRole>().Where(l => l != LeadRole.ChairOfGovernors).Select(l => ChronologyEntries.Name(l))),
            ByName(total.AdviceSoughtFrom, total.AdviceSoughtFrom.Keys.Order(StringComparer.Ordinal)),
            ByEnum<ReferralAgency>(total.ReferredTo),
            Timed(total.TenthsOfDaysToTriage, threshold),
            Timed(total.TenthsOfDaysToClose, threshold),
            SmallCounts.Single(total.DebriefsHeld, threshold),
            [.. total.LessonsLearnt.Keys.Order(StringComparer.Ordinal)],
            [.. total.ProposedChanges.Keys.Select(GovernorTally.ParseChangeKey)
                .Select(c => new ProposedChangeLine(c.Kind, c.Change, c.Owner, ChangeStatus(c, request.Calendar.LocalDate(request.Now)), c.DueBy, c.Done, c.DoneOn))
                .OrderBy(c => c.Status == "done")
                .ThenBy(c => c.Kind, StringComparer.Ordinal)
                .ThenBy(c => c.Change, StringComparer.Ordinal)
                .ThenBy(c => c.Owner, StringComparer.Ordinal)]);
    }

    private static string ChangeStatus(GovernorTally.ChangeLine change, DateOnly today) => change switch
    {
        { DoneOn: not null } => "done",
        { DueBy: null } => "to-be-assigned",
        { DueBy: { } due } when due < today => "overdue",
        _ => "open",
    };

    /// <summary>The months a period touches, each as its first day, and the part of each the period covers.</summary>
    public static IReadOnlyList<(DateOnly Month, DateOnly From, DateOnly To)> MonthsOf(DateOnly from, DateOnly to) =>
        Months(from, to).Select(m => (m, m < from ? from : m, LastDayOf(m) > to ? to : LastDayOf(m))).ToList();

    /// <summary>
    /// The sums a report over the period adds up, by month: a month's own sum where the period covers it whole,
    /// the sum of each day it covers where it cuts the month.
    /// </summary>
    public static IReadOnlyList<(DateOnly Month, string Id)> RollUpIdsOf(DateOnly from, DateOnly to) =>
        MonthsOf(from, to)
            .SelectMany(m => m.From == m.Month && m.To == LastDayOf(m.Month)
                ? [(m.Month, GovernorRollUp.MonthId(m.Month))]
                : Enumerable.Range(0, m.To.DayNumber - m.From.DayNumber + 1).Select(d => (m.Month, GovernorRollUp.DayId(m.From.AddDays(d)))))
            .ToList();

    private static DateOnly LastDayOf(DateOnly month) => month.AddMonths(1).AddDays(-1);

    private static List<DateOnly> Months(DateOnly from, DateOnly to)
    {
        var months = new List<DateOnly>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        return months;
    }

    /// <summary>Median and 90th percentile (nearest rank), hidden when too few concerns to be anonymous.</summary>
    private static Timing Timed(Dictionary<int, int> tenthsOfDays, int threshold)
    {
        var concerns = tenthsOfDays.Values.Sum();
        var count = SmallCounts.Single(concerns, threshold);
        if (concerns == 0 || count.IsSuppressed)
        {
            return new Timing(count, null, null, concerns == 0 ? "No concerns reached this step." : $"Not shown for fewer than {threshold} concerns.");
        }

        var sorted = tenthsOfDays.OrderBy(d => d.Key).ToList();
        double AtRank(int rank)
        {
            var seen = 0;
            foreach (var (tenths, howMany) in sorted)
            {
                seen += howMany;
                if (seen >= rank)
                {
                    return tenths / 10.0;
                }
            }

            throw new ArgumentOutOfRangeException(nameof(rank));
        }

        var median = concerns % 2 == 1 ? AtRank((concerns + 1) / 2) : (AtRank(concerns / 2) + AtRank((concerns / 2) + 1)) / 2;
        var p90 = AtRank((int)Math.Ceiling(0.9 * concerns));
        return new Timing(count, Math.Round(median, 1), Math.Round(p90, 1), null);
    }
}
