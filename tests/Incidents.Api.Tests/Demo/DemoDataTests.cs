// The demonstration school is compiled only into Debug builds (DEMO_DATA, as in Incidents.Api): a Release build of the
// tests, as deploy/multinode.sh makes, has nothing here to test.
#if DEMO_DATA
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Infrastructure.Demo;
using Incidents.Api.Tests.Reliability;
using Incidents.Api.Tests.Support;
using Incidents.Demo;
using Incidents.Domain.Concerns;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Demo;

/// <summary>A host with a database of its own, empty until the demonstration school is seeded into it.</summary>
public sealed class DemoHost : ApiHost
{
    protected override string DatabasePrefix => "demo";
}

/// <summary>
/// The demonstration school a newcomer sees after <c>dotnet run</c>: seeded into an empty store through the host's own
/// entry point (the one the <c>demo-data</c> verb and the start-up seeding use), every case one the deciders wrote.
/// </summary>
public sealed class DemoDataTests(DemoHost api) : IClassFixture<DemoHost>
{
    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task Seeds_a_term_of_concerns_in_every_state_that_the_read_models_show_and_a_second_run_adds_nothing()
    {
        var demo = DemoData.School(api.Host.Services);
        var store = api.Host.Services.GetRequiredService<IDocumentStore>();
        (await DemoSeeder.CountConcernsAsync(store, demo, CancellationToken.None)).All.Should().Be(0, "the host's database starts empty");

        var first = await DemoData.SeedAsync(api.Host.Services, demo, CancellationToken.None);
        first.ConcernsWritten.Should().Be(demo.Concerns.Count).And.BeInRange(40, 80);

        await using var session = store.QuerySession();
        var concerns = await session.Query<Concern>().ToListAsync();
        concerns.Select(c => c.Status).Distinct().Should().BeEquivalentTo(Enum.GetValues<ConcernStatus>(), "the demonstration shows every state of the lifecycle");
        concerns.Select(c => c.Kind).Distinct().Should().BeEquivalentTo(Enum.GetValues<ConcernKind>(), "and every kind the policy names");
        concerns.Should().Contain(c => c.Route.IsAllegation && !c.Route.HeadteacherAlleged, "an allegation the headteacher manages")
            .And.Contain(c => c.Route.HeadteacherAlleged, "an allegation about the headteacher, which the chair manages")
            .And.Contain(c => c.ImageryReview != null, "imagery with its initial review")
            .And.Contain(c => c.AdvicePending, "advice still awaited")
            .And.Contain(c => c.Escalations.Any(e => e.Advice != null), "advice received")
            .And.Contain(c => c.Referrals.Count > 0, "referrals")
            .And.Contain(c => c.TimesReopened > 0, "a reopened case");

        // The people came through the directory import, so the pages show their names; someone the directory does not
        // hold is named beside the stream, never in it.
        var everyone = demo.People.Everyone;
        var listed = await session.LoadManyAsync<DirectoryPerson>(everyone.Select(p => DirectoryPerson.KeyFor(p.MisRef)).ToArray());
        listed.Should().HaveCount(everyone.Count, "every demonstration person is in the directory");
        var unlisted = demo.Concerns.SelectMany(c => c.Unlisted).Should().ContainSingle().Which;
        (await session.LoadAsync<UnlistedPerson>(unlisted.Id))!.Name.Should().Be(unlisted.Name);
        concerns.Should().Contain(c => c.Subjects.Any(s => s.MisRef == unlisted.Ref), "a case names someone not in the directory");

        // Every stream folds from its stored events to the state the inline projection holds, and each event carries
        // the time it was recorded in the term and who recorded it.
        foreach (var demoCase in demo.Concerns)
        {
            var events = await session.Events.FetchStreamAsync(demoCase.Id);
            var folded = events.Select(e => e.Data).Aggregate((Concern?)null, Concern.Evolve)!;
            folded.Version.Should().Be(demoCase.Events.Count);
            folded.Status.Should().Be(concerns.Single(c => c.Id == demoCase.Id).Status);
            events.Select(e => e.Timestamp).Should().Equal(demoCase.Events.Select(e => e.RecordedAt), (a, b) => a == b, "recorded when the term says");
            events.Select(e => e.UserName).Should().Equal(demoCase.Events.Select(e => e.RecordedBy));
            events.Should().OnlyContain(e => e.Timestamp >= ((IConcernEvent)e.Data).OccurredAt && e.Timestamp <= DemoTerm.End);
        }

        await api.ProjectionsCaughtUp();
        var queue = await Json(await _concerns.Get(People.Dsl, "/api/queue?limit=200"));
        var items = queue["items"]!.AsArray();
        items.Should().NotBeEmpty("the DSL's queue has the open cases");
        items.Select(i => i!["overdue"]!.AsArray().Select(o => o!.GetValue<string>())).SelectMany(o => o).Distinct()
            .Should().Contain(["triage", "advice", "review", "debrief"], "some of the term's work is overdue");
        var headteacherQueue = (await Json(await _concerns.Get(People.Headteacher, "/api/queue?limit=200")))["items"]!.AsArray();
        headteacherQueue.SelectMany(i => i!["overdue"]!.AsArray().Select(o => o!.GetValue<string>())).Should().Contain("lado-consultation");

        var report = await _concerns.Get(People.Governor, "/api/reports/governors?from=2026-09-01&to=2026-12-31");
        var body = await Json(report);
        report.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        body["concernsByKind"]!["total"]!["value"]!.GetValue<int>().Should().BePositive();

        var eventsBefore = await session.Events.QueryAllRawEvents().CountAsync();
        var second = await DemoData.SeedAsync(api.Host.Services, DemoData.School(api.Host.Services), CancellationToken.None);
        second.Should().Be(new DemoSeedResult(0, demo.Concerns.Count, 0));
        (await session.Events.QueryAllRawEvents().CountAsync()).Should().Be(eventsBefore, "a second run writes nothing");

        // The verb, as docs/operations.md gives it, on a store that also holds a concern of its own: it refuses unless
        // told to add the demonstration alongside, and then adds nothing that is already there.
        await _concerns.Raise(People.Teacher);
        var refused = await DemoDataVerb(api.ConnectionString);
        refused.ExitCode.Should().NotBe(0, refused.Output);
        refused.Output.Should().Contain("holds 1 concerns that are not the demonstration's").And.Contain("--alongside");
        var alongside = await DemoDataVerb(api.ConnectionString, "--alongside");
        alongside.ExitCode.Should().Be(0, alongside.Output);
        alongside.Output.Should().Contain($"0 concerns written (0 events), {demo.Concerns.Count} already there");
        (await session.Events.QueryAllRawEvents().CountAsync()).Should().Be(eventsBefore + 1, "only the test's own concern was added");
    }

    private static async Task<(int ExitCode, string Output)> DemoDataVerb(string connectionString, params string[] flags)
    {
        var run = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ApiNode.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["run", "--project", "src/Incidents.Api", "-v", "q", "--", "demo-data", .. flags])
        {
            run.ArgumentList.Add(argument);
        }

        run.Environment["ConnectionStrings__Incidents"] = connectionString;
        run.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var process = Process.Start(run)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public void The_demonstration_is_the_same_on_every_run()
    {
        var school = new SchoolRoles(ApiHost.HeadteacherMisRef, ApiHost.ChairOfGovernorsMisRef);
        var (one, two) = (new DemoSchool(school), new DemoSchool(school));
        two.People.Everyone.Should().Equal(one.People.Everyone);
        two.Concerns.Select(c => (c.Id, c.Events.Count, c.State.Status)).Should().Equal(one.Concerns.Select(c => (c.Id, c.Events.Count, c.State.Status)));
        one.People.Everyone.Count.Should().BeInRange(200, 400);
        one.People.Everyone.Select(p => p.Name).Should().OnlyHaveUniqueItems();
    }
}
#endif
