using Incidents.Api.Concerns;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Calendar;
using Incidents.Domain.Identity;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Incidents.Api.Calendar;

/// <param name="Kind">holiday (between terms), inset (a training day) or other.</param>
public sealed record ClosureRequest(DateOnly? From, DateOnly? To, string? Name, ClosureKind? Kind);

public sealed record BankHolidayRequest(DateOnly? Date, string? Name);

/// <summary>The whole calendar, replacing the one stored: every closure and every bank holiday the school keeps.</summary>
public sealed record CalendarRequest(IReadOnlyList<ClosureRequest?>? Closures, IReadOnlyList<BankHolidayRequest?>? BankHolidays);

/// <summary>The school calendar at one version: closures (holidays, INSET days, other closures) and bank holidays.</summary>
public sealed record CalendarView(
    int Version,
    IReadOnlyList<SchoolClosure> Closures,
    IReadOnlyList<BankHoliday> BankHolidays,
    PersonRef ChangedBy,
    DateTimeOffset ChangedAt)
{
    public static CalendarView Of(SchoolCalendarRecord r) => new(r.Version, r.Closures, r.BankHolidays, r.ChangedBy, r.ChangedAt);

    public static CalendarView Of(SchoolCalendarRevision r) => new(r.Id, r.Closures, r.BankHolidays, r.ChangedBy, r.ChangedAt);
}

/// <summary>The one write of the calendar, for the API and the web page alike.</summary>
public static class CalendarWrite
{
    public abstract record Outcome
    {
        public sealed record Saved(SchoolCalendarRecord Record) : Outcome;

        public sealed record Invalid(IReadOnlyList<CalendarProblem> Problems) : Outcome;

        public sealed record Stale(int CurrentVersion) : Outcome;

        public sealed record Raced : Outcome;
    }

    /// <summary>
    /// Keeps <paramref name="entries"/> as the next version if it is a valid calendar and <paramref name="ifMatch"/> (when
    /// given) is the version stored; the revision, the new calendar and the message that moves every open case's clocks
    /// are committed together.
    /// </summary>
    public static async Task<Outcome> SaveAsync(IDocumentSession session, IMessageBus bus, CurrentCalendar current, Actor actor,
        CalendarEntries entries, long? ifMatch, DateTimeOffset now, CancellationToken ct)
    {
        var (stored, _) = await current.LoadAsync(session, ct);
        if (ifMatch is { } expected && expected != stored.Version)
        {
            return new Outcome.Stale(stored.Version);
        }

        var problems = entries.Problems(DateOnly.FromDateTime(now.UtcDateTime));
        if (problems.Count > 0)
        {
            return new Outcome.Invalid(problems);
        }

        var next = new SchoolCalendarRecord
        {
            Version = stored.Version + 1,
            Closures = entries.Closures.OrderBy(c => c.From).ToList(),
            BankHolidays = entries.BankHolidays.OrderBy(b => b.Date).ToList(),
            ChangedBy = actor.AsPerson(),
            ChangedAt = now,
        };
        session.Store(next);
        session.Insert(SchoolCalendarRevision.Of(next)); // a second writer of the same version fails here: no lost update
        await bus.PublishAsync(new CalendarChanged(next.Version));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            return new Outcome.Raced();
        }

        current.Remember(next);
        return new Outcome.Saved(next);
    }
}

public static class GetCalendarEndpoint
{
    /// <summary>
    /// The school calendar: closures (holidays between terms, INSET days, other closures) and bank holidays, its version
    /// (also the <c>ETag</c>) and who last changed it. School days skip weekends, closures and bank holidays; working days
    /// skip only weekends and bank holidays.
    /// </summary>
    [WolverineGet("/api/calendar", Name = "GetSchoolCalendar"), Tags("Calendar")]
    [AuthorizeFor(RoleSet.Leads)]
    [ProducesResponseType<CalendarView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, CurrentCalendar current, CancellationToken ct)
    {
        var (record, _) = await current.LoadAsync(session, ct);
        ConcernCommands.SetETag(http, record.Version);
        return Results.Ok(CalendarView.Of(record));
    }
}

