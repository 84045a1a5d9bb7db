using System.Globalization;
using System.Net;
using System.Text;
using Incidents.Domain.Reporting;
using Incidents.Projections.Governors;

namespace Incidents.Api.Reports;

/// <summary>
/// The governors' report as one self-contained, printable HTML page: inline CSS and SVG bar charts, no script,
/// no external resources, so it opens offline and prints to PDF as it looks.
/// </summary>
public static class GovernorReportHtml
{
    private const int BarAreaWidth = 360;

    public static string Render(GovernorReport r)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <title>Safeguarding concerns: report to governors, {{E(r.From.ToString("d MMM yyyy", CultureInfo.InvariantCulture))}} to {{E(r.To.ToString("d MMM yyyy", CultureInfo.InvariantCulture))}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1b1b1b; line-height: 1.4; }
            h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid #1d4e89; padding-bottom: .2rem; margin-top: 2rem; }
            table { border-collapse: collapse; margin: .5rem 0 1rem; } th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: left; }
            td.n { text-align: right; } .suppressed { color: #6b6b6b; font-style: italic; }
            .warning { background: #fff3cd; border: 1px solid #c9a227; padding: .6rem; font-weight: 600; }
            .note { color: #444; font-size: .9rem; }
            @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } svg, table { break-inside: avoid; } }
            </style>
            </head>
            <body>
            <h1>Safeguarding concerns under the Social Media Policy: report to governors</h1>
            <p>{{E(r.School)}}. Concerns raised from {{Day(r.From)}} to {{Day(r.To)}}. Generated {{E(r.GeneratedAt.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture))}}.</p>
            <p class="note">No learner or member of staff is named or referenced. Counts from 1 to {{r.SmallCountThreshold - 1}} are shown as
            "fewer than {{r.SmallCountThreshold}}"; where a total would reveal such a count, another count is also withheld ("suppressed").</p>
            """);

        html.Append("<h2>Policy key details</h2><table>");
        html.Append($"<tr><th>Designated Safeguarding Lead</th><td>{E(r.Policy.DesignatedSafeguardingLead)}</td></tr>");
        html.Append($"<tr><th>Named governor</th><td>{E(r.Policy.NamedGovernor)}</td></tr>");
        html.Append($"<tr><th>Next review</th><td>{Day(r.Policy.NextReview)}</td></tr></table>");
        if (r.Policy.Warning is { } warning)
        {
            html.Append($"<p class=\"warning\" role=\"alert\">{E(warning)}</p>");
        }

        Section(html, "Concerns raised by kind", r.ConcernsByKind, chart: true);
        Section(html, "Concerns by how they are handled (allegations and low-level concerns about adults apart)", r.ConcernsByCategory, chart: false);
        Section(html, "Concerns raised by month", r.ConcernsByMonth, chart: true);
        Section(html, "Outcomes", r.Outcomes, chart: false);
        Section(html, "Investigation outcomes", r.InvestigationOutcomes, chart: false);
        Section(html, "How concerns were led", r.LedBy, chart: false);
        Section(html, "Advice sought (escalations to the Education Safeguarding Service and others)", r.AdviceSoughtByAgency, chart: false);
        Section(html, "External referrals by agency", r.ReferralsByAgency, chart: false);

        html.Append("<h2>Response times (calendar days)</h2><table><tr><th></th><th>Concerns</th><th>Median</th><th>90th percentile</th></tr>");
        Timing(html, "Raised to triaged", r.RaiseToTriage);
        Timing(html, "Raised to closed", r.RaiseToClose);
        html.Append("</table>");

        html.Append($"<h2>Debriefs and lessons learnt</h2><p>Leadership debriefs held: {Count(r.DebriefsHeld)}</p>");
        if (r.LessonsLearnt.Count > 0)
        {
            html.Append("<ul>").AppendJoin("", r.LessonsLearnt.Select(l => $"<li>{E(l)}</li>")).Append("</ul>");
        }

        if (r.ProposedChanges.Count > 0)
        {
            // For the policy's annual review (section 7): each change as the school wrote it, open or done.
            html.Append("<h2>Policy and curriculum changes proposed</h2><table><tr><th>Kind</th><th>Change</th><th>Owner</th><th>Due</th><th>Status</th><th>What was done</th></tr>");
            foreach (var c in r.ProposedChanges)
            {
                html.Append($"<tr><td>{E(c.Kind)}</td><td>{E(c.Change)}</td><td>{E(c.Owner)}</td><td>{(c.DueBy is { } due ? due.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture) : "")}</td>"
                    + $"<td>{E(c.Status)}</td><td>{(c.DoneOn is { } on ? E($"{c.Done} ({on.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)})") : "")}</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static void Section(StringBuilder html, string title, ReportedTable table, bool chart)
    {
        html.Append($"<h2>{E(title)}</h2>");
        if (chart)
        {
            html.Append(BarChart(title, table));
        }

        html.Append("<table><tr><th></th><th>Count</th></tr>");
        foreach (var row in table.Rows)
        {
            html.Append($"<tr><td>{E(row.Label)}</td><td class=\"n\">{Count(row.Count)}</td></tr>");
        }

        html.Append($"<tr><th>Total</th><td class=\"n\">{Count(table.Total)}</td></tr></table>");
    }

    /// <summary>A horizontal bar chart; a withheld count is drawn as a hatched stub with its label, never a length.</summary>
    private static string BarChart(string title, ReportedTable table)
    {
        const int rowHeight = 22;
        const int labelWidth = 230;
        var max = Math.Max(1, table.Rows.Max(row => row.Count.Value ?? 0));
        var height = (table.Rows.Count * rowHeight) + 10;
        var svg = new StringBuilder($"""<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{E(title)}" width="{labelWidth + BarAreaWidth + 120}" height="{height}" font-size="12" font-family="system-ui, sans-serif">""");
        svg.Append("""<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e6e6e6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a8a" stroke-width="2"/></pattern></defs>""");
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var y = (i * rowHeight) + 5;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{labelWidth - 6}" y="{y + 14}" text-anchor="end">{E(row.Label)}</text>""");
            if (row.Count.Value is { } value)
            {
                var width = (int)Math.Round(BarAreaWidth * (double)value / max);
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{labelWidth}" y="{y + 2}" width="{width}" height="{rowHeight - 6}" fill="#1d4e89"/>""");
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{labelWidth + width + 6}" y="{y + 14}">{value}</text>""");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{labelWidth}" y="{y + 2}" width="24" height="{rowHeight - 6}" fill="url(#hatch)" stroke="#8a8a8a"/>""");
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{labelWidth + 30}" y="{y + 14}" font-style="italic" fill="#555">{E(row.Count.Display)}</text>""");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Timing(StringBuilder html, string label, Timing t) =>
        html.Append($"<tr><td>{E(label)}</td><td class=\"n\">{Count(t.Concerns)}</td><td class=\"n\">{Days(t.MedianDays, t.Note)}</td><td class=\"n\">{Days(t.Percentile90Days, t.Note)}</td></tr>");

    private static string Days(double? days, string? note) =>
        days is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) : $"<span class=\"suppressed\">{E(note ?? "")}</span>";

    private static string Count(ReportedCount count) =>
        count.IsSuppressed ? $"<span class=\"suppressed\">{E(count.Display)}</span>" : E(count.Display);

    private static string Day(DateOnly day) => E(day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
