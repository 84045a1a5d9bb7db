using Incidents.Api.Calendar;
using Incidents.Api.Configuration;
using Incidents.Domain.Clocks;
using Incidents.Domain.Concerns;
using Incidents.Domain.Notifications;
using Incidents.Projections.Cases;
using JasperFx;
using Marten;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Incidents.Api.Clocks;

/// <summary>
/// A case moved (<c>CaseSummaryProjection</c> tells it, in its own transaction): schedules a durable check for each
/// reminder and escalation of its running clocks not already scheduled. Checks of clocks that stopped or moved are left
/// to fire and find nothing to do.
/// </summary>
public static class ClockSchedulingHandler
{
    [Transactional]
    public static async Task<OutgoingMessages> Handle(CaseClocksChanged message, IDocumentSession session, CurrentCalendar current, SchoolOptions school,
        ClockOptions options, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var summary = await session.LoadAsync<CaseSummary>(message.ConcernId, ct);
        var schedule = await session.LoadAsync<ClockSchedule>(message.ConcernId, ct);
        var (_, calendar) = await current.LoadAsync(session, ct);
        var running = summary is null ? [] : RunningClocks.Of(summary.ClockStarts(), calendar, school.ResponseTargets);
        var now = clock.GetUtcNow();
        var checks = running
            .SelectMany(r => Enum.GetValues<ClockAlertKind>().Select(kind => new CheckClock(message.ConcernId, r.Clock, r.Key, kind, r.DueAt)))
            .Where(c => c.Kind == ClockAlertKind.Overdue || now < c.DueAt)
            .ToList();
        var already = (schedule?.Scheduled ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var check in checks.Where(c => !already.Contains(KeyOf(c))))
        {
            var at = check.Kind == ClockAlertKind.Reminder ? check.DueAt - options.RemindBefore : check.DueAt;
            ClockCheckHandler.Schedule(outgoing, check, at - now, options);
        }

        var keys = checks.Select(KeyOf).ToList();
        if (schedule is not null || keys.Count > 0)
        {
            session.Store(new ClockSchedule { Id = message.ConcernId, Scheduled = keys });
        }

        return outgoing;
    }

    private static string KeyOf(CheckClock c) => RunningClocks.AlertId(c.ConcernId, c.Clock, c.Key, c.Kind, c.DueAt);
}

/// <summary>
/// A scheduled check fires: the case is read again (waiting for its read model to catch up with the case), and the pure
/// <see cref="RunningClocks.Check"/> decides. A sent alert is recorded under its unique id in the same transaction as the
/// <see cref="CaseAlert"/> it publishes, so a check run twice (a node killed after the commit, before the message was
/// marked handled) sends nothing the second time.
/// </summary>
public static class ClockCheckHandler
{
    // Two runs of the same check racing on two nodes: the loser's insert fails and its transaction (with its alert) rolls back.
    public static void Configure(HandlerChain chain) => chain.OnException<DocumentAlreadyExistsException>().Discard();

    [Transactional]
    public static async Task<OutgoingMessages> Handle(CheckClock message, IDocumentSession session, CurrentCalendar current, SchoolOptions school,
        ClockOptions options, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var concern = await session.LoadAsync<Concern>(message.ConcernId, ct);
        var summary = await session.LoadAsync<CaseSummary>(message.ConcernId, ct);
        if (concern is null)
        {
            return outgoing;
        }

        if (summary is null || summary.Version < concern.Version)
        {
            // The read model has not seen the latest event yet: what the clock waits for may have just been recorded.
            outgoing.Delay(message, TimeSpan.FromSeconds(2));
            return outgoing;
        }

        var (_, calendar) = await current.LoadAsync(session, ct);
        var running = RunningClocks.Of(summary.ClockStarts(), calendar, school.ResponseTargets);
        var now = clock.GetUtcNow();
        switch (RunningClocks.Check(running, message.Clock, message.Key, message.Kind, message.DueAt, now, options.RemindBefore))
        {
            case ClockCheckOutcome.WaitUntil wait:
                Schedule(outgoing, message, wait.At - now, options);
                break;
            case ClockCheckOutcome.Send:
                var id = RunningClocks.AlertId(message.ConcernId, message.Clock, message.Key, message.Kind, message.DueAt);
                if (await session.LoadAsync<ClockAlertRecord>(id, ct) is null)
                {
                    session.Insert(new ClockAlertRecord
                    {
                        Id = id,
                        ConcernId = message.ConcernId,
                        Clock = message.Clock,
                        Key = message.Key,
                        Kind = message.Kind,
                        DueAt = message.DueAt,
                        SentAt = now,
                    });
                    var owner = running.First(r => r.Clock == message.Clock && r.Key == message.Key).OwnerMisRef;
                    outgoing.Add(new CaseAlert(message.ConcernId, message.Kind == ClockAlertKind.Reminder ? AlertReason.ClockReminder : AlertReason.ClockOverdue,
                        now, message.Clock, message.DueAt, owner));
                }

                break;
        }

        return outgoing;
    }

    /// <summary>
    /// Checks again after <paramref name="delay"/>, but never sleeps longer than <see cref="ClockOptions.CheckAtLeastEvery"/>:
    /// Wolverine schedules on the machine's clock, the decision is on the service's (<see cref="TimeProvider"/>).
    /// </summary>
    public static void Schedule(OutgoingMessages outgoing, CheckClock check, TimeSpan delay, ClockOptions options)
    {
        if (delay <= TimeSpan.Zero)
        {
            outgoing.Add(check);
        }
        else
        {
            outgoing.Delay(check, delay < options.CheckAtLeastEvery ? delay : options.CheckAtLeastEvery);
        }
    }
}

/// <summary>
/// The calendar changed: every open case's stored deadlines and queue order are worked out again on it (guarded by the
/// summary's version, so a newer summary written meanwhile by the projection is never overwritten), and its clocks
/// rescheduled. Done once more a little later, when every node's copy of the calendar has followed.
/// </summary>
public static class CalendarChangedHandler
{
    [Transactional]
    public static async Task<OutgoingMessages> Handle(CalendarChanged message, IDocumentSession session, CurrentCalendar current, SchoolOptions school,
        IDocumentStore store, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var (record, calendar) = await current.LoadAsync(session, ct);
        if (record.Version != message.Version)
        {
            return outgoing; // a later change has its own message
        }

        var serializer = store.Options.Serializer();
        var open = await session.Query<CaseSummary>().Where(x => x.Open).ToListAsync(ct);
        foreach (var summary in open)
        {
            var moved = summary.WithDeadlinesOn(calendar, school.ResponseTargets);
            if (moved.QueueKey != summary.QueueKey || moved.Deadlines != summary.Deadlines)
            {
                session.QueueSqlCommand(
                    $"update {Infrastructure.Marten.MartenSetup.Schema}.mt_doc_casesummary set data = ?::jsonb, queue_key = ? where id = ? and (data->>'version')::bigint = ?",
                    serializer.ToJson(moved), moved.QueueKey, moved.Id, moved.Version);
            }

            outgoing.Add(new CaseClocksChanged(summary.Id));
        }

        if (!message.FollowUp)
        {
            outgoing.Delay(message with { FollowUp = true }, TimeSpan.FromSeconds(15));
        }

        return outgoing;
    }
}
