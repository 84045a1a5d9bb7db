using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using Npgsql;

namespace Incidents.Api.Tests.Security;

/// <summary>
/// A NUL or other control character in a query, a form or a header, and a non-ASCII character in a header or in
/// where to go after signing in, is the client's mistake: a 400 (a problem from the API, the 400 page from a page),
/// never a 500, and nothing changes. PostgreSQL refuses a NUL in text, which made each of these a 500 before.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RefusedCharactersTests(WebHost web)
{
    private readonly ConcernsApi _api = new(web);

    private static readonly Dictionary<string, Actor> Readers = new()
    {
        ["dsl"] = People.Dsl,
        ["headteacher"] = People.Headteacher,
        ["chair"] = People.ChairOfGovernors,
        ["teacher"] = People.Teacher,
        ["mis"] = People.Mis,
    };

    [Theory]
    [InlineData("dsl", "/api/audit?actor=a%00b")]
    [InlineData("dsl", "/api/audit?eventType=%00")]
    [InlineData("dsl", "/api/audit/export?actor=a%00b")]
    [InlineData("headteacher", "/api/audit/access?actor=%00")]
    [InlineData("headteacher", "/api/audit/access?target=L-1%01")]
    [InlineData("dsl", "/api/queue?lead=%00")]
    [InlineData("dsl", "/api/queue?status=open%00")]
    [InlineData("teacher", "/api/directory/people?search=ann%00")]
    [InlineData("teacher", "/api/directory/people?search=ann%1B")]
    [InlineData("mis", "/api/concerns?kind=%00")]
    [InlineData("chair", "/api/reports/governors?from=%00")]
    [InlineData("dsl", "/api/learners/L-1/chronology?x%00=1")]
    public async Task A_control_character_in_a_query_parameter_is_a_400_problem_naming_it(string reader, string url)
    {
        var before = await EventCount();

        var response = await _api.Get(Readers[reader], url);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(body)!;
        problem["rule"]!.GetValue<string>().Should().Be("control-character");
        problem["errors"]!.AsObject().Should().NotBeEmpty();
        (await EventCount()).Should().Be(before);
    }

    [Theory]
    [InlineData("X-Correlation-Id", "abc\u0001def")]
    [InlineData("X-Correlation-Id", "café")]
    [InlineData("Idempotency-Key", "key\u007F")]
    public async Task A_control_or_non_ASCII_character_in_a_header_is_a_400_problem_and_raises_nothing(string header, string value)
    {
        var before = await EventCount();

        var response = await _api.Post(People.Teacher, "/api/concerns", ConcernsApi.RaiseRequest("cyberbullying", ConcernsApi.Subject("RC-1")),
            r => r.Headers.TryAddWithoutValidation(header, value));
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        JsonNode.Parse(body)!["errors"]![$"header.{header}"].Should().NotBeNull(body);
        (await EventCount()).Should().Be(before);
    }

    [Theory]
    [InlineData("/audit?actor=a%00b")]
    [InlineData("/audit/access?actor=%00")]
    [InlineData("/queue?status=%00")]
    [InlineData("/reports/governors?from=%00")]
    public async Task A_control_character_in_a_pages_query_is_the_400_page(string url)
    {
        using var headteacher = await WebSession.SignIn(web, People.Headteacher.Id);

        var response = await headteacher.Get(url);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, html);
        html.Should().Contain("Sorry, there is a problem");
    }

    [Fact]
    public async Task A_NUL_in_a_form_field_is_the_400_page_and_raises_nothing()
    {
        using var teacher = await WebSession.SignIn(web, People.Teacher.Id);
        var before = await EventCount();

        var response = await teacher.Submit("/concerns/raise", new() { ["kind"] = "cyberbullying", ["summary"] = "Upset\0 at break" });
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, html);
        html.Should().Contain("Sorry, there is a problem");
        (await EventCount()).Should().Be(before);
    }

    [Theory]
    [InlineData("/caf\u00e9")]
    [InlineData("/queue\u0001")]
    public async Task Where_to_go_after_signing_in_holding_a_non_ASCII_or_control_character_is_the_400_page(string returnUrl)
    {
        using var someone = WebSession.Anonymous(web);

        var response = await someone.Submit("/sign-in", new() { ["person"] = People.Dsl.Id, ["returnUrl"] = returnUrl });
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, response.Headers.Location?.ToString() + html);
        response.Headers.Location.Should().BeNull();
        html.Should().Contain("Sorry, there is a problem");
        (await someone.Get($"/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Line_breaks_in_a_form_field_and_accented_names_in_a_search_are_accepted()
    {
        (await _api.Get(People.Teacher, "/api/directory/people?search=Zo%C3%AB")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var teacher = await WebSession.SignIn(web, People.Teacher.Id);
        var response = await teacher.Submit("/concerns/raise", new() { ["kind"] = "cyberbullying", ["summary"] = "Upset at break.\r\nSaid so twice." });
        ((int)response.StatusCode).Should().BeLessThan(500).And.NotBe(400);
    }

    private async Task<long> EventCount()
    {
        await using var connection = new NpgsqlConnection(web.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from incidents.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
