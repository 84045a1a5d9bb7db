using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages;

/// <summary>Not found, and also what someone sees who may not see a case: they learn nothing about it.</summary>
public sealed class NotFoundModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
