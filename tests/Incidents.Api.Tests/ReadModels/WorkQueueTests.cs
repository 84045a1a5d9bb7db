using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Calendar;
using Incidents.Domain.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>The DSL's work queue (and each other lead's), read after the async projections caught up.</summary>
[Collection(ReadModelCollection.Name)]
public sealed class WorkQueueTests(ReadModelHost api) : IDisposable
{
    private readonly ConcernsApi _concerns = new(api);

    public void Dispose() => api.Clock.Reset();

    private async Task<JsonArray> Queue(Actor actor, string query = "")
    {
        var response = await _concerns.Get(actor, "/api/queue" + query);
        var body = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        return body["items"]!.AsArray();
    }

    /// <summary>Every page of a queue query, <paramref name="limit"/> at a time, following each next cursor to the end.</summary>
    private async Task<List<Guid>> PageThrough(Actor actor, string query, int limit)
    {
        var ids = new List<Guid>();
        var cursors = new HashSet<string>();
        string? cursor = null;
        do
        {
            var response = await Json(await _concerns.Get(actor, $"/api/queue{query}&limit={limit}" + (cursor is null ? "" : $"&after={cursor}")));
            var items = response["items"]!.AsArray();
            items.Count.Should().BeLessThanOrEqualTo(limit);
            ids.AddRange(items.Select(i => i!["id"]!.GetValue<Guid>()));
            ids.Should().OnlyHaveUniqueItems("a cursor never leads back to a case already listed");
            cursor = response["nextCursor"]?.GetValue<string>();
            if (cursor is not null)
            {
                items.Should().NotBeEmpty("a page with a next cursor has something on it");
                cursors.Add(cursor).Should().BeTrue("a cursor never comes round again");
            }
        }
        while (cursor is not null);

        return ids;
    }

    private static JsonNode? Find(JsonArray items, Guid id) => items.FirstOrDefault(i => i!["id"]!.GetValue<Guid>() == id);

