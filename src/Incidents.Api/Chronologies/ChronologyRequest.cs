using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Marten;

namespace Incidents.Api.Chronologies;

internal static class ChronologyRequest
{
    public static async Task<IResult> Handle(string misRef, PersonType type, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var errors = new RequestValidation(TimeProvider.System)
            .Text("misRef", misRef, RequestValidation.MisRefLength)
            .When(http.Request.Query.Count > 0, "query", "This endpoint takes no query parameters.");
        if (errors.ToProblem() is { } problem)
        {
            return Results.Problem(problem);
        }

        return Results.Ok(await PersonChronology.ReadAsync(session, http.User.ToActor(), type, misRef.Trim(), ct));
    }
}
