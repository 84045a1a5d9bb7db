namespace Incidents.Domain.Calendar;

/// <summary>What kind of day off a closure is: a school holiday (between terms), an INSET (training) day, or another closure.</summary>
public enum ClosureKind
{
    Holiday,
    Inset,
    Other,
}

/// <summary>A period the school is closed (a holiday or training day), inclusive at both ends.</summary>
public sealed record SchoolClosure(DateOnly From, DateOnly To, string? Name = null, ClosureKind Kind = ClosureKind.Holiday)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>
/// School days in the school's own time zone: weekends and configured closures are not school days. Targets
/// such as "triage within one school day" are counted on this calendar, so a concern raised on a Friday
/// afternoon is due on Monday afternoon, not on Saturday.
/// </summary>
public sealed class SchoolCalendar
{
    private readonly IReadOnlyList<SchoolClosure> _closures;
    private readonly IReadOnlySet<DateOnly> _bankHolidays;

    /// <param name="bankHolidays">Not working days (besides weekends): they stop the LADO's working-day clock, holidays do not.</param>
    public SchoolCalendar(TimeZoneInfo timeZone, IEnumerable<SchoolClosure> closures, IEnumerable<DateOnly>? bankHolidays = null)
    {
        TimeZone = timeZone;
        _closures = closures.ToList();
        _bankHolidays = (bankHolidays ?? []).ToHashSet();
        var backwards = _closures.FirstOrDefault(c => c.To < c.From);
        if (backwards is not null)
        {
            throw new ArgumentException($"School closure {backwards.Name ?? backwards.From.ToString("O")} ends before it starts.", nameof(closures));
        }
    }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<SchoolClosure> Closures => _closures;

    public IReadOnlySet<DateOnly> BankHolidays => _bankHolidays;

    public bool IsSchoolDay(DateOnly day) => IsWorkingDay(day) && !_closures.Any(c => c.Contains(day));

    /// <summary>Monday to Friday except bank holidays, whether or not the school is open.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_bankHolidays.Contains(day);

    /// <summary>
    /// The same time of day <paramref name="schoolDays"/> school days later. A start outside school days counts
    /// from the beginning of the next school day, so "within one school day" of a Saturday means by the end of Monday.
    /// </summary>
    public DateTimeOffset AddSchoolDays(DateTimeOffset start, int schoolDays) => AddDays(start, schoolDays, IsSchoolDay);

    /// <summary>The same time of day <paramref name="workingDays"/> working days later (the LADO's clock), counted as school days are.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays) => AddDays(start, workingDays, IsWorkingDay);

    private DateTimeOffset AddDays(DateTimeOffset start, int days, Func<DateOnly, bool> counts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = TimeZoneInfo.ConvertTime(start, TimeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var timeOfDay = local.TimeOfDay;
        if (!counts(day))
        {
            day = Next(day, counts);
            timeOfDay = TimeSpan.Zero;
        }

        for (var i = 0; i < days; i++)
        {
            day = Next(day, counts);
        }

        return AtLocal(day, timeOfDay);
    }

    /// <summary>The school's local date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The instant a local date begins in the school's time zone.</summary>
    public DateTimeOffset StartOf(DateOnly day) => AtLocal(day, TimeSpan.Zero);

    private static DateOnly Next(DateOnly day, Func<DateOnly, bool> counts)
    {
        // A year of closures is the most any calendar can hold; more means the configuration is wrong.
        for (var i = 0; i < 366; i++)
        {
            day = day.AddDays(1);
            if (counts(day))
            {
                return day;
            }
        }

        throw new InvalidOperationException("The school calendar has no school day within a year; check the configured closures.");
    }

    private DateTimeOffset AtLocal(DateOnly day, TimeSpan timeOfDay)
    {
        var local = day.ToDateTime(TimeOnly.MinValue).Add(timeOfDay);
        if (TimeZone.IsInvalidTime(local))
        {
            // The clocks went forward through this time: the same instant an hour later on the wall clock.
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
