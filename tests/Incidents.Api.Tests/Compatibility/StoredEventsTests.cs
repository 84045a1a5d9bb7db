using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;
using Incidents.Projections.Governors;
using Incidents.Projections.People;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Incidents.Api.Tests.Compatibility;

/// <summary>A host whose database holds only the events the previous build stored.</summary>
public sealed class CompatibilityHost : ApiHost
{
    protected override string DatabasePrefix => "compatibility";
}

[CollectionDefinition(Name)]
public sealed class CompatibilityCollection : ICollectionFixture<CompatibilityHost>
{
    public const string Name = "compatibility";
}

/// <summary>
/// Old streams keep loading: the raw <c>mt_events</c> rows the build before issue 17 wrote (every event type it had,
/// once) are put into a fresh store as they were, and this build folds them, rebuilds every projection from them and
/// renders their history.
/// </summary>
[Collection(CompatibilityCollection.Name)]
public sealed class StoredEventsTests(CompatibilityHost api)
{
    private static readonly Guid Bullying = Guid.Parse("01a247dc-dfbf-7e45-b07a-36e3a52dbb78");
    private static readonly Guid AboutTheHead = Guid.Parse("01a247dc-f227-74a2-9fc4-d032d14b19e1");
    private static readonly Guid Relationship = Guid.Parse("01a247dc-f34d-7540-931b-81389d423f44");

    private readonly ConcernsApi _concerns = new(api);

    private sealed record StoredRow(Guid Stream, long Version, string Type, string DotnetType, JsonElement Data);

    private static async Task<List<StoredRow>> Rows()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Compatibility", "StoredEvents", "2026-12-events.json");
        await using var file = File.OpenRead(path);
        return (await JsonSerializer.DeserializeAsync<List<StoredRow>>(file, new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }

    private async Task Store(IReadOnlyList<StoredRow> rows)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        foreach (var stream in rows.GroupBy(r => r.Stream))
        {
            await using var insertStream = new NpgsqlCommand(
                "insert into incidents.mt_streams (id, type, version, timestamp, created) values ($1, null, $2, $3, $3)", connection, transaction);
            insertStream.Parameters.Add(new NpgsqlParameter { Value = stream.Key });
            insertStream.Parameters.Add(new NpgsqlParameter { Value = stream.Max(r => r.Version) });
            insertStream.Parameters.Add(new NpgsqlParameter { Value = at });
            await insertStream.ExecuteNonQueryAsync();
        }

        foreach (var row in rows)
        {
            await using var insertEvent = new NpgsqlCommand(
                "insert into incidents.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type) values (nextval('incidents.mt_events_sequence'), $1, $2, $3, $4::jsonb, $5, $6, $7)",
                connection, transaction);
            insertEvent.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            insertEvent.Parameters.Add(new NpgsqlParameter { Value = row.Stream });
            insertEvent.Parameters.Add(new NpgsqlParameter { Value = row.Version });
            insertEvent.Parameters.Add(new NpgsqlParameter { Value = row.Data.GetRawText() });
            insertEvent.Parameters.Add(new NpgsqlParameter { Value = row.Type });
            insertEvent.Parameters.Add(new NpgsqlParameter { Value = at });
            insertEvent.Parameters.Add(new NpgsqlParameter { Value = row.DotnetType });
            await insertEvent.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    [Fact]
    public async Task Events_stored_by_the_previous_build_load_rebuild_every_projection_and_render_their_history()
    {
        var rows = await Rows();
        rows.Select(r => r.Type).Distinct().Should().HaveCount(21, "the fixture holds every event type the previous build had");
        await Store(rows);

        var store = api.Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.QuerySession())
        {
            // The case fold reads each stream as the corrected model understands it.
            var bullying = (await session.Events.AggregateStreamAsync<Concern>(Bullying))!;
            bullying.Version.Should().Be(18);
            bullying.Status.Should().Be(ConcernStatus.Reopened);
            bullying.Subjects.Select(s => s.MisRef).Should().Equal("L-1001", "L-1002", "L-1003");
            // A decision about parents that named no child was taken for the case: it stands for each learner it had.
            bullying.ParentsDecisionFor("L-1001")!.Informed.Should().BeFalse("the later case-wide decision is the one on record");
            bullying.ParentsDecisionFor("L-1002")!.Details.Should().Be("Case-level reason");
            bullying.ParentsDecisionFor("L-1003").Should().BeNull("they were added after the decision");
            // A change agreed before owners and dates were recorded is to be assigned; it outlives the reopening.
            var change = bullying.DebriefChanges.Should().ContainSingle().Subject;
            change.Should().Match<DebriefChange>(c => c.Number == 1 && c.ToBeAssigned && c.IsOpen && c.OwnerRole == "PSHE lead" && c.Change == "PSHE");

            var aboutTheHead = (await session.Events.AggregateStreamAsync<Concern>(AboutTheHead))!;
            aboutTheHead.Route.IsAllegation.Should().BeTrue("a staff case led by the chair was an allegation about the headteacher");
            aboutTheHead.Route.HeadteacherAlleged.Should().BeTrue();
            aboutTheHead.Lead.Role.Should().Be(LeadRole.ChairOfGovernors);

            var relationship = (await session.Events.AggregateStreamAsync<Concern>(Relationship))!;
            relationship.Route.Category.Should().Be(ConcernCategory.Staff);
            relationship.JointDecision!.AgreedBy.Should().NotBeNull();
            relationship.Closure!.Outcome.Should().Be(ClosureOutcome.NoFurtherAction);
        }

        // Every projection, the inline case document included, rebuilds from them without error.
        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            foreach (var projection in new[] { nameof(Concern), nameof(CaseSummary), nameof(PersonCases), GovernorReportProjection.Name })
            {
                await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(1), CancellationToken.None);
            }
        }

