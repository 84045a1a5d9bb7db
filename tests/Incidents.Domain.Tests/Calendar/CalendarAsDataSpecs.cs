using Incidents.Domain.Calendar;

namespace Incidents.Domain.Tests.Calendar;

/// <summary>The school calendar is data: kept by the school, seeded from the settings, with England's bank holidays preloaded.</summary>
public sealed class CalendarAsDataSpecs
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly DateOnly Today = new(2026, 12, 8);

    [Theory]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2028)]
    [InlineData(2029)]
    [InlineData(2030)]
    public void England_and_Wales_bank_holidays_are_preloaded_for_the_coming_years(int year)
    {
        var easter = EasterSunday(year);
        var dates = EnglandAndWalesBankHolidays.All.Where(b => b.Date.Year == year).Select(b => b.Date).ToList();

        dates.Should().HaveCount(8, "England and Wales have eight bank holidays a year");
        dates.Should().Contain([easter.AddDays(-2), easter.AddDays(1)], "Good Friday and Easter Monday follow Easter");
        dates.Should().OnlyContain(d => d.DayOfWeek != DayOfWeek.Saturday && d.DayOfWeek != DayOfWeek.Sunday, "a holiday on a weekend moves to a substitute weekday");
        dates.Where(d => d.Month == 12).Should().HaveCount(2, "Christmas Day and Boxing Day (or their substitutes)");
    }

    [Fact]
    public void The_settings_seed_the_first_calendar_with_the_preloaded_bank_holidays()
    {
        var christmas = new SchoolClosure(new DateOnly(2026, 12, 19), new DateOnly(2027, 1, 4), "Christmas holidays");
        var extra = new DateOnly(2026, 6, 1);

        var seeded = CalendarEntries.Seed([christmas], [extra, new DateOnly(2026, 12, 25)]);

        seeded.Closures.Should().Equal(christmas);
        seeded.BankHolidays.Select(b => b.Date).Should().Contain(extra).And.OnlyHaveUniqueItems();
        seeded.BankHolidays.Should().ContainSingle(b => b.Date == new DateOnly(2026, 12, 25)).Which.Name.Should().Be("Christmas Day");
        seeded.Problems(Today).Should().BeEmpty();
    }

    [Fact]
    public void An_inset_day_is_not_a_school_day_but_is_a_working_day()
    {
        var inset = new DateOnly(2027, 1, 5);
        var calendar = new CalendarEntries([new SchoolClosure(inset, inset, "Training", ClosureKind.Inset)], []).ToCalendar(London);

        calendar.IsSchoolDay(inset).Should().BeFalse();
        calendar.IsWorkingDay(inset).Should().BeTrue("the LADO's working day runs whether or not the school is open");
    }

    [Fact]
    public void A_bank_holiday_is_neither_a_school_day_nor_a_working_day()
    {
        var calendar = CalendarEntries.Seed([], []).ToCalendar(London);

        calendar.IsSchoolDay(new DateOnly(2027, 5, 31)).Should().BeFalse();
        calendar.IsWorkingDay(new DateOnly(2027, 5, 31)).Should().BeFalse();
        calendar.IsWorkingDay(new DateOnly(2027, 6, 1)).Should().BeTrue();
    }

    [Fact]
    public void A_closure_that_ends_before_it_starts_is_refused_by_field() =>
        new CalendarEntries([new SchoolClosure(new DateOnly(2027, 2, 19), new DateOnly(2027, 2, 15))], []).Problems(Today)
            .Should().ContainSingle(p => p.Field == "closures[0].to");

    [Fact]
    public void Overlapping_closures_are_refused() =>
        new CalendarEntries(
                [new SchoolClosure(new DateOnly(2027, 2, 15), new DateOnly(2027, 2, 19)), new SchoolClosure(new DateOnly(2027, 2, 19), new DateOnly(2027, 2, 22))], [])
            .Problems(Today).Should().ContainSingle(p => p.Field == "closures[1].from");

    [Fact]
    public void A_bank_holiday_listed_twice_or_without_a_name_is_refused() =>
        new CalendarEntries([], [new BankHoliday(new DateOnly(2027, 5, 3), "Early May"), new BankHoliday(new DateOnly(2027, 5, 3), "")])
            .Problems(Today).Select(p => p.Field).Should().BeEquivalentTo("bankHolidays[1].name", "bankHolidays");

    [Fact]
    public void A_date_beyond_ten_years_is_refused_as_a_typo() =>
        new CalendarEntries([new SchoolClosure(new DateOnly(2207, 2, 15), new DateOnly(2207, 2, 19))], []).Problems(Today)
            .Should().ContainSingle(p => p.Field == "closures[0].to");

    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    private static DateOnly EasterSunday(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451, month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(y, month, day);
    }
}
