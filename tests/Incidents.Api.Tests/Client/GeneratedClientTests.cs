using Incidents.Api.Tests.Client.Generated;
using Incidents.Api.Tests.Support;

namespace Incidents.Api.Tests.Client;

/// <summary>
/// A client generated from the OpenAPI document (NSwag, at build time, from <c>Client/openapi.json</c>), used as a
/// client developer would: it raises concerns, retries a raise, reads and acts on cases, pages the MIS feed and reads the
/// work queue, all through the document's own operations, parameters and types. Every answer about a case is one of
/// the read-level views (<c>ConcernReadView</c>), each deserialised into its own type by its <c>view</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class GeneratedClientTests(ApiHost api)
{
    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddHours(-2);
    private const string AllegedAdult = "staff-teacher-17";

    private static RaiseConcernRequest Raise(params SubjectRequest[] subjects) => new()
    {
        Kind = ConcernKind.Cyberbullying,
        Summary = "Messages about a Year 6 pupil in a group chat",
        Subjects = subjects,
        OccurredAt = When,
    };

    private static SubjectRequest Learner(string misRef) => new() { MisRef = misRef, Type = PersonType.Learner, Involvement = Involvement.Affected };

    private (HttpClient Http, IncidentsClient Client) ClientFor(Incidents.Domain.Identity.Actor actor, string? idempotencyKey = null)
    {
        var http = api.ClientFor(actor);
        if (idempotencyKey is not null)
        {
            http.DefaultRequestHeaders.Add("Idempotency-Key", idempotencyKey);
        }

        return (http, new IncidentsClient(http));
    }

    [Fact]
    public async Task A_client_generated_from_the_document_raises_a_concern_retries_it_pages_the_feed_and_reads_the_queue()
    {
        var (dslHttp, dsl) = ClientFor(People.Dsl, Guid.NewGuid().ToString());
        using var _ = dslHttp;
        var request = Raise(Learner("GEN-L1"));

        var raised = (await dsl.RaiseConcernAsync(request)).Should().BeOfType<ConcernView>("the DSL handles the case: the whole case").Subject;
        var retried = (await dsl.RaiseConcernAsync(request)).Should().BeOfType<ConcernView>("a retry (200) answers as the raise did").Subject;

        raised.Id.Should().NotBeEmpty();
        raised.Kind.Should().Be(ConcernKind.Cyberbullying);
        raised.Subjects.Select(s => s.MisRef).Should().Equal("GEN-L1");
        retried.Id.Should().Be(raised.Id, "a retry with the same key answers the case it raised");
        retried.Version.Should().Be(raised.Version);

        // The feed carries only the cases the MIS raised itself: the MIS raises one through the client too.
        var (misHttp, mis) = ClientFor(People.Mis);
        using var __ = misHttp;
        var misRaised = (await mis.RaiseConcernAsync(Raise(Learner("GEN-L2")))).Should().BeOfType<ConcernSyncView>().Subject.Id;
        await api.ProjectionsCaughtUp();
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

    [Fact]
    public async Task The_MIS_raising_through_the_generated_client_gets_its_synchronisation_view_typed_on_the_raise_and_its_retry()
    {
        var (http, mis) = ClientFor(People.Mis, Guid.NewGuid().ToString());
        using var _ = http;
        var request = Raise(Learner("GEN-L3"));

        var raised = (await mis.RaiseConcernAsync(request)).Should().BeOfType<ConcernSyncView>("the MIS reads a case it raised at the sync level").Subject;
        var retried = (await mis.RaiseConcernAsync(request)).Should().BeOfType<ConcernSyncView>("the idempotent retry (200) answers the same view").Subject;
        var read = (await mis.GetConcernAsync(raised.Id)).Should().BeOfType<ConcernSyncView>().Subject;

        raised.Id.Should().NotBeEmpty();
        raised.Kind.Should().Be(ConcernKind.Cyberbullying);
        raised.Status.Should().Be(ConcernStatus.Raised);
        raised.Lead.Should().Be(LeadRole.Dsl);
        raised.Subjects.Select(s => s.MisRef).Should().Equal("GEN-L3");
        retried.Id.Should().Be(raised.Id);
        retried.Version.Should().Be(raised.Version);
        read.Id.Should().Be(raised.Id);
        read.Version.Should().Be(raised.Version);
    }

    [Fact]
    public async Task A_class_teacher_raising_through_the_generated_client_gets_the_status_view_and_reads_it_again_so()
    {
        var (http, teacher) = ClientFor(People.Teacher);
        using var _ = http;

        var raised = (await teacher.RaiseConcernAsync(Raise(Learner("GEN-L4")))).Should().BeOfType<ConcernStatusView>(
            "a member of staff follows the status of what they raised, not its route").Subject;
        var read = (await teacher.GetConcernAsync(raised.Id)).Should().BeOfType<ConcernStatusView>().Subject;

        raised.Kind.Should().Be(ConcernKind.Cyberbullying);
        raised.Status.Should().Be(ConcernStatus.Raised);
        raised.Closed.Should().BeFalse();
        read.Id.Should().Be(raised.Id);
    }

    [Fact]
    public async Task The_DSL_reads_and_acts_on_the_childs_side_of_an_allegation_the_headteacher_leads_through_the_generated_client()
    {
        var (teacherHttp, teacher) = ClientFor(People.Teacher);
        using var _ = teacherHttp;
        var raised = await teacher.RaiseConcernAsync(Raise(
            new SubjectRequest { MisRef = AllegedAdult, Type = PersonType.StaffMember, Involvement = Involvement.Alleged },
            Learner("GEN-L5")));
        var id = raised.Should().BeOfType<ConcernStatusView>().Subject.Id;

        var (dslHttp, dsl) = ClientFor(People.Dsl);
        using var __ = dslHttp;
        var childSide = (await dsl.GetConcernAsync(id)).Should().BeOfType<ChildSideView>(
            "the DSL reads the children on an allegation the headteacher leads, not the allegation").Subject;
        childSide.Allegation.Should().BeTrue();
        childSide.CaseManager.Should().Be(LeadRole.Headteacher);
        childSide.Learners.Select(l => l.MisRef).Should().Equal("GEN-L5");

        var supported = await dsl.RecordActionAsync(id, new RecordActionRequest
        {
            Type = ActionType.SupportOffered,
            SubjectMisRef = "GEN-L5",
            Details = "Daily check-in with the pastoral lead",
            OccurredAt = When,
        });
        var afterSupport = supported.Should().BeOfType<ChildSideView>("a command answers at the sender's read level").Subject;
        afterSupport.ChildEntries.Should().ContainSingle();
        afterSupport.Version.Should().Be(childSide.Version + 1);

        var (headHttp, headteacher) = ClientFor(People.Headteacher);
        using var ___ = headHttp;
        var whole = (await headteacher.GetConcernAsync(id)).Should().BeOfType<ConcernView>("the case manager reads the whole case").Subject;
        whole.Lead.Role.Should().Be(LeadRole.Headteacher);
        whole.Subjects.Select(s => s.MisRef).Should().Contain(AllegedAdult);
    }
}
