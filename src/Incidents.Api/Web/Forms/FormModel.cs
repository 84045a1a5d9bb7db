using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Incidents.Api.Infrastructure.Queries;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Api.Web.Forms;

public enum FieldKind
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>A paragraph.</summary>
    LongText,

    /// <summary>One of several choices (an enum's wire names, a subject's reference, yes/no).</summary>
    Radios,

    /// <summary>Any of several choices: a JSON array.</summary>
    Checkboxes,

    /// <summary>A calendar date (<c>yyyy-MM-dd</c>).</summary>
    Date,

    /// <summary>When something happened: a date and a time at the school, sent as an instant with its offset.</summary>
    When,

    /// <summary>One item per line: a JSON array of strings.</summary>
    Lines,

    /// <summary>Yes or no: a JSON boolean.</summary>
    YesNo,
}

public sealed record Choice(string Value, string Text, string? Hint = null);

/// <summary>
/// One field of a form. <see cref="Name"/> is the API request's own JSON path (<c>viewing.reason</c>,
/// <c>proposedChanges[0].kind</c>), so the API's validation messages land on the field that caused them.
/// </summary>
public sealed record FormField(string Name, string Label, FieldKind Kind, string? Hint = null, IReadOnlyList<Choice>? Choices = null, bool Optional = false)
{
    /// <summary>The element id: the JSON path with its punctuation replaced, so an error summary can link to it.</summary>
    public string Id => FormIds.For(Name);

    public static IReadOnlyList<Choice> EnumChoices<T>(Func<T, string> text, Func<T, string?>? hint = null, IEnumerable<T>? only = null)
        where T : struct, Enum =>
        (only ?? Enum.GetValues<T>()).Select(v => new Choice(EnumNames.Of(v), text(v), hint?.Invoke(v))).ToList();
}

public static class FormIds
{
    public static string For(string name) => new(name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
}

/// <summary>What a person entered, field by field, kept to show the form again with their answers.</summary>
public sealed class FormValues(IReadOnlyDictionary<string, IReadOnlyList<string>> values)
{
    public static readonly FormValues Empty = new(new Dictionary<string, IReadOnlyList<string>>());

    public static FormValues From(IFormCollection form) =>
        new(form.Keys.ToDictionary(k => k, k => (IReadOnlyList<string>)form[k].Select(v => v ?? "").ToList(), StringComparer.Ordinal));

    public string Get(string name) => values.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : "";

    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var v) ? v : [];

    public bool Has(string name, string value) => All(name).Contains(value, StringComparer.Ordinal);

    public FormValues With(string name, string value)
    {
        var copy = values.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        copy[name] = [value];
        return new FormValues(copy);
    }
}

/// <summary>Turns a posted form into the API's request, so the pages and the API read one shape with one set of rules.</summary>
public static class FormBinding
{
    private static readonly JsonSerializerOptions ApiJson = CreateApiJson();

    public static (T? Request, ProblemDetails? Problem) Bind<T>(IReadOnlyList<FormField> fields, FormValues values, TimeZoneInfo schoolTime)
        where T : class
    {
        var root = new JsonObject();
        foreach (var field in fields)
        {
            if (Value(field, values, schoolTime) is { } node)
            {
                Set(root, field.Name, node);
            }
        }

        try
        {
            return (root.Deserialize<T>(ApiJson), null);
        }
        catch (JsonException)
        {
            // Only a form altered outside the page can send a value no field offers.
            return (null, new ValidationProblemDetails { Title = "The form could not be read", Detail = "Reload the page and try again.", Status = 400 });
        }
    }

    private static JsonNode? Value(FormField field, FormValues values, TimeZoneInfo schoolTime)
    {
        var text = values.Get(field.Name).Trim();
        switch (field.Kind)
        {
            case FieldKind.Checkboxes:
                return new JsonArray(values.All(field.Name).Where(v => v.Length > 0).Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
            case FieldKind.Lines:
                var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
                return lines.Count == 0 ? null : new JsonArray(lines.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray());
            case FieldKind.YesNo:
                return text switch { "yes" => JsonValue.Create(true), "no" => JsonValue.Create(false), _ => null };
            case FieldKind.When:
                return SchoolTime.Parse(text, schoolTime) is { } at ? JsonValue.Create(at) : null;
            default:
                return text.Length == 0 ? null : JsonValue.Create(text);
        }
    }

    /// <summary>Sets a value at a JSON path such as <c>viewing.viewedBy.name</c> or <c>proposedChanges[0].kind</c>.</summary>
    private static void Set(JsonObject root, string path, JsonNode value)
    {
        JsonNode current = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = Split(parts[i]);
            var last = i == parts.Length - 1;
            var obj = (JsonObject)current;
            if (index is { } at)
            {
                if (obj[name] is not JsonArray array)
                {
                    obj[name] = array = [];
                }

                while (array.Count <= at)
                {
                    array.Add(new JsonObject());
                }

                if (last)
                {
                    array[at] = value;
                    return;
                }

                current = array[at]!;
                continue;
            }

            if (last)
            {
                obj[name] = value;
                return;
            }

            if (obj[name] is not JsonObject child)
            {
                obj[name] = child = [];
            }

            current = child;
        }
    }

    private static (string Name, int? Index) Split(string part)
    {
        var open = part.IndexOf('[');
        return open < 0 ? (part, null) : (part[..open], int.Parse(part[(open + 1)..^1], CultureInfo.InvariantCulture));
    }

    private static JsonSerializerOptions CreateApiJson()
    {
        var options = new JsonSerializerOptions();
        Json.Configure(options);
        return options;
    }
}

/// <summary>Times as people at the school read and write them: the school's local time, to the minute.</summary>
public static class SchoolTime
{
    public const string InputFormat = "yyyy-MM-dd'T'HH:mm";

    public static DateTimeOffset? Parse(string text, TimeZoneInfo zone)
    {
        if (!DateTime.TryParseExact(text, [InputFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    public static string Input(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>"20 November 2026, 10:00" in the school's time.</summary>
    public static string Show(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB"));

    public static string Show(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
