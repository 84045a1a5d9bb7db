using System.Net;
using System.Net.Http.Headers;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Security;

/// <summary>
/// The authorization matrix of the README, cell by cell: every endpoint tried by every role, with no token, an
/// expired token and a forged token. Each command cell gets its own case in the state the command needs, with a
/// valid body, so the status shows the access decision and not a validation or state error.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);
    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-30);

    // One actor per role, each holding only that role, so a cell shows what the role alone grants.
    private static readonly Actor Staff = Only("matrix-staff", Role.Staff);
    private static readonly Actor Dsl = Only("matrix-dsl", Role.Dsl);
    private static readonly Actor DeputyDsl = Only("matrix-deputy-dsl", Role.DeputyDsl);
    private static readonly Actor Headteacher = new(ApiHost.HeadteacherMisRef, "matrix-headteacher", new HashSet<Role> { Role.Headteacher });
    private static readonly Actor Leadership = Only("matrix-leadership", Role.Leadership);
    private static readonly Actor Chair = Only("matrix-chair", Role.ChairOfGovernors);
    private static readonly Actor Governor = Only("matrix-governor", Role.Governor);
    private static readonly Actor Mis = Only("matrix-mis", Role.Mis);

    /// <summary>A member of staff with every staff role, who is the subject of the staff case.</summary>
    private static readonly Actor Accused = new("matrix-accused", "Accused", new HashSet<Role> { Role.Staff, Role.Dsl, Role.Leadership });

    /// <summary>Raises the matrix's cases; not a column, so "staff" is a member of staff who did not raise it.</summary>
    private static readonly Actor Raiser = Only("matrix-raiser", Role.Staff);

    /// <summary>A member of staff who declares a pre-existing relationship of their own; not a column.</summary>
    private static readonly Actor Declarant = Only("matrix-declarant", Role.Staff);

    private static readonly Actor[] Roles = [Staff, Dsl, DeputyDsl, Headteacher, Leadership, Chair, Governor, Mis];

    private static Actor Only(string id, Role role) => new(id, id, new HashSet<Role> { role });

    private sealed record Call(HttpMethod Method, string Url, object? Body = null);

    /// <param name="Expected">Statuses for staff, dsl, deputy-dsl, headteacher, leadership, chair-of-governors, governor, mis.</param>
    private sealed record Row(string Resource, Func<Task<Call>> Arrange, string Expected);

    private sealed record Caller(string Name, string? Token, int Expected);

    /// <summary>
    /// A learner's case is the DSL's, a deputy's, or the headteacher's as the DSL's alternate (s.4.2, s.8); the MIS reads
    /// nothing of a case it did not raise.
    /// </summary>
    private const string Handler = "404 200 200 200 404 404 404 404";

    /// <summary>An allegation is its case manager's alone; the DSL knows of it (the child's side) but may not act on it.</summary>
    private const string CaseManager = "404 403 403 200 404 404 404 404";

    /// <summary>An allegation about the headteacher: the chair manages it; the headteacher and leadership never learn of it.</summary>
    private const string ChairManager = "404 403 403 404 404 200 404 404";

    /// <summary>A low-level concern is its handler's; the MIS never learns of it.</summary>
    private const string LowLevelHandler = "404 200 200 200 404 404 404 404";

    private IEnumerable<Row> LearnerCaseRows() =>
    [
        new("raise", () => Task.FromResult(new Call(HttpMethod.Post, "/api/concerns", RaiseRequest(subjects: Subject("L-M1")))), "201 201 201 201 201 201 201 201"),
        new("case view", async () => Get($"/api/concerns/{await Learner()}"), "404 200 200 200 404 404 404 404"),
        new("case view: raised by the MIS", async () => Get($"/api/concerns/{await _concerns.Raise(Mis, RaiseRequest(subjects: Subject("L-M1")))}"), "404 200 200 200 404 404 404 200"),
        new("case history", async () => Get($"/api/concerns/{await Learner()}/history"), "404 200 200 200 404 404 404 404"),
        new("triage", async () => Post(await Learner(), "triage", new { risk = "low", decision = "monitor", rationale = "Watching", occurredAt = When, reviewBy = InAWeek }), Handler),
        new("seek advice", async () => Post(await Learner(), "escalations", new { question = "Who else should know?", occurredAt = When }), Handler),
        new("record advice", RecordAdvice, Handler),
        new("record action", async () => Post(await Triaged("monitor"), "actions", new { type = "support-offered", subjectMisRef = "L-M1", details = "Check-ins", occurredAt = When }), Handler),
        new("add note", async () => Post(await Learner(), "notes", new { note = "Spoke to the class", occurredAt = When }), Handler),
        new("make referral", async () => Post(await Triaged("investigate"), "referrals", new { agency = "childrens-social-care", reference = "CSC-1", occurredAt = When }), Handler),
        new("referral decision", async () => Post(await Triaged("investigate"), "referral-decision", new { decision = "do-not-refer", rationale = "Below threshold", occurredAt = When }), Handler),
        new("complete investigation", async () => Post(await Triaged("investigate"), "investigation/complete", new { findings = "Confirmed", outcome = "substantiated", occurredAt = When }), Handler),
        new("debrief", async () => Post(await Investigated(), "debrief", Debrief()), "404 403 403 200 200 404 404 404"),
        new("close", async () => Post(await ReadyToClose(), "close", new { rationale = "Resolved", occurredAt = When }), Handler),
        // A debrief's change is given its owner by the debrief's recorder or the case manager, and marked done by its owner or
        // the case manager; nobody else learns of it (the debrief's attendee here is People.Leadership, not the column).
        new("debrief change: owner", async () => Post(await DebriefedWithChange(), "debrief-changes/1/owner", new { ownerMisRef = ChangeOwner, dueBy = InAWeek, occurredAt = When }), Handler),
        new("debrief change: done", async () => Post(await DebriefedWithChange(), "debrief-changes/1/done", new { whatWasDone = "Added to the weekly check", occurredAt = When }), Handler),
        new("reopen", Reopen, Handler),
        new("reassign lead", async () => Post(await Learner(), "lead", new { lead = "dsl", assignee = new { id = People.DeputyDsl.Id, name = People.DeputyDsl.Name }, reason = "Deputy knows the family", occurredAt = When }), Handler),
        new("add subjects", async () => Post(await Learner(), "subjects", new { subjects = new[] { Subject("L-M2") }, occurredAt = When }), Handler),
        new("amend an entry", async () => Post(await Learner(), "amendments", new { amendsVersion = 1, correction = "It was the Year 6 chat", reason = "Wrong year group", occurredAt = When }), Handler),
        new("remove a subject", async () => Post(await LearnerWith(Subject("L-M1"), Subject("L-M2")), "subject-removals", new { subject = Subject("L-M2"), reason = "Added in error", occurredAt = When }), Handler),
        new("identify someone named by name", IdentifyVisitor, Handler),
        new("withdraw", async () => Post(await Learner(), "withdraw", new { reason = "Raised on the wrong learner", occurredAt = When }), Handler),
        new("imagery initial review", async () => Post(await Learner("youth-produced-sexual-imagery"), "imagery-review", ImageryReview()), Handler),
        new("change the kind", async () => Post(await Learner(), "kind", new { kind = "youth-produced-sexual-imagery", reason = "Nudes were found among the messages", occurredAt = When }), Handler),
        new("withdraw as a duplicate", async () => Post(await Learner(), "withdraw", new { reason = "Raised twice", duplicateOf = await Learner(), occurredAt = When }), Handler),
        new("allegation: withdraw as a duplicate", async () => Post(await Allegation(), "withdraw", new { reason = "Raised twice", duplicateOf = await Allegation(), occurredAt = When }), CaseManager),

        // A pre-existing relationship a member of staff declares is a staff case the DSL leads with the headteacher; the MIS never sees it.
        new("propose joint decision", async () => Post(await Relationship(), "joint-decision", new { decision = "School channels only", occurredAt = When }), "404 200 200 200 404 404 404 404"),
        new("agree joint decision", AgreeJointDecision, "404 422 422 200 404 404 404 404"),

        // An allegation about a member of staff, whatever its kind: the headteacher manages it, the DSL keeps the child's side.
        new("allegation: view", async () => Get($"/api/concerns/{await Allegation()}"), "404 200 200 200 404 404 404 404"),
        new("allegation: history", async () => Get($"/api/concerns/{await Allegation()}/history"), "404 404 404 200 404 404 404 404"),
        new("allegation: triage", async () => Post(await Allegation(), "triage", new { risk = "high", decision = "investigate", rationale = "Messages from a teacher", occurredAt = When }), CaseManager),
        new("allegation: LADO consultation", async () => Post(await Allegation(), "lado-consultation", Lado()), CaseManager),
        new("allegation: share with the DSL", async () => Post(await Allegation(), "share-with-dsl", new { reason = "The DSL supports the child", occurredAt = When }), CaseManager),
        new("allegation: staff disciplinary", async () => Post(await Allegation(), "actions", new { type = "sanction-applied", sanction = "staff-disciplinary", subjectMisRef = Accused.Id, details = "Suspended pending investigation", occurredAt = When }), CaseManager),
        new("allegation: child's support", async () => Post(await Allegation(), "actions", new { type = "support-offered", subjectMisRef = "L-M5", details = "Daily check-in", occurredAt = When }), "404 200 200 200 404 404 404 404"),
        new("allegation: child's parents", async () => Post(await Allegation(), "actions", new { type = "parents-informed", subjectMisRef = "L-M5", details = "Met mother", occurredAt = When }), "404 200 200 200 404 404 404 404"),
        // Its case manager holds its debrief and invites the leadership they choose; the rest of the team never reads it.
        new("allegation: debrief", async () => Post(await AllegationInvestigated(), "debrief", Debrief()), "404 403 403 200 404 404 404 404"),

        // An allegation about the headteacher, raised by the chair: the chair manages and debriefs it.
        new("raise about the headteacher", () => Task.FromResult(new Call(HttpMethod.Post, "/api/concerns", AboutHeadteacherRequest("L-M6"))), "201 201 201 201 201 201 201 201"),
        new("headteacher allegation: view", async () => Get($"/api/concerns/{await AboutHeadteacher()}"), "404 200 200 404 404 200 404 404"),
        new("headteacher allegation: triage", async () => Post(await AboutHeadteacher(), "triage", new { risk = "high", decision = "investigate", rationale = "Messages from the head", occurredAt = When }), ChairManager),
        new("headteacher allegation: LADO consultation", async () => Post(await AboutHeadteacher(), "lado-consultation", Lado()), ChairManager),
        new("headteacher allegation: debrief", async () => Post(await AboutHeadteacherInvestigated(), "debrief", ChairDebrief()), ChairManager),

        // An allegation about the headteacher and the chair, no vice-chair named: the LADO's directly. Nobody in the school
        // manages it; the DSL and deputies read the child's side and record the LADO's part; the chair (by role) sees nothing.
        new("headteacher and chair allegation: view", async () => Get($"/api/concerns/{await AboutHeadteacherAndChair()}"), "404 200 200 404 404 404 404 404"),
        new("headteacher and chair allegation: LADO consultation", async () => Post(await AboutHeadteacherAndChair(), "lado-consultation", Lado()), "404 200 200 404 404 404 404 404"),
        // The DSL records the case manager the LADO or the governing body appointed; that person then manages it.
        new("headteacher and chair allegation: record the appointed case manager", async () => Post(await AboutHeadteacherAndChairWithAppointeeListed(), "case-manager",
            new { misRef = "matrix-appointee", appointedBy = "LADO duty officer", reason = "Nobody in the school may", occurredAt = When }), "404 200 200 404 404 404 404 404"),
        new("headteacher and chair allegation: triage", async () => Post(await AboutHeadteacherAndChair(), "triage", new { risk = "high", decision = "investigate", rationale = "Messages", occurredAt = When }), "404 403 403 404 404 404 404 404"),

        // Imagery with an adult alleged: the DSL keeps the UKCIS initial review, the case manager the allegation.
        new("imagery allegation: initial review", async () => Post(await _concerns.Raise(Raiser, RaiseRequest("youth-produced-sexual-imagery",
            Subject(Accused.Id, "staff-member", "alleged"), Subject("L-M9"))), "imagery-review", ImageryReview()), "404 200 200 200 404 404 404 404"),

        // A low-level concern about an adult goes to the DSL (the test school's setting); the headteacher reads and may act as the DSL's alternate.
        new("low-level concern: view", async () => Get($"/api/concerns/{await LowLevel()}"), "404 200 200 200 404 404 404 404"),
        new("low-level concern: pattern review", async () => Post(await LowLevelPattern(), "pattern-review", new { outcome = "Reviewed together", occurredAt = When }), LowLevelHandler),
        new("low-level concern: harm threshold met", async () => Post(await LowLevel(), "threshold-met", new { reason = "Messaged a pupil privately", occurredAt = When }), LowLevelHandler),

        // The headteacher's own declaration: the chair takes their part; the leadership team they lead never reads it.
        new("headteacher declaration: view", async () => Get($"/api/concerns/{await HeadteacherDeclaring()}"), "404 404 404 200 404 200 404 404"),

        // A staff case about a child, led by the leadership team: the DSL keeps the child's side of it.
        new("staff case about a child: view", async () => Get($"/api/concerns/{await StaffCaseAboutChild()}"), "404 200 200 200 200 404 404 404"),

        new("MIS feed", () => Task.FromResult(Get("/api/concerns")), "403 403 403 403 403 403 403 200"),
        new("work queue", () => Task.FromResult(Get("/api/queue")), "403 200 200 200 200 200 403 403"),
        new("learner chronology", () => Task.FromResult(Get("/api/learners/L-M1/chronology")), "403 200 200 200 403 403 403 403"),
        new("staff chronology", () => Task.FromResult(Get("/api/staff/matrix-accused/chronology")), "403 200 200 200 403 403 403 403"),
        new("audit trail", async () => Get($"/api/audit?concern={await Learner()}"), "403 200 200 200 403 403 403 403"),
        new("audit export", () => Task.FromResult(Get("/api/audit/export")), "403 200 200 200 403 403 403 403"),
        new("access log", () => Task.FromResult(Get("/api/audit/access")), "403 200 403 200 403 403 403 403"),
        new("governor report", () => Task.FromResult(Get("/api/reports/governors")), "403 403 403 200 200 200 200 403"),
        new("directory push", () => Task.FromResult(new Call(HttpMethod.Post, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[] { new { misRef = "L-M1", type = "learner", givenName = "Matrix", familyName = "Learner" } },
        })), "403 403 403 403 403 403 403 200"),
        new("directory search", () => Task.FromResult(Get("/api/directory/people?search=matrix")), "200 200 200 200 200 200 200 403"),

        // The filtering provider is a machine: its alerts are taken on a signature alone, so no token of any role opens
        // the webhook (FilteringAlertTests covers the signatures). The DSL and the deputies read the category table.
        new("filtering alert (signature, never a token)", () => Task.FromResult(new Call(HttpMethod.Post, "/api/filtering/demo/alerts", new
        {
            reference = "matrix-alert", category = "self-harm", occurredAt = When, user = "matrix-user",
        })), "401 401 401 401 401 401 401 401"),
        new("filtering category table", () => Task.FromResult(Get("/api/filtering/categories")), "403 200 200 403 403 403 403 403"),
        new("my debrief changes", () => Task.FromResult(Get("/api/debrief-changes/mine")), "200 200 200 200 200 200 200 403"),
        // One's own notifications: every person of the school, never the MIS; someone else's (or none) is a 404.
        new("my notifications", () => Task.FromResult(Get("/api/notifications")), "200 200 200 200 200 200 200 403"),
        new("my notifications' count", () => Task.FromResult(Get("/api/notifications/count")), "200 200 200 200 200 200 200 403"),
        new("clear a notification", () => Task.FromResult(new Call(HttpMethod.Post, $"/api/notifications/{Guid.NewGuid()}/clear")), "404 404 404 404 404 404 404 403"),
        new("clear all my notifications", () => Task.FromResult(new Call(HttpMethod.Post, "/api/notifications/clear")), "200 200 200 200 200 200 200 403"),
        new("alert preferences", () => Task.FromResult(Get("/api/alerts/preferences")), "403 200 403 200 403 403 403 403"),
        new("set alert preferences", () => Task.FromResult(new Call(HttpMethod.Put, "/api/alerts/preferences", new { alsoAlert = Array.Empty<object>() })), "403 200 403 200 403 403 403 403"),
        new("failed alert deliveries", () => Task.FromResult(Get("/api/alerts/failed-deliveries")), "403 200 403 200 403 403 403 403"),
        new("school calendar", () => Task.FromResult(Get("/api/calendar")), "403 200 200 200 200 200 403 403"),
        new("school calendar history", () => Task.FromResult(Get("/api/calendar/history")), "403 200 200 200 200 200 403 403"),
        // The calendar as seeded (no closures, the preloaded bank holidays): kept again as a new version, moving nothing.
        new("school calendar change", () => Task.FromResult(new Call(HttpMethod.Put, "/api/calendar", new
        {
            closures = Array.Empty<object>(),
            bankHolidays = Incidents.Domain.Calendar.EnglandAndWalesBankHolidays.All.Select(b => new { date = b.Date, name = b.Name }).ToArray(),
        })), "403 200 403 200 403 403 403 403"),
    ];

    [Fact]
    public async Task Every_endpoint_answers_every_role_and_every_bad_token_exactly_as_the_matrix_says()
    {
        var options = api.Host.Services.GetRequiredService<DevelopmentTokenOptions>();
        var mismatches = new List<string>();
        var cells = 0;
        var rows = LearnerCaseRows().ToList();
        foreach (var row in rows)
        {
            var expected = row.Expected.Split(' ').Select(int.Parse).ToArray();
            expected.Should().HaveCount(Roles.Length, row.Resource);
            var callers = Roles.Select((actor, i) => new Caller(actor.Roles.Single().WireName(), api.TokenFor(actor), expected[i]))
                .Append(new Caller("no token", null, 401))
                .Append(new Caller("expired token", Tokens.Expired(options, Dsl), 401))
                .Append(new Caller("forged token", Tokens.Forged(options, Headteacher), 401));

            foreach (var caller in callers)
            {
                cells++;
                var call = await row.Arrange();
                var actual = (int)(await Send(call, caller.Token)).StatusCode;
                if (actual != caller.Expected)
                {
                    mismatches.Add($"{row.Resource} as {caller.Name}: expected {caller.Expected}, got {actual}");
                }
            }
        }

        rows.Should().HaveCount(76);
        cells.Should().Be(76 * 11);
        mismatches.Should().BeEmpty(string.Join("; ", mismatches));
    }

    [Fact]
    public async Task A_staff_case_is_seen_only_by_its_participants_and_never_by_the_member_of_staff_it_is_about()
    {
        var aboutColleague = await _concerns.Raise(Raiser, RaiseRequest("staff-misconduct", Subject(Accused.Id, "staff-member", "alleged"), Subject("L-M3")));
        var aboutHeadteacher = await _concerns.Raise(Raiser, RaiseRequest("staff-misconduct", Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"), Subject("L-M4")));
        Actor[] columns = [.. Roles, Accused];

        // staff, dsl, deputy-dsl, headteacher, leadership, chair-of-governors, governor, mis, the accused (who holds dsl and
        // leadership too, so on the case about the headteacher they are a DSL like any other)
        var expectations = new Dictionary<string, string>
        {
            [$"/api/concerns/{aboutColleague}"] = "404 200 200 200 404 404 404 404 404",
            [$"/api/concerns/{aboutColleague}/history"] = "404 404 404 200 404 404 404 404 404",
            [$"/api/concerns/{aboutHeadteacher}"] = "404 200 200 404 404 200 404 404 200",
            [$"/api/concerns/{aboutHeadteacher}/history"] = "404 404 404 404 404 200 404 404 404",
        };

        var mismatches = new List<string>();
        foreach (var (url, row) in expectations)
        {
            var expected = row.Split(' ').Select(int.Parse).ToArray();
            for (var i = 0; i < columns.Length; i++)
            {
                var actual = (int)(await _concerns.Get(columns[i], url)).StatusCode;
                if (actual != expected[i])
                {
                    mismatches.Add($"GET {url} as {columns[i].Id}: expected {expected[i]}, got {actual}");
                }
            }
        }

        mismatches.Should().BeEmpty();

        // The DSL's 200 is the child's side: the children and who manages it, never the allegation, the adult or the narrative.
        foreach (var id in new[] { aboutColleague, aboutHeadteacher })
        {
            var childSide = await _concerns.Read(Dsl, id);
            childSide.AsObject().Select(p => p.Key).Should().NotContain(["summary", "subjects", "entries", "route", "raisedBy"]);
            childSide.ToJsonString().Should().NotContain(Accused.Id).And.NotContain(ApiHost.HeadteacherMisRef).And.NotContain("Hurtful messages");
        }

        // Nor can they act on it: every command is refused as if the case did not exist.
        var triage = new { risk = "low", decision = "no-further-action", rationale = "Nothing in it", occurredAt = When };
        (await _concerns.Post(Accused, $"/api/concerns/{aboutColleague}/triage", triage)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Post(Chair, $"/api/concerns/{aboutColleague}/triage", triage)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Post(Headteacher, $"/api/concerns/{aboutHeadteacher}/triage", triage)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Post(Accused, $"/api/concerns/{aboutColleague}/actions", new { type = "support-offered", subjectMisRef = "L-M3", details = "x", occurredAt = When }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "their DSL role gives them no child's side of a case about themselves");
        await _concerns.Command(Chair, aboutHeadteacher, "triage", triage);
        await _concerns.Command(Headteacher, aboutColleague, "triage", triage);
    }

    [Fact]
    public async Task The_member_of_staff_who_raised_a_concern_sees_its_status_and_the_MIS_the_references_of_what_it_raised_never_the_narrative()
    {
        var id = await Learner();
        await _concerns.Command(People.Dsl, id, "notes", new { note = "Spoke to the family about the messages", occurredAt = When });

        var asRaiser = (await _concerns.Read(Raiser, id)).AsObject();
        asRaiser.Select(p => p.Key).Should().BeEquivalentTo(["view", "id", "version", "kind", "status", "occurredAt", "closed"]);
        asRaiser["view"]!.GetValue<string>().Should().Be("status");
        asRaiser["status"]!.GetValue<string>().Should().Be("raised");
        (await _concerns.Get(Mis, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the MIS did not raise it");

        var raisedByMis = await _concerns.Raise(Mis, RaiseRequest(subjects: Subject("L-M1")));
        await _concerns.Command(People.Dsl, raisedByMis, "notes", new { note = "Spoke to the family about the messages", occurredAt = When });
        var asMis = (await _concerns.Read(Mis, raisedByMis)).AsObject();
        asMis.Select(p => p.Key).Should().BeEquivalentTo(["view", "id", "version", "kind", "status", "lead", "occurredAt", "subjects"]);
        asMis["view"]!.GetValue<string>().Should().Be("sync");
        asMis.ToJsonString().Should().NotContain("Spoke to the family").And.NotContain("Hurtful messages");
    }

    [Fact]
    public async Task Once_a_debrief_is_held_only_the_leaders_who_attended_still_read_the_case()
    {
        var id = await Investigated();
        (await _concerns.Get(Leadership, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.OK, "they may need to hold the debrief");

        await _concerns.Command(People.Leadership, id, "debrief", Debrief());

        (await _concerns.Get(People.Leadership, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _concerns.Get(Leadership, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<HttpResponseMessage> Send(Call call, string? token)
    {
        using var client = api.Host.Server.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var request = new HttpRequestMessage(call.Method, call.Url);
        if (call.Body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(call.Body);
        }

        return await client.SendAsync(request);
    }

    private static Call Get(string url) => new(HttpMethod.Get, url);

    private static Call Post(Guid id, string action, object body) => new(HttpMethod.Post, $"/api/concerns/{id}/{action}", body);

    private Task<Guid> Learner(string kind = "cyberbullying") => _concerns.Raise(Raiser, RaiseRequest(kind, Subject("L-M1")));

    private Task<Guid> LowLevel(string adult = "matrix-ll-adult") =>
        _concerns.Raise(Raiser, RaiseRequest("low-level-concern", Subject(adult, "staff-member", "alleged")));

    /// <summary>A low-level concern with two earlier ones about the same adult: a pattern to review.</summary>
    private async Task<Guid> LowLevelPattern()
    {
        await LowLevel("matrix-ll-pattern");
        await LowLevel("matrix-ll-pattern");
        return await LowLevel("matrix-ll-pattern");
    }

    private Task<Guid> LearnerWith(params object[] subjects) => _concerns.Raise(Raiser, RaiseRequest("cyberbullying", subjects));

    /// <summary>A case naming a visitor by name, and the directory listing who they turn out to be.</summary>
    private async Task<Call> IdentifyVisitor()
    {
        var id = await LearnerWith(Subject("L-M1"), new { name = "Matrix Visitor", description = "visitor at the fair", type = "other", involvement = "witness" });
        var unlisted = (await _concerns.Read(Dsl, id))["subjects"]!.AsArray().Select(s => s!["misRef"]!.GetValue<string>()).Single(r => r.StartsWith("unlisted-", StringComparison.Ordinal));
        var pushed = await _concerns.Post(Mis, "/api/directory/batches", new { mode = "changes", people = new[] { new { misRef = "L-M7", type = "learner", givenName = "Matrix", familyName = "Joiner" } } });
        pushed.StatusCode.Should().Be(HttpStatusCode.OK);
        return Post(id, "identifications", new { unlistedRef = unlisted, misRef = "L-M7", occurredAt = When });
    }

    /// <summary>Raised as cyberbullying, but a member of staff is alleged: an allegation, whatever its kind.</summary>
    private Task<Guid> Allegation() =>
        _concerns.Raise(Raiser, RaiseRequest("cyberbullying", Subject(Accused.Id, "staff-member", "alleged"), Subject("L-M5")));

    private async Task<Guid> AllegationInvestigated()
    {
        var id = await Allegation();
        await _concerns.Command(People.Headteacher, id, "triage", new { risk = "high", decision = "investigate", rationale = "Messages from a teacher", occurredAt = When });
        await _concerns.Command(People.Headteacher, id, "investigation/complete", new { findings = "Confirmed", outcome = "substantiated", occurredAt = When });
        return id;
    }

    private static object AboutHeadteacherRequest(string learner) =>
        RaiseRequest("online-abuse-or-exploitation", Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"), Subject(learner));

    private Task<Guid> AboutHeadteacherAndChair() => _concerns.Raise(Raiser, RaiseRequest("staff-misconduct",
        Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"), Subject(ApiHost.ChairOfGovernorsMisRef, "governor", "alleged"), Subject("L-M8")));

    private async Task<Guid> AboutHeadteacherAndChairWithAppointeeListed()
    {
        (await _concerns.Post(People.Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[] { new { misRef = "matrix-appointee", type = "governor", givenName = "Matrix", familyName = "Appointee" } },
        })).EnsureSuccessStatusCode();
        return await AboutHeadteacherAndChair();
    }

    private Task<Guid> AboutHeadteacher() => _concerns.Raise(People.ChairOfGovernors, AboutHeadteacherRequest("L-M6"));

    private async Task<Guid> AboutHeadteacherInvestigated()
    {
        var id = await AboutHeadteacher();
        await _concerns.Command(People.ChairOfGovernors, id, "triage", new { risk = "high", decision = "investigate", rationale = "Messages from the head", occurredAt = When });
        await _concerns.Command(People.ChairOfGovernors, id, "investigation/complete", new { findings = "Confirmed", outcome = "substantiated", occurredAt = When });
        return id;
    }

    private static object Lado() => new { officer = "LADO duty officer", advice = "Manage in school; no police involvement", occurredAt = When };

    private static object ImageryReview() => new
    {
        devices = "One phone, seized and locked away",
        deletion = "Learner deleted the image with the DSL",
        reportRemoveOffered = true,
        parents = "Parents told the same day",
        immediateReferralTriggers = Array.Empty<string>(),
        occurredAt = When,
    };

    private static object ChairDebrief() => new
    {
        attendees = new[] { new { id = People.ChairOfGovernors.Id, name = People.ChairOfGovernors.Name } },
        lessonsLearnt = new[] { "Governors review the code of conduct" },
        proposedChanges = Array.Empty<object>(),
        occurredAt = When,
    };

    private async Task<Guid> Triaged(string decision, string kind = "cyberbullying")
    {
        var id = await Learner(kind);
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "medium", decision, rationale = "Repeated messages", occurredAt = When, reviewBy = InAWeek });
        return id;
    }

    private async Task<Guid> Investigated()
    {
        var id = await Triaged("investigate");
        await _concerns.Command(People.Dsl, id, "investigation/complete", new { findings = "Confirmed", outcome = "substantiated", occurredAt = When });
        return id;
    }

    /// <summary>Owns the matrix's debrief changes: a member of staff in the directory, not a column.</summary>
    private const string ChangeOwner = "matrix-change-owner";

    private async Task<Guid> DebriefedWithChange()
    {
        var pushed = await _concerns.Post(Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[] { PeopleDirectory.DirectoryTests.Staff(ChangeOwner, "Matrix", "Owner", "Computing lead") },
        });
        pushed.StatusCode.Should().Be(HttpStatusCode.OK);
        var id = await Investigated();
        await _concerns.Command(People.Leadership, id, "debrief", new
        {
            attendees = new[] { new { id = People.Leadership.Id, name = People.Leadership.Name } },
            lessonsLearnt = new[] { "Teach group chat etiquette earlier" },
            proposedChanges = new[] { new { kind = "curriculum", change = "Group chat etiquette in year 5", ownerMisRef = ChangeOwner, dueBy = InAWeek } },
            occurredAt = When,
        });
        return id;
    }

    private async Task<Call> RecordAdvice()
    {
        var id = await Learner();
        var escalated = await _concerns.Command(People.Dsl, id, "escalations", new { question = "Should we involve the police?", occurredAt = When });
        var escalationId = escalated["escalations"]![0]!["id"]!.GetValue<Guid>();
        return Post(id, $"escalations/{escalationId}/advice", new { adviser = "Education Safeguarding Service", summary = "No referral needed", occurredAt = When });
    }

    /// <summary>A filtering breach closes on no further action without the parents being told, so the close is not refused.</summary>
    private async Task<Guid> ReadyToClose() => await Triaged("no-further-action", "filtering-breach");

    private async Task<Call> Reopen()
    {
        var id = await ReadyToClose();
        await _concerns.Command(People.Dsl, id, "close", new { rationale = "Resolved", occurredAt = When });
        return Post(id, "reopen", new { reason = "It happened again", occurredAt = When });
    }

    private Task<Guid> HeadteacherDeclaring() =>
        _concerns.Raise(Headteacher, RaiseRequest("conflicting-content", Subject(Headteacher.Id, "staff-member", "declaring")));

    private Task<Guid> StaffCaseAboutChild() =>
        _concerns.Raise(Declarant, RaiseRequest("conflicting-content", Subject(Declarant.Id, "staff-member", "declaring"), Subject("L-M8")));

    private Task<Guid> Relationship() =>
        _concerns.Raise(Declarant, RaiseRequest("pre-existing-relationship", Subject(Declarant.Id, "staff-member", "declaring"), Subject("P-M1", "parent-carer", "other")));

    private async Task<Call> AgreeJointDecision()
    {
        var id = await Relationship();
        var proposed = await _concerns.Command(People.Dsl, id, "joint-decision", new { decision = "School channels only", occurredAt = When });
        var decisionId = proposed["jointDecision"]!["id"]!.GetValue<Guid>();
        return Post(id, $"joint-decision/{decisionId}/agree", new { occurredAt = When });
    }

    private static object Debrief() => new
    {
        attendees = new[] { new { id = People.Leadership.Id, name = People.Leadership.Name } },
        lessonsLearnt = new[] { "Teach group chat etiquette earlier" },
        proposedChanges = Array.Empty<object>(),
        occurredAt = When,
    };
}
