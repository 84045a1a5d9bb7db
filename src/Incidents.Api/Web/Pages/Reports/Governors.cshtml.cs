using System.Globalization;
using Incidents.Api.Audit.Access;
using Incidents.Api.Configuration;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Api.Reports;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Incidents.Domain.Reporting;
using Incidents.Projections.Governors;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Web.Pages.Reports;

/// <summary>
/// The governors' report, as the API builds it (anonymised, small counts withheld), with its charts and a period to
/// choose; printable. For the roles the API's report endpoint names; anyone else is told it was not found.
/// </summary>
[RecordsReads("governor-report")]
public sealed class GovernorsModel(IQuerySession session, SchoolCalendar calendar, IOptions<SchoolOptions> school, TimeProvider clock) : PageModel
{
    /// <summary>Bars are drawn in steps of this many percent of the largest count (CSS classes, no inline style).</summary>
    public const int BarStep = 5;

    /// <summary>Null when the period asked for is not one the report can cover (the form says why).</summary>
    public GovernorReport? Report { get; private set; }

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public string? From { get; private set; }

    public string? To { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!new WebUser(User).Actor.In(RoleSet.GovernorReportReaders))
        {
            return NotFound();
        }

        From = Request.Query["from"].ToString();
        To = Request.Query["to"].ToString();
        var query = new QueryParameters(Request, clock, "from", "to");
        var (report, problem) = await GetGovernorReportEndpoint.ReadAsync(query, session, calendar, school.Value, clock, ct);
        if (problem is not null)
        {
            Errors = this.ShowErrors(FormErrors.From(problem, "from"), StatusCodes.Status400BadRequest);
        }

        Report = report;
        return Page();
    }

    /// <summary>The CSS class of a bar: its length in steps of <see cref="BarStep"/>%, a withheld count a hatched stub.</summary>
    public static string Bar(ReportedTable table, ReportedCount count)
    {
        if (count.Value is not { } value)
        {
            return "app-bar app-bar--withheld";
        }

        var max = Math.Max(1, table.Rows.Max(r => r.Count.Value ?? 0));
        var percent = (int)Math.Round(100.0 * value / max / BarStep) * BarStep;
        return $"app-bar app-bar--{(value > 0 && percent == 0 ? BarStep : percent)}";
    }

    public static string Day(DateOnly day) => SchoolTime.Show(day);

    // The report's rows are labelled as the API spells them; the page says them in words.
    public static string KindLabel(string label) => EnumNames<ConcernKind>.ByWireName.TryGetValue(label, out var kind) ? Words.Kind(kind) : Words.Sentence(label);

    public static string CategoryLabel(string label) => EnumNames<ConcernCategory>.ByWireName.TryGetValue(label, out var category) ? Words.Category(category) : Words.Sentence(label);

    public static string LeadLabel(string label) => EnumNames<LeadRole>.ByWireName.TryGetValue(label, out var lead) ? Words.Lead(lead) : Words.Sentence(label);

    public static string AgencyLabel(string label) => EnumNames<ReferralAgency>.ByWireName.TryGetValue(label, out var agency) ? Words.Agency(agency) : Words.Sentence(label);

    public static string MonthLabel(string label) =>
        DateOnly.TryParseExact(label + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
            : label;

    public static string PlainLabel(string label) => Words.Sentence(label);
}
