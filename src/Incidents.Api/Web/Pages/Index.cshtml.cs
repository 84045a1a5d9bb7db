using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
