using Microsoft.AspNetCore.WebUtilities;

namespace Incidents.Api.Web.Pages.Audit;

/// <summary>
/// Keyset paging for an audit page: the first page and the next one (the API's cursor), each keeping the filter.
/// </summary>
public sealed record PagesView(string Path, IQueryCollection Query, string? NextCursor, string Label)
{
    public bool OnFirstPage => string.IsNullOrEmpty(Query["after"]);

    public string First => Link(null);

    public string? Next => NextCursor is null ? null : Link(NextCursor);

    private string Link(string? after)
    {
        var query = Query.Where(q => q.Key != "after" && q.Value.ToString().Length > 0).Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())).ToList();
        if (after is not null)
        {
            query.Add(KeyValuePair.Create("after", (string?)after));
        }

        return QueryHelpers.AddQueryString(Path, query);
    }
}
