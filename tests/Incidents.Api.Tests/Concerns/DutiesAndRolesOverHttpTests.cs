using System.Net;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>
/// Duties per child and who may act (issue 17, faults 2, 7 and 8): every action names a person on the case, the
/// headteacher stands in for the DSL on a learner's case, a deputy DSL acts as the DSL, and the chair may raise.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DutiesAndRolesOverHttpTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);
    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-20);

    [Fact]
    public async Task Every_action_names_a_person_on_the_case_of_the_kind_the_action_is_for_and_a_refusal_changes_nothing()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying",
            Subject("L-7701"), Subject("P-7701", "parent-carer", "other"), Subject("L-7702", involvement: "alleged")));

        async Task Refused(object body, HttpStatusCode status, string rule) =>
            (await _concerns.Command(People.Dsl, id, "actions", body, status))["rule"]!.GetValue<string>().Should().Be(rule, body.ToString());

        await Refused(new { type = "support-offered", details = "Check-ins", occurredAt = When }, HttpStatusCode.BadRequest, "action-subject-required");
        await Refused(new { type = "support-offered", subjectMisRef = "L-9999", details = "Check-ins", occurredAt = When }, HttpStatusCode.UnprocessableEntity, "action-subject-not-on-case");
        await Refused(new { type = "parents-informed", subjectMisRef = "P-7701", details = "Told them", occurredAt = When }, HttpStatusCode.UnprocessableEntity, "action-subject-must-be-learner");
        await Refused(new { type = "sanction-applied", sanction = "learner-behaviour-sanction", subjectMisRef = "P-7701", details = "x", occurredAt = When }, HttpStatusCode.UnprocessableEntity, "action-subject-must-be-learner");
        await Refused(new { type = "sanction-applied", sanction = "staff-disciplinary", subjectMisRef = "L-7702", details = "x", occurredAt = When }, HttpStatusCode.UnprocessableEntity, "disciplinary-is-for-adults");
        (await _concerns.Read(People.Dsl, id))["version"]!.GetValue<long>().Should().Be(1);

        var sanctioned = await _concerns.Command(People.Dsl, id, "actions", new { type = "sanction-applied", sanction = "learner-behaviour-sanction", subjectMisRef = "l-7702", details = "Loss of break", occurredAt = When });
        sanctioned["entries"]![0]!["subjectMisRef"]!.GetValue<string>().Should().Be("L-7702", "recorded against the subject as the case names them");
    }

    [Fact]
    public async Task Staff_disciplinary_is_recorded_against_the_adult_on_the_allegation()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject("staff-teacher-77", "staff-member", "alleged"), Subject("L-7801")));

        var recorded = await _concerns.Command(People.Headteacher, id, "actions", new { type = "sanction-applied", sanction = "staff-disciplinary", subjectMisRef = "staff-teacher-77", details = "Written warning", occurredAt = When });
        recorded["entries"]![0]!["subjectMisRef"]!.GetValue<string>().Should().Be("staff-teacher-77");
        (await _concerns.Command(People.Headteacher, id, "actions", new { type = "parents-informed", subjectMisRef = "staff-teacher-77", details = "x", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("action-subject-must-be-learner");
    }

    [Fact]
    public async Task The_headteacher_acts_on_a_learners_case_as_the_DSLs_alternate_from_triage_to_closure()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("underage-use", Subject("L-7901")));

        await _concerns.Command(People.Headteacher, id, "triage", new { risk = "low", decision = "no-further-action", rationale = "Account deleted with parents", occurredAt = When });
        await _concerns.Command(People.Headteacher, id, "actions", new { type = "parents-informed", subjectMisRef = "L-7901", details = "Met mother", occurredAt = When });
        var reassigned = await _concerns.Command(People.Headteacher, id, "lead", new { lead = "headteacher", reason = "DSL on leave this week", occurredAt = When });
        reassigned["lead"]!["role"]!.GetValue<string>().Should().Be("headteacher");
        var closed = await _concerns.Command(People.Headteacher, id, "close", new { rationale = "Account closed; parents aware", occurredAt = When });

        closed["status"]!.GetValue<string>().Should().Be("closed");
        closed["closure"]!["by"]!["id"]!.GetValue<string>().Should().Be(People.Headteacher.Id);
        await _concerns.Command(People.Dsl, id, "reopen", new { reason = "The account was opened again", occurredAt = When });
    }

    [Fact]
    public async Task A_deputy_DSL_handles_a_learners_case_as_the_DSL_does()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-7951")));

        var triaged = await _concerns.Command(People.DeputyDsl, id, "triage", new { risk = "medium", decision = "monitor", rationale = "One incident", occurredAt = When, reviewBy = InAWeek });
        triaged["triage"]!["by"]!["id"]!.GetValue<string>().Should().Be(People.DeputyDsl.Id);
        triaged["status"]!.GetValue<string>().Should().Be("monitoring");
    }

    [Fact]
    public async Task The_chair_of_governors_may_raise_a_concern_about_the_headteacher_and_manages_it()
    {
        var response = await _concerns.Post(People.ChairOfGovernors, "/api/concerns",
            RaiseRequest("staff-misconduct", Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"), Subject("L-7961")));
        var body = await Json(response);

        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToJsonString());
        body["lead"]!["role"]!.GetValue<string>().Should().Be("chair-of-governors");
        body["route"]!["headteacherAlleged"]!.GetValue<bool>().Should().BeTrue();
        (await _concerns.Read(People.ChairOfGovernors, body["id"]!.GetValue<Guid>()))["summary"].Should().NotBeNull();
        (await _concerns.Get(People.Headteacher, $"/api/concerns/{body["id"]}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Any governor may raise too: the policy's staff includes the governing body.
        (await _concerns.Post(People.Governor, "/api/concerns", RaiseRequest())).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Every_concern_the_service_accepts_has_someone_who_may_act_on_it()
    {
        // Every kind with every way the school's people can be on it: either the raise is refused, or one of the
        // people who handle cases may record on it. A case nobody may act on must be impossible (issue 17, fault 10).
        var shapes = new (string Name, Actor Raiser, object[] Subjects)[]
        {
            ("a learner", People.Teacher, [Subject("L-7991")]),
            ("a member of staff alleged", People.Teacher, [Subject("staff-teacher-79", "staff-member", "alleged"), Subject("L-7992")]),
            ("a volunteer alleged", People.Teacher, [Subject("vol-79", "volunteer", "alleged")]),
            ("the headteacher alleged", People.Teacher, [Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"), Subject("L-7993")]),
            ("the chair alleged", People.Teacher, [Subject(ApiHost.ChairOfGovernorsMisRef, "governor", "alleged")]),
            ("a member of staff declaring", People.AnotherTeacher, [Subject(People.AnotherTeacher.Id, "staff-member", "declaring")]),
            ("the headteacher declaring", People.Headteacher, [Subject(ApiHost.HeadteacherMisRef, "staff-member", "declaring")]),
            ("the DSL declaring", People.Dsl, [Subject(People.Dsl.Id, "staff-member", "declaring")]),
        };
        Actor[] handlers = [People.Dsl, People.DeputyDsl, People.Headteacher, People.ChairOfGovernors, People.Leadership];
        var kinds = Enum.GetValues<Domain.Policy.ConcernKind>().Select(k => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(k.ToString()));
        var stranded = new List<string>();
        var accepted = 0;

        foreach (var kind in kinds)
        {
            foreach (var (name, raiser, subjects) in shapes)
            {
                var raised = await _concerns.Post(raiser, "/api/concerns", RaiseRequest(kind, subjects));
                if (raised.StatusCode != HttpStatusCode.Created)
                {
                    ((int)raised.StatusCode).Should().BeInRange(400, 499, $"{kind} with {name}");
                    continue;
                }

                accepted++;
                var id = (await Json(raised))["id"]!.GetValue<Guid>();
                var actedOn = false;
                foreach (var handler in handlers)
                {
                    var note = await _concerns.Post(handler, $"/api/concerns/{id}/notes", new { note = "Checked who may act", occurredAt = When });
                    actedOn |= note.StatusCode == HttpStatusCode.OK;
                }

                if (!actedOn)
                {
                    stranded.Add($"{kind} with {name}");
                }
            }
        }

        accepted.Should().BeGreaterThan(60, "most shapes are concerns the school must be able to record");
        stranded.Should().BeEmpty();
    }
}
