using Incidents.Api.Audit.Access;
using Incidents.Api.Configuration;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Csv;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Domain.Calendar;
using Incidents.Domain.Identity;
using Incidents.Projections.Governors;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;

namespace Incidents.Api.Reports;

public static class GetGovernorReportEndpoint
{

    /// <summary>
    /// The anonymised report to governors for a period (default: the current school year, September to August):
    /// concerns by kind and month, outcomes, leads, escalations and referrals, response times, debriefs and the
    /// changes they proposed, and the policy's key details. Counts below the threshold read "fewer than N".
    /// As JSON, CSV (<c>format=csv</c> or <c>Accept: text/csv</c>) or a printable HTML page (<c>format=html</c> or
    /// <c>Accept: text/html</c>).
    /// </summary>
    [RecordsReads("governor-report")]
    [QueryParameters(QuerySet.GovernorReport)]
    [WolverineGet("/api/reports/governors", Name = "GetGovernorReport"), Tags("Governors")]
    [AuthorizeFor(RoleSet.GovernorReportReaders)]
    [ProducesResponseType<GovernorReport>(StatusCodes.Status200OK)]
    [Produces("application/json", "text/csv", "text/html")]
    public static async Task<IResult> Get(
        HttpContext http, IQuerySession session, SchoolCalendar calendar, IOptions<SchoolOptions> school, TimeProvider clock, CancellationToken ct)
    {
        var query = new QueryParameters(http.Request, clock, QueryDefinitions.Names(QuerySet.GovernorReport));
        var format = (query.Text("format", 10) ?? FormatFromAccept(http.Request)).ToLowerInvariant();
        query.Check(format is not ("json" or "csv" or "html"), "format", "format must be json, csv or html.");
        var (report, problem) = await ReadAsync(query, session, calendar, school.Value, clock, ct);
        if (problem is not null)
        {
            return Results.Problem(problem);
        }

        http.Response.Headers.CacheControl = "no-store";
        return format switch
        {
            "csv" => Results.Text(GovernorReportCsv.Render(report!), Csv.ContentType),
            "html" => Results.Content(GovernorReportHtml.Render(report!), "text/html; charset=utf-8"),
            _ => Results.Ok(report),
        };
    }

    /// <summary>
    /// The report for the period the query asks (from, to), or the problem with it (and any other problem the query
    /// has collected). The web app's report page reads it too.
    /// </summary>
    public static async Task<(GovernorReport? Report, ProblemDetails? Problem)> ReadAsync(
        QueryParameters query, IQuerySession session, SchoolCalendar calendar, SchoolOptions options, TimeProvider clock, CancellationToken ct)
    {
        var from = query.Date("from");
        var to = query.Date("to");
        var now = clock.GetUtcNow();
        var (yearStart, yearEnd) = GovernorReports.SchoolYearOf(calendar.LocalDate(now));
        var period = (From: from ?? (to is { } t ? GovernorReports.SchoolYearOf(t).From : yearStart), To: to ?? (from is { } f ? GovernorReports.SchoolYearOf(f).To : yearEnd));
        query.Check(period.To < period.From, "to", "to is before from.");
        query.Check(period.To.DayNumber - period.From.DayNumber > 3 * 366, "to", "A report covers at most three years.");
        if (query.Problem is { } problem)
        {
            return (null, problem);
        }

        // Ready-made sums: each whole month, and each day of a month the period cuts. No case is read.
        var parts = GovernorReports.RollUpIdsOf(period.From, period.To);
        var rollUps = (await session.LoadManyAsync<GovernorRollUp>(ct, parts.Select(p => p.Id).ToArray())).ToDictionary(r => r.Id, r => r.Tally);
        var byMonth = parts.GroupBy(p => p.Month)
            .ToDictionary(m => m.Key, m => GovernorTally.Sum(m.Select(p => rollUps.GetValueOrDefault(p.Id)).OfType<GovernorTally>()));

        return (GovernorReports.Build(
            new GovernorReportRequest(options.Name, period.From, period.To, now, options.SmallCountThreshold,
                options.DesignatedSafeguardingLead, options.NamedGovernor, options.PolicyNextReview, calendar),
            byMonth), null);
    }

    private static string FormatFromAccept(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        foreach (var type in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return "csv";
            }

            if (type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return "html";
            }

            if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return "json";
            }
        }

        return "json";
    }
}
