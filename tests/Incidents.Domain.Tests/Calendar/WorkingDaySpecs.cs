using Incidents.Domain.Calendar;

namespace Incidents.Domain.Tests.Calendar;

/// <summary>KCSIE: the case manager speaks to the LADO within one working day, and holidays do not stop that clock.</summary>
public sealed class WorkingDaySpecs
{
    private static readonly SchoolCalendar Kent = new(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/London"),
        [new SchoolClosure(new DateOnly(2026, 12, 19), new DateOnly(2027, 1, 4), "Christmas holidays")],
        [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 1)]);

    [Fact]
    public void One_working_day_runs_through_the_school_holidays()
    {
        var raisedMondayOfTheHolidays = new DateTimeOffset(2026, 12, 21, 10, 0, 0, TimeSpan.Zero);

        Kent.AddWorkingDays(raisedMondayOfTheHolidays, 1).Should().Be(new DateTimeOffset(2026, 12, 22, 10, 0, 0, TimeSpan.Zero));
        Kent.AddSchoolDays(raisedMondayOfTheHolidays, 1).Should().Be(new DateTimeOffset(2027, 1, 6, 0, 0, 0, TimeSpan.Zero),
            "the school-day clock waits for term");
    }

    [Fact]
    public void Bank_holidays_and_weekends_are_not_working_days()
    {
        var christmasEve = new DateTimeOffset(2026, 12, 24, 15, 0, 0, TimeSpan.Zero);

        Kent.AddWorkingDays(christmasEve, 1).Should().Be(new DateTimeOffset(2026, 12, 29, 15, 0, 0, TimeSpan.Zero));
    }
}
