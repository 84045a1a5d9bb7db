using System.Text;
using Incidents.Api.Infrastructure.Csv;
using Incidents.Domain.Reporting;
using Incidents.Projections.Governors;

namespace Incidents.Api.Reports;

/// <summary>The governors' report as one long CSV table: section, item, value (as displayed, suppression included).</summary>
public static class GovernorReportCsv
{
    public static string Render(GovernorReport r)
    {
        var csv = new StringBuilder(Csv.Line("section", "item", "value"));

        void Row(string section, string item, object? value) => csv.Append(Csv.Line(section, item, value));

        void Table(string section, ReportedTable table)
        {
            foreach (var row in table.Rows)
            {
                Row(section, row.Label, row.Count.Display);
            }

            Row(section, "total", table.Total.Display);
        }

        void Timed(string section, Timing t)
        {
            Row(section, "concerns", t.Concerns.Display);
            Row(section, "median-days", t.MedianDays?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? t.Note);
            Row(section, "90th-percentile-days", t.Percentile90Days?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? t.Note);
        }

        Row("report", "school", r.School);
        Row("report", "from", r.From.ToString("yyyy-MM-dd"));
        Row("report", "to", r.To.ToString("yyyy-MM-dd"));
        Row("report", "generated-at", r.GeneratedAt);
        Row("report", "small-count-threshold", r.SmallCountThreshold);
        Row("policy", "designated-safeguarding-lead", r.Policy.DesignatedSafeguardingLead);
        Row("policy", "named-governor", r.Policy.NamedGovernor);
        Row("policy", "next-review", r.Policy.NextReview.ToString("yyyy-MM-dd"));
        Row("policy", "review-overdue", r.Policy.ReviewOverdue ? "yes" : "no");
        Table("concerns-by-kind", r.ConcernsByKind);
        Table("concerns-by-category", r.ConcernsByCategory);
        Table("concerns-by-month", r.ConcernsByMonth);
        Table("outcomes", r.Outcomes);
        Table("investigation-outcomes", r.InvestigationOutcomes);
        Table("led-by", r.LedBy);
        Table("advice-sought-by-agency", r.AdviceSoughtByAgency);
        Table("referrals-by-agency", r.ReferralsByAgency);
        Timed("raise-to-triage", r.RaiseToTriage);
        Timed("raise-to-close", r.RaiseToClose);
        Row("debriefs", "held", r.DebriefsHeld.Display);
        foreach (var lesson in r.LessonsLearnt)
        {
            Row("lessons-learnt", "lesson", lesson);
        }

        foreach (var change in r.ProposedChanges)
        {
            Row("proposed-changes", $"{change.Kind} (owner: {change.Owner}; {change.Status}{(change.DueBy is { } due ? $"; due {due:yyyy-MM-dd}" : "")})",
                change.DoneOn is { } doneOn ? $"{change.Change} (done {doneOn:yyyy-MM-dd}: {change.Done})" : change.Change);
        }

        return csv.ToString();
    }
}
