using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages;

/// <summary>
/// Not found, and also what someone sees who may not see a case: they learn nothing about it. Shown too for any
/// other error status of a page (a form sent without its antiforgery token), keeping that status.
/// A request refused as malformed (400) gets this page whether or not anyone is signed in (the sign-in page's own
/// refusals included); anything else still asks a stranger to sign in first, as every page does.
/// </summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken] // a failed post is re-executed here as a post; this page changes nothing
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class NotFoundModel : PageModel
{
    public int Status { get; private set; } = StatusCodes.Status404NotFound;

    public IActionResult OnGet()
    {
        Status = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null ? Response.StatusCode : StatusCodes.Status404NotFound;
        if (Status != StatusCodes.Status400BadRequest && User.Identity?.IsAuthenticated != true)
        {
            return Challenge(Web.SignIn.WebSignIn.CookieScheme);
        }

        Response.StatusCode = Status;
        return Page();
    }

    public IActionResult OnPost() => OnGet();
}
