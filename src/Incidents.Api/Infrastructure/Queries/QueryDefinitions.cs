using Incidents.Api.Infrastructure.Problems;
using Incidents.Api.PeopleDirectory.Searching;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;

namespace Incidents.Api.Infrastructure.Queries;

/// <summary>What a query parameter holds, as the OpenAPI document types it.</summary>
public enum QueryValue
{
    /// <summary>Free text, at most <see cref="QueryParameterDefinition.MaxLength"/> characters.</summary>
    Text,

    /// <summary>One or more of an enum's wire names, comma-separated.</summary>
    EnumList,

    /// <summary>One of <see cref="QueryParameterDefinition.Choices"/>.</summary>
    Choice,

    /// <summary>An ISO 8601 date-time with an offset.</summary>
    Instant,

    /// <summary>A school-local date, yyyy-MM-dd.</summary>
    Date,

    /// <summary>A whole number from 1 to <see cref="QueryParameterDefinition.Maximum"/>.</summary>
    Limit,

    /// <summary>An opaque keyset cursor, a previous page's <c>nextCursor</c>.</summary>
    Cursor,
}

/// <summary>One query parameter an endpoint takes: its name, what it holds, its limits and what it does.</summary>
public sealed record QueryParameterDefinition(string Name, QueryValue Value, string Description)
{
    public int? MaxLength { get; init; }

    public int? Maximum { get; init; }

    public int? Default { get; init; }

    /// <summary>The values a client may send: an enum's wire names, or a choice's options.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public bool Required { get; init; }
}

/// <summary>The lists whose query parameters are defined here, once, for the endpoint and its OpenAPI operation.</summary>
public enum QuerySet
{
    WorkQueue,
    MisFeed,
    GovernorReport,
    DirectorySearch,
    AuditTrail,
    AuditExport,
    AccessLog,
}

/// <summary>
/// Every list endpoint's query parameters, in one place: the endpoint accepts exactly these names
/// (<see cref="QueryParameters"/>) and the OpenAPI document lists them with their types and limits
/// (<see cref="OpenApi.QueryParameterDocs"/>), so a generated client can filter and page.
/// </summary>
public static class QueryDefinitions
{
    private static QueryParameterDefinition Limit(int maximum = QueryParameters.MaxLimit, int @default = QueryParameters.DefaultLimit) =>
        new("limit", QueryValue.Limit, $"How many items a page holds, 1 to {maximum} (default {@default}).") { Maximum = maximum, Default = @default };

    private static readonly QueryParameterDefinition After =
        new("after", QueryValue.Cursor, "The previous page's nextCursor, unchanged, for the next page.") { MaxLength = 512 };

    private static QueryParameterDefinition Enums<T>(string name, string description) where T : struct, Enum =>
        new(name, QueryValue.EnumList, description + " Comma-separated.") { Choices = [.. EnumNames<T>.ByWireName.Keys] };

    private static QueryParameterDefinition From(string what) =>
        new("from", QueryValue.Date, $"The first school-local day {what}, inclusive (yyyy-MM-dd, 1900-01-01 to 2999-12-31).");

    private static QueryParameterDefinition To(string what) =>
        new("to", QueryValue.Date, $"The last school-local day {what}, inclusive (yyyy-MM-dd, 1900-01-01 to 2999-12-31).");

    private static readonly QueryParameterDefinition[] AuditFilters =
    [
        new("actor", QueryValue.Text, "Only what this person did (their id).") { MaxLength = 64 },
        From("the entry was recorded"),
        To("the entry was recorded"),
        Enums<ConcernKind>("kind", "Only entries of concerns of these kinds."),
        new("eventType", QueryValue.Text, "Only entries of these event types (kebab-case, comma-separated).") { MaxLength = 2000 },
        new("concern", QueryValue.Text, "Only entries of this concern (its id, a GUID).") { MaxLength = 64 },
    ];

    public static IReadOnlyList<QueryParameterDefinition> For(QuerySet set) => set switch
    {
        QuerySet.WorkQueue =>
        [
            Enums<ConcernKind>("kind", "Only concerns of these kinds."),
            Enums<ConcernStatus>("status", "Only concerns in these statuses."),
            Enums<RiskLevel>("risk", "Only concerns at these risk levels."),
            Enums<LeadRole>("lead", "Only concerns led as these roles (roles the caller holds)."),
            new("assignee", QueryValue.Text, "Only concerns assigned to this member of staff (their id).") { MaxLength = RequestValidation.MisRefLength },
            From("the concern was raised"),
            To("the concern was raised"),
            Limit(),
            After,
        ],
        QuerySet.MisFeed =>
        [
            new("updatedSince", QueryValue.Instant, "Only concerns changed at or after this instant (ISO 8601 with an offset)."),
            Enums<ConcernStatus>("status", "Only concerns in these statuses."),
            Enums<ConcernKind>("kind", "Only concerns of these kinds."),
            Limit(),
            After,
        ],
        QuerySet.GovernorReport =>
        [
            From("of the period"),
            To("of the period (at most three years after from)"),
            new("format", QueryValue.Choice, "json, csv or html; without it, the Accept header decides.") { Choices = ["json", "csv", "html"], MaxLength = 10 },
        ],
        QuerySet.DirectorySearch =>
        [
            new("search", QueryValue.Text, "Part of a name or a MIS reference: every word must match.") { MaxLength = DirectorySearch.MaxTextLength, Required = true },
            Enums<PersonType>("type", "Only people of these types (learner, staff-member, supply-staff, volunteer, contractor, governor)."),
            Limit(DirectorySearch.MaxLimit, DirectorySearch.DefaultLimit),
        ],
        QuerySet.AuditTrail => [.. AuditFilters, Limit(), After],
        QuerySet.AuditExport => AuditFilters,
        QuerySet.AccessLog =>
        [
            new("actor", QueryValue.Text, "Only reads by this person (their id).") { MaxLength = 64 },
            new("resource", QueryValue.Text, "Only reads of this kind of resource (concern, learner-chronology, work-queue, ...).") { MaxLength = 64 },
            new("target", QueryValue.Text, "Only reads of this one thing (a concern id or a MIS reference).") { MaxLength = 64 },
            From("of the read"),
            To("of the read"),
            Limit(),
            After,
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(set)),
    };

    public static string[] Names(QuerySet set) => [.. For(set).Select(p => p.Name)];
}

/// <summary>The endpoint's query parameters are <see cref="QueryDefinitions.For"/> this set (read by the OpenAPI document).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class QueryParametersAttribute(QuerySet set) : Attribute
{
    public QuerySet Set { get; } = set;
}
