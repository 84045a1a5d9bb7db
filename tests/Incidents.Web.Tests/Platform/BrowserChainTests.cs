using Incidents.Api.Infrastructure.OpenApi;
using Incidents.Web.Tests.Support;

namespace Incidents.Web.Tests.Platform;

/// <summary>The chain every browser test stands on: Chromium reaches the service over a socket, and axe-core runs in it.</summary>
public sealed class BrowserChainTests(WebApp app) : BrowserTest(app)
{
    [Fact]
    public async Task The_API_reference_opens_in_a_browser_from_the_service()
    {
        var page = await NewPage(Viewport.Desktop);

        var response = await page.GotoAsync("/docs");

        response!.Status.Should().Be(200);
        // Rendered by the reference's own script from the service's OpenAPI document: the whole chain worked.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = ServiceDescription.Title, Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_service_answers_the_browser_that_it_is_live()
    {
        var page = await NewPage(Viewport.Phone);

        var response = await page.GotoAsync("/health/live");

        response!.Status.Should().Be(200);
        (await page.Locator("body").InnerTextAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task The_accessibility_check_fails_on_a_page_an_unsighted_person_could_not_use()
    {
        var page = await NewPage(Viewport.Phone);
        await page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Broken</title></head>
            <body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>
            """);

        var check = () => AssertAccessible(page);

        (await check.Should().ThrowAsync<Exception>())
            .Which.Message.Should().Contain("image-alt").And.Contain("label").And.Contain("<img");
    }
}
