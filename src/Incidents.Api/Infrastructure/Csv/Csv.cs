using System.Text;

namespace Incidents.Api.Infrastructure.Csv;

/// <summary>RFC 4180 CSV, safe to open in a spreadsheet.</summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Line(params object?[] fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    /// <summary>
    /// Quotes where needed, and defuses text a spreadsheet would run as a formula (=, +, -, @, tab, carriage
    /// return) with a leading apostrophe, so an exported note cannot execute on a governor's laptop.
    /// </summary>
    public static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTimeOffset d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (value is string && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct) =>
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
}
