using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.PeopleDirectory.Searching;

public sealed record DirectorySearchResult(IReadOnlyList<DirectoryMatch> Items);

public static class SearchDirectoryEndpoint
{
    /// <summary>
    /// Find people in the directory by name or MIS reference, to name them on a new concern: reference, name, learner or
    /// staff kind, year group and class or role, and whether they are on roll. Any member of staff may search; the
    /// answer never says anything about cases. Filters: search (required, every word must match), type
    /// (comma-separated), limit (at most 50).
    /// </summary>
    [QueryParameters(QuerySet.DirectorySearch)]
    [WolverineGet("/api/directory/people", Name = "SearchDirectory"), Tags("Directory")]
    [AuthorizeFor(RoleSet.RaisersInPerson)]
    [ProducesResponseType<DirectorySearchResult>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, SchoolCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var query = new QueryParameters(http.Request, clock, QueryDefinitions.Names(QuerySet.DirectorySearch));
        var text = query.Text("search", DirectorySearch.MaxTextLength);
        var types = query.Enums<PersonType>("type");
        var limit = query.Limit();
        query.Check(string.IsNullOrWhiteSpace(text), "search", "search is required: a part of a name or a MIS reference.");
        query.Check(types.Any(t => !DirectoryRows.IsDirectoryType(t)), "type",
            "The directory holds learners and adults in the school (staff-member, supply-staff, volunteer, contractor, governor).");
        query.Check(limit > DirectorySearch.MaxLimit, "limit", $"limit is at most {DirectorySearch.MaxLimit}.");
        if (query.Problem is { } problem)
        {
            return Results.Problem(problem);
        }

        var requested = http.Request.Query.ContainsKey("limit") ? limit : DirectorySearch.DefaultLimit;
        var today = calendar.LocalDate(clock.GetUtcNow());
        return Results.Ok(new DirectorySearchResult(await DirectorySearch.FindAsync(session, text!, types, requested, today, ct)));
    }
}
