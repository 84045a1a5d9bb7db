using System.Net;
using Incidents.Api.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using WebSessionRecord = Incidents.Api.Web.SignIn.WebSessionRecord;

namespace Incidents.Api.Tests.Web;

/// <summary>A page session is the server's to end: a copy of the cookie is worth nothing once it has ended.</summary>
[Collection(WebCollection.Name)]
public sealed class WebSessionTests(WebHost web)
{
    private readonly ConcernsApi _api = new(web);

    [Fact]
    public async Task A_session_cookie_copied_before_signing_out_is_sent_to_sign_in_after_it()
    {
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);
        using var copy = WebSession.WithCookies(web, dsl.Cookies);
        (await copy.Get("/queue")).StatusCode.Should().Be(HttpStatusCode.OK, "the copy works while the session is open");

        (await dsl.Submit("/sign-out", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var after = await copy.Get("/queue");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.OriginalString.Should().Contain("/sign-in");
        await using var session = web.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Query<WebSessionRecord>().Where(r => r.Person == People.Dsl.Id && r.EndedBecause == "signed-out").AnyAsync())
            .Should().BeTrue("the session is ended on the server, not just forgotten by the browser");
    }

    [Fact]
    public async Task The_session_of_someone_the_directory_says_has_left_is_refused()
    {
        using var leaver = await WebSession.SignIn(web, WebHost.Leaver.Id);
        (await leaver.Get("/concerns/mine")).StatusCode.Should().Be(HttpStatusCode.OK);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var pushed = await _api.Post(People.Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[]
            {
                new { misRef = WebHost.Leaver.Id, type = "staff-member", givenName = "Leaving", familyName = "Teacher", role = "Class teacher", startDate = "2018-09-01", leavingDate = yesterday },
            },
        });
        pushed.IsSuccessStatusCode.Should().BeTrue(await pushed.Content.ReadAsStringAsync());

        var after = await leaver.Get("/concerns/mine");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.OriginalString.Should().Contain("/sign-in");
    }
}
