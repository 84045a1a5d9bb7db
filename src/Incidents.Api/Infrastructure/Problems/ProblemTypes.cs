using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Incidents.Api.Infrastructure.Problems;

/// <summary>
/// The last word on every problem the service writes (<c>AddProblemDetails</c>'s customisation): each carries a
/// <c>type</c> of the service's own, documented in docs/api.md, and nothing from .NET. Wolverine answers a body it
/// cannot read with System.Text.Json's message, which names the request's .NET type; that becomes a 400 naming the
/// field and what it takes (for an enum, its values). ASP.NET's own problems (401, 404, 415...) get the service's
/// type for their status, and a 405 on an address whose id is not an id becomes the 404 it is.
/// </summary>
public static partial class ProblemTypes
{
    /// <summary>The type Wolverine gives a request body that System.Text.Json could not read.</summary>
    private const string WolverineJsonProblem = "https://httpstatuses.com/400";

    // How the body is read (Program's Json), so a JSON path maps onto the same property names.
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type == WolverineJsonProblem)
        {
            DescribeUnreadableBody(context.HttpContext, problem);
        }
        else if (problem.Status == StatusCodes.Status405MethodNotAllowed && HasMalformedId(context.HttpContext))
        {
            context.HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
            context.HttpContext.Response.Headers.Remove("Allow");
            problem.Status = StatusCodes.Status404NotFound;
            problem.Title = "Not found";
            problem.Detail = "Nothing exists at this address: an id in it is not a well-formed id.";
            problem.Type = null;
        }

        if (problem.Type is null || !problem.Type.StartsWith(RuleViolationProblems.TypeBase, StringComparison.Ordinal))
        {
            problem.Type = RuleViolationProblems.TypeBase + ForStatus(problem.Status);
            problem.Detail ??= WhatToDo(problem.Status);
        }
    }

    /// <summary>What a client can do about a problem ASP.NET answered with a bare status code.</summary>
    private static string? WhatToDo(int? status) => status switch
    {
        401 => "Send a bearer token (Authorization: Bearer ...) from the school's identity provider; in Development the token verb prints one.",
        403 => "Your role may not use this endpoint.",
        404 => "Nothing exists at this address.",
        405 => "This address does not take this method; see the API reference at /docs.",
        406 => "This endpoint answers JSON: accept application/json.",
        415 => "Send the body as JSON, with Content-Type: application/json.",
        _ => null,
    };

    /// <summary>The service's type for a problem ASP.NET wrote from a bare status code.</summary>
    public static string ForStatus(int? status) => status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        406 => "not-acceptable",
        409 => "concurrent-change",
        412 => "version-mismatch",
        413 => "too-large",
        415 => "unsupported-media-type",
        429 => "too-many-requests",
        503 => "unavailable",
        _ => "internal-error",
    };

    private static void DescribeUnreadableBody(HttpContext http, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        var message = problem.Detail ?? "";
        var requestType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups[1].Value;
            errors[name] = [$"{name} is not a field of this request."];
        }
        else if (MissingProperties().Match(message) is { Success: true } missing)
        {
            foreach (var name in missing.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var field = name.Trim('\'', '.');
                errors[field] = [$"{field} is required."];
            }
        }
        else if (message.Contains("could not be converted", StringComparison.Ordinal) && JsonPath().Match(message) is { Success: true } path
                 && path.Groups[1].Value.TrimStart('$').TrimStart('.') is { Length: > 0 } field)
        {
            errors[field] = [Expectation(field, requestType is null ? null : TypeAt(requestType, field))];
        }

        problem.Title = "The request is not valid";
        if (errors.Count > 0)
        {
            problem.Type = RuleViolationProblems.TypeBase + "validation";
            problem.Detail = "See errors for every field that needs correcting.";
            problem.Extensions["errors"] = errors;
        }
        else
        {
            problem.Type = RuleViolationProblems.TypeBase + "bad-request";
            problem.Detail = JsonPath().Match(message) is { Success: true } at
                ? $"The request body is not valid JSON for this endpoint (at {at.Groups[1].Value}); see the API reference at /docs."
                : "The request body is not valid JSON for this endpoint; see the API reference at /docs.";
        }
    }

    /// <summary>What a field takes, in the API's terms (kebab-case values, ISO 8601), never a .NET type name.</summary>
    public static string Expectation(string field, Type? type)
    {
        var leaf = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return leaf switch
        {
            null => $"{field} has a value of the wrong type.",
            { IsEnum: true } => $"{field} must be one of: {string.Join(", ", EnumValues(leaf))}.",
            _ when leaf == typeof(string) => $"{field} must be a string.",
            _ when leaf == typeof(bool) => $"{field} must be true or false.",
            _ when leaf == typeof(Guid) => $"{field} must be an id (a UUID).",
            _ when leaf == typeof(DateTimeOffset) || leaf == typeof(DateTime) =>
                $"{field} must be a date and time in ISO 8601 with an offset, e.g. 2026-11-20T10:00:00Z.",
            _ when leaf == typeof(DateOnly) => $"{field} must be a date, e.g. 2026-11-20.",
            _ when leaf.IsPrimitive || leaf == typeof(decimal) => $"{field} must be a number.",
            _ when ElementType(leaf) is not null => $"{field} must be an array.",
            _ => $"{field} must be an object.",
        };
    }

    /// <summary>An enum's values as the API writes them (kebab-case).</summary>
    public static IEnumerable<string> EnumValues(Type enumType) =>
        Enum.GetNames(enumType).Select(JsonNamingPolicy.KebabCaseLower.ConvertName);

    /// <summary>The type of the member a JSON path (<c>subjects[0].type</c>) names in a request type, or null.</summary>
    public static Type? TypeAt(Type root, string path)
    {
        Type? current = root;
        foreach (Match step in PathStep().Matches(path))
        {
            if (current is null)
            {
                return null;
            }

            if (step.Groups["index"].Success)
            {
                current = ElementType(current);
                continue;
            }

            var name = step.Groups["name"].Value;
            current = Nullable.GetUnderlyingType(current) ?? current;
            current = current.IsPrimitive || current == typeof(string) || current.IsEnum
                ? null
                : Options.GetTypeInfo(current).Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
        }

        return current;
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>
    /// True when some route has this address's shape (same literal segments) but none of them takes its ids: routing
    /// answers 405 when another method's route has the shape, yet a malformed id names nothing. Route parameters named
    /// <c>id</c> or <c>...Id</c> are UUIDs in this API.
    /// </summary>
    private static bool HasMalformedId(HttpContext http)
    {
        var segments = http.Request.Path.Value?.Trim('/').Split('/') ?? [];
        var shaped = false;
        foreach (var route in http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = route.RoutePattern.PathSegments;
            if (pattern.Count != segments.Length || !pattern.Select((s, i) => Matches(s, segments[i])).All(m => m))
            {
                continue;
            }

            shaped = true;
            var idsWellFormed = pattern.Select((s, i) => (Segment: s, Value: segments[i]))
                .All(p => p.Segment.Parts is not [RoutePatternParameterPart parameter]
                          || !(parameter.Name == "id" || parameter.Name.EndsWith("Id", StringComparison.Ordinal))
                          || Guid.TryParse(p.Value, out _));
            if (idsWellFormed)
            {
                return false;
            }
        }

        return shaped;

        static bool Matches(RoutePatternPathSegment segment, string value) => segment.Parts switch
        {
            [RoutePatternLiteralPart literal] => string.Equals(literal.Content, value, StringComparison.OrdinalIgnoreCase),
            [RoutePatternParameterPart] => value.Length > 0,
            _ => false,
        };
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        Json.Configure(options);
        options.MakeReadOnly();
        return options;
    }

    [GeneratedRegex(@"The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"missing required properties[^:]*:\s*(.+?)\.?$")]
    private static partial Regex MissingProperties();

    [GeneratedRegex(@"Path: (\$[^ ]*) \|")]
    private static partial Regex JsonPath();

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}