    [Fact]
    public async Task A_new_concern_is_due_for_triage_within_one_school_day_and_is_flagged_once_that_has_passed()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("Q-1001")));
        await api.ProjectionsCaughtUp();

        var item = Find(await Queue(People.Dsl, "?kind=cyberbullying&limit=200"), id)!;
        item["status"]!.GetValue<string>().Should().Be("raised");
        item["overdue"]!.AsArray().Should().BeEmpty();
        var raisedAt = item["raisedAt"]!.GetValue<DateTimeOffset>();
        var due = item["deadlines"]!["triageDueAt"]!.GetValue<DateTimeOffset>();
        var calendar = api.Host.Services.GetRequiredService<SchoolCalendar>();
        due.Should().Be(calendar.AddSchoolDays(raisedAt, 1));
        due.Should().BeAfter(raisedAt.AddHours(23));

        api.Clock.MoveTo(due.AddMinutes(1));
        var overdue = Find(await Queue(People.Dsl, "?kind=cyberbullying&limit=200"), id)!;
        overdue["overdue"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Equal("triage");

        await _concerns.Command(People.Dsl, id, "triage", new { risk = "low", decision = "monitor", rationale = "One message", occurredAt = DateTimeOffset.UtcNow, reviewBy = NextMonth });
        await api.ProjectionsCaughtUp();
        var triaged = Find(await Queue(People.Dsl, "?kind=cyberbullying&limit=200"), id)!;
        triaged["overdue"]!.AsArray().Should().BeEmpty();
        triaged["deadlines"]!["triageDueAt"].Should().BeNull();
    }

    [Fact]
    public async Task Pending_advice_a_missing_referral_decision_and_a_late_debrief_are_each_flagged()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("youth-produced-sexual-imagery", Subject("Q-2001")));
        var when = DateTimeOffset.UtcNow.AddMinutes(-5);
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "high", decision = "investigate", rationale = "Image shared", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "escalations", new { question = "Do we refer to the police?", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "investigation/complete", new { findings = "Image deleted", outcome = "substantiated", occurredAt = when });
        await api.ProjectionsCaughtUp();

        var item = Find(await Queue(People.Dsl, "?kind=youth-produced-sexual-imagery&limit=200"), id)!;
        var deadlines = item["deadlines"]!;
        var adviceDue = deadlines["adviceDueAt"]!.GetValue<DateTimeOffset>();
        var debriefDue = deadlines["debriefDueAt"]!.GetValue<DateTimeOffset>();
        var referralDue = deadlines["referralDecisionDueAt"]!.GetValue<DateTimeOffset>();
        referralDue.Should().BeBefore(adviceDue);
        adviceDue.Should().BeBefore(debriefDue);

        api.Clock.MoveTo(referralDue.AddMinutes(1));
        Overdue(Find(await Queue(People.Dsl, "?kind=youth-produced-sexual-imagery&limit=200"), id)!).Should().Equal("referral-decision");
        api.Clock.MoveTo(adviceDue.AddMinutes(1));
        Overdue(Find(await Queue(People.Dsl, "?kind=youth-produced-sexual-imagery&limit=200"), id)!).Should().Equal("advice", "referral-decision");
        api.Clock.MoveTo(debriefDue.AddMinutes(1));
        Overdue(Find(await Queue(People.Dsl, "?kind=youth-produced-sexual-imagery&limit=200"), id)!).Should().Equal("advice", "debrief", "referral-decision");
    }

    [Fact]
    public async Task A_referral_decided_on_and_not_yet_made_is_due_on_the_queue_and_flagged_until_it_is_made()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("online-abuse-or-exploitation", Subject("Q-2401")));
        var when = DateTimeOffset.UtcNow.AddMinutes(-5);
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "high", decision = "investigate", rationale = "Contact from an adult", occurredAt = when });
        await _concerns.Command(People.Dsl, id, "referral-decision", new { decision = "refer", rationale = "Threshold met", occurredAt = when });
        await api.ProjectionsCaughtUp();

        var item = Find(await Queue(People.Dsl, "?kind=online-abuse-or-exploitation&limit=200"), id)!;
        item["deadlines"]!["referralDecisionDueAt"].Should().BeNull();
        var due = item["deadlines"]!["referralDueAt"]!.GetValue<DateTimeOffset>();
        api.Clock.MoveTo(due.AddMinutes(1));
        Overdue(Find(await Queue(People.Dsl, "?kind=online-abuse-or-exploitation&limit=200"), id)!).Should().Contain("referral");

        await _concerns.Command(People.Dsl, id, "referrals", new { agency = "childrens-social-care", reference = "CSC-2401", occurredAt = when });
        await api.ProjectionsCaughtUp();
        var made = Find(await Queue(People.Dsl, "?kind=online-abuse-or-exploitation&limit=200"), id)!;
        made["deadlines"]!["referralDueAt"].Should().BeNull();
        Overdue(made).Should().NotContain("referral");
    }

    private static IEnumerable<string> Overdue(JsonNode item) => item["overdue"]!.AsArray().Select(o => o!.GetValue<string>());

    private static string NextMonth => DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_monitored_case_is_due_for_review_by_the_end_of_its_review_date()
    {
        var calendar = api.Host.Services.GetRequiredService<SchoolCalendar>();
        var reviewBy = calendar.LocalDate(DateTimeOffset.UtcNow).AddDays(7);
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("underage-use", Subject("Q-10001")));
        await _concerns.Command(People.Dsl, id, "triage", new
        {
            risk = "low",
            decision = "monitor",
            rationale = "Watch for a month",
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            reviewBy = reviewBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        await api.ProjectionsCaughtUp();

        var item = Find(await Queue(People.Dsl, "?kind=underage-use&limit=200"), id)!;
        var due = item["deadlines"]!["reviewDueAt"]!.GetValue<DateTimeOffset>();
        due.Should().Be(calendar.StartOf(reviewBy.AddDays(1)), "the review is due by the end of its date, school time");
        Overdue(item).Should().BeEmpty();

        api.Clock.MoveTo(due.AddMinutes(-1));
        Overdue(Find(await Queue(People.Dsl, "?kind=underage-use&limit=200"), id)!).Should().BeEmpty("the review date has not ended");
        api.Clock.MoveTo(due.AddMinutes(1));
        Overdue(Find(await Queue(People.Dsl, "?kind=underage-use&limit=200"), id)!).Should().Equal("review");
    }

    [Fact]
    public async Task An_allegation_is_due_for_LADO_consultation_within_one_working_day_and_never_queues_for_the_adult_alleged()
    {
        var calendar = api.Host.Services.GetRequiredService<SchoolCalendar>();
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("Q-11001"), Subject("S-11002", "supply-staff", "alleged")));
        await api.ProjectionsCaughtUp();

        var item = Find(await Queue(People.Headteacher, "?kind=cyberbullying&limit=200"), id)!;
        var raisedAt = item["raisedAt"]!.GetValue<DateTimeOffset>();
        var due = item["deadlines"]!["ladoConsultationDueAt"]!.GetValue<DateTimeOffset>();
        due.Should().Be(calendar.AddWorkingDays(raisedAt, 1));
        Find(await Queue(People.Dsl, "?kind=cyberbullying&limit=200"), id).Should().BeNull("an allegation is the case manager's");

        // The supply teacher alleged, even holding the headteacher's role, never has it on their queue.
        var alleged = new Actor("S-11002", "Supply teacher", new HashSet<Role> { Role.Headteacher, Role.Staff });
        Find(await Queue(alleged, "?kind=cyberbullying&limit=200"), id).Should().BeNull();

        api.Clock.MoveTo(due.AddMinutes(1));
        Overdue(Find(await Queue(People.Headteacher, "?kind=cyberbullying&limit=200"), id)!).Should().Contain("lado-consultation");

        api.Clock.Reset();
        await _concerns.Command(People.Headteacher, id, "lado-consultation", new { officer = "LADO duty officer", advice = "Manage in school", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await api.ProjectionsCaughtUp();
        api.Clock.MoveTo(due.AddMinutes(1));
        var consulted = Find(await Queue(People.Headteacher, "?kind=cyberbullying&limit=200"), id)!;
        consulted["deadlines"]!["ladoConsultationDueAt"].Should().BeNull();
        Overdue(consulted).Should().NotContain("lado-consultation");
    }

    [Fact]
    public async Task Each_lead_sees_the_concerns_their_role_leads_and_nobody_else_has_a_queue()
    {
        var learner = await _concerns.Raise(People.Teacher, RaiseRequest("filtering-breach", Subject("Q-3001")));
        var content = await _concerns.Raise(People.Teacher, RaiseRequest("conflicting-content", Subject(People.Teacher.Id, "staff-member", "declaring")));
        var misconduct = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject("S-3003", "staff-member", "alleged")));
        await api.ProjectionsCaughtUp();

        var dsl = await Queue(People.Dsl, "?limit=200");
        var headteacher = await Queue(People.Headteacher, "?limit=200");
        var leadership = await Queue(People.Leadership, "?limit=200");

        Find(dsl, learner).Should().NotBeNull();
        Find(dsl, content).Should().BeNull();
        Find(dsl, misconduct).Should().BeNull();
        Find(headteacher, misconduct).Should().NotBeNull();
        Find(headteacher, learner).Should().BeNull();
        Find(leadership, content).Should().NotBeNull();
        leadership.Should().OnlyContain(i => i!["lead"]!.GetValue<string>() == "leadership-team");

        (await _concerns.Get(People.Teacher, "/api/queue")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(People.Governor, "/api/queue")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(People.Mis, "/api/queue")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _concerns.Get(null, "/api/queue")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_immediate_risk_heads_the_queue_and_a_closed_concern_leaves_it()
    {
        var routine = await _concerns.Raise(People.Teacher, RaiseRequest("inappropriate-use", Subject("Q-4001")));
        var urgent = await _concerns.Raise(People.Teacher, RaiseRequest("inappropriate-use", Subject("Q-4002")));
        var closed = await _concerns.Raise(People.Teacher, RaiseRequest("inappropriate-use", Subject("Q-4003")));
        var when = DateTimeOffset.UtcNow.AddMinutes(-1);
        await _concerns.Command(People.Dsl, urgent, "triage", new { risk = "immediate", decision = "investigate", rationale = "Live risk", occurredAt = when });
        await _concerns.Command(People.Dsl, closed, "triage", new { risk = "low", decision = "no-further-action", rationale = "Misunderstanding", occurredAt = when });
        await _concerns.Command(People.Dsl, closed, "close", new { rationale = "Nothing to do", occurredAt = when });
        await api.ProjectionsCaughtUp();

        var all = await Queue(People.Dsl, "?limit=200");
        all[0]!["id"]!.GetValue<Guid>().Should().Be(urgent);
        Find(all, closed).Should().BeNull();
        Find(all, routine).Should().NotBeNull();

        var immediate = await Queue(People.Dsl, "?risk=immediate&status=under-investigation");
        immediate.Select(i => i!["id"]!.GetValue<Guid>()).Should().Equal(urgent);
    }

    [Fact]
    public async Task Pages_follow_one_another_without_gaps_or_repeats()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await _concerns.Raise(People.Teacher, RaiseRequest("underage-use", Subject($"Q-50{i}"))));
        }

        await api.ProjectionsCaughtUp();
        var whole = (await Queue(People.Dsl, "?kind=underage-use&limit=200")).Select(i => i!["id"]!.GetValue<Guid>()).ToList();

        var paged = await PageThrough(People.Dsl, "?kind=underage-use", limit: 2);
        paged.Should().Equal(whole);
        paged.Should().Contain(ids);
    }

    [Fact]
    public async Task A_headteacher_who_is_also_the_DSL_gets_one_queue_of_both_roles_in_order_and_pages_through_it()
    {
        // Small schools often have one person in both roles: each role's cases are read on their own, then merged.
        var headAndDsl = new Actor("staff-head-dsl", "Head and DSL", new HashSet<Role> { Role.Headteacher, Role.Dsl, Role.Staff });
        var breach = await _concerns.Raise(People.Teacher, RaiseRequest("filtering-breach", Subject("Q-6001")));
        var misconduct = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject("S-6002", "staff-member", "alleged")));
        var urgent = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject("S-6003", "staff-member", "alleged")));
        await _concerns.Command(People.Headteacher, urgent, "triage", new { risk = "immediate", decision = "investigate", rationale = "Live risk", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await api.ProjectionsCaughtUp();

        const string kinds = "?kind=filtering-breach,staff-misconduct";
        var whole = (await Queue(headAndDsl, kinds + "&limit=200")).Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        whole.Should().Contain([breach, misconduct, urgent]);
        whole.IndexOf(urgent).Should().BeLessThan(whole.IndexOf(breach), "an immediate risk heads the queue whichever role leads it");

        (await PageThrough(headAndDsl, kinds, limit: 1)).Should().Equal(whole);
        var asDsl = (await Queue(headAndDsl, kinds + "&lead=dsl&limit=200")).Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        asDsl.Should().Contain(breach).And.NotContain([misconduct, urgent]);
    }

    [Fact]
    public async Task A_filter_on_several_statuses_keeps_queue_order_across_them_and_pages_through_it()
    {
        // A few statuses are each read on their own, then merged. Contact through a personal account (no adult alleged)
        // has nothing falling due once triaged for investigation or no further action, so these cases queue by risk,
        // then by when they were raised: raised in another order, they queue alternating between the two statuses.
        const string kind = "?kind=personal-account-contact";
        Task<Guid> RaiseAbout(string staff) => _concerns.Raise(People.Teacher, RaiseRequest("personal-account-contact", Subject(staff, "staff-member", "other")));
        var lowFirst = await RaiseAbout("S-7001");
        var high = await RaiseAbout("S-7002");
        var untriaged = await RaiseAbout("S-7003");
        var lowLater = await RaiseAbout("S-7004");
        var medium = await RaiseAbout("S-7005");
        var when = DateTimeOffset.UtcNow.AddMinutes(-1);
        await _concerns.Command(People.Dsl, lowFirst, "triage", new { risk = "low", decision = "investigate", rationale = "Friend request to a pupil", occurredAt = when });
        await _concerns.Command(People.Dsl, high, "triage", new { risk = "high", decision = "investigate", rationale = "Private messages to a pupil", occurredAt = when });
        await _concerns.Command(People.Dsl, lowLater, "triage", new { risk = "low", decision = "no-further-action", rationale = "Request withdrawn", occurredAt = when });
        await _concerns.Command(People.Dsl, medium, "triage", new { risk = "medium", decision = "no-further-action", rationale = "One message, reported", occurredAt = when });
        await api.ProjectionsCaughtUp();

        Guid[] mine = [lowFirst, high, untriaged, lowLater, medium];
        Guid[] inQueueOrder = [high, medium, lowFirst, lowLater];
        (await Queue(People.Dsl, kind + "&limit=200")).Select(i => i!["id"]!.GetValue<Guid>()).Where(mine.Contains).Should().Equal(new[] { untriaged }.Concat(inQueueOrder));

        const string filtered = kind + "&status=no-further-action,under-investigation";
        var whole = await Queue(People.Dsl, filtered + "&limit=200");
        whole.Select(i => i!["status"]!.GetValue<string>()).Should().OnlyContain(s => s == "no-further-action" || s == "under-investigation");
        var ours = whole.Where(i => mine.Contains(i!["id"]!.GetValue<Guid>())).ToList();
        ours.Select(i => i!["id"]!.GetValue<Guid>()).Should().Equal(inQueueOrder);
        ours.Select(i => i!["status"]!.GetValue<string>()).Should().Equal("under-investigation", "no-further-action", "under-investigation", "no-further-action");

        (await PageThrough(People.Dsl, filtered, limit: 1)).Where(mine.Contains).Should().Equal(inQueueOrder);
    }

    [Fact]
    public async Task A_filter_on_several_kinds_keeps_queue_order_across_them_and_pages_through_it()
    {
        // Each kind is read on its own, then merged. Untriaged, these cases queue by their triage deadline and then by
        // when they were raised: raised alternating between two kinds, they queue alternating too.
        const string kinds = "?kind=online-sexual-harassment,illegal-content";
        var harassment = await _concerns.Raise(People.Teacher, RaiseRequest("online-sexual-harassment", Subject("Q-9001")));
        var illegal = await _concerns.Raise(People.Teacher, RaiseRequest("illegal-content", Subject("Q-9002")));
        var harassmentLater = await _concerns.Raise(People.Teacher, RaiseRequest("online-sexual-harassment", Subject("Q-9003")));
        var illegalLater = await _concerns.Raise(People.Teacher, RaiseRequest("illegal-content", Subject("Q-9004")));
        await api.ProjectionsCaughtUp();
        Guid[] inQueueOrder = [harassment, illegal, harassmentLater, illegalLater];

        var whole = await Queue(People.Dsl, kinds + ",illegal-content&limit=200");
        whole.Select(i => i!["kind"]!.GetValue<string>()).Should().OnlyContain(k => k == "online-sexual-harassment" || k == "illegal-content");
        whole.Select(i => i!["id"]!.GetValue<Guid>()).Should().OnlyHaveUniqueItems().And.Subject.Where(inQueueOrder.Contains).Should().Equal(inQueueOrder);

        (await PageThrough(People.Dsl, kinds, limit: 1)).Where(inQueueOrder.Contains).Should().Equal(inQueueOrder);
        (await Queue(People.Dsl, kinds + "&status=raised&limit=200")).Select(i => i!["id"]!.GetValue<Guid>()).Where(inQueueOrder.Contains)
            .Should().Equal(inQueueOrder, "with a status filter too");
    }

    [Fact]
    public async Task A_lead_role_or_status_named_twice_lists_each_case_once()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("underage-use", Subject("Q-8001")));
        await api.ProjectionsCaughtUp();

        foreach (var repeated in new[] { "&lead=dsl,dsl", "&status=raised,raised", "&lead=dsl,dsl&status=raised,reopened,monitoring,under-investigation,debriefed,raised" })
        {
            var items = await Queue(People.Dsl, "?kind=underage-use&limit=200" + repeated);
            items.Select(i => i!["id"]!.GetValue<Guid>()).Should().OnlyHaveUniqueItems(repeated).And.Contain(id, repeated);
            items.Select(i => i!["status"]!.GetValue<string>()).Should().OnlyContain(
                s => !repeated.Contains("status=") || repeated.Contains(s), repeated);
        }

        (await Queue(People.Dsl, "?kind=underage-use&status=closed")).Should().BeEmpty("a closed case is never on the queue");
        var withClosed = await Queue(People.Dsl, "?kind=underage-use&limit=200&status=raised,debriefed,closed");
        withClosed.Select(i => i!["id"]!.GetValue<Guid>()).Should().Contain(id);
        withClosed.Select(i => i!["status"]!.GetValue<string>()).Should().OnlyContain(s => s == "raised" || s == "debriefed");
    }

    [Fact]
    public async Task Bad_filters_are_refused_with_every_problem_listed()
    {
        var response = await _concerns.Get(People.Dsl, "/api/queue?kind=gossip&limit=0&from=yesterday&sort=name&after=not-a-cursor&lead=chair-of-governors");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await Json(response))["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo(["kind", "limit", "from", "sort", "after", "lead"]);
    }
}
