using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Security;

/// <summary>Every read of safeguarding data is recorded, refused attempts included, and the DSL and headteacher can see who read what.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReadAccessLogTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    private async Task<JsonArray> AccessLog(Actor reader, string query)
    {
        var response = await _concerns.Get(reader, "/api/audit/access" + query);
        var body = await Json(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        return body["items"]!.AsArray();
    }

    [Fact]
    public async Task A_read_whose_access_record_cannot_be_stored_serves_none_of_the_case_and_answers_a_problem()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("AL-9")));
        await using var db = Npgsql.NpgsqlDataSource.Create(api.ConnectionString);
        async Task Sql(string sql)
        {
            await using var command = db.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }

        await Sql("alter table incidents.mt_doc_readaccessrecord rename to mt_doc_readaccessrecord_away");
        try
        {
            var response = await _concerns.Get(People.Dsl, $"/api/concerns/{id}");
            var body = await response.Content.ReadAsStringAsync();

            response.StatusCode.Should().Be(HttpStatusCode.InternalServerError, body);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            response.Headers.ETag.Should().BeNull();
            body.Should().NotContain("Hurtful messages").And.NotContain("AL-9");
        }
        finally
        {
            await Sql("alter table incidents.mt_doc_readaccessrecord_away rename to mt_doc_readaccessrecord");
        }

        (await _concerns.Get(People.Dsl, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.OK, "the log works again");
    }

    [Fact]
    public async Task Reads_of_a_case_its_history_a_chronology_and_the_report_are_recorded_with_who_when_status_and_correlation()
    {
        var reader = new Actor($"staff-reader-{Guid.NewGuid():N}"[..24], "Curious DSL", new HashSet<Role> { Role.Dsl });
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("AL-1")));
        await _concerns.Send(reader, HttpMethod.Get, $"/api/concerns/{id}", configure: r => r.Headers.Add("X-Correlation-Id", "read-correlation-1"));
        await _concerns.Get(reader, $"/api/concerns/{id}/history");
        await _concerns.Get(reader, "/api/learners/AL-1/chronology");
        (await _concerns.Get(reader, "/api/reports/governors")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var log = await AccessLog(People.Headteacher, $"?actor={reader.Id}");
        log.Select(r => (r!["resource"]!.GetValue<string>(), r["status"]!.GetValue<int>())).Should().Equal(
            ("concern", 200), ("concern-history", 200), ("learner-chronology", 200), ("governor-report", 403));
        log[0]!["target"]!.GetValue<string>().Should().Be(id.ToString());
        log[0]!["correlationId"]!.GetValue<string>().Should().Be("read-correlation-1");
        log[0]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("dsl");
        log[0]!["at"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        log[2]!["target"]!.GetValue<string>().Should().Be("AL-1");

        // Reading the access log is itself recorded.
        var byHeadteacher = await AccessLog(People.Dsl, $"?actor={People.Headteacher.Id}&resource=access-log");
        byHeadteacher.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_refused_look_at_a_case_is_recorded_and_the_log_hides_reads_of_cases_the_reader_may_not_see()
    {
        var nosy = new Actor($"staff-nosy-{Guid.NewGuid():N}"[..22], "Nosy teacher", new HashSet<Role> { Role.Staff });
        var aboutHeadteacher = await _concerns.Raise(People.Teacher, RaiseRequest("staff-misconduct", Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged")));
        (await _concerns.Get(nosy, $"/api/concerns/{aboutHeadteacher}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _concerns.Get(People.ChairOfGovernors, $"/api/concerns/{aboutHeadteacher}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var byDsl = await AccessLog(People.Dsl, $"?target={aboutHeadteacher}");
        byDsl.Should().BeEmpty("the DSL takes no part in a case about the headteacher, so not even its reads are shown");
        var byHeadteacher = await AccessLog(People.Headteacher, $"?target={aboutHeadteacher}");
        byHeadteacher.Should().BeEmpty("the headteacher must not learn that a case about them exists");

        var nosyReads = await AccessLog(People.Dsl, $"?actor={nosy.Id}");
        nosyReads.Should().BeEmpty("the read was of a case hidden from the DSL");
    }

    [Fact]
    public async Task Only_the_DSL_and_headteacher_read_the_access_log_and_nothing_can_change_it()
    {
        foreach (var actor in new[] { People.Teacher, People.Governor, People.ChairOfGovernors, People.Leadership, People.Mis })
        {
            (await _concerns.Get(actor, "/api/audit/access")).StatusCode.Should().Be(HttpStatusCode.Forbidden, actor.Name);
        }

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            var response = await _concerns.Send(People.Headteacher, method, "/api/audit/access", new { });
            ((int)response.StatusCode).Should().BeOneOf([404, 405], method.Method);
        }
    }
}
