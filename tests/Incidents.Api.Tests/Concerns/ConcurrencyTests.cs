using System.Net;
using Incidents.Api.Tests.Support;

namespace Incidents.Api.Tests.Concerns;

[Collection(ApiCollection.Name)]
public sealed class ConcurrencyTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task Commands_racing_on_one_concern_are_each_either_recorded_or_refused_with_409_never_lost_or_500()
    {
        var id = await _concerns.Raise(People.Teacher);
        var when = DateTimeOffset.UtcNow.AddMinutes(-1);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes", new { note = $"note {i}", occurredAt = when })));

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict);
        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        accepted.Should().BeGreaterThan(0);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            conflict.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        var concern = await _concerns.Read(People.Dsl, id);
        concern["entries"]!.AsArray().Should().HaveCount(accepted);
        concern["version"]!.GetValue<long>().Should().Be(1 + accepted);
    }
}
