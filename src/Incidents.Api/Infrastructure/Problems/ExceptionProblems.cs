using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Incidents.Api.Infrastructure.Problems;

/// <summary>
/// Turns exceptions that escape an endpoint into RFC 9457 responses: a lost commit-time race is 409, a body
/// that is not valid JSON is 400, an unreachable database is 503; anything else is 500 without internals
/// (the stack trace goes to the log only).
/// </summary>
public sealed class ExceptionProblems(IProblemDetailsService problems, ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            ConcurrencyException => RuleViolationProblems.Conflict(http.Request.Path),
            BadHttpRequestException bad => new ProblemDetails
            {
                Type = RuleViolationProblems.TypeBase + ProblemTypes.ForStatus(bad.StatusCode),
                Title = "The request could not be read",
                Status = bad.StatusCode,
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is too large."
                    : "The request body is not valid JSON for this endpoint.",
            },
            System.Text.Json.JsonException => new ProblemDetails
            {
                Type = RuleViolationProblems.TypeBase + "bad-request",
                Title = "The request could not be read",
                Status = StatusCodes.Status400BadRequest,
                Detail = "The request body is not valid JSON for this endpoint.",
            },
            _ when IsUnavailable(exception) => new ProblemDetails
            {
                Type = RuleViolationProblems.TypeBase + "unavailable",
                Title = "The service is temporarily unavailable",
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = "The case store cannot be reached; retry shortly. If it went away while committing, the change may have been " +
                         "recorded: a raise retried with the same Idempotency-Key is recorded once; read the case before repeating another command.",
            },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = new ProblemDetails
            {
                Type = RuleViolationProblems.TypeBase + "internal-error",
                Title = "An unexpected error occurred",
                Status = StatusCodes.Status500InternalServerError,
                Detail = "The error has been logged with this request's correlation id.", // never .NET internals, even in Development
            };
        }

        problem.Instance ??= http.Request.Path;
        http.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = "5";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// True when the database could not be reached, went away (shutdown, lost connection) or timed out, however deeply Marten or Wolverine wrapped the
    /// driver's exception (e.g. <c>MartenCommandException</c> around an <see cref="NpgsqlException"/>).
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or NpgsqlException { IsTransient: true }
                || (e is NpgsqlException && e.InnerException is System.Net.Sockets.SocketException or IOException)
                || (e is PostgresException postgres && (postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow)))
            {
                return true;
            }

            if (e is AggregateException { InnerExceptions.Count: > 1 } aggregate)
            {
                return aggregate.InnerExceptions.All(IsUnavailable);
            }
        }

        return false;
    }
}