public static class GetCalendarHistoryEndpoint
{
    /// <summary>Every version of the school calendar, newest first: what it held, who made it and when.</summary>
    [WolverineGet("/api/calendar/history", Name = "GetSchoolCalendarHistory"), Tags("Calendar")]
    [AuthorizeFor(RoleSet.Leads)]
    [ProducesResponseType<IReadOnlyList<CalendarView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(IQuerySession session, CancellationToken ct) =>
        Results.Ok((await session.Query<SchoolCalendarRevision>().OrderByDescending(r => r.Id).Take(500).ToListAsync(ct)).Select(CalendarView.Of).ToList());
}

public static class PutCalendarEndpoint
{
    public static ProblemDetails Validate(CalendarRequest request, TimeProvider clock)
    {
        var validation = new RequestValidation(clock)
            .When(request.Closures is null, "closures", "closures is required (an empty list: no closures).")
            .When(request.BankHolidays is null, "bankHolidays", "bankHolidays is required (an empty list: no bank holidays).");
        for (var i = 0; i < (request.Closures?.Count ?? 0); i++)
        {
            var c = request.Closures![i];
            if (c is null)
            {
                validation.Add($"closures[{i}]", "A closure is required.");
                continue;
            }

            validation.Required($"closures[{i}].from", c.From).Required($"closures[{i}].to", c.To).Required($"closures[{i}].kind", c.Kind);
        }

        for (var i = 0; i < (request.BankHolidays?.Count ?? 0); i++)
        {
            var b = request.BankHolidays![i];
            if (b is null)
            {
                validation.Add($"bankHolidays[{i}]", "A bank holiday is required.");
                continue;
            }

            validation.Required($"bankHolidays[{i}].date", b.Date);
        }

        if (validation.IsValid)
        {
            foreach (var problem in ToEntries(request).Problems(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            {
                validation.Add(problem.Field, problem.Message);
            }
        }

        return validation.ToProblem() ?? WolverineContinue.NoProblems;
    }

    /// <summary>
    /// Replaces the school calendar (the DSL or the headteacher): closures and bank holidays, as a whole. Send
    /// <c>If-Match</c> with the version read, or a change made since answers <c>412</c>. Every version is kept
    /// (<c>GET /api/calendar/history</c>). Every open case's due dates and clocks move to the new calendar.
    /// </summary>
    [WolverinePut("/api/calendar", Name = "PutSchoolCalendar"), Tags("Calendar")]
    [AuthorizeFor(RoleSet.CalendarKeepers)]
    [ProducesResponseType<CalendarView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Put(CalendarRequest request, HttpContext http, IDocumentSession session, IMessageBus bus, CurrentCalendar current,
        TimeProvider clock, CancellationToken ct)
    {
        var outcome = await CalendarWrite.SaveAsync(session, bus, current, http.User.ToActor(), ToEntries(request), ConcernCommands.IfMatch(http),
            clock.GetUtcNow(), ct);
        switch (outcome)
        {
            case CalendarWrite.Outcome.Saved saved:
                ConcernCommands.SetETag(http, saved.Record.Version);
                return Results.Ok(CalendarView.Of(saved.Record));
            case CalendarWrite.Outcome.Stale stale:
                return Results.Problem(RuleViolationProblems.PreconditionFailed(stale.CurrentVersion, http.Request.Path));
            case CalendarWrite.Outcome.Invalid invalid:
                var validation = new RequestValidation(clock);
                foreach (var problem in invalid.Problems)
                {
                    validation.Add(problem.Field, problem.Message);
                }

                return Results.Problem(validation.ToProblem()!);
            default:
                return Results.Problem(RuleViolationProblems.Conflict(http.Request.Path));
        }
    }

    public static CalendarEntries ToEntries(CalendarRequest request) => new(
        (request.Closures ?? []).Where(c => c is not null)
            .Select(c => new SchoolClosure(c!.From ?? default, c.To ?? default, string.IsNullOrWhiteSpace(c.Name) ? null : c.Name.Trim(), c.Kind ?? ClosureKind.Holiday))
            .ToList(),
        (request.BankHolidays ?? []).Where(b => b is not null).Select(b => new BankHoliday(b!.Date ?? default, b.Name?.Trim() ?? "")).ToList());
}
