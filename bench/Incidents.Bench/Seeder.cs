using System.Diagnostics;
using System.Threading.Channels;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Debriefing;
using Incidents.Domain.Concerns.Escalating;
using Incidents.Domain.Concerns.Investigating;
using Incidents.Domain.Concerns.Notes;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Concerns.Triaging;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Marten;
using Npgsql;

namespace Incidents.Bench;

/// <summary>
/// Creates a million events quickly, straight through Marten: whole cases made by the domain's own deciders (so
/// every stream is one the service could have written), spread over five school years, appended in batches by two
/// writers. The inline case projection runs as it does in the service; the async ones are left for the rebuild.
/// </summary>
public static class Seeder
{
    private const int StreamsPerBatch = 500;
    private static readonly Actor Dsl = new("staff-dsl-1", "Lucy Hayward", new HashSet<Role> { Role.Dsl, Role.Staff });
    private static readonly Actor Headteacher = new(Tokens.HeadteacherMisRef, "The Headteacher", new HashSet<Role> { Role.Headteacher, Role.Staff });
    private static readonly Actor Leader = new("staff-slt-1", "Assistant Head", new HashSet<Role> { Role.Leadership, Role.Staff });

    public static async Task<long> SeedAsync(IDocumentStore store, long events, int learners)
    {
        // Every table and function up front, as the API does on start, rather than lazily inside the writers.
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var batches = Channel.CreateBounded<List<(Guid Id, object[] Events)>>(4);
        var written = 0L;
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await foreach (var batch in batches.Reader.ReadAllAsync())
            {
                await using var session = store.LightweightSession();
                foreach (var (id, stream) in batch)
                {
                    session.Events.StartStream<Concern>(id, stream);
                }

                try
                {
                    await session.SaveChangesAsync();
                }
                catch (Exception e)
                {
                    batches.Writer.TryComplete(e); // stop the producer too, instead of leaving it waiting on a full channel
                    throw;
                }

                var total = Interlocked.Add(ref written, batch.Sum(b => b.Events.Length));
                if (total / 100_000 != (total - batch.Sum(b => b.Events.Length)) / 100_000)
                {
                    Console.WriteLine($"  seeded {total:N0} events ({total / clock.Elapsed.TotalSeconds:N0}/s)");
                }
            }
        })).ToArray();

        // Appended in the order the cases were raised, as a real store's are: its event sequence follows time, so a
        // rebuild page holds the cases of a few days. (In random order, each page of the governors' projection
        // moves the sums of hundreds of days and months: docs/benchmarks.md.)
        var random = new Random(20261125);
        var now = DateTimeOffset.UtcNow;
        var planned = 0L;
        var cases = new List<(Guid Id, object[] Events)>();
        while (planned < events)
        {
            var id = Guid.CreateVersion7();
            var stream = Case(id, random, now, learners);
            if (stream.Length == 0)
            {
                continue; // a raise the policy refused (it would have happened in the future): no stream
            }

            planned += stream.Length;
            cases.Add((id, stream));
        }

        foreach (var batch in cases.OrderBy(c => ((ConcernRaised)c.Events[0]).OccurredAt).Chunk(StreamsPerBatch))
        {
            await batches.Writer.WriteAsync([.. batch]);
        }

        batches.Writer.Complete();
        await Task.WhenAll(writers);
        return written;
    }

    /// <summary>
    /// Marten stamps events with the time of the append; a real store's events are spread over years. Set each
    /// event's timestamp to when it happened (plus a few minutes), as if recorded at the time.
    /// </summary>
    public static async Task SpreadTimestampsAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var update = db.CreateCommand(
            "update incidents.mt_events set timestamp = (data->>'occurredAt')::timestamptz + interval '7 minutes' where data ? 'occurredAt'");
        update.CommandTimeout = 0;
        await update.ExecuteNonQueryAsync();
        await using var analyze = db.CreateCommand("vacuum analyze incidents.mt_events");
        analyze.CommandTimeout = 0;
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>One case's events, decided step by step; a step the policy refuses ends the case there (left open).</summary>
    private static object[] Case(Guid id, Random random, DateTimeOffset now, int learners)
    {
        var at = now.AddDays(-random.Next(3, 5 * 365)).AddMinutes(-random.Next(0, 600));
        var learner = new Subject($"L-{random.Next(learners):D6}", PersonType.Learner, Involvement.Affected);
        var raiser = new Actor($"staff-teacher-{random.Next(300)}", "Class Teacher", new HashSet<Role> { Role.Staff });
        var roll = random.NextDouble();
        var (kind, subjects) = roll switch
        {
            < 0.55 => (ConcernKind.Cyberbullying, new[] { learner, new Subject($"L-{random.Next(learners):D6}", PersonType.Learner, Involvement.Alleged) }),
            < 0.80 => (ConcernKind.FilteringBreach, new[] { learner }),
            < 0.90 => (ConcernKind.InappropriateUse, new[] { learner }),
            < 0.96 => (ConcernKind.UnderageUse, new[] { learner }),
            _ => (ConcernKind.StaffMisconduct, new[] { new Subject($"staff-teacher-{random.Next(300)}", PersonType.StaffMember, Involvement.Alleged), learner }),
        };

        var events = new List<object>();
        Concern? state = null;
        bool Step(Func<Concern?, DateTimeOffset, Decision> decide)
        {
            at = at.AddHours(random.Next(1, 30));
            if (at > now.AddMinutes(-1))
            {
                return false;
            }

            var decision = decide(state, now);
            if (!decision.Accepted)
            {
                return false;
            }

            events.AddRange(decision.Events);
            state = decision.Events.Aggregate(state, Concern.Evolve);
            return true;
        }

        Step((_, n) => RaiseConcernDecider.Decide(new RaiseConcern(id, kind, "Messages and images shared in a group chat outside school", subjects, at, raiser, Tokens.HeadteacherMisRef),
            RoutingTable.SocialMediaPolicy2021, n));
        var lead = kind == ConcernKind.StaffMisconduct ? Headteacher : Dsl;
        var stillOpen = random.NextDouble() < 0.08;
        if (kind is ConcernKind.FilteringBreach or ConcernKind.InappropriateUse)
        {
            _ = Step((c, n) => TriageConcernDecider.Decide(c!, new TriageConcern(RiskLevel.Low, TriageDecision.NoFurtherAction, "Filter updated", at, lead), n))
                && !stillOpen
                && Step((c, n) => CloseConcernDecider.Decide(c!, new CloseConcern("Resolved in school", at, lead), n));
            return [.. events];
        }

        var escalation = Guid.NewGuid();
        _ = Step((c, n) => TriageConcernDecider.Decide(c!, new TriageConcern(RiskLevel.Medium, TriageDecision.Investigate, "Repeated over a week", at, lead), n))
            && Step((c, n) => SeekAdviceDecider.Decide(c!, new SeekAdvice(escalation, null, "How should we proceed?", at, lead), n))
            && Step((c, n) => RecordAdviceDecider.Decide(c!, new RecordAdvice(escalation, "ESS adviser", "Manage in school", at, lead), n))
            && Step((c, n) => AddChronologyNoteDecider.Decide(c!, new AddChronologyNote("Spoke with the families", at, lead), n))
            && Step((c, n) => RecordActionDecider.Decide(c!, new RecordAction(ActionType.SupportOffered, null, learner.MisRef, "Pastoral check-ins", at, lead), n))
            && !stillOpen
            && Step((c, n) => CompleteInvestigationDecider.Decide(c!, new CompleteInvestigation("Confirmed", InvestigationOutcome.Substantiated, at, lead), n))
            && Step((c, n) => RecordDebriefDecider.Decide(c!, new RecordDebrief([Leader.AsPerson(), Dsl.AsPerson()], ["Teach group chat etiquette earlier"],
                [new ProposedChange(ProposedChangeKind.Curriculum, "PSHE unit on group chats", "PSHE lead")], at, Leader), n))
            && Step((c, n) => RecordActionDecider.Decide(c!, new RecordAction(ActionType.ParentsInformed, null, learner.MisRef, "Phoned the family", at, lead), n))
            && Step((c, n) => CloseConcernDecider.Decide(c!, new CloseConcern("Resolved; support continues", at, lead), n));
        return [.. events];
    }
}
