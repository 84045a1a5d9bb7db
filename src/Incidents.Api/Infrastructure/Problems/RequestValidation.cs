using Microsoft.AspNetCore.Mvc;

namespace Incidents.Api.Infrastructure.Problems;

/// <summary>
/// When something reported can have happened: not in the future (beyond clock skew), and not before the school's
/// records begin (<c>School:OpenedOn</c>), which catches a mistyped year.
/// </summary>
public sealed record OccurrenceWindow(TimeProvider Clock, DateTimeOffset Earliest)
{
    /// <summary>Used where no school setting applies (query parameters): anything after 1900 is plausible.</summary>
    public static readonly DateTimeOffset DefaultEarliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>Collects every problem with a request so a 400 lists them all, not just the first.</summary>
public sealed class RequestValidation(OccurrenceWindow window)
{
    public RequestValidation(TimeProvider clock)
        : this(new OccurrenceWindow(clock, OccurrenceWindow.DefaultEarliest))
    {
    }

    public const int ShortText = 200;
    public const int LongText = 8000;
    public const int MisRefLength = 64;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public RequestValidation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public RequestValidation Required<T>(string field, T? value) where T : struct =>
        value is null ? Add(field, $"{field} is required.") : this;

    public RequestValidation Text(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, $"{field} is required.") : this;
        }

        return value.Length > maxLength ? Add(field, $"{field} must be at most {maxLength} characters.") : this;
    }

    public RequestValidation OccurredAt(string field, DateTimeOffset? value)
    {
        if (value is not { } at)
        {
            return Add(field, $"{field} is required (when it happened, ISO 8601 with an offset).");
        }

        if (at > window.Clock.GetUtcNow() + Domain.Concerns.CaseGuards.ClockSkew)
        {
            return Add(field, $"{field} is in the future; a chronology records what has happened.");
        }

        return at < window.Earliest
            ? Add(field, $"{field} is before the school's records begin ({window.Earliest:yyyy-MM-dd}).")
            : this;
    }

    public RequestValidation When(bool problem, string field, string message) => problem ? Add(field, message) : this;

    public bool IsValid => _errors.Count == 0;

    /// <summary>A 400 listing every problem, or <c>WolverineContinue.NoProblems</c>-style null when the request is valid.</summary>
    public ProblemDetails? ToProblem() => IsValid
        ? null
        : new HttpValidationProblemDetails(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
        {
            Type = RuleViolationProblems.TypeBase + "validation",
            Title = "The request is not valid",
            Status = StatusCodes.Status400BadRequest,
            Detail = "See errors for every field that needs correcting.",
        };
}
