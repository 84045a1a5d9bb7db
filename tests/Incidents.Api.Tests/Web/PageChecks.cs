using System.Net;
using Incidents.Api.Audit.Access;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Api.Tests.Web;

/// <summary>What every page showing case data must do, checked the same way for each.</summary>
internal static class PageChecks
{
    /// <summary>No copy kept by a browser or proxy; nothing runs or loads but the app's own assets.</summary>
    public static void IsPrivateAndLockedDown(HttpResponseMessage response)
    {
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("script-src 'self'").And.Contain("style-src 'self'").And.NotContain("unsafe-inline");
    }

    /// <summary>The "not found" page, which tells the reader nothing about the thing asked for.</summary>
    public static async Task IsNotFound(HttpResponseMessage response, params string[] mustNotShow)
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.NotFound, html);
        html.Should().Contain("Page not found");
        foreach (var secret in mustNotShow)
        {
            html.Should().NotContain(secret);
        }
    }

    /// <summary>The reads of <paramref name="resource"/> (optionally of one target) by <paramref name="reader"/>, newest last.</summary>
    public static async Task<IReadOnlyList<ReadAccessRecord>> ReadsBy(ApiHost api, Actor reader, string resource, string? target = null)
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var reads = session.Query<ReadAccessRecord>().Where(r => r.Actor == reader.Id && r.Resource == resource);
        if (target is not null)
        {
            reads = reads.Where(r => r.Target == target);
        }

        return await reads.OrderBy(r => r.At).ToListAsync();
    }

    /// <summary>The address of a person's chronology page: by their opaque key, as the pages link to it.</summary>
    public static async Task<string> Chronology(ApiHost api, string kind, string misRef)
    {
        var keys = await api.Host.Services.GetRequiredService<Incidents.Api.Web.People.PersonLinks>().KeysForAsync([misRef], CancellationToken.None);
        return $"/chronologies/{kind}/{keys[misRef]}";
    }
}
