using System.Linq.Expressions;
using Incidents.Api.Audit.Access;
using Incidents.Api.Calendar;
using Incidents.Api.Clocks;
using Incidents.Api.Concerns;
using Incidents.Api.Configuration;
using Incidents.Api.Notifications;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.PeopleDirectory;
using Incidents.Projections.Cases;
using Incidents.Projections.Concerns;
using Incidents.Projections.Governors;
using Incidents.Projections.People;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Npgsql;
using Weasel.Core;
using Wolverine.Marten;

namespace Incidents.Api.Infrastructure.Marten;

public static class MartenSetup
{
    public const string Schema = "incidents";

    /// <summary>
    /// The event store. Every event records who acted, the correlation and causation ids (filled by Wolverine
    /// from the request) and the server's time. Schema changes are applied on start in Development; in
    /// production run <c>db-apply</c> from the command line instead.
    /// </summary>
    private static int _cancellationClassifiedTransient;

    public static IServiceCollection AddIncidentsEventStore(this IServiceCollection services, string connectionString, SchoolOptions school, bool applySchemaOnStart)
    {
        // A database outage can stop a projection shard with a bare "A task was canceled" (a command cancelled on its
        // timeout), which the daemon's supervisor would otherwise treat as needing an operator and leave stopped for
        // good: the read models would go stale after the database came back (seen in DatabaseRestartTests). A
        // cancelled task is something waiting fixes, so the shard is restarted with back-off instead.
        // A governors' sum that would go below zero is retried the same way: the daemon pauses the shard (the page rolls
        // back, nothing is skipped), and only a transient failure is restarted by Wolverine's health check (Balanced
        // mode) instead of staying paused until the node restarts. GovernorSumRefusalTests shows it end to end.
        if (Interlocked.Exchange(ref _cancellationClassifiedTransient, 1) == 0)
        {
            TransientFailures.AddClassifier(e => e is OperationCanceledException or GovernorSumRefusedException ? true : null);
        }

        // The calendar is data (Calendar/): the queue's order follows this node's copy of it.
        var calendar = new CurrentCalendar(school);
        services.AddSingleton(calendar);
        var marten = services.AddMarten(opts => Configure(opts, connectionString, school, applySchemaOnStart, () => calendar.Calendar))
            .UseLightweightSessions()
            .IntegrateWithWolverine(x => x.UseWolverineManagedEventSubscriptionDistribution = true)
            .PublishCaseAlerts(); // raises and immediate-risk triages become alerts (Notifications/AlertsSetup)
        services.AddSingleton<IConfigureMarten, PreparedStatementGuardSetup>();
        if (applySchemaOnStart)
        {
            marten.ApplyAllDatabaseChangesOnStartup();
        }

        return services;
    }

