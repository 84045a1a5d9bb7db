using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Forms;

/// <summary>
/// A refusal or a validation problem as a page shows it: the API's own words, each linked to the field it is about
/// (or to the form's first field when it is about the case, not a field).
/// </summary>
public sealed class FormErrors
{
    public static readonly FormErrors None = new([], null);

    private FormErrors(IReadOnlyList<(string Field, string Message)> items, string? rule)
    {
        Items = items;
        Rule = rule;
    }

    public IReadOnlyList<(string Field, string Message)> Items { get; }

    /// <summary>The policy rule that refused the command, when it was one (the same code as the API's).</summary>
    public string? Rule { get; }

    public bool Any => Items.Count > 0;

    public string? For(string field) => Items.FirstOrDefault(i => i.Field == field).Message;

    public static FormErrors From(ProblemDetails problem, string firstField)
    {
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            return new FormErrors(validation.Errors.SelectMany(e => e.Value.Select(m => (e.Key, m))).ToList(), null);
        }

        var rule = problem.Extensions.TryGetValue("rule", out var r) ? r?.ToString() : null;
        return new FormErrors([(firstField, problem.Detail ?? problem.Title ?? "This could not be saved.")], rule);
    }

    public static FormErrors Single(string field, string message) => new([(field, message)], null);

    public static FormErrors Many(IReadOnlyList<(string Field, string Message)> items) => new(items, null);

    /// <summary>The same problems, those about a whole list linked to the list's first field instead.</summary>
    public FormErrors Linking(string listField, string firstField) =>
        new(Items.Select(i => i.Field == listField ? (firstField, i.Message) : i).ToList(), Rule);
}

public static class PageErrors
{
    /// <summary>
    /// Shows <paramref name="errors"/> on the page: the layout puts "Error:" in its title (read first by screen readers)
    /// and the page answers with the API's status for the same problem.
    /// </summary>
    public static FormErrors ShowErrors(this PageModel page, FormErrors errors, int status)
    {
        page.ViewData["HasErrors"] = true;
        page.Response.StatusCode = status;
        return errors;
    }
}

/// <summary>What the fields partial needs.</summary>
public sealed record FieldsView(IReadOnlyList<FormField> Fields, FormValues Values, FormErrors Errors);
