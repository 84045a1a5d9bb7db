using Incidents.Api.Filtering;
using Incidents.Domain.Filtering;
using Incidents.Domain.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Filtering;

/// <summary>
/// The filtering provider's categories as the DSL reads them: what each becomes, what an unlisted one becomes, when a
/// repeat joins, which providers send alerts. The same view as <c>GET /api/filtering/categories</c>.
/// </summary>
public sealed class IndexModel(FilteringOptions options) : PageModel
{
    public FilteringCategoriesView Table { get; private set; } = null!;

    public IActionResult OnGet()
    {
        if (!new WebUser(User).Actor.In(RoleSet.Dsls))
        {
            return NotFound();
        }

        Table = FilteringCategoriesView.Of(FilteringCategoryTable.Default, options);
        return Page();
    }
}
