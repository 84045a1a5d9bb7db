using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>
/// Allegations follow the adult, the child stays with the DSL (issue 17): the allegations routes over HTTP, each
/// refusal a problem with its rule code and the right status, changing nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AllegationsOverHttpTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);
    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-20);
    private const string Adult = "staff-teacher-17";

    private Task<Guid> Allegation(string kind, string learner) =>
        _concerns.Raise(People.Teacher, RaiseRequest(kind, Subject(Adult, "staff-member", "alleged"), Subject(learner)));

    [Theory]
    [InlineData("cyberbullying")]
    [InlineData("illegal-content")]
    [InlineData("online-abuse-or-exploitation")]
    [InlineData("inappropriate-use")]
    public async Task Any_kind_naming_a_member_of_staff_as_alleged_is_managed_by_the_headteacher_with_the_LADO_and_a_referral_decision(string kind)
    {
        var id = await Allegation(kind, "L-17001");

        var view = await _concerns.Read(People.Headteacher, id);
        view["route"]!["category"]!.GetValue<string>().Should().Be("allegation");
        view["lead"]!["role"]!.GetValue<string>().Should().Be("headteacher");
        view["route"]!["managedUnder"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Contain("allegations-against-staff");
        view["outstandingBeforeClosure"]!.AsArray().Select(x => x!.GetValue<string>())
            .Should().Contain(["lado-consultation-required", "referral-decision-required", "parents-informed-decision-required"]);

        // The DSL does not lead it, and the MIS never learns of it.
        (await _concerns.Command(People.Dsl, id, "triage", new { risk = "high", decision = "investigate", rationale = "x", occurredAt = When }, HttpStatusCode.Forbidden))
            ["rule"]!.GetValue<string>().Should().Be("not-case-handler");
        (await _concerns.Get(People.Mis, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(new Actor(Adult, "The teacher alleged", new HashSet<Role> { Role.Staff, Role.Dsl }), $"/api/concerns/{id}"))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_case_manager_records_the_LADO_consultation_which_closing_requires_and_nobody_else_may()
    {
        var id = await Allegation("staff-misconduct", "L-17101");
        await _concerns.Command(People.Headteacher, id, "triage", new { risk = "medium", decision = "no-further-action", rationale = "Posts removed", occurredAt = When });
        await _concerns.Command(People.Headteacher, id, "referral-decision", new { decision = "do-not-refer", rationale = "LADO advised it is below threshold", occurredAt = When });
        await _concerns.Command(People.Headteacher, id, "actions", new { type = "parents-informed", subjectMisRef = "L-17101", details = "Met parents", occurredAt = When });

        var noLado = await _concerns.Command(People.Headteacher, id, "close", new { rationale = "Managed in school", occurredAt = When }, HttpStatusCode.UnprocessableEntity);
        noLado["rule"]!.GetValue<string>().Should().Be("lado-consultation-required");

        var byDsl = await _concerns.Command(People.Dsl, id, "lado-consultation", Lado(), HttpStatusCode.Forbidden);
        byDsl["rule"]!.GetValue<string>().Should().Be("not-case-handler");
        (await _concerns.Post(People.Leadership, $"/api/concerns/{id}/lado-consultation", Lado())).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var noOfficer = await _concerns.Command(People.Headteacher, id, "lado-consultation", new { advice = "Manage in school", occurredAt = When }, HttpStatusCode.BadRequest);
        noOfficer["errors"]!["officer"].Should().NotBeNull();
        (await _concerns.Read(People.Headteacher, id))["ladoConsultation"].Should().BeNull("no refusal changed anything");

        var consulted = await _concerns.Command(People.Headteacher, id, "lado-consultation", Lado());
        consulted["ladoConsultation"]!["officer"]!.GetValue<string>().Should().Be("LADO duty officer");
        consulted["ladoConsultation"]!["by"]!["id"]!.GetValue<string>().Should().Be(People.Headteacher.Id);

        var closed = await _concerns.Command(People.Headteacher, id, "close", new { rationale = "Managed in school", occurredAt = When });
        closed["closure"]!["outcome"]!.GetValue<string>().Should().Be("no-further-action");
    }

    [Fact]
    public async Task A_LADO_consultation_or_sharing_with_the_DSL_on_a_learners_case_is_refused_as_not_an_allegation()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-17201")));

        (await _concerns.Command(People.Dsl, id, "lado-consultation", Lado(), HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("lado-is-for-allegations");
        (await _concerns.Command(People.Dsl, id, "share-with-dsl", new { reason = "x", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("sharing-is-for-allegations");
        (await _concerns.Read(People.Dsl, id))["version"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task The_DSL_keeps_the_childs_side_records_support_and_parents_for_the_child_and_sees_the_allegation_only_once_shared()
    {
        var id = await Allegation("cyberbullying", "L-17301");
        await _concerns.Command(People.Headteacher, id, "notes", new { note = "Spoke to the teacher about the messages", occurredAt = When });

        // The child's side: that the child is in an allegations case and who manages it, not the allegation.
        var childSide = await _concerns.Read(People.Dsl, id);
        childSide.AsObject().Select(p => p.Key).Should().BeEquivalentTo(
            ["view", "id", "version", "allegation", "caseManager", "closed", "learners", "parentsDecisions", "childEntries", "corrections"]);
        childSide["view"]!.GetValue<string>().Should().Be("child-side");
        childSide["allegation"]!.GetValue<bool>().Should().BeTrue();
        childSide["caseManager"]!.GetValue<string>().Should().Be("headteacher");
        childSide["learners"]!.AsArray().Select(l => l!["misRef"]!.GetValue<string>()).Should().Equal("L-17301");
        ShowsNothingOfTheAllegation(childSide);
        (await _concerns.Get(People.Dsl, $"/api/concerns/{id}/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // The DSL records support and the parents' decision for the child; the answer is the child's side too.
        var supported = await _concerns.Command(People.Dsl, id, "actions", new { type = "support-offered", subjectMisRef = "L-17301", details = "Daily check-in with the pastoral lead", occurredAt = When });
        ShowsNothingOfTheAllegation(supported);
        supported["childEntries"]!.AsArray().Should().ContainSingle();
        await _concerns.Command(People.DeputyDsl, id, "actions", new { type = "parents-informed", subjectMisRef = "L-17301", details = "Phoned mother", occurredAt = When });

        // Only for a learner on the case, and only the child's side.
        (await _concerns.Command(People.Dsl, id, "actions", new { type = "support-offered", subjectMisRef = Adult, details = "x", occurredAt = When }, HttpStatusCode.Forbidden))
            ["rule"]!.GetValue<string>().Should().Be("child-side-is-for-learners");
        (await _concerns.Command(People.Dsl, id, "actions", new { type = "support-offered", subjectMisRef = "L-99999", details = "x", occurredAt = When }, HttpStatusCode.Forbidden))
            ["rule"]!.GetValue<string>().Should().Be("child-side-is-for-learners");
        (await _concerns.Command(People.Dsl, id, "actions", new { type = "sanction-applied", sanction = "learner-behaviour-sanction", subjectMisRef = "L-17301", details = "x", occurredAt = When }, HttpStatusCode.Forbidden))
            ["rule"]!.GetValue<string>().Should().Be("not-case-handler");
        (await _concerns.Command(People.Dsl, id, "notes", new { note = "x", occurredAt = When }, HttpStatusCode.Forbidden))
            ["rule"]!.GetValue<string>().Should().Be("not-case-handler");

        var afterwards = await _concerns.Read(People.Dsl, id);
        afterwards["childEntries"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().Equal("support-offered", "parents-informed");
        afterwards["parentsDecisions"]!.AsArray().Should().ContainSingle(d => d!["learnerMisRef"]!.GetValue<string>() == "L-17301");
        ShowsNothingOfTheAllegation(afterwards);

        // The case manager sees what the DSL recorded, and the parents' decision counts towards closing.
        var asManager = await _concerns.Read(People.Headteacher, id);
        asManager["entries"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().Equal("note", "support-offered", "parents-informed");
        asManager["outstandingBeforeClosure"]!.AsArray().Select(x => x!.GetValue<string>()).Should().NotContain("parents-informed-decision-required");

        // Once the case manager shares it, the DSL reads the whole case; sharing twice is refused.
        (await _concerns.Command(People.Dsl, id, "share-with-dsl", new { reason = "x", occurredAt = When }, HttpStatusCode.Forbidden))
            ["rule"]!.GetValue<string>().Should().Be("not-case-handler");
        var shared = await _concerns.Command(People.Headteacher, id, "share-with-dsl", new { reason = "The DSL leads the child's support plan", occurredAt = When });
        shared["sharedWithDsl"]!.GetValue<bool>().Should().BeTrue();
        (await _concerns.Read(People.Dsl, id))["summary"]!.GetValue<string>().Should().Be("Hurtful messages about a learner in a class group chat");
        (await _concerns.Command(People.Headteacher, id, "share-with-dsl", new { reason = "again", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("already-shared-with-dsl");
    }

    [Fact]
    public async Task A_retried_child_side_command_replays_the_childs_side_not_the_allegation()
    {
        var id = await Allegation("cyberbullying", "L-17401");
        var support = new { type = "support-offered", subjectMisRef = "L-17401", details = "Time with the learning mentor", occurredAt = When };
        var key = Guid.NewGuid().ToString();

        var first = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/actions", support, r => r.Headers.Add("Idempotency-Key", key));
        var retry = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/actions", support, r => r.Headers.Add("Idempotency-Key", key));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.Headers.GetValues("Idempotent-Replay").Should().Equal("true");
        ShowsNothingOfTheAllegation(await Json(retry));
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_child_named_later_on_an_allegation_is_the_DSLs_to_support_and_the_adult_added_in_error_is_removed_back_to_the_DSL()
    {
        // A learner's case: the DSL adds a member of staff as alleged, which makes it an allegation for the headteacher.
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-17501")));
        var rerouted = await _concerns.Command(People.Dsl, id, "subjects", new { subjects = new[] { Subject(Adult, "staff-member", "alleged") }, occurredAt = When });
        ShowsNothingOfTheAllegation(rerouted);
        (await _concerns.Read(People.Headteacher, id))["lead"]!["role"]!.GetValue<string>().Should().Be("headteacher");

        // The adult was named in error: the case manager removes them and the case goes back to the DSL.
        var back = await _concerns.Command(People.Headteacher, id, "subject-removals", new { subject = Subject(Adult, "staff-member", "alleged"), reason = "Wrong member of staff: it was a parent", occurredAt = When });
        back["route"]!["category"]!.GetValue<string>().Should().Be("learner-safety");
        back["lead"]!["role"]!.GetValue<string>().Should().Be("dsl");
        (await _concerns.Read(People.Dsl, id))["summary"].Should().NotBeNull("the DSL leads it again");
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "no-further-action", rationale = "Parent spoken to", occurredAt = When });

        var history = (await Json(await _concerns.Get(People.Dsl, $"/api/concerns/{id}/history"))).AsArray();
        history.Select(e => e!["type"]!.GetValue<string>()).Should().Equal(
            "concern-raised", "subjects-added", "concern-rerouted", "subject-removed", "concern-rerouted", "concern-triaged");
        history[3]!["recordedBy"]!.GetValue<string>().Should().Be(People.Headteacher.Id);
    }

    private static object Lado() => new { officer = "LADO duty officer", advice = "Below the harm threshold: manage in school", occurredAt = When };

    private static void ShowsNothingOfTheAllegation(JsonNode view)
    {
        view.AsObject().Select(p => p.Key).Should().NotContain(["summary", "subjects", "entries", "route", "raisedBy", "triage"]);
        view.ToJsonString().Should().NotContain(Adult).And.NotContain("Hurtful messages").And.NotContain("Spoke to the teacher");
    }
}
