using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Filtering;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Filtering;

public sealed record FilteringCategoryRow(string Category, ConcernKind Kind, string Reason);

/// <summary>The table as the DSL reads it, with what an unlisted category becomes and the windows in force.</summary>
/// <param name="Providers">The providers configured (names only; never their secrets).</param>
public sealed record FilteringCategoriesView(
    string Version,
    IReadOnlyList<FilteringCategoryRow> Categories,
    ConcernKind Unmapped,
    string UnmappedReason,
    TimeSpan RepeatWindow,
    TimeSpan ReplayWindow,
    IReadOnlyList<string> Providers)
{
    public static FilteringCategoriesView Of(FilteringCategoryTable table, FilteringOptions options) => new(
        table.Version,
        [.. table.Rules.Select(r => new FilteringCategoryRow(r.Category, r.Kind, r.Reason))],
        FilteringCategoryTable.Unmapped,
        FilteringCategoryTable.UnmappedReason,
        options.RepeatWindow,
        options.ReplayWindow,
        [.. options.Providers.Keys.Order(StringComparer.Ordinal)]);
}

public static class GetFilteringCategoriesEndpoint
{
    /// <summary>
    /// The filtering provider's categories and the kind of concern each becomes (versioned, like the routing table); a
    /// category not listed becomes a filtering breach. With the repeat window and the providers configured. The DSL and
    /// the deputies.
    /// </summary>
    [WolverineGet("/api/filtering/categories", Name = "GetFilteringCategories"), Tags("Filtering"), AuthorizeFor(RoleSet.Dsls)]
    [ProducesResponseType<FilteringCategoriesView>(StatusCodes.Status200OK)]
    public static FilteringCategoriesView Get(FilteringOptions options) => FilteringCategoriesView.Of(FilteringCategoryTable.Default, options);
}
