using Incidents.Domain.Calendar;

namespace Incidents.Domain.Tests.Calendar;

public sealed class SchoolCalendarSpecs
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // Half term, autumn 2026: Monday 26 to Friday 30 October.
    private static readonly SchoolCalendar StJames = new(London, [new SchoolClosure(new DateOnly(2026, 10, 26), new DateOnly(2026, 10, 30), "Half term")]);

    private static DateTimeOffset LondonTime(int month, int day, int hour, int minute = 0) =>
        new(new DateTime(2026, month, day, hour, minute, 0), London.GetUtcOffset(new DateTime(2026, month, day, hour, minute, 0)));

    [Fact]
    public void One_school_day_after_a_Tuesday_morning_is_Wednesday_morning() =>
        StJames.AddSchoolDays(LondonTime(11, 17, 9, 30), 1).Should().Be(LondonTime(11, 18, 9, 30));

    [Fact]
    public void One_school_day_after_a_Friday_afternoon_is_Monday_afternoon() =>
        StJames.AddSchoolDays(LondonTime(11, 20, 15), 1).Should().Be(LondonTime(11, 23, 15));

    [Fact]
    public void A_concern_raised_on_a_Saturday_is_due_by_the_end_of_Monday() =>
        StJames.AddSchoolDays(LondonTime(11, 21, 10), 1).Should().Be(LondonTime(11, 24, 0));

    [Fact]
    public void Holidays_are_skipped_like_weekends() =>
        // Friday before half term + 1 school day = the Monday after half term.
        StJames.AddSchoolDays(LondonTime(10, 23, 11), 1).Should().Be(LondonTime(11, 2, 11));

    [Fact]
    public void Five_school_days_span_a_weekend() =>
        StJames.AddSchoolDays(LondonTime(11, 18, 14), 5).Should().Be(LondonTime(11, 25, 14));

    [Fact]
    public void Counting_crosses_the_change_to_winter_time_on_the_wall_clock()
    {
        // Clocks go back on Sunday 25 October 2026; Friday 09:00 BST + 1 school day (half term skipped) is 09:00 GMT.
        var due = StJames.AddSchoolDays(LondonTime(10, 23, 9), 1);
        due.Offset.Should().Be(TimeSpan.Zero);
        due.Should().Be(LondonTime(11, 2, 9));
    }

    [Fact]
    public void A_closure_that_ends_before_it_starts_is_refused() =>
        FluentActions.Invoking(() => new SchoolCalendar(London, [new SchoolClosure(new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 1))]))
            .Should().Throw<ArgumentException>();

    [Fact]
    public void Weekends_and_closures_are_not_school_days()
    {
        StJames.IsSchoolDay(new DateOnly(2026, 11, 21)).Should().BeFalse();
        StJames.IsSchoolDay(new DateOnly(2026, 10, 28)).Should().BeFalse();
        StJames.IsSchoolDay(new DateOnly(2026, 11, 23)).Should().BeTrue();
    }
}