        await using (var session = store.QuerySession())
        {
            var summary = (await session.LoadAsync<CaseSummary>(AboutTheHead))!;
            summary.Category.Should().Be(ConcernCategory.Allegation);
            summary.LeadRole.Should().Be(LeadRole.ChairOfGovernors);
            summary.HiddenFrom.Should().Contain(ApiHost.HeadteacherMisRef);
            (await session.LoadAsync<CaseSummary>(Bullying))!.Status.Should().Be(ConcernStatus.Reopened);

            (await session.LoadAsync<PersonCases>(PersonCases.KeyFor(PersonType.Learner, "L-1003")))!.ConcernIds.Should().Equal(Bullying);
            (await session.LoadAsync<PersonCases>(PersonCases.KeyFor(PersonType.StaffMember, ApiHost.HeadteacherMisRef)))!.ConcernIds.Should().Equal(AboutTheHead);

            var facts = await session.LoadManyAsync<GovernorCaseFacts>(Bullying, AboutTheHead, Relationship);
            facts.Should().HaveCount(3);
            facts.Single(f => f.Id == AboutTheHead).ChairStandsInForHeadteacher.Should().BeTrue();
            var month = (await session.LoadAsync<GovernorRollUp>("2026-11"))!;
            month.Tally.Raised.Should().Be(2, "the case about the headteacher is never counted");
        }

        // The history renders every stored event, for those who may read each case.
        foreach (var (id, reader, count) in new[] { (Bullying, People.Dsl, 18), (AboutTheHead, People.ChairOfGovernors, 3), (Relationship, People.Dsl, 5) })
        {
            var response = await _concerns.Get(reader, $"/api/concerns/{id}/history");
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, body);
            JsonNode.Parse(body)!.AsArray().Should().HaveCount(count);
            (await _concerns.Get(reader, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await _concerns.Get(People.Headteacher, $"/api/concerns/{AboutTheHead}/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public void A_withdrawal_stored_before_a_duplicate_could_be_named_loads_as_withdrawn_in_error()
    {
        // As the build before issue 24 wrote it: no duplicateOf.
        const string stored = """
            {"by": {"id": "staff-dsl-1", "name": "Lucy Hayward"}, "reason": "Raised about the wrong child",
             "concernId": "01a247dc-dfbf-7e45-b07a-36e3a52dbb78", "occurredAt": "2026-11-20T10:00:00+00:00"}
            """;
        var serializer = api.Host.Services.GetRequiredService<IDocumentStore>().Options.Serializer();
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stored));
        var withdrawn = serializer.FromJson<ConcernWithdrawn>(json);

        withdrawn.DuplicateOf.Should().BeNull();
        withdrawn.Reason.Should().Be("Raised about the wrong child");
        var raised = new ConcernRaised(Bullying, ConcernKind.Cyberbullying, "Messages", [new Subject("L-1001", PersonType.Learner, Involvement.Affected)],
            withdrawn.OccurredAt, withdrawn.By, RoutingTable.SocialMediaPolicy2021.RouteFor(ConcernKind.Cyberbullying, [], new SchoolRoles("h", "c")));
        var concern = Concern.Evolve(Concern.Evolve(null, raised), withdrawn);
        concern.Status.Should().Be(ConcernStatus.Withdrawn);
        concern.Closure!.DuplicateOf.Should().BeNull();
        Incidents.Projections.Chronology.ChronologyEntries.OnCase(withdrawn)!.Entry.Should().StartWith("Withdrawn, raised in error");
    }

    [Fact]
    public void A_governors_sum_stored_before_changes_had_owners_and_dates_lists_its_changes_as_to_be_assigned()
    {
        // As the build before December 2026 keyed a change in a governors' sum: kind, change and owner only.
        var line = GovernorTally.ParseChangeKey("""["curriculum","Teach proxy risks in year 6","Computing lead"]""");

        line.Should().Be(new GovernorTally.ChangeLine("curriculum", "Teach proxy risks in year 6", "Computing lead", null, null, null));
        GovernorTally.ParseChangeKey(GovernorTally.ChangeKey(line with { DueBy = new DateOnly(2027, 1, 31) })).DueBy.Should().Be(new DateOnly(2027, 1, 31));
    }
}
