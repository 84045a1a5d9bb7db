using Incidents.Api.Web.Forms;

namespace Incidents.Api.Web.Pages.Audit;

/// <summary>One field of an audit page's filter form, named as the API's query parameter.</summary>
public sealed record FilterView(string Name, string Label, string? Hint, string Value, FormErrors Errors, string Type = "text", string Width = "govuk-input--width-20");
