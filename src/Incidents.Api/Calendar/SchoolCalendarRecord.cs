using Incidents.Domain.Calendar;
using Incidents.Domain.Identity;

namespace Incidents.Api.Calendar;

/// <summary>
/// The school calendar as it stands (one document, <see cref="TheId"/>), and the version it is at. Every version is also
/// kept as a <see cref="SchoolCalendarRevision"/>: who changed it and when.
/// </summary>
public sealed record SchoolCalendarRecord
{
    public const string TheId = "school";

    public string Id { get; init; } = TheId;

    public int Version { get; init; }

    public IReadOnlyList<SchoolClosure> Closures { get; init; } = [];

    public IReadOnlyList<BankHoliday> BankHolidays { get; init; } = [];

    /// <summary>Who made this version: a member of staff, or <c>settings</c> for the first, seeded one.</summary>
    public PersonRef ChangedBy { get; init; } = new("settings", "Settings");

    public DateTimeOffset ChangedAt { get; init; }

    public CalendarEntries Entries() => new(Closures, BankHolidays);
}

/// <summary>One version of the school calendar, as it was made: never changed afterwards. The id is the version number.</summary>
public sealed record SchoolCalendarRevision
{
    public int Id { get; init; }

    public IReadOnlyList<SchoolClosure> Closures { get; init; } = [];

    public IReadOnlyList<BankHoliday> BankHolidays { get; init; } = [];

    public PersonRef ChangedBy { get; init; } = new("settings", "Settings");

    public DateTimeOffset ChangedAt { get; init; }

    public static SchoolCalendarRevision Of(SchoolCalendarRecord record) => new()
    {
        Id = record.Version,
        Closures = record.Closures,
        BankHolidays = record.BankHolidays,
        ChangedBy = record.ChangedBy,
        ChangedAt = record.ChangedAt,
    };
}

/// <summary>The calendar changed to <paramref name="Version"/>: every open case's due dates and clocks follow it (again once every node has read it: <paramref name="FollowUp"/>).</summary>
public sealed record CalendarChanged(int Version, bool FollowUp = false);
