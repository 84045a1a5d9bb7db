using Incidents.Api.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.SignIn;

public sealed class SignOutModel(IAuthenticationSchemeProvider schemes) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>Ends the session here and, when the school's provider signed the person in, there too.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await schemes.GetSchemeAsync(WebOpenIdConnect.Scheme) is not null && User.Identity?.IsAuthenticated == true
            && User.FindFirst(WebOpenIdConnect.SignedInWithProviderClaim) is not null)
        {
            return SignOut(new AuthenticationProperties { RedirectUri = "/sign-out" }, WebSignIn.CookieScheme, WebOpenIdConnect.Scheme);
        }

        await HttpContext.SignOutAsync(WebSignIn.CookieScheme);
        return RedirectToPage();
    }
}
