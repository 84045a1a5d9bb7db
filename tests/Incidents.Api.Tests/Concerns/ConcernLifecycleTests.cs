using System.Net;
using System.Net.Http.Headers;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>Whole cases walked through the API, as the DSL, the headteacher and the chair of governors would.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConcernLifecycleTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task A_cyberbullying_concern_goes_from_raised_to_closed_through_triage_advice_investigation_and_debrief()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-3001"), Subject("L-3002", involvement: "alleged")));
        var when = DateTimeOffset.UtcNow.AddHours(-2);

        await _concerns.Command(People.Dsl, id, "triage", new { risk = "medium", decision = "investigate", rationale = "Repeated messages", occurredAt = when });
        var escalated = await _concerns.Command(People.Dsl, id, "escalations", new { question = "Should we involve children's social care?", occurredAt = when });
        var escalationId = escalated["escalations"]![0]!["id"]!.GetValue<Guid>();
        escalated["escalations"]![0]!["agency"]!.GetValue<string>().Should().Be("Education Safeguarding Service");

        var closingEarly = await _concerns.Command(People.Dsl, id, "close", new { occurredAt = when }, HttpStatusCode.UnprocessableEntity);
        closingEarly["rule"]!.GetValue<string>().Should().Be("investigation-in-progress");

        await _concerns.Command(People.Dsl, id, $"escalations/{escalationId}/advice",
            new { adviser = "ESS adviser", summary = "Manage in school under anti-bullying policy", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "support-offered", subjectMisRef = "L-3001", details = "Sessions with the pastoral lead", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "sanction-applied", sanction = "learner-behaviour-sanction", subjectMisRef = "L-3002", details = "Loss of break", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "notes", new { note = "Spoke with both families", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "investigation/complete", new { findings = "Messages confirmed", outcome = "substantiated", occurredAt = when });

        var debriefByDsl = await _concerns.Command(People.Dsl, id, "debrief", Debrief(when), HttpStatusCode.Forbidden);
        debriefByDsl["rule"]!.GetValue<string>().Should().Be("debrief-is-for-leadership");
        await _concerns.Command(People.Leadership, id, "debrief", Debrief(when));

        var withoutParents = await _concerns.Command(People.Dsl, id, "close", new { occurredAt = when }, HttpStatusCode.UnprocessableEntity);
        withoutParents["rule"]!.GetValue<string>().Should().Be("parents-informed-decision-required");

        // Parents are decided for each child: informing the victim's family leaves the other child's still to decide.
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = "L-3001", details = "Phoned mother", occurredAt = when });
        var otherChild = await _concerns.Command(People.Dsl, id, "close", new { occurredAt = when }, HttpStatusCode.UnprocessableEntity);
        otherChild["rule"]!.GetValue<string>().Should().Be("parents-informed-decision-required");
        otherChild["detail"]!.GetValue<string>().Should().Contain("L-3002");
        (await _concerns.Read(People.Dsl, id))["outstandingBeforeClosure"]!.AsArray().Select(x => x!.GetValue<string>())
            .Should().Equal("parents-informed-decision-required");

        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = "L-3002", details = "Met father after school", occurredAt = when });
        var closed = await _concerns.Command(People.Dsl, id, "close", new { rationale = "Resolved", occurredAt = when });

        closed["status"]!.GetValue<string>().Should().Be("closed");
        closed["closure"]!["outcome"]!.GetValue<string>().Should().Be("resolved");
        closed["debrief"]!["lessonsLearnt"]![0]!.GetValue<string>().Should().Be("Teach group chat etiquette earlier");
        closed["entries"]!.AsArray().Should().HaveCount(5);
        closed["parentsDecisions"]!.AsArray().Select(d => d!["learnerMisRef"]!.GetValue<string>()).Should().Equal("L-3001", "L-3002");

        var history = await _concerns.Get(People.Dsl, $"/api/concerns/{id}/history");
        var entries = (await Json(history)).AsArray();
        entries.Select(e => e!["type"]!.GetValue<string>()).Should().Equal(
            "concern-raised", "concern-triaged", "advice-sought", "advice-received", "support-offered", "sanction-applied",
            "chronology-note-added", "investigation-completed", "debrief-held", "parents-informed", "parents-informed", "concern-closed");
        entries[1]!["recordedBy"]!.GetValue<string>().Should().Be(People.Dsl.Id);
        entries[1]!["occurredAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(when, TimeSpan.FromMilliseconds(1));
        entries.Should().OnlyContain(e => e!["correlationId"] != null && e["causationId"] != null);
    }

    [Fact]
    public async Task Misconduct_alleged_against_the_headteacher_is_led_by_the_chair_of_governors_and_kept_from_the_headteacher()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct",
            Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"), Subject("L-4001")));
        var when = DateTimeOffset.UtcNow.AddHours(-1);

        var asChair = await _concerns.Read(People.ChairOfGovernors, id);
        asChair["lead"]!["role"]!.GetValue<string>().Should().Be("chair-of-governors");
        asChair["route"]!["managedUnder"]!.AsArray().Select(p => p!.GetValue<string>())
            .Should().Contain(["allegations-against-staff", "child-protection"]);

        (await _concerns.Get(People.Headteacher, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Post(People.Headteacher, $"/api/concerns/{id}/triage",
            new { risk = "low", decision = "no-further-action", rationale = "Nothing in it", occurredAt = when })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(People.Headteacher, $"/api/concerns/{id}/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await _concerns.Command(People.ChairOfGovernors, id, "triage", new { risk = "high", decision = "investigate", rationale = "Allegation about conduct online", occurredAt = when });
        // A referral to the LADO is the consultation KCSIE asks for.
        var referred = await _concerns.Command(People.ChairOfGovernors, id, "referrals", new { agency = "lado", reference = "LADO-2026-17", occurredAt = when });
        referred["ladoConsultation"].Should().NotBeNull();
        var noDecision = await _concerns.Command(People.ChairOfGovernors, id, "investigation/complete",
            new { findings = "Posts confirmed", outcome = "substantiated", occurredAt = when });
        noDecision["status"]!.GetValue<string>().Should().Be("investigation-completed");

        // The leadership team the headteacher leads neither debriefs it nor reads it: the chair does, with governors they choose.
        (await _concerns.Post(People.Leadership, $"/api/concerns/{id}/debrief", Debrief(when))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(People.Leadership, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await _concerns.Command(People.ChairOfGovernors, id, "debrief", new
        {
            attendees = new[] { new { id = People.ChairOfGovernors.Id, name = People.ChairOfGovernors.Name }, new { id = People.Governor.Id, name = People.Governor.Name } },
            lessonsLearnt = new[] { "Remind all staff of the code of conduct online" },
            proposedChanges = Array.Empty<object>(),
            occurredAt = when,
        });

        var missingDecision = await _concerns.Command(People.ChairOfGovernors, id, "close", new { occurredAt = when }, HttpStatusCode.UnprocessableEntity);
        missingDecision["rule"]!.GetValue<string>().Should().Be("referral-decision-required");

        await _concerns.Command(People.ChairOfGovernors, id, "referral-decision", new { decision = "refer", rationale = "Threshold met for LADO", occurredAt = when });
        await _concerns.Command(People.ChairOfGovernors, id, "actions", new { type = "sanction-applied", sanction = "staff-disciplinary", subjectMisRef = ApiHost.HeadteacherMisRef, details = "Disciplinary process started", occurredAt = when });
        var noParents = await _concerns.Command(People.ChairOfGovernors, id, "close", new { occurredAt = when }, HttpStatusCode.UnprocessableEntity);
        noParents["rule"]!.GetValue<string>().Should().Be("parents-informed-decision-required");
        await _concerns.Command(People.ChairOfGovernors, id, "actions", new { type = "parents-informed", subjectMisRef = "L-4001", details = "Met both parents with the chair", occurredAt = when });
        var closed = await _concerns.Command(People.ChairOfGovernors, id, "close", new { rationale = "Disciplinary outcome recorded", occurredAt = when });

        closed["status"]!.GetValue<string>().Should().Be("closed");
        (await _concerns.Get(People.Headteacher, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(People.Leadership, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_concern_with_no_investigation_closes_as_no_further_action_with_a_rationale_and_can_be_reopened()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("filtering-breach", Subject("L-5001")));
        var when = DateTimeOffset.UtcNow.AddMinutes(-30);
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "no-further-action", rationale = "Filter updated", occurredAt = when });

        var noRationale = await _concerns.Command(People.Dsl, id, "close", new { occurredAt = when }, HttpStatusCode.BadRequest);
        noRationale["rule"]!.GetValue<string>().Should().Be("rationale-required");

        var closed = await _concerns.Command(People.Dsl, id, "close", new { rationale = "Vendor fixed the category", occurredAt = when });
        closed["closure"]!["outcome"]!.GetValue<string>().Should().Be("no-further-action");

        var noteOnClosed = await _concerns.Command(People.Dsl, id, "notes", new { note = "late note", occurredAt = when }, HttpStatusCode.UnprocessableEntity);
        noteOnClosed["rule"]!.GetValue<string>().Should().Be("concern-closed");

        var reopened = await _concerns.Command(People.Dsl, id, "reopen", new { reason = "The same site was reached again", occurredAt = when });
        reopened["status"]!.GetValue<string>().Should().Be("reopened");
        reopened["outstandingBeforeClosure"]!.AsArray().Select(x => x!.GetValue<string>()).Should().Contain("not-triaged");
    }

    [Fact]
    public async Task A_command_with_a_stale_If_Match_is_412_and_a_current_one_succeeds_with_a_new_ETag()
    {
        var id = await _concerns.Raise(People.Teacher);
        var when = DateTimeOffset.UtcNow.AddMinutes(-5);
        var note = new { note = "First contact with family", occurredAt = when };

        var stale = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes", note, r => r.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\"")));
        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await _concerns.Read(People.Dsl, id))["entries"]!.AsArray().Should().BeEmpty();

        var current = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes", note, r => r.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\"")));
        current.StatusCode.Should().Be(HttpStatusCode.OK);
        current.Headers.ETag!.Tag.Should().Be("\"2\"");
    }

    [Fact]
    public async Task Refusals_by_role_are_403_problems_naming_the_rule_and_change_nothing()
    {
        var id = await _concerns.Raise(People.Teacher);
        var triage = new { risk = "low", decision = "monitor", rationale = "Watch", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), reviewBy = InAWeek };

        var byTeacher = await _concerns.Command(People.Teacher, id, "triage", triage, HttpStatusCode.Forbidden);
        byTeacher["rule"]!.GetValue<string>().Should().Be("not-case-handler");
        var byMis = await _concerns.Command(People.Mis, await _concerns.Raise(People.Mis), "triage", triage, HttpStatusCode.Forbidden);
        byMis["rule"]!.GetValue<string>().Should().Be("not-case-handler");
        (await _concerns.Post(People.Mis, $"/api/concerns/{id}/triage", triage)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the MIS did not raise it");
        (await _concerns.Post(People.Governor, $"/api/concerns/{id}/triage", triage)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Post(People.AnotherTeacher, $"/api/concerns/{id}/triage", triage)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await _concerns.Read(People.Dsl, id))["triage"].Should().BeNull();
    }

    [Fact]
    public async Task Governors_raise_concerns_and_follow_their_status_but_never_act_on_them()
    {
        var response = await _concerns.Post(People.Governor, "/api/concerns", RaiseRequest());

        response.StatusCode.Should().Be(HttpStatusCode.Created, "the policy's staff includes the governing body");
        var id = (await Json(response))["id"]!.GetValue<Guid>();
        (await _concerns.Read(People.Governor, id))["status"]!.GetValue<string>().Should().Be("raised");
        var triage = new { risk = "low", decision = "monitor", rationale = "Watch", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), reviewBy = InAWeek };
        (await _concerns.Command(People.Governor, id, "triage", triage, HttpStatusCode.Forbidden))["rule"]!.GetValue<string>().Should().Be("governors-do-not-act");
    }

    [Fact]
    public async Task The_member_of_staff_who_raised_a_concern_sees_its_status_but_not_the_narrative()
    {
        var id = await _concerns.Raise(People.Teacher);

        var view = await _concerns.Read(People.Teacher, id);

        view["status"]!.GetValue<string>().Should().Be("raised");
        view.AsObject().Select(p => p.Key).Should().NotContain(["summary", "subjects", "entries", "escalations", "debrief"]);
    }

    [Fact]
    public async Task A_retried_raise_with_the_same_idempotency_key_returns_the_original_and_appends_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var request = RaiseRequest("underage-use", Subject("L-6001"));

        var first = await _concerns.Post(People.Mis, "/api/concerns", request, r => r.Headers.Add("Idempotency-Key", key));
        var retry = await _concerns.Post(People.Mis, "/api/concerns", request, r => r.Headers.Add("Idempotency-Key", key));
        var reused = await _concerns.Post(People.Mis, "/api/concerns", RaiseRequest("underage-use", Subject("L-6002")), r => r.Headers.Add("Idempotency-Key", key));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.Location.Should().Be(first.Headers.Location);
        (await Json(retry))["id"]!.GetValue<Guid>().Should().Be((await Json(first))["id"]!.GetValue<Guid>());
        reused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await Json(reused))["rule"]!.GetValue<string>().Should().Be("idempotency-key-reused");
    }

    [Fact]
    public async Task A_command_retried_with_its_idempotency_key_is_recorded_once_and_answered_as_the_first_time()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-6101")));
        var note = new { note = "Spoke with the family about the messages", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5) };
        var key = Guid.NewGuid().ToString();
        void WithKey(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", key);

        var first = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes", note, WithKey);
        // The case moves on before the retry arrives: the retry still gets the case as the first answer showed it.
        await _concerns.Command(People.Dsl, id, "notes", new { note = "Later note", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var retry = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes", note, WithKey);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.Headers.ETag.Should().Be(first.Headers.ETag);
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotent-Replay").Should().Equal("true");

        var reused = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes", new { note = "Something else", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, WithKey);
        reused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await Json(reused))["rule"]!.GetValue<string>().Should().Be("idempotency-key-reused");

        // Keys belong to the user who sent them: the deputy's identical key is a request of their own.
        (await _concerns.Post(People.DeputyDsl, $"/api/concerns/{id}/notes", note, WithKey)).StatusCode.Should().Be(HttpStatusCode.OK);
        var history = (await Json(await _concerns.Get(People.Dsl, $"/api/concerns/{id}/history"))).AsArray();
        history.Count(e => e!["type"]!.GetValue<string>() == "chronology-note-added").Should().Be(3, "the first, the later note and the deputy's");

        var tooLong = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes", note, r => r.Headers.Add("Idempotency-Key", new string('k', 201)));
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_retry_replays_nothing_to_someone_who_may_no_longer_see_the_case()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject("S-6201", "staff-member", "alleged")));
        var note = new { note = "Spoke to the member of staff", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5) };
        var key = Guid.NewGuid().ToString();
        void WithKey(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", key);
        (await _concerns.Post(People.Headteacher, $"/api/concerns/{id}/notes", note, WithKey)).StatusCode.Should().Be(HttpStatusCode.OK);

        // The allegation now names the headteacher: the chair of governors takes over and the headteacher is out.
        await _concerns.Command(People.Headteacher, id, "subjects", new
        {
            subjects = new[] { Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged") },
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        });

        var retry = await _concerns.Post(People.Headteacher, $"/api/concerns/{id}/notes", note, WithKey);
        retry.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await retry.Content.ReadAsStringAsync()).Should().NotContain("Spoke to the member of staff").And.NotContain("S-6201");
    }

    [Fact]
    public async Task A_pre_existing_relationship_declared_by_a_member_of_staff_closes_only_after_the_DSL_and_headteacher_agree_and_closes_as_monitored()
    {
        var id = await _concerns.Raise(People.AnotherTeacher, RaiseRequest("pre-existing-relationship",
            Subject(People.AnotherTeacher.Id, "staff-member", "declaring"), Subject("P-7001", "parent-carer", "other")));
        var when = DateTimeOffset.UtcNow.AddMinutes(-10);

        // A declaration is not an allegation: the DSL leads it and the member of staff follows its status.
        var asDsl = await _concerns.Read(People.Dsl, id);
        asDsl["route"]!["category"]!.GetValue<string>().Should().Be("staff");
        asDsl["lead"]!["role"]!.GetValue<string>().Should().Be("dsl");
        (await _concerns.Read(People.AnotherTeacher, id)).AsObject().Select(p => p.Key).Should().NotContain(["summary", "subjects", "jointDecision"]);

        var noReviewDate = await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "monitor", rationale = "Family friends before employment", occurredAt = when }, HttpStatusCode.BadRequest);
        noReviewDate["rule"]!.GetValue<string>().Should().Be("review-date-required");
        var pastReviewDate = await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "monitor", rationale = "Family friends", occurredAt = when, reviewBy = "2020-01-01" }, HttpStatusCode.BadRequest);
        pastReviewDate["rule"]!.GetValue<string>().Should().Be("review-date-in-past");
        var triaged = await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "monitor", rationale = "Family friends before employment", occurredAt = when, reviewBy = InAWeek });
        triaged["triage"]!["reviewBy"]!.GetValue<string>().Should().Be(InAWeek);

        var early = await _concerns.Command(People.Dsl, id, "close", new { rationale = "Advice given", occurredAt = when }, HttpStatusCode.UnprocessableEntity);
        early["rule"]!.GetValue<string>().Should().Be("joint-decision-required");

        var proposed = await _concerns.Command(People.Dsl, id, "joint-decision", new { decision = "No contact on personal social media; use school channels", occurredAt = when });
        var decisionId = proposed["jointDecision"]!["id"]!.GetValue<Guid>();
        var selfAgreed = await _concerns.Command(People.Dsl, id, $"joint-decision/{decisionId}/agree", new { occurredAt = when }, HttpStatusCode.UnprocessableEntity);
        selfAgreed["rule"]!.GetValue<string>().Should().Be("joint-decision-needs-other-role");
        (await _concerns.Post(People.AnotherTeacher, $"/api/concerns/{id}/joint-decision/{decisionId}/agree", new { occurredAt = when }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "the member of staff never decides on their own declaration");
        await _concerns.Command(People.Headteacher, id, $"joint-decision/{decisionId}/agree", new { occurredAt = when });

        // A monitored case closes as monitored, not as "no further action".
        var closed = await _concerns.Command(People.Dsl, id, "close", new { rationale = "Decision recorded and shared", occurredAt = when });
        closed["status"]!.GetValue<string>().Should().Be("closed");
        closed["closure"]!["outcome"]!.GetValue<string>().Should().Be("monitored");
        (await _concerns.Read(People.AnotherTeacher, id))["closed"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_pre_existing_relationship_the_headteacher_declares_is_agreed_by_the_DSL_and_the_chair_and_the_headteacher_sees_its_status()
    {
        var id = await _concerns.Raise(People.Headteacher, RaiseRequest("pre-existing-relationship",
            Subject(ApiHost.HeadteacherMisRef, "staff-member", "declaring"), Subject("P-7101", "parent-carer", "other")));
        var when = DateTimeOffset.UtcNow.AddMinutes(-10);

        var asHeadteacher = await _concerns.Read(People.Headteacher, id);
        asHeadteacher.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["view", "id", "version", "kind", "status", "occurredAt", "closed"]);
        (await _concerns.Read(People.ChairOfGovernors, id))["route"]!["headteacherDeclaring"]!.GetValue<bool>().Should().BeTrue();

        await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "no-further-action", rationale = "Known before appointment", occurredAt = when });
        var proposed = await _concerns.Command(People.Dsl, id, "joint-decision", new { decision = "Contact through school channels only", occurredAt = when });
        var decisionId = proposed["jointDecision"]!["id"]!.GetValue<Guid>();
        (await _concerns.Post(People.Headteacher, $"/api/concerns/{id}/joint-decision/{decisionId}/agree", new { occurredAt = when }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "the headteacher never decides on their own declaration");
        var agreed = await _concerns.Command(People.ChairOfGovernors, id, $"joint-decision/{decisionId}/agree", new { occurredAt = when });
        agreed["jointDecision"]!["agreedBy"]!["id"]!.GetValue<string>().Should().Be(People.ChairOfGovernors.Id);

        var closed = await _concerns.Command(People.Dsl, id, "close", new { rationale = "Decision recorded", occurredAt = when });
        closed["closure"]!["outcome"]!.GetValue<string>().Should().Be("no-further-action");
        (await _concerns.Read(People.Headteacher, id))["closed"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Scenario_an_allegation_raised_as_cyberbullying_is_managed_by_the_headteacher_while_the_DSL_supports_the_child()
    {
        var teacher = new Actor("staff-teacher-31", "Alleged Teacher", new HashSet<Role> { Role.Staff });
        var raisedAt = DateTimeOffset.UtcNow.AddHours(-3);
        var id = await _concerns.Raise(People.AnotherTeacher, new
        {
            kind = "cyberbullying",
            summary = "A teacher posted mocking comments about a learner in a class group chat",
            subjects = new[] { Subject(teacher.Id, "staff-member", "alleged"), Subject("L-3101") },
            occurredAt = raisedAt,
        });
        var when = raisedAt.AddHours(1);

        // Who is alleged decides: the headteacher manages it, whatever kind it was raised as.
        var asHeadteacher = await _concerns.Read(People.Headteacher, id);
        asHeadteacher["route"]!["category"]!.GetValue<string>().Should().Be("allegation");
        asHeadteacher["lead"]!["role"]!.GetValue<string>().Should().Be("headteacher");
        (await _concerns.Read(People.Dsl, id))["caseManager"]!.GetValue<string>().Should().Be("headteacher");
        (await _concerns.Get(People.Mis, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(teacher, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Command(People.Dsl, id, "triage", new { risk = "high", decision = "investigate", rationale = "x", occurredAt = when }, HttpStatusCode.Forbidden))
            ["rule"]!.GetValue<string>().Should().Be("not-case-handler");

        await _concerns.Command(People.Headteacher, id, "triage", new { risk = "high", decision = "investigate", rationale = "A teacher's conduct towards a learner", occurredAt = when });
        // KCSIE Part 4: the LADO within one working day of the report.
        var consulted = await _concerns.Command(People.Headteacher, id, "lado-consultation", new { officer = "LADO duty officer", advice = "Investigate in school; refer if substantiated", occurredAt = raisedAt.AddHours(2) });
        consulted["ladoConsultation"]!["occurredAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(raisedAt.AddHours(2), TimeSpan.FromMilliseconds(1));
        await _concerns.Command(People.Headteacher, id, "referral-decision", new { decision = "refer", rationale = "LADO threshold met", occurredAt = when });
        await _concerns.Command(People.Headteacher, id, "referrals", new { agency = "lado", reference = "LADO-3101", occurredAt = when });

        // The child stays with the DSL: support and the parents' decision for the child.
        await _concerns.Command(People.Dsl, id, "actions", new { type = "support-offered", subjectMisRef = "L-3101", details = "Weekly sessions with the school counsellor", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = "L-3101", details = "Met both parents with the DSL", occurredAt = when });

        await _concerns.Command(People.Headteacher, id, "investigation/complete", new { findings = "Comments confirmed", outcome = "substantiated", occurredAt = when });
        await _concerns.Command(People.Headteacher, id, "actions", new { type = "sanction-applied", sanction = "staff-disciplinary", subjectMisRef = teacher.Id, details = "Final written warning", occurredAt = when });
        await _concerns.Command(People.Headteacher, id, "debrief", Debrief(when));
        var closed = await _concerns.Command(People.Headteacher, id, "close", new { rationale = "Disciplinary outcome and LADO referral recorded", occurredAt = when });

        closed["closure"]!["outcome"]!.GetValue<string>().Should().Be("resolved");
        var childSide = await _concerns.Read(People.Dsl, id);
        childSide["closed"]!.GetValue<bool>().Should().BeTrue();
        childSide.ToJsonString().Should().NotContain(teacher.Id).And.NotContain("mocking comments").And.NotContain("Final written warning");
        var history = (await Json(await _concerns.Get(People.Headteacher, $"/api/concerns/{id}/history"))).AsArray();
        history.Select(e => e!["type"]!.GetValue<string>()).Should().Contain(["lado-consulted", "referral-decision-recorded", "support-offered", "parents-informed", "concern-closed"]);
    }

    [Fact]
    public async Task Scenario_an_allegation_about_the_headteacher_raised_by_the_chair_is_debriefed_by_the_chair_and_hidden_from_the_headteacher()
    {
        var id = await _concerns.Raise(People.ChairOfGovernors, RaiseRequest("online-sexual-harassment",
            Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"), Subject("L-3201")));
        var when = DateTimeOffset.UtcNow.AddMinutes(-30);
        var url = $"/api/concerns/{id}";

        async Task HiddenFromHeadteacherAndLeadership()
        {
            foreach (var actor in new[] { People.Headteacher, People.Leadership })
            {
                (await _concerns.Get(actor, url)).StatusCode.Should().Be(HttpStatusCode.NotFound);
                (await _concerns.Get(actor, $"{url}/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);
                (await _concerns.Post(actor, $"{url}/notes", new { note = "x", occurredAt = when })).StatusCode.Should().Be(HttpStatusCode.NotFound);
            }
        }

        await HiddenFromHeadteacherAndLeadership();
        await _concerns.Command(People.ChairOfGovernors, id, "triage", new { risk = "high", decision = "investigate", rationale = "Messages to a learner", occurredAt = when });
        await _concerns.Command(People.ChairOfGovernors, id, "lado-consultation", new { officer = "LADO duty officer", advice = "Refer to the police", occurredAt = when });
        await _concerns.Command(People.ChairOfGovernors, id, "referral-decision", new { decision = "refer", rationale = "LADO advice", occurredAt = when });
        await _concerns.Command(People.ChairOfGovernors, id, "referrals", new { agency = "police", reference = "POL-3201", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "support-offered", subjectMisRef = "L-3201", details = "Daily check-in", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = "L-3201", details = "Met mother", occurredAt = when });
        await _concerns.Command(People.ChairOfGovernors, id, "investigation/complete", new { findings = "Messages confirmed", outcome = "substantiated", occurredAt = when });
        await HiddenFromHeadteacherAndLeadership();

        // The chair's work queue shows it; the headteacher's never does.
        await api.ProjectionsCaughtUp();
        (await (await _concerns.Get(People.ChairOfGovernors, "/api/queue?kind=online-sexual-harassment")).Content.ReadAsStringAsync()).Should().Contain(id.ToString());
        (await (await _concerns.Get(People.Headteacher, "/api/queue?kind=online-sexual-harassment")).Content.ReadAsStringAsync()).Should().NotContain(id.ToString());

        // Never by the leadership team the headteacher leads, nor the headteacher: the chair, with governors they choose.
        (await _concerns.Post(People.Leadership, $"{url}/debrief", Debrief(when))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Post(People.Headteacher, $"{url}/debrief", Debrief(when))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Command(People.Dsl, id, "debrief", Debrief(when), HttpStatusCode.Forbidden))["rule"]!.GetValue<string>().Should().Be("debrief-is-for-the-chair");
        var debriefed = await _concerns.Command(People.ChairOfGovernors, id, "debrief", new
        {
            attendees = new[] { new { id = People.ChairOfGovernors.Id, name = People.ChairOfGovernors.Name }, new { id = People.Governor.Id, name = People.Governor.Name } },
            lessonsLearnt = new[] { "Governors to review the staff code of conduct on messaging learners" },
            proposedChanges = Array.Empty<object>(), // changes and their owners: DebriefChangesOverHttpTests
            occurredAt = when,
        });
        debriefed["debrief"]!["by"]!["id"]!.GetValue<string>().Should().Be(People.ChairOfGovernors.Id);

        var closed = await _concerns.Command(People.ChairOfGovernors, id, "close", new { rationale = "Police and LADO involved; governors' actions agreed", occurredAt = when });
        closed["closure"]!["outcome"]!.GetValue<string>().Should().Be("resolved");
        await HiddenFromHeadteacherAndLeadership();
    }

    [Fact]
    public async Task Scenario_sexual_imagery_with_a_child_under_13_must_be_referred_to_the_police_before_it_closes()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("youth-produced-sexual-imagery", Subject("L-3301"), Subject("L-3302", involvement: "alleged")));
        var when = DateTimeOffset.UtcNow.AddMinutes(-30);
        var under13 = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(nameof(ImmediateReferralTrigger.SexualActsChildUnder13));

        await _concerns.Command(People.Dsl, id, "triage", new { risk = "immediate", decision = "monitor", rationale = "Police lead; school supports", occurredAt = when, reviewBy = InAWeek });
        var reviewed = await _concerns.Command(People.Dsl, id, "imagery-review", new
        {
            devices = "Both phones handed to the police unopened",
            deletion = "Left to the police",
            reportRemoveOffered = true,
            parents = "Both families told the same day, after advice from the police",
            immediateReferralTriggers = new[] { under13 },
            occurredAt = when,
        });
        reviewed["imageryReview"]!["viewing"].Should().BeNull("nobody viewed it");
        reviewed["imageryReview"]!["immediateReferralTriggers"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal(under13);

        var doNotRefer = await _concerns.Command(People.Dsl, id, "referral-decision", new { decision = "do-not-refer", rationale = "Dealt with in school", occurredAt = when }, HttpStatusCode.UnprocessableEntity);
        doNotRefer["rule"]!.GetValue<string>().Should().Be("immediate-referral-required");

        await _concerns.Command(People.Dsl, id, "referral-decision", new { decision = "refer", rationale = "UKCIS: a child under 13 in imagery of sexual acts", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = "L-3301", details = "Phoned mother", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = "L-3302", details = "Met father", occurredAt = when });
        (await _concerns.Command(People.Dsl, id, "close", new { rationale = "Referred", occurredAt = when }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("police-or-social-care-referral-required");

        await _concerns.Command(People.Dsl, id, "referrals", new { agency = "police", reference = "POL-3301", occurredAt = when });
        var closed = await _concerns.Command(People.Dsl, id, "close", new { rationale = "With the police; support plans in place", occurredAt = when });
        closed["closure"]!["outcome"]!.GetValue<string>().Should().Be("monitored");
    }

    private static object Debrief(DateTimeOffset when) => new
    {
        attendees = new[] { new { id = People.Leadership.Id, name = People.Leadership.Name }, new { id = People.Dsl.Id, name = People.Dsl.Name } },
        lessonsLearnt = new[] { "Teach group chat etiquette earlier" },
        proposedChanges = Array.Empty<object>(), // changes and their owners: DebriefChangesOverHttpTests
        occurredAt = when,
    };
}
