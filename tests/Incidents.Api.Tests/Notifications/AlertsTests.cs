using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Notifications;
using Incidents.Api.Tests.Reliability;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using Incidents.Domain.Notifications;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Wolverine.Tracking;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Notifications;

/// <summary>
/// Nobody misses a concern: raising one alerts its lead at once, by email (a real SMTP conversation) and in the web app;
/// the email says nothing about the case; nobody on the case is alerted; a failed email is retried, then recorded.
/// </summary>
[Collection(AlertsCollection.Name)]
public sealed class AlertsTests(AlertsHost api)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly ConcernsApi _api = new(api);

    private const string DslEmail = "lucy.hayward@st-james.test";
    private const string DeputyEmail = "omar.siddiqui@st-james.test";
    private const string HeadEmail = "helen.carter@st-james.test";
    private const string ChairEmail = "margaret.okafor@st-james.test";

    /// <summary>As appsettings.Development.json names them: the DSL first, then the deputy; the chair.</summary>
    private static readonly Actor Deputy = new("staff-ddsl-1", "Omar Siddiqui", new HashSet<Role> { Role.DeputyDsl, Role.Staff });

    private static readonly Actor OnlineSafetyLead = new("staff-esafety-1", "Online Safety Lead", new HashSet<Role> { Role.Staff });

    private static object Adult(string misRef, string given, string family, string? workEmail, string type = "staff-member") =>
        new { misRef, type, givenName = given, familyName = family, workEmail };

    private async Task SchoolWithWorkEmails(params object[] more)
    {
        var pushed = await _api.Post(People.Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[]
            {
                Adult(People.Dsl.Id, "Lucy", "Hayward", DslEmail),
                Adult(Deputy.Id, "Omar", "Siddiqui", DeputyEmail),
                Adult(People.Headteacher.Id, "Helen", "Carter", HeadEmail),
                Adult(People.ChairOfGovernors.Id, "Margaret", "Okafor", ChairEmail, "governor"),
                Adult("staff-teacher-9", "Ivo", "Accused", "ivo.accused@st-james.test"),
                Adult(OnlineSafetyLead.Id, "Esme", "Safety", "esme.safety@st-james.test"),
            }.Concat(more).ToArray(),
        });
        pushed.StatusCode.Should().Be(HttpStatusCode.OK, await pushed.Content.ReadAsStringAsync());
    }

    private IEnumerable<netDumbster.smtp.SmtpMessage> EmailsAbout(Guid concern) =>
        api.Smtp.ReceivedEmail.Where(m => m.MessageParts.Any(p => p.BodyData.Contains(concern.ToString(), StringComparison.Ordinal)));

    private static IEnumerable<string> To(netDumbster.smtp.SmtpMessage message) => message.ToAddresses.Select(a => a.Address.ToLowerInvariant());

    private async Task<JsonArray> NotificationsOf(Actor actor)
    {
        var response = await _api.Get(actor, "/api/notifications");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await Json(response))["items"]!.AsArray();
    }

    private async Task<bool> Notified(Actor actor, Guid concern, string reason = "concern-raised") =>
        (await NotificationsOf(actor)).Any(n => n!["concernId"]!.GetValue<Guid>() == concern && n["reason"]!.GetValue<string>() == reason);

    [Fact]
    public async Task Raising_a_concern_in_the_web_app_emails_the_DSL_and_puts_a_notification_in_their_list_within_seconds()
    {
        await SchoolWithWorkEmails();
        using var teacher = await WebSession.SignIn(api, People.Teacher.Id);

        var raised = await teacher.Submit("/concerns/new", new()
        {
            ["kind"] = "cyberbullying",
            ["summary"] = "Hurtful messages in the Year 5 group chat",
            ["occurredAt"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'10:00", System.Globalization.CultureInfo.InvariantCulture),
            ["subjects[0].misRef"] = "L-9101",
            ["subjects[0].type"] = "learner",
            ["subjects[0].involvement"] = "affected",
        });
        raised.StatusCode.Should().Be(HttpStatusCode.Redirect, await raised.Content.ReadAsStringAsync());
        var id = Guid.Parse(raised.Headers.Location!.OriginalString.Split("raised=")[1]);

        var took = await Scenario.Until(async () => EmailsAbout(id).Any() && await Notified(People.Dsl, id), Within, () => "the DSL's email and notification");
        took.Should().BeLessThan(TimeSpan.FromSeconds(10), "the DSL is alerted within seconds");

        var email = EmailsAbout(id).Should().ContainSingle().Subject;
        To(email).Should().Equal(DslEmail);
        email.Headers["Subject"].Should().Be(AlertEmail.FixedSubject);
        var body = string.Join("\n", email.MessageParts.Select(p => p.BodyData));
        body.Should().Contain($"{AlertsHost.WebBaseUrl}/cases/{id}");
        foreach (var detail in new[] { "L-9101", "Hurtful", "group chat", "Year 5", "cyberbullying", "Cyberbullying", "Lucy", "Hayward", "staff-dsl-1", "staff-teacher-1", "Class Teacher" })
        {
            body.Should().NotContain(detail, "an email never carries case detail or personal data");
            email.Headers["Subject"]!.Should().NotContain(detail);
        }

        using var dsl = await WebSession.SignIn(api, People.Dsl.Id);
        var page = await dsl.Page("/notifications");
        page.Should().Contain($"href=\"/cases/{id}\"").And.Contain("A concern was raised").And.Contain("id=\"notification-count\"");
        (await _api.Get(People.Dsl, "/api/notifications/count")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await NotificationsOf(People.Teacher)).Should().NotContain(n => n!["concernId"]!.GetValue<Guid>() == id, "the raiser is not its lead");
        await Scenario.Until(async () =>
        {
            await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.Query<AlertEmailSent>().AnyAsync(e => e.ConcernId == id && e.Recipient == People.Dsl.Id);
        }, Within, () => "the record of the email sent");
    }

    [Fact]
    public async Task An_allegation_alerts_only_its_case_manager_and_never_the_adult_alleged()
    {
        await SchoolWithWorkEmails();
        var accused = new Actor("staff-teacher-9", "Ivo Accused", new HashSet<Role> { Role.Staff, Role.Dsl });

        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-9201"), Subject(accused.Id, "staff-member", "alleged")));

        await Scenario.Until(async () => EmailsAbout(id).Any() && await Notified(People.Headteacher, id), Within, () => "the case manager's alert");
        await using (var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var record = await session.Query<AlertRecord>().SingleAsync(r => r.ConcernId == id);
            record.Recipients.Should().Equal(People.Headteacher.Id);
        }

        EmailsAbout(id).SelectMany(To).Should().Equal(HeadEmail);
        (await NotificationsOf(accused)).Should().BeEmpty("nobody is ever alerted to an allegation about themselves");
        (await NotificationsOf(People.Dsl)).Should().NotContain(n => n!["concernId"]!.GetValue<Guid>() == id, "an allegation alerts only its case manager");
    }

    [Fact]
    public async Task An_allegation_about_the_headteacher_alerts_the_chair_of_governors_and_never_the_headteacher()
    {
        await SchoolWithWorkEmails();

        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-9301"), Subject(People.Headteacher.Id, "staff-member", "alleged")));

        await Scenario.Until(async () => EmailsAbout(id).Any() && await Notified(People.ChairOfGovernors, id), Within, () => "the chair's alert");
        EmailsAbout(id).SelectMany(To).Should().Equal(ChairEmail);
        (await NotificationsOf(People.Headteacher)).Should().NotContain(n => n!["concernId"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task A_triage_at_immediate_risk_alerts_the_DSL_the_deputy_and_the_headteacher_together()
    {
        await SchoolWithWorkEmails();
        var id = await _api.Raise(People.Teacher, RaiseRequest("online-abuse-or-exploitation", Subject("L-9401")));
        await Scenario.Until(() => Notified(People.Dsl, id), Within, () => "the raise's alert");

        await _api.Command(People.Dsl, id, "triage", new { risk = "immediate", decision = "investigate", rationale = "A stranger asked to meet", occurredAt = Yesterday });

        await Scenario.Until(async () => await Notified(People.Dsl, id, "immediate-risk") && await Notified(Deputy, id, "immediate-risk")
                                         && await Notified(People.Headteacher, id, "immediate-risk"), Within, () => "the immediate-risk alerts");
        await Scenario.Until(() => Task.FromResult(EmailsAbout(id).SelectMany(To).Count() >= 4), Within, () => "the immediate-risk emails");
        EmailsAbout(id).SelectMany(To).Should().BeEquivalentTo([DslEmail, DslEmail, DeputyEmail, HeadEmail]);
    }

    [Fact]
    public async Task The_same_alert_delivered_twice_notifies_and_emails_each_person_once()
    {
        await SchoolWithWorkEmails();
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-9501")));
        await Scenario.Until(() => Notified(People.Dsl, id), Within, () => "the raise's alert");
        var due = DateTimeOffset.UtcNow.AddHours(4);
        var reminder = new CaseAlert(id, AlertReason.ClockReminder, DateTimeOffset.UtcNow, CaseClock.Triage, due);

        await api.Host.InvokeMessageAndWaitAsync(reminder);
        await api.Host.InvokeMessageAndWaitAsync(reminder with { At = DateTimeOffset.UtcNow });

        await Scenario.Until(() => Task.FromResult(EmailsAbout(id).Count() >= 2), Within, () => "the reminder's email");
        (await NotificationsOf(People.Dsl)).Count(n => n!["concernId"]!.GetValue<Guid>() == id && n["reason"]!.GetValue<string>() == "clock-reminder")
            .Should().Be(1);
        EmailsAbout(id).Should().HaveCount(2, "one for the raise, one for the reminder: the repeat sends nothing");
    }

    [Fact]
    public async Task An_overdue_target_escalates_to_the_headteacher_and_a_debrief_change_reminds_its_owner()
    {
        await SchoolWithWorkEmails(Adult("staff-slt-1", "Priya", "Shah", "priya.shah@st-james.test"));
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-9601")));

        await api.Host.InvokeMessageAndWaitAsync(new CaseAlert(id, AlertReason.ClockOverdue, DateTimeOffset.UtcNow, CaseClock.Triage, DateTimeOffset.UtcNow.AddHours(-1)));
        await api.Host.InvokeMessageAndWaitAsync(new CaseAlert(id, AlertReason.ClockReminder, DateTimeOffset.UtcNow, CaseClock.DebriefChange,
            DateTimeOffset.UtcNow.AddDays(2), OwnerMisRef: People.Leadership.Id));

        (await Notified(People.Headteacher, id, "clock-overdue")).Should().BeTrue();
        (await Notified(People.Leadership, id, "clock-reminder")).Should().BeTrue();
        (await Notified(People.Dsl, id, "clock-reminder")).Should().BeFalse("a debrief change's reminder goes to its owner");
    }

    [Fact]
    public async Task Each_person_sees_and_clears_only_their_own_notifications()
    {
        await SchoolWithWorkEmails();
        var first = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-9701")));
        var second = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-9702")));
        await Scenario.Until(async () => await Notified(People.Dsl, first) && await Notified(People.Dsl, second), Within, () => "both alerts");
        var mine = (await NotificationsOf(People.Dsl)).First(n => n!["concernId"]!.GetValue<Guid>() == first)!["id"]!.GetValue<Guid>();
        var before = (await Json(await _api.Get(People.Dsl, "/api/notifications/count")))["count"]!.GetValue<int>();

        (await _api.Post(People.Teacher, $"/api/notifications/{mine}/clear", null)).StatusCode.Should().Be(HttpStatusCode.NotFound, "it is not theirs");
        (await _api.Post(People.Headteacher, "/api/notifications/clear", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Notified(People.Dsl, first)).Should().BeTrue("clearing one's own leaves everyone else's");

        (await _api.Post(People.Dsl, $"/api/notifications/{mine}/clear", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Notified(People.Dsl, first)).Should().BeFalse();
        (await Json(await _api.Get(People.Dsl, "/api/notifications/count")))["count"]!.GetValue<int>().Should().Be(before - 1);

        (await _api.Post(People.Dsl, "/api/notifications/clear", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await NotificationsOf(People.Dsl)).Should().BeEmpty();
        (await _api.Get(People.Mis, "/api/notifications")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_DSL_adds_the_online_safety_lead_for_filtering_breaches_and_they_are_alerted_of_those_alone()
    {
        await SchoolWithWorkEmails(new { misRef = "L-9899", type = "learner", givenName = "Kid", familyName = "Learner" });
        var preferences = new { alsoAlert = new[] { new { misRef = OnlineSafetyLead.Id, kinds = new[] { "filtering-breach" } } } };

        (await _api.Send(People.Teacher, HttpMethod.Put, "/api/alerts/preferences", preferences)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _api.Send(People.Dsl, HttpMethod.Put, "/api/alerts/preferences", new { alsoAlert = new[] { new { misRef = "L-9899", kinds = Array.Empty<string>() } } }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a learner is never alerted");
        (await _api.Send(People.Dsl, HttpMethod.Put, "/api/alerts/preferences", new { alsoAlert = new[] { new { misRef = "nobody-we-know", kinds = Array.Empty<string>() } } }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "only an adult of the school");
        var set = await _api.Send(People.Dsl, HttpMethod.Put, "/api/alerts/preferences", preferences);
        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        var history = (await Json(await _api.Get(People.Headteacher, "/api/alerts/preferences")))["history"]!.AsArray();
        history[^1]!["by"]!.GetValue<string>().Should().Be(People.Dsl.Id, "every change is kept with who made it");

        var breach = await _api.Raise(People.Teacher, RaiseRequest("filtering-breach", Subject("L-9801")));
        var bullying = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-9802")));
        await Scenario.Until(async () => await Notified(People.Dsl, breach) && await Notified(People.Dsl, bullying), Within, () => "both alerts");

        (await Notified(OnlineSafetyLead, breach)).Should().BeTrue();
        (await Notified(OnlineSafetyLead, bullying)).Should().BeFalse();

        (await _api.Send(People.Dsl, HttpMethod.Put, "/api/alerts/preferences", new { alsoAlert = Array.Empty<object>() })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_email_the_mail_server_keeps_refusing_is_retried_with_back_off_then_recorded_for_the_DSL_to_see()
    {
        await SchoolWithWorkEmails();
        api.StopSmtp();
        Guid id;
        try
        {
            id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-9901")));
            await Scenario.Until(async () =>
            {
                await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
                return await session.Query<FailedDelivery>().AnyAsync(f => f.ConcernId == id);
            }, Within, () => "the failed delivery's record");
        }
        finally
        {
            api.RestartSmtp();
        }

        var failures = (await Json(await _api.Get(People.Dsl, "/api/alerts/failed-deliveries"))).AsArray();
        var failure = failures.Single(f => f!["concernId"]!.GetValue<Guid>() == id)!;
        failure["attempts"]!.GetValue<int>().Should().Be(AlertsHost.RetryDelays.Length + 1, "tried once, then once after each delay");
        failure["recipient"]!.GetValue<string>().Should().Be(People.Dsl.Id);
        (await Notified(People.Dsl, id)).Should().BeTrue("the notification still waits in the web app");
        (await _api.Get(People.Teacher, "/api/alerts/failed-deliveries")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // And the message itself is in Wolverine's dead letters, for an operator to replay.
        await Scenario.Until(async () =>
        {
            await using var connection = new NpgsqlConnection(api.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select count(*) from information_schema.tables t where t.table_name = 'wolverine_dead_letters'", connection);
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return false;
            }

            await using var dead = new NpgsqlCommand(
                $"select count(*) from {await DeadLettersTable(connection)} where message_type like '%SendAlertEmail%'", connection);
            return (long)(await dead.ExecuteScalarAsync())! > 0;
        }, Within, () => "the dead letter");
    }

    private static async Task<string> DeadLettersTable(NpgsqlConnection connection)
    {
        await using var find = new NpgsqlCommand("select table_schema from information_schema.tables where table_name = 'wolverine_dead_letters' limit 1", connection);
        return $"{(string)(await find.ExecuteScalarAsync())!}.wolverine_dead_letters";
    }

    [Fact]
    public async Task Someone_without_a_work_email_in_the_directory_is_recorded_as_a_failed_delivery_and_still_notified_in_the_app()
    {
        var pushed = await _api.Post(People.Mis, "/api/directory/batches", new { mode = "changes", people = new[] { Adult(People.Dsl.Id, "Lucy", "Hayward", null) } });
        pushed.StatusCode.Should().Be(HttpStatusCode.OK);
        try
        {
            var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-9951")));

            await Scenario.Until(async () =>
            {
                await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
                return await session.Query<FailedDelivery>().AnyAsync(f => f.ConcernId == id && f.Reason == SendAlertEmailHandler.NoWorkEmail);
            }, Within, () => "the failed delivery's record");
            (await Notified(People.Dsl, id)).Should().BeTrue();
            EmailsAbout(id).Should().BeEmpty();
        }
        finally
        {
            await SchoolWithWorkEmails();
        }
    }

    [Fact]
    public async Task The_directory_takes_an_adults_work_email_and_refuses_one_for_a_learner_or_one_that_is_not_an_address()
    {
        var learner = await _api.Post(People.Mis, "/api/directory/batches", new
        {
            mode = "changes",
            people = new[] { new { misRef = "L-9990", type = "learner", givenName = "A", familyName = "Learner", workEmail = "a@b.test" } },
        });
        learner.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await learner.Content.ReadAsStringAsync()).Should().Contain("people[0].workEmail");

        var notAnAddress = await _api.Post(People.Mis, "/api/directory/batches", new { mode = "changes", people = new[] { Adult("S-9991", "Not", "Email", "not an address") } });
        notAnAddress.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var staff = await _api.Post(People.Mis, "/api/directory/batches", new { mode = "changes", people = new[] { Adult("S-9992", "Has", "Email", " has.email@st-james.test ") } });
        staff.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.LoadAsync<Domain.PeopleDirectory.DirectoryPerson>("s-9992"))!.WorkEmail.Should().Be("has.email@st-james.test");
    }
}
