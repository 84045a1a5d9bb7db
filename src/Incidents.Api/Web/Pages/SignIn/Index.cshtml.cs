using Incidents.Api.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.SignIn;

/// <summary>
/// Signing in. With the school's OpenID Connect provider configured, the provider's page; in Development only, a
/// list of demonstration people (never offered in Production, whatever the settings say); the benchmark's
/// environment offers its own DSL the same way, to read the pages under load.
/// </summary>
public sealed class SignInModel(WebOptions options, IHostEnvironment environment, IAuthenticationSchemeProvider schemes) : PageModel
{
    public IReadOnlyList<DemonstrationPerson> People => environment.IsDevelopment() || environment.IsEnvironment("Benchmark") ? options.DevelopmentPeople : [];

    public string ReturnUrl { get; private set; } = "/";

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        if (!Returnable(returnUrl))
        {
            return BadRequest();
        }

        ReturnUrl = LocalOrHome(returnUrl);
        if (People.Count == 0 && await schemes.GetSchemeAsync(WebOpenIdConnect.Scheme) is not null)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }, WebOpenIdConnect.Scheme);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? person, bool singleFactor, string? returnUrl)
    {
        if (!Returnable(returnUrl))
        {
            return BadRequest();
        }

        ReturnUrl = LocalOrHome(returnUrl);
        if (People.FirstOrDefault(p => p.Sub == person) is not { } chosen)
        {
            if (People.Count == 0)
            {
                return NotFound();
            }

            Problem = "Choose who you are signing in as";
            ViewData["HasErrors"] = true;
            return Page();
        }

        await HttpContext.SignInAsync(WebSignIn.CookieScheme, WebSignIn.Principal(chosen.Sub, chosen.Name, chosen.Roles, multiFactor: !singleFactor));
        return LocalRedirect(ReturnUrl);
    }

    /// <summary>
    /// Where to go back to becomes the Location header, which carries printable ASCII only: anything else (a non-ASCII
    /// character, which the pages' own addresses never hold) is refused with the 400 page rather than a 500.
    /// </summary>
    private static bool Returnable(string? returnUrl) => returnUrl is null || Infrastructure.Security.RequestCharacters.IsPrintableAscii(returnUrl);

    private string LocalOrHome(string? returnUrl) => returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
