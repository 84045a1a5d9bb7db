using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.PeopleDirectory;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using Microsoft.AspNetCore.Hosting;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>A school with a vice-chair of governors named (<c>School:ViceChairOfGovernorsMisRef</c>).</summary>
public sealed class ViceChairHost : ApiHost
{
    public const string ViceChairMisRef = "gov-vice-1";

    protected override string DatabasePrefix => "vicechair";

    protected override void Configure(IWebHostBuilder web) => web.UseSetting("School:ViceChairOfGovernorsMisRef", ViceChairMisRef);
}

[CollectionDefinition(Name)]
public sealed class ViceChairCollection : ICollectionFixture<ViceChairHost>
{
    public const string Name = "vice-chair";
}

/// <summary>
/// Who manages a case when the usual case manager cannot, over HTTP: the vice-chair (by the school's setting, their
/// token holding only the governor role), and the case manager the LADO appoints to a case gone to the LADO directly.
/// </summary>
[Collection(ViceChairCollection.Name)]
public sealed class CaseManagerOverHttpTests(ViceChairHost api)
{
    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-30);

    private readonly ConcernsApi _concerns = new(api);

    private static readonly Actor ViceChair = new(ViceChairHost.ViceChairMisRef, "Vice-chair", new HashSet<Role> { Role.Governor });

    /// <summary>A governor the LADO appoints: in the directory, holding only the governor role.</summary>
    private static readonly Actor Appointee = new("gov-appointed-1", "Appointed Governor", new HashSet<Role> { Role.Governor });

    private static object AboutHeadAndChair(string learner, params object[] others) => RaiseRequest("staff-misconduct",
        [Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"), Subject(ApiHost.ChairOfGovernorsMisRef, "governor", "alleged"), Subject(learner), .. others]);

    private async Task<(HttpStatusCode Status, JsonNode Body)> Queue(Actor actor)
    {
        var response = await _concerns.Get(actor, "/api/queue?limit=200");
        return (response.StatusCode, await Json(response));
    }

    private static IEnumerable<Guid> Ids(JsonNode queue) => queue["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>());

    [Fact]
    public async Task The_vice_chair_finds_the_case_they_manage_on_their_work_queue_and_acts_on_it_and_no_other_governor_gains_anything()
    {
        var id = await _concerns.Raise(People.Dsl, AboutHeadAndChair("L-VC1"));
        var other = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-VC2")));
        await api.ProjectionsCaughtUp();

        var (status, queue) = await Queue(ViceChair);
        status.Should().Be(HttpStatusCode.OK, queue.ToJsonString());
        Ids(queue).Should().Contain(id).And.NotContain(other, "only the cases they manage");
        (await _concerns.Read(ViceChair, id))["summary"].Should().NotBeNull("the vice-chair reads the whole case");
        await _concerns.Command(ViceChair, id, "triage", new { risk = "high", decision = "investigate", rationale = "Messages", occurredAt = When });

        (await Queue(People.Governor)).Status.Should().Be(HttpStatusCode.Forbidden, "another governor has no work queue");
        (await _concerns.Get(People.Governor, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await _concerns.Command(People.Governor, id, "notes", new { note = "x", occurredAt = When }, HttpStatusCode.NotFound);
        (await Queue(People.Teacher)).Status.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(People.Headteacher, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(People.ChairOfGovernors, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_DSL_records_the_case_manager_the_LADO_appointed_who_then_manages_the_case_to_closed()
    {
        (await _concerns.Post(People.Mis, "/api/directory/batches",
            new { mode = "changes", people = new[] { DirectoryTests.Staff(Appointee.Id, "Appointed", "Governor"), DirectoryTests.Learner("L-CM1", "Ada", "Quince") } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        // The vice-chair is on it too, so nobody in the school may manage it: it went to the LADO directly.
        var id = await _concerns.Raise(People.Dsl, AboutHeadAndChair("L-CM1", Subject(ViceChairHost.ViceChairMisRef, "governor", "witness")));
        (await _concerns.Get(Appointee, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Waiting for its case manager, it is on the DSL's queue at the child's side: the children, never who is alleged.
        await api.ProjectionsCaughtUp();
        var waiting = (await Queue(People.Dsl)).Body["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!;
        waiting["subjects"]!.AsArray().Select(s => s!["misRef"]!.GetValue<string>()).Should().Equal("L-CM1");

        object Appoint(string misRef) => new { misRef, appointedBy = "LADO duty officer (J. Patel)", reason = "The governing body asked", occurredAt = When };
        (await _concerns.Command(People.Dsl, id, "case-manager", Appoint("nobody-listed-9"), HttpStatusCode.UnprocessableEntity))["rule"]!.GetValue<string>()
            .Should().Be("case-manager-must-be-adult-in-directory");
        (await _concerns.Command(People.Dsl, id, "case-manager", Appoint("L-CM1"), HttpStatusCode.UnprocessableEntity))["rule"]!.GetValue<string>()
            .Should().Be("subject-cannot-lead");
        await _concerns.Command(People.Teacher, id, "case-manager", Appoint(Appointee.Id), HttpStatusCode.NotFound);
        await _concerns.Command(People.Dsl, id, "case-manager", Appoint(Appointee.Id));

        await api.ProjectionsCaughtUp();
        var (status, queue) = await Queue(Appointee);
        status.Should().Be(HttpStatusCode.OK, queue.ToJsonString());
        Ids(queue).Should().Contain(id);
        (await Queue(People.Governor)).Status.Should().Be(HttpStatusCode.Forbidden, "another governor gains nothing");
        Ids((await Queue(People.Dsl)).Body).Should().NotContain(id, "it has its case manager now");
        (await _concerns.Read(Appointee, id))["summary"].Should().NotBeNull("the appointed case manager reads the whole case");

        await _concerns.Command(Appointee, id, "triage", new { risk = "high", decision = "no-further-action", rationale = "LADO's advice", occurredAt = When });
        await _concerns.Command(Appointee, id, "lado-consultation", new { officer = "J. Patel", advice = "No further action", occurredAt = When });
        await _concerns.Command(Appointee, id, "referral-decision", new { decision = "do-not-refer", rationale = "LADO advised", occurredAt = When });
        await _concerns.Command(Appointee, id, "actions", new { type = "parents-informed", subjectMisRef = "L-CM1", details = "Met mother", occurredAt = When });
        var closed = await _concerns.Command(Appointee, id, "close", new { rationale = "On the LADO's advice", occurredAt = When });

        closed["status"]!.GetValue<string>().Should().Be("closed");
        foreach (var shutOut in new[] { People.Headteacher, People.ChairOfGovernors, ViceChair })
        {
            (await _concerns.Get(shutOut, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, shutOut.Id);
        }
    }
}
