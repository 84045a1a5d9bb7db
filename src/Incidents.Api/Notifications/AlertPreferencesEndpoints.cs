using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Identity;
using Incidents.Domain.Notifications;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Notifications;

/// <param name="MisRef">An adult of the school, by MIS reference (in the directory, or holding an office).</param>
/// <param name="Kinds">The kinds of concern they are told of; empty or absent for every kind.</param>
public sealed record AlsoAlertRequest(string? MisRef, IReadOnlyList<ConcernKind>? Kinds);

public sealed record AlertPreferencesRequest(IReadOnlyList<AlsoAlertRequest>? AlsoAlert);

/// <summary>The preferences, and every change to them (who, when, the list as it became), oldest first.</summary>
public sealed record AlertPreferencesView(IReadOnlyList<AlsoAlert> AlsoAlert, IReadOnlyList<AlertPreferencesChange> History);

public static class AlertPreferencesStore
{
    public static async Task<AlertPreferencesDocument> LoadAsync(IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<AlertPreferencesDocument>(AlertPreferencesDocument.SchoolId, ct) ?? new AlertPreferencesDocument();

    public static AlertPreferencesView View(AlertPreferencesDocument document) => new(document.AlsoAlert, document.History);

    /// <summary>
    /// The problem with a new list, or null: each person named once, an adult of the school (the directory, or an
    /// office the settings name), never a learner.
    /// </summary>
    public static async Task<ProblemDetails?> ProblemAsync(AlertPreferencesRequest request, IQuerySession session, SchoolRoles school, TimeProvider clock, CancellationToken ct)
    {
        var validation = new RequestValidation(clock)
            .When(request.AlsoAlert is null, "alsoAlert", "alsoAlert is required (an empty list: nobody else).")
            .When(request.AlsoAlert is { Count: > AlertPreferences.MaxPeople }, "alsoAlert", $"At most {AlertPreferences.MaxPeople} people.");
        var people = request.AlsoAlert ?? [];
        for (var i = 0; i < people.Count; i++)
        {
            validation.Text($"alsoAlert[{i}].misRef", people[i]?.MisRef, RequestValidation.MisRefLength);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var refs = people.Select(p => p.MisRef!.Trim()).ToList();
        var listed = (await session.LoadManyAsync<DirectoryPerson>(ct, refs.Select(DirectoryPerson.KeyFor).Distinct().ToArray())).ToDictionary(p => p.Id);
        for (var i = 0; i < refs.Count; i++)
        {
            var known = listed.TryGetValue(DirectoryPerson.KeyFor(refs[i]), out var person);
            validation
                .When(refs.Take(i).Any(r => string.Equals(r, refs[i], StringComparison.OrdinalIgnoreCase)), $"alsoAlert[{i}].misRef", "This person is already in the list.")
                .When(!school.HoldsOffice(refs[i]) && (!known || person!.Type == Domain.Concerns.PersonType.Learner), $"alsoAlert[{i}].misRef",
                    "Only an adult of the school in the directory (or holding an office the school names) can be alerted.");
        }

        return validation.ToProblem();
    }
}

public static class GetAlertPreferencesEndpoint
{
    /// <summary>Who else is alerted, for which kinds of concern, besides those the policy names; and every change to it.</summary>
    [WolverineGet("/api/alerts/preferences", Name = "GetAlertPreferences"), Tags("Notifications")]
    [AuthorizeFor(RoleSet.AlertAdministrators)]
    [ProducesResponseType<AlertPreferencesView>(StatusCodes.Status200OK)]
    public static async Task<AlertPreferencesView> Get(IQuerySession session, CancellationToken ct) =>
        AlertPreferencesStore.View(await AlertPreferencesStore.LoadAsync(session, ct));
}

public static class SetAlertPreferencesEndpoint
{
    /// <summary>
    /// The DSL (or the headteacher) sets who else is alerted when a concern is raised or put at immediate risk, for which
    /// kinds (a deputy for every kind, the online-safety lead for filtering breaches). Never applies to an allegation or
    /// a low-level concern, and never tells anyone on the case. The whole list is replaced; the change is kept with who
    /// made it and when.
    /// </summary>
    [WolverinePut("/api/alerts/preferences", Name = "SetAlertPreferences"), Tags("Notifications")]
    [AuthorizeFor(RoleSet.AlertAdministrators)]
    [ProducesResponseType<AlertPreferencesView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Put(AlertPreferencesRequest request, HttpContext http, IDocumentSession session, SchoolRoles school, TimeProvider clock,
        CancellationToken ct)
    {
        if (await AlertPreferencesStore.ProblemAsync(request, session, school, clock, ct) is { } problem)
        {
            return Results.Problem(problem);
        }

        return Results.Ok(AlertPreferencesStore.View(await SaveAsync(request, http.User.ToActor(), session, clock, ct)));
    }

    /// <summary>Replaces the list, keeping the change; the page saves through here too.</summary>
    public static async Task<AlertPreferencesDocument> SaveAsync(AlertPreferencesRequest request, Actor actor, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var current = await AlertPreferencesStore.LoadAsync(session, ct);
        List<AlsoAlert> list = [.. request.AlsoAlert!.Select(a => new AlsoAlert(a.MisRef!.Trim(), [.. (a.Kinds ?? []).Distinct()]))];
        var updated = current with
        {
            AlsoAlert = list,
            History = [.. current.History, new AlertPreferencesChange(clock.GetUtcNow(), actor.Id, list)],
        };
        session.Store(updated);
        await session.SaveChangesAsync(ct);
        return updated;
    }
}

public static class ListFailedDeliveriesEndpoint
{
    /// <summary>
    /// Alert emails that could not be delivered after every retry (or had no address to go to), latest first (at most
    /// 100): the notification still waits in the recipient's list in the web app; follow up in person.
    /// </summary>
    [WolverineGet("/api/alerts/failed-deliveries", Name = "ListFailedDeliveries"), Tags("Notifications")]
    [AuthorizeFor(RoleSet.AlertAdministrators)]
    [ProducesResponseType<IReadOnlyList<FailedDelivery>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<FailedDelivery>> Get(IQuerySession session, CancellationToken ct) =>
        await session.Query<FailedDelivery>().OrderByDescending(f => f.FailedAt).Take(100).ToListAsync(ct);
}