    /// <summary>
    /// Npgsql prepares a statement once it has run twice on a connection, so PostgreSQL plans each of the few dozen
    /// statements the service runs once per connection instead of on every command (docs/benchmarks.md). A connection string that sets either keeps its own value (<c>Max Auto Prepare=0</c>: off).
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 100;
        }

        if (!given.ContainsKey("Auto Prepare Min Usages") && !given.ContainsKey("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>The store's whole configuration, shared with tools that open the store without the web host (bench/).</summary>
    public static void Configure(StoreOptions opts, string connectionString, SchoolOptions school, bool applySchemaOnStart, Func<SchoolCalendar>? calendar = null)
    {
        opts.Connection(WithPreparedStatements(connectionString));
        opts.Logger(new PreparedStatementGuard(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)); // logging in the host: PreparedStatementGuardSetup
        opts.DatabaseSchemaName = Schema;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        opts.AutoCreateSchemaObjects = applySchemaOnStart ? AutoCreate.CreateOrUpdate : AutoCreate.None;

        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.AddEventTypes(ConcernEventTypes.All); // registered up front so the store knows them before the first append

        // The command path fetches the case once and the inline projection reuses it (the Concern aggregate is
        // immutable, so sharing the identity map is safe), and appends skip the extra metadata round trip; the
        // timestamp comes from the database server (docs/benchmarks.md).
        opts.Events.AppendMode = EventAppendMode.Quick;
        opts.Projections.UseIdentityMapForAggregates = true;

        // A session keeps one connection from its first use to its end, instead of taking one from the pool (and
        // resetting it: seven statements) for each read and each commit: a command's read and its commit share one
        // (docs/benchmarks.md).
        opts.UseStickyConnectionLifetimes = true;

        // The async daemon looks for new events every 50-100 ms (default 250 ms-1 s) to keep the read models' lag
        // well under a second. Not LISTEN/NOTIFY: a notifying transaction holds one database-wide lock through its
        // commit and WAL flush, so every command would commit one after another instead of sharing flushes.
        opts.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
        opts.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(100);

        // The case a writer reads back at once stays inline; the read models for the queue, the MIS,
        // chronologies and governors are async, run by Wolverine on whichever node holds each shard.
        opts.Projections.Add<ConcernProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add(new CaseSummaryProjection(calendar ?? school.Calendar, school.ResponseTargets), ProjectionLifecycle.Async);
        opts.Projections.Add<PersonCasesProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add(new GovernorReportProjection(school.Calendar()), ProjectionLifecycle.Async, GovernorReportProjection.Name, options =>
        {
            options.DeleteViewTypeOnTeardown<GovernorCaseFacts>();
            options.DeleteViewTypeOnTeardown<GovernorRollUp>();
            // Each page loads its cases' facts and rewrites the sums they touch once: bigger pages when catching
            // up or rebuilding mean fewer of both (docs/benchmarks.md).
            options.BatchSize = 2500;
        });

        opts.Schema.For<Concern>().DatabaseSchemaName(Schema);
        // The queue pages each lead role's open cases in QueueKey order. Open, queue key and lead role are real
        // columns (with real statistics), and partial indexes hold only the open cases, by lead role (and status, or
        // kind) in queue order, so PostgreSQL reads a page in order instead of sorting, or skipping past cases not asked
        // for (docs/benchmarks.md). The MIS feed filters all cases by status or kind, so those are indexed too.
        opts.Schema.For<CaseSummary>().DatabaseSchemaName(Schema)
            .Index(x => x.LastSequence)
            .Index(x => x.Status)
            .Index(x => x.Kind);
        opts.Policies.ForAllDocuments(mapping =>
        {
            // Marten's fluent Duplicate gives every column an index of its own; the queue needs them only together,
            // and an index on the open flag alone served no query (every write of a case summary writes every index).
            if (mapping.DocumentType == typeof(CaseSummary))
            {
                mapping.DuplicateField(nameof(CaseSummary.Open));
                mapping.DuplicateField(nameof(CaseSummary.LeadRole));
                mapping.DuplicateField(nameof(CaseSummary.QueueKey));
                mapping.AddIndex("lead_role", "queue_key").Predicate = "open = true";

                // A status or kind filter on the queue: one query per lead role and status (or kind), each read in
                // queue order off (lead role, status or kind, queue key) over open cases. Off the index above, a
                // filtered page skipped every open case of the role in another status or kind first
                // (docs/benchmarks.md).
                void OpenQueueIndex(string by, Expression<Func<CaseSummary, object?>> column) =>
                    ((DocumentMapping<CaseSummary>)mapping).Index([x => x.LeadRole, column, x => x.QueueKey], index =>
                    {
                        index.Name = $"mt_doc_casesummary_idx_open_queue_by_{by}";
                        index.Predicate = "open = true";
                    });

                OpenQueueIndex("status", x => x.Status);
                OpenQueueIndex("kind", x => x.Kind);

                // The cases someone manages by reference (the vice-chair, an appointed case manager), in queue order.
                mapping.DuplicateField(nameof(CaseSummary.CaseManagerRef));
                mapping.AddIndex("case_manager_ref", "queue_key").Predicate = "open = true and case_manager_ref is not null";
            }
        });
        opts.Schema.For<PersonCases>().DatabaseSchemaName(Schema);
        // The directory the MIS pushes (a school's people, a few thousand): searched by name, read by id for names.
        opts.Schema.For<DirectoryPerson>().DatabaseSchemaName(Schema);
        // People named on a case who are not in the directory: read by id only, never searched.
        opts.Schema.For<UnlistedPerson>().DatabaseSchemaName(Schema);
        // The opaque keys the pages address people by (no MIS reference in an address): read by reference or by key.
        // The pages' sessions, checked on every page request and ended at sign-out (WebSession).
        opts.Schema.For<Web.SignIn.WebSessionRecord>().DatabaseSchemaName(Schema).Index(x => x.Person);
        opts.Schema.For<Web.People.PersonLink>().DatabaseSchemaName(Schema).UniqueIndex(x => x.Key);
        opts.Schema.For<ReadAccessRecord>().DatabaseSchemaName(Schema).Index(x => x.At).Index(x => x.Actor).Index(x => x.Target);
        opts.Schema.For<GovernorCaseFacts>().DatabaseSchemaName(Schema).Index(x => x.RaisedAt);
        opts.Schema.For<GovernorRollUp>().DatabaseSchemaName(Schema);
        AlertsSetup.ConfigureStore(opts);
        // The school calendar (one document) and each of its versions; what the clocks scheduled and sent.
        opts.Schema.For<SchoolCalendarRecord>().DatabaseSchemaName(Schema);
        opts.Schema.For<SchoolCalendarRevision>().DatabaseSchemaName(Schema);
        opts.Schema.For<ClockSchedule>().DatabaseSchemaName(Schema);
        opts.Schema.For<ClockAlertRecord>().DatabaseSchemaName(Schema).Index(x => x.ConcernId);
        opts.Schema.For<IdempotencyRecord>().DatabaseSchemaName(Schema).Index(x => x.CreatedAt); // expiry (IdempotencyUpkeep)
        opts.Schema.For<Filtering.FilteringAlertReceipt>().DatabaseSchemaName(Schema)
            .Index(x => x.PersonKey); // a repeat's earlier alerts (provider, person, category, time)
        opts.Schema.For<Filtering.FilteringSignatureSeen>().DatabaseSchemaName(Schema).Index(x => x.ExpiresAt);
    }
}
