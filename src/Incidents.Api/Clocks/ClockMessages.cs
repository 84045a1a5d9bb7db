using Incidents.Domain.Clocks;
using Incidents.Domain.Notifications;

namespace Incidents.Api.Clocks;

/// <summary>A scheduled check of one clock of a case: when it fires, the case is read again and the alert sent if still due.</summary>
public sealed record CheckClock(Guid ConcernId, CaseClock Clock, string Key, ClockAlertKind Kind, DateTimeOffset DueAt);

/// <summary>How the clocks run (section <c>Clocks</c>).</summary>
public sealed record ClockOptions
{
    /// <summary>How long before a clock falls due its lead is reminded (<c>Clocks:RemindBefore</c>, 3 hours).</summary>
    public TimeSpan RemindBefore { get; init; } = TimeSpan.FromHours(3);

    /// <summary>
    /// The longest a scheduled check sleeps before it looks at the case and the clock again (<c>Clocks:CheckAtLeastEvery</c>,
    /// 1 hour): a node's clock that was wrong, or moved, is followed within this.
    /// </summary>
    public TimeSpan CheckAtLeastEvery { get; init; } = TimeSpan.FromHours(1);

    public static ClockOptions From(IConfiguration configuration)
    {
        var options = new ClockOptions
        {
            RemindBefore = configuration.GetValue("Clocks:RemindBefore", TimeSpan.FromHours(3)),
            CheckAtLeastEvery = configuration.GetValue("Clocks:CheckAtLeastEvery", TimeSpan.FromHours(1)),
        };
        if (options.RemindBefore < TimeSpan.Zero || options.CheckAtLeastEvery <= TimeSpan.Zero)
        {
            throw new Infrastructure.Hosting.StartupConfigurationException("Clocks:RemindBefore must be zero or more and Clocks:CheckAtLeastEvery more than zero.");
        }

        return options;
    }
}

/// <summary>
/// An alert a clock sent, kept for good: its id (<see cref="RunningClocks.AlertId"/>: case, clock, due time, kind) is
/// unique, so a check that fires twice (a node killed mid-way, a duplicate schedule) sends it once. The queue shows a
/// case as escalated from these.
/// </summary>
public sealed record ClockAlertRecord
{
    public string Id { get; init; } = "";

    public Guid ConcernId { get; init; }

    public CaseClock Clock { get; init; }

    public string Key { get; init; } = "";

    public ClockAlertKind Kind { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public DateTimeOffset SentAt { get; init; }
}

/// <summary>The checks scheduled for a case's clocks (one document per case), so a case event that moves no clock schedules nothing new.</summary>
public sealed record ClockSchedule
{
    public Guid Id { get; init; }

    /// <summary>Clock, key, kind and due time of each check scheduled and not yet known stale.</summary>
    public IReadOnlyList<string> Scheduled { get; init; } = [];
}
