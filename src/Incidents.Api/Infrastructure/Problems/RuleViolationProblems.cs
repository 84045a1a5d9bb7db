using Incidents.Domain.Concerns;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Api.Infrastructure.Problems;

/// <summary>RFC 9457 problem details for the domain's refusals, with the rule code as an extension.</summary>
public static class RuleViolationProblems
{
    public const string TypeBase = "https://incidents.example/problems/";

    public static int StatusCode(this ViolationKind kind) => kind switch
    {
        ViolationKind.Invalid => StatusCodes.Status400BadRequest,
        ViolationKind.Forbidden => StatusCodes.Status403Forbidden,
        ViolationKind.NotFound => StatusCodes.Status404NotFound,
        ViolationKind.RuleBroken => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static ProblemDetails ToProblemDetails(this RuleViolation violation, string? instance = null)
    {
        // A case the actor may not know about is reported as plainly not found: no rule name that would confirm it exists.
        if (violation.Kind == ViolationKind.NotFound && violation.Rule == Rules.SubjectOfOwnCase.Rule)
        {
            return NotFound(instance);
        }

        return new ProblemDetails
        {
            Type = TypeBase + violation.Rule,
            Title = TitleFor(violation.Kind),
            Status = violation.Kind.StatusCode(),
            Detail = violation.Detail,
            Instance = instance,
            Extensions = { ["rule"] = violation.Rule },
        };
    }

    public static ProblemDetails NotFound(string? instance = null, string detail = "No concern with that id exists, or you may not see it.") => new()
    {
        Type = TypeBase + "not-found",
        Title = "Not found",
        Status = StatusCodes.Status404NotFound,
        Detail = detail,
        Instance = instance,
    };

    public static ProblemDetails PreconditionFailed(long currentVersion, string? instance) => new()
    {
        Type = TypeBase + "version-mismatch",
        Title = "The concern has changed since you read it",
        Status = StatusCodes.Status412PreconditionFailed,
        Detail = $"If-Match did not match the concern's current version (ETag \"{currentVersion}\"). Read it again and retry.",
        Instance = instance,
        Extensions = { ["currentVersion"] = currentVersion },
    };

    public static ProblemDetails Conflict(string? instance) => new()
    {
        Type = TypeBase + "concurrent-change",
        Title = "Concurrent change",
        Status = StatusCodes.Status409Conflict,
        Detail = "Another change to this concern was saved at the same time. Read it again and retry.",
        Instance = instance,
    };

    private static string TitleFor(ViolationKind kind) => kind switch
    {
        ViolationKind.Invalid => "The request is not valid",
        ViolationKind.Forbidden => "Not allowed for your role",
        ViolationKind.NotFound => "Not found",
        _ => "The policy does not allow this",
    };

    /// <summary>Answers with a problem from middleware, where no endpoint result is there to do it; sets Retry-After.</summary>
    public static Task WriteWithRetryAfterAsync(HttpContext http, int status, string rule, string title, string detail, int retryAfterSeconds, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return http.Response.WriteAsJsonAsync(
            new ProblemDetails { Type = TypeBase + rule, Title = title, Status = status, Detail = detail, Instance = http.Request.Path },
            (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json",
            ct);
    }
}
