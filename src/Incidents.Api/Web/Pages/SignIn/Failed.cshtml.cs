using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.SignIn;

/// <summary>Where a refused or failed sign-in with the school's provider ends; the reason is in the service's log.</summary>
public sealed class SignInFailedModel : PageModel
{
    public void OnGet()
    {
    }
}
