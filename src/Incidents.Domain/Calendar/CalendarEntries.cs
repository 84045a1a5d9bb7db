using System.Text.Json;

namespace Incidents.Domain.Calendar;

/// <summary>A bank holiday: not a working day (nor a school day).</summary>
public sealed record BankHoliday(DateOnly Date, string Name);

/// <summary>A problem with a calendar someone proposed, by the field it is about.</summary>
public sealed record CalendarProblem(string Field, string Message);

/// <summary>
/// The school calendar as data: the closures (holidays between terms, INSET days, other closures) and the bank
/// holidays, kept by the DSL or the headteacher. <see cref="ToCalendar"/> gives the pure <see cref="SchoolCalendar"/>
/// that counts school days and working days on it.
/// </summary>
public sealed record CalendarEntries(IReadOnlyList<SchoolClosure> Closures, IReadOnlyList<BankHoliday> BankHolidays)
{
    public const int MaxClosures = 500;
    public const int MaxBankHolidays = 500;
    public const int MaxNameLength = 100;

    /// <summary>A calendar reaches no further than this from today: a typo in a year should not pass.</summary>
    public const int MaxYearsAhead = 10;

    public SchoolCalendar ToCalendar(TimeZoneInfo timeZone) => new(timeZone, Closures, BankHolidays.Select(b => b.Date));

    /// <summary>
    /// The first calendar, seeded from the settings (<c>School:Closures</c>, <c>School:BankHolidays</c>) and the
    /// preloaded England and Wales bank holidays; a date in both keeps the preloaded name.
    /// </summary>
    public static CalendarEntries Seed(IEnumerable<SchoolClosure> closures, IEnumerable<DateOnly> bankHolidays)
    {
        var preloaded = EnglandAndWalesBankHolidays.All;
        var known = preloaded.Select(b => b.Date).ToHashSet();
        return new CalendarEntries(
            closures.OrderBy(c => c.From).ThenBy(c => c.To).ToList(),
            preloaded.Concat(bankHolidays.Distinct().Where(d => !known.Contains(d)).Select(d => new BankHoliday(d, "Bank holiday")))
                .OrderBy(b => b.Date).ToList());
    }

    /// <summary>
    /// What is wrong with this calendar as a replacement for the school's, by field; empty when it may be kept. One place
    /// for the API and the web page alike.
    /// </summary>
    public IReadOnlyList<CalendarProblem> Problems(DateOnly today)
    {
        var problems = new List<CalendarProblem>();
        var latest = today.AddYears(MaxYearsAhead);
        if (Closures.Count > MaxClosures)
        {
            problems.Add(new("closures", $"A calendar holds at most {MaxClosures} closures."));
        }

        if (BankHolidays.Count > MaxBankHolidays)
        {
            problems.Add(new("bankHolidays", $"A calendar holds at most {MaxBankHolidays} bank holidays."));
        }

        for (var i = 0; i < Closures.Count; i++)
        {
            var c = Closures[i];
            if (c.To < c.From)
            {
                problems.Add(new($"closures[{i}].to", "A closure ends on or after the day it starts."));
            }
            else if (c.To.DayNumber - c.From.DayNumber > 180)
            {
                problems.Add(new($"closures[{i}].to", "A closure lasts at most 180 days; the school is open between terms."));
            }

            if (c.To > latest)
            {
                problems.Add(new($"closures[{i}].to", $"A closure ends within {MaxYearsAhead} years of today."));
            }

            if (c.Name is { Length: > MaxNameLength })
            {
                problems.Add(new($"closures[{i}].name", $"A name is at most {MaxNameLength} characters."));
            }
        }

        for (var i = 0; i < BankHolidays.Count; i++)
        {
            var b = BankHolidays[i];
            if (string.IsNullOrWhiteSpace(b.Name) || b.Name.Length > MaxNameLength)
            {
                problems.Add(new($"bankHolidays[{i}].name", $"A bank holiday has a name of 1 to {MaxNameLength} characters."));
            }

            if (b.Date > latest)
            {
                problems.Add(new($"bankHolidays[{i}].date", $"A bank holiday falls within {MaxYearsAhead} years of today."));
            }
        }

        foreach (var twice in BankHolidays.GroupBy(b => b.Date).Where(g => g.Count() > 1))
        {
            problems.Add(new("bankHolidays", $"{twice.Key:yyyy-MM-dd} is listed more than once."));
        }

        if (problems.Count == 0)
        {
            // Overlapping closures would hide each other's names; the calendar must also leave a school day in every year.
            var ordered = Closures.Select((c, i) => (c, i)).OrderBy(x => x.c.From).ToList();
            for (var k = 1; k < ordered.Count; k++)
            {
                if (ordered[k].c.From <= ordered[k - 1].c.To)
                {
                    problems.Add(new($"closures[{ordered[k].i}].from", "Closures do not overlap: this one starts before the one before it ends."));
                }
            }
        }

        return problems;
    }
}

/// <summary>England and Wales bank holidays for the coming years, shipped with the service (a data file beside this class).</summary>
public static class EnglandAndWalesBankHolidays
{
    private static readonly Lazy<IReadOnlyList<BankHoliday>> Loaded = new(Load);

    public static IReadOnlyList<BankHoliday> All => Loaded.Value;

    private static List<BankHoliday> Load()
    {
        using var stream = typeof(EnglandAndWalesBankHolidays).Assembly.GetManifestResourceStream("Incidents.Domain.Calendar.england-and-wales-bank-holidays.json")
            ?? throw new InvalidOperationException("The bank holidays data file is not embedded.");
        return JsonSerializer.Deserialize<List<BankHoliday>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
