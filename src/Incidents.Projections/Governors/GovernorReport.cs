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

public sealed record ProposedChangeLine(string Kind, string Change, string Owner);

/// <summary>The anonymised report to governors for one period. Every count is suppressed where small.</summary>
public sealed record GovernorReport(
    string School,
    DateOnly From,
    DateOnly To,
    DateTimeOffset GeneratedAt,
    int SmallCountThreshold,
    PolicyDetails Policy,
    ReportedTable ConcernsByKind,
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
    /// Builds the report from the facts of the concerns raised in the period. <paramref name="identifiersByCase"/>
    /// holds every name and reference known on each case; they are removed from debrief text.
    /// </summary>
    public static GovernorReport Build(
        GovernorReportRequest request,
        IReadOnlyList<GovernorCaseFacts> facts,
        IReadOnlyDictionary<Guid, IReadOnlyCollection<string>> identifiersByCase)
    {
        var threshold = request.SmallCountThreshold;
        var calendar = request.Calendar;

        // One pass per dimension (bench/: counting per value and per month re-scanned every fact each time).
        ReportedTable ByEnum<T>(Func<GovernorCaseFacts, T> key) where T : struct, Enum
        {
            var counts = facts.CountBy(key).ToDictionary();
            return SmallCounts.Table(Enum.GetValues<T>().Select(v => (ChronologyEntries.Name(v), counts.GetValueOrDefault(v))).ToList(), threshold);
        }

        var raisedPerMonth = facts.CountBy(f => calendar.LocalDate(f.RaisedAt) is var d ? (d.Year, d.Month) : default).ToDictionary();
        var byMonth = SmallCounts.Table(Months(request.From, request.To)
            .Select(m => (m.ToString("yyyy-MM", CultureInfo.InvariantCulture), raisedPerMonth.GetValueOrDefault((m.Year, m.Month))))
            .ToList(), threshold);

        var outcomes = SmallCounts.Table(
        [
            ("open", facts.Count(f => f.ClosureOutcome is null)),
            ("closed-resolved", facts.Count(f => f.ClosureOutcome == ClosureOutcome.Resolved)),
            ("closed-no-further-action", facts.Count(f => f.ClosureOutcome == ClosureOutcome.NoFurtherAction)),
        ], threshold);

        var investigations = SmallCounts.Table(
            [
                .. Enum.GetValues<InvestigationOutcome>().Select(o => (ChronologyEntries.Name(o), facts.Count(f => f.InvestigationOutcome == o))),
                ("no-investigation-completed", facts.Count(f => f.InvestigationOutcome is null)),
            ], threshold);

        var advice = SmallCounts.Table(facts.SelectMany(f => f.AdviceSoughtFrom.Select(a => Redact(a, f.Id, identifiersByCase)))
            .GroupBy(a => a, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .ToList(), threshold);

        var referrals = SmallCounts.Table(Enum.GetValues<ReferralAgency>()
            .Select(a => (ChronologyEntries.Name(a), facts.Sum(f => f.ReferredTo.Count(r => r == a))))
            .ToList(), threshold);

        var debriefed = facts.Where(f => f.DebriefsHeld > 0).ToList();
        var policyOverdue = request.PolicyNextReview < calendar.LocalDate(request.Now);

        return new GovernorReport(
            request.School,
            request.From,
            request.To,
            request.Now,
            threshold,
            new PolicyDetails(request.DesignatedSafeguardingLead, request.NamedGovernor, request.PolicyNextReview, policyOverdue,
                policyOverdue ? $"The policy's review date ({request.PolicyNextReview:d MMMM yyyy}) has passed: the policy is due for review." : null),
            ByEnum(f => f.Kind),
            byMonth,
            outcomes,
            investigations,
            ByEnum(f => f.LedBy),
            advice,
            referrals,
            Timed(facts.Where(f => f.FirstTriagedAt is not null).Select(f => f.FirstTriagedAt!.Value - f.RaisedAt).ToList(), threshold),
            Timed(facts.Where(f => f.ClosedAt is not null).Select(f => f.ClosedAt!.Value - f.RaisedAt).ToList(), threshold),
            SmallCounts.Single(debriefed.Sum(f => f.DebriefsHeld), threshold),
            debriefed.SelectMany(f => f.LessonsLearnt.Select(l => Redact(l, f.Id, identifiersByCase)))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.Ordinal)
                .ToList(),
            debriefed.SelectMany(f => f.ProposedChanges.Select(c => new ProposedChangeLine(
                    ChronologyEntries.Name(c.Kind), Redact(c.Change, f.Id, identifiersByCase), Redact(c.Owner, f.Id, identifiersByCase))))
                .Distinct()
                .OrderBy(c => c.Kind, StringComparer.Ordinal)
                .ThenBy(c => c.Change, StringComparer.Ordinal)
                .ToList());
    }

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
    private static Timing Timed(IReadOnlyList<TimeSpan> durations, int threshold)
    {
        var count = SmallCounts.Single(durations.Count, threshold);
        if (durations.Count == 0 || count.IsSuppressed)
        {
            return new Timing(count, null, null, durations.Count == 0 ? "No concerns reached this step." : $"Not shown for fewer than {threshold} concerns.");
        }

        var days = durations.Select(d => Math.Max(0, d.TotalDays)).Order().ToArray();
        var median = days.Length % 2 == 1 ? days[days.Length / 2] : (days[(days.Length / 2) - 1] + days[days.Length / 2]) / 2;
        var p90 = days[(int)Math.Ceiling(0.9 * days.Length) - 1];
        return new Timing(count, Math.Round(median, 1), Math.Round(p90, 1), null);
    }

    /// <summary>Removes every name and reference known on the case from text written for governors.</summary>
    private static string Redact(string text, Guid caseId, IReadOnlyDictionary<Guid, IReadOnlyCollection<string>> identifiersByCase)
    {
        if (!identifiersByCase.TryGetValue(caseId, out var identifiers))
        {
            return text;
        }

        // Longest first, so "Anna Smith" goes whole before "Anna" could split it.
        foreach (var identifier in identifiers.Where(i => i.Trim().Length >= 2).OrderByDescending(i => i.Length))
        {
            text = text.Replace(identifier.Trim(), "[redacted]", StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
