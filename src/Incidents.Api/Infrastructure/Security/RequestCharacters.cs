using System.Globalization;
using Incidents.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Diagnostics;

namespace Incidents.Api.Infrastructure.Security;

/// <summary>
/// Refuses characters no client sends on purpose, once for every endpoint and page: a control character in a query
/// parameter, in a form field (a line break or tab excepted: text areas hold them) or in a header, and anything but
/// printable ASCII in a header. PostgreSQL refuses a NUL in text outright, and a header is copied into responses and
/// events (the correlation id): without this, such a request was a 500 (docs/api.md, "Characters refused").
/// The API answers a 400 problem naming each field; a page answers with the service's 400 page.
/// </summary>
public static class RequestCharacters
{
    public const string Rule = "control-character";

    public static IApplicationBuilder UseRequestCharacterCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // A refused page request re-executed as the error page still carries what was refused: let it through.
        if (http.Features.Get<IStatusCodeReExecuteFeature>() is null && await ProblemsAsync(http.Request) is { IsValid: false } problems)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            if (!Web.WebSetup.IsPage(http.Request))
            {
                var problem = problems.ToProblem()!;
                problem.Detail = "The request holds characters that are not accepted: see errors.";
                problem.Extensions["rule"] = Rule;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
            }

            return;
        }

        await next(http);
    });

    /// <summary>Every refused character in the request, by where it was: <c>query.name</c>, <c>form.name</c>, <c>header.name</c>.</summary>
    public static async Task<RequestValidation> ProblemsAsync(HttpRequest request)
    {
        var problems = new RequestValidation(TimeProvider.System);
        foreach (var (name, values) in request.Query)
        {
            Check(problems, name, name, "query parameter name", allowLineBreaks: false);
            foreach (var value in values)
            {
                Check(problems, name, value, "query parameter", allowLineBreaks: false);
            }
        }

        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                if (value is not null && FirstRefused(value, allowLineBreaks: false, asciiOnly: true) is { } c)
                {
                    problems.Add("header." + Printable(name), $"The {name} header holds {Describe(c)}; header values must be printable ASCII.");
                }
            }
        }

        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (InvalidDataException e)
            {
                return problems.Add("form", "The form could not be read: " + e.Message);
            }

            foreach (var (name, values) in form)
            {
                Check(problems, name, name, "form field name", allowLineBreaks: false);
                foreach (var value in values)
                {
                    Check(problems, name, value, "form field", allowLineBreaks: true);
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// A local address to go back to after signing in: a path on this service, in printable ASCII (it becomes the
    /// Location header, which cannot carry anything else).
    /// </summary>
    public static bool IsPrintableAscii(string value) => value.All(c => c is >= ' ' and <= '~');

    private static void Check(RequestValidation problems, string name, string? value, string what, bool allowLineBreaks)
    {
        if (value is not null && FirstRefused(value, allowLineBreaks, asciiOnly: false) is { } c)
        {
            problems.Add(Printable(name), $"The {what} '{Printable(name)}' holds {Describe(c)}, which is not accepted.");
        }
    }

    private static char? FirstRefused(string value, bool allowLineBreaks, bool asciiOnly)
    {
        foreach (var c in value)
        {
            var control = char.IsControl(c) && !(c == '\t' || (allowLineBreaks && c is '\r' or '\n'));
            if (control || (asciiOnly && c > '~'))
            {
                return c;
            }
        }

        return null;
    }

    private static string Describe(char c) => string.Create(CultureInfo.InvariantCulture, $"{(char.IsControl(c) ? "a control character" : "a character")} (U+{(int)c:X4})");

    private static string Printable(string name)
    {
        var shown = new string([.. name.Select(c => char.IsControl(c) ? '?' : c)]);
        return shown.Length <= 40 ? shown : shown[..40] + "…";
    }
}
