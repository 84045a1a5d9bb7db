using System.Globalization;
using System.Text;
using System.Text.Json;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Api.Infrastructure.Queries;

/// <summary>
/// Reads a list endpoint's query string strictly: unknown parameters, unparseable values and out-of-range
/// limits are all collected into one 400 ProblemDetails, so a typo never silently widens a query.
/// </summary>
public sealed class QueryParameters
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private readonly IQueryCollection _query;
    private readonly RequestValidation _errors;

    public QueryParameters(HttpRequest request, TimeProvider clock, params string[] allowed)
    {
        _query = request.Query;
        _errors = new RequestValidation(clock);
        foreach (var unknown in _query.Keys.Where(k => !allowed.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            _errors.Add(unknown, $"Unknown query parameter '{unknown}'. Allowed: {string.Join(", ", allowed)}.");
        }

        foreach (var repeated in _query.Where(q => q.Value.Count > 1))
        {
            _errors.Add(repeated.Key, $"{repeated.Key} is given more than once; separate several values with commas.");
        }
    }

    public ProblemDetails? Problem => _errors.ToProblem();

    public string? Text(string name, int maxLength = RequestValidation.ShortText)
    {
        var value = Raw(name);
        if (value is null)
        {
            return null;
        }

        _errors.When(value.Length > maxLength, name, $"{name} must be at most {maxLength} characters.");
        return value;
    }

    /// <summary>Comma-separated enum values as the API spells them (kebab-case).</summary>
    public IReadOnlyList<T> Enums<T>(string name) where T : struct, Enum
    {
        var value = Raw(name);
        if (value is null)
        {
            return [];
        }

        var parsed = new List<T>();
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (EnumNames<T>.ByWireName.TryGetValue(item, out var e))
            {
                parsed.Add(e);
            }
            else
            {
                _errors.Add(name, $"'{Truncate(item)}' is not a valid {name}. Use one of: {string.Join(", ", EnumNames<T>.ByWireName.Keys)}.");
            }
        }

        return parsed;
    }

    /// <summary>An instant: an ISO 8601 date-time with an offset.</summary>
    public DateTimeOffset? Instant(string name)
    {
        var value = Raw(name);
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && HasOffset(value))
        {
            return at;
        }

        _errors.Add(name, $"{name} must be an ISO 8601 date-time with an offset, e.g. 2026-11-23T09:00:00Z.");
        return null;
    }

    /// <summary>The dates a query may name: wide enough for any record, narrow enough that a period's arithmetic (the day after, the school year around it) cannot overflow.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1), LatestDate = new(2999, 12, 31);

    /// <summary>A school-local date (yyyy-MM-dd) from <see cref="EarliestDate"/> to <see cref="LatestDate"/>.</summary>
    public DateOnly? Date(string name)
    {
        var value = Raw(name);
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date >= EarliestDate && date <= LatestDate)
        {
            return date;
        }

        _errors.Add(name, string.Create(CultureInfo.InvariantCulture, $"{name} must be a date, yyyy-MM-dd, from {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd}."));
        return null;
    }

    /// <summary>A from/to pair of school-local dates, both inclusive, as the instants that bound them.</summary>
    public (DateTimeOffset? Start, DateTimeOffset? End) DateRange(SchoolCalendar calendar, string fromName = "from", string toName = "to")
    {
        var from = Date(fromName);
        var to = Date(toName);
        _errors.When(from is not null && to is not null && to < from, toName, $"{toName} is before {fromName}.");
        return (from is { } f ? calendar.StartOf(f) : null, to is { } t ? calendar.StartOf(t.AddDays(1)) : null);
    }

    public int Limit(string name = "limit")
    {
        var value = Raw(name);
        if (value is null)
        {
            return DefaultLimit;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit)
        {
            return limit;
        }

        _errors.Add(name, $"{name} must be a whole number from 1 to {MaxLimit}.");
        return DefaultLimit;
    }

    /// <summary>The opaque keyset cursor a previous page returned as <c>nextCursor</c>.</summary>
    public IReadOnlyList<string>? Cursor(string name = "after")
    {
        var value = Raw(name);
        if (value is null)
        {
            return null;
        }

        var decoded = Cursors.Decode(value);
        _errors.When(decoded is null, name, $"{name} is not a cursor this service issued; pass nextCursor from the previous page unchanged.");
        return decoded;
    }

    public QueryParameters Check(bool problem, string name, string message)
    {
        _errors.When(problem, name, message);
        return this;
    }

    private string? Raw(string name) => _query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

    private static bool HasOffset(string value) => value.EndsWith('Z') || value.EndsWith('z') ||
        (value.Length > 6 && (value[^6] is '+' or '-') && value[^3] == ':');

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

/// <summary>Enum values by their wire names (kebab-case), as the JSON serializer writes them.</summary>
public static class EnumNames<T> where T : struct, Enum
{
    public static readonly IReadOnlyDictionary<string, T> ByWireName = Enum.GetValues<T>()
        .ToDictionary(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()), v => v, StringComparer.OrdinalIgnoreCase);
}

public static class EnumNames
{
    /// <summary>The wire name of an enum value (kebab-case).</summary>
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

/// <summary>Opaque keyset cursors: the sort key of the last item of a page, base64url-encoded.</summary>
public static class Cursors
{
    public static string Encode(params string[] key) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static IReadOnlyList<string>? Decode(string cursor)
    {
        if (cursor.Length > 512)
        {
            return null;
        }

        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            return JsonSerializer.Deserialize<string[]>(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>A page of a keyset-paginated list; pass <see cref="NextCursor"/> as <c>after</c> for the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
