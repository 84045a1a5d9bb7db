using Incidents.Api.Configuration;
using Incidents.Domain.Calendar;
using JasperFx;
using Marten;

namespace Incidents.Api.Calendar;

/// <summary>
/// The school calendar this node last read: the async <c>CaseSummary</c> projection orders the queue by it. Reads that
/// show or act on due dates (the queue, the clocks) load the stored calendar themselves (<see cref="LoadAsync"/>), so a
/// change shows on every node at once; this copy follows within <see cref="CalendarUpkeep"/>'s polling period.
/// </summary>
public sealed class CurrentCalendar(SchoolOptions school)
{
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(school.TimeZone);
    private volatile Snapshot _current = new(0, school.Calendar());

    public SchoolCalendar Calendar => _current.Calendar;

    public int Version => _current.Version;

    /// <summary>The stored calendar, as a <see cref="SchoolCalendar"/>, remembering it as this node's copy.</summary>
    public async Task<(SchoolCalendarRecord Record, SchoolCalendar Calendar)> LoadAsync(IQuerySession session, CancellationToken ct)
    {
        var record = await session.LoadAsync<SchoolCalendarRecord>(SchoolCalendarRecord.TheId, ct) ?? Seeded(school, DateTimeOffset.MinValue);
        return (record, Remember(record));
    }

    /// <summary>This node's copy, after <paramref name="record"/> was read or written.</summary>
    public SchoolCalendar Remember(SchoolCalendarRecord record)
    {
        var current = _current;
        if (record.Version > 0 && record.Version == current.Version)
        {
            return current.Calendar;
        }

        var calendar = record.Entries().ToCalendar(_timeZone);
        if (record.Version >= current.Version)
        {
            _current = new Snapshot(record.Version, calendar);
        }

        return calendar;
    }

    /// <summary>The first version: the settings (<c>School:Closures</c>, <c>School:BankHolidays</c>) and the preloaded bank holidays.</summary>
    public static SchoolCalendarRecord Seeded(SchoolOptions school, DateTimeOffset at)
    {
        var entries = CalendarEntries.Seed(school.Closures, school.BankHolidays);
        return new SchoolCalendarRecord { Version = 1, Closures = entries.Closures, BankHolidays = entries.BankHolidays, ChangedAt = at };
    }

    /// <summary>Stores the seeded first version unless a calendar is stored already (another node may be seeding at the same moment).</summary>
    public async Task SeedAsync(IDocumentStore store, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<SchoolCalendarRecord>(SchoolCalendarRecord.TheId, ct) is { } existing)
        {
            Remember(existing);
            return;
        }

        var seeded = Seeded(school, now);
        session.Insert(seeded);
        session.Insert(SchoolCalendarRevision.Of(seeded));
        try
        {
            await session.SaveChangesAsync(ct);
            Remember(seeded);
        }
        catch (DocumentAlreadyExistsException)
        {
            // Another node seeded it first: theirs stands.
            await using var reader = store.QuerySession();
            await LoadAsync(reader, ct);
        }
    }

    private sealed record Snapshot(int Version, SchoolCalendar Calendar);
}

/// <summary>Seeds the calendar on first start, then keeps this node's copy current (every <c>Calendar:PollEvery</c>, 5 s).</summary>
public sealed class CalendarUpkeep(CurrentCalendar calendar, IDocumentStore store, TimeProvider clock, IConfiguration configuration, ILogger<CalendarUpkeep> log)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await calendar.SeedAsync(store, clock.GetUtcNow(), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = configuration.GetValue("Calendar:PollEvery", TimeSpan.FromSeconds(5));
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var session = store.QuerySession();
                await calendar.LoadAsync(session, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Could not read the school calendar; keeping version {Version}", calendar.Version);
            }
        }
    }
}
