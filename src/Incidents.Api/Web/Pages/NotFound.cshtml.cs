using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages;

/// <summary>
/// Not found, and also what someone sees who may not see a case: they learn nothing about it. Shown too for any
/// other error status of a page (a form sent without its antiforgery token), keeping that status.
/// </summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken] // a failed post is re-executed here as a post; this page changes nothing
public sealed class NotFoundModel : PageModel
{
    public int Status { get; private set; } = StatusCodes.Status404NotFound;

    public void OnGet()
    {
        Status = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null ? Response.StatusCode : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
    }

    public void OnPost() => OnGet();
}
