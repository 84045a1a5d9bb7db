using Incidents.Api.Tests.Client.Generated;
using Incidents.Api.Tests.Support;

namespace Incidents.Api.Tests.Client;

/// <summary>
/// A client generated from the OpenAPI document (NSwag, at build time, from <c>Client/openapi.json</c>), used as a
/// client developer would: it raises a concern, retries the raise, pages the MIS feed and reads the work queue, all
/// through the document's own operations, parameters and types.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class GeneratedClientTests(ApiHost api)
{
    [Fact]
    public async Task A_client_generated_from_the_document_raises_a_concern_retries_it_pages_the_feed_and_reads_the_queue()
    {
        var key = Guid.NewGuid().ToString();
        using var dslHttp = api.ClientFor(People.Dsl);
        dslHttp.DefaultRequestHeaders.Add("Idempotency-Key", key);
        var dsl = new IncidentsClient(dslHttp);
        var request = new RaiseConcernRequest
        {
            Kind = ConcernKind.Cyberbullying,
            Summary = "Messages about a Year 6 pupil in a group chat",
            Subjects = [new SubjectRequest { MisRef = "GEN-L1", Type = PersonType.Learner, Involvement = Involvement.Affected }],
            OccurredAt = DateTimeOffset.UtcNow.AddHours(-2),
        };

        var raised = await dsl.RaiseConcernAsync(request);
        var retried = await dsl.RaiseConcernAsync(request); // the same Idempotency-Key: the 200 answers the same case

        raised.Id.Should().NotBeEmpty();
        raised.Kind.Should().Be(ConcernKind.Cyberbullying);
        retried.Id.Should().Be(raised.Id, "a retry with the same key answers the case it raised, typed as the case");
        retried.Version.Should().Be(raised.Version);

        // The feed carries only the cases the MIS raised itself: one raised by the MIS, over plain HTTP (its answer is
        // the synchronisation view, which the document does not yet describe as a second shape: docs/api.md).
        var misRaised = await new ConcernsApi(api).Raise(People.Mis, ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("GEN-L2")));
        await api.ProjectionsCaughtUp();
        using var misHttp = api.ClientFor(People.Mis);
        var mis = new IncidentsClient(misHttp);
        var seen = new List<Guid>();
        string? after = null;
        for (var page = 0; page < 500 && !seen.Contains(misRaised); page++)
        {
            var feed = await mis.ListConcernsForSyncAsync(limit: 2, after: after);
            seen.AddRange(feed.Items.Select(i => i.Id));
            after = feed.NextCursor;
            if (!feed.HasMore)
            {
                break;
            }
        }

        seen.Should().Contain(misRaised, "paging the feed two at a time with its cursor reaches the case the MIS raised");
        seen.Should().OnlyHaveUniqueItems();

        var queue = await dsl.GetWorkQueueAsync(kind: "cyberbullying", limit: 200);
        queue.Items.Select(i => i.Id).Should().Contain(raised.Id);
        var refused = async () => await dsl.GetWorkQueueAsync(limit: 201);
        (await refused.Should().ThrowAsync<ApiException>()).Which.StatusCode.Should().Be(400, "the document's limit is the service's");
    }
}
