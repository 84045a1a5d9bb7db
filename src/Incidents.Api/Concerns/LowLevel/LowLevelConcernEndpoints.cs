using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.LowLevel;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.LowLevel;

/// <param name="Outcome">What the review of the earlier low-level concerns about the adult concluded, and what follows.</param>
public sealed record ReviewPatternRequest(string? Outcome, DateTimeOffset? OccurredAt);

public static class ReviewPatternEndpoint
{
    public static ProblemDetails Validate(ReviewPatternRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("outcome", request.Outcome, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Low-level concerns: the case manager records the review of a pattern of low-level concerns about one adult (the
    /// earlier ones are on the work queue item), which takes it off the queue.
    /// </summary>
    [WolverinePost("/api/concerns/{id}/pattern-review", Name = "ReviewLowLevelPattern"), Tags("Low-level concerns")]
    public static Task<IResult> Post(Guid id, ReviewPatternRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(ReviewPatternRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        ReviewPatternDecider.Decide(concern, new ReviewPattern(request.Outcome!.Trim(), request.OccurredAt!.Value, actor), now);
}

/// <param name="Reason">Why the conduct now meets the harm threshold for an allegation (KCSIE Part 4 section 1).</param>
public sealed record HarmThresholdMetRequest(string? Reason, DateTimeOffset? OccurredAt);

public static class HarmThresholdMetEndpoint
{
    public static ProblemDetails Validate(HarmThresholdMetRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("reason", request.Reason, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Low-level concerns: the case's handler records that it meets the harm threshold, with the reason. It becomes an
    /// allegation for the case manager (the chair of governors when it is about the headteacher), and the LADO's one
    /// working day runs from now.
    /// </summary>
    [WolverinePost("/api/concerns/{id}/threshold-met", Name = "HarmThresholdMet"), Tags("Low-level concerns")]
    public static Task<IResult> Post(Guid id, HarmThresholdMetRequest request, IDocumentSession session, HttpContext http, TimeProvider clock,
        SchoolRoles school, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now, school), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(HarmThresholdMetRequest request, Concern concern, Actor actor, DateTimeOffset now, SchoolRoles school) =>
        MeetHarmThresholdDecider.Decide(concern, new MeetHarmThreshold(request.Reason!.Trim(), request.OccurredAt!.Value, actor, school),
            RoutingTable.SocialMediaPolicy2021, now);
}

/// <summary>
/// The earlier low-level concerns a new one about the same adult is counted with, read from the cases the service holds
/// (the inline case documents, so a concern raised a moment ago counts). Only the raise of a low-level concern reads them.
/// </summary>
public static class EarlierLowLevelConcerns
{
    public static async Task<IReadOnlyList<EarlierLowLevelConcern>> ForAsync(IQuerySession session, ConcernKind? kind, DateTimeOffset? occurredAt,
        LowLevelPatternSettings settings, CancellationToken ct)
    {
        if (kind != ConcernKind.LowLevelConcern || occurredAt is not { } at)
        {
            return [];
        }

        var since = at.AddMonths(-settings.Months);
        var cases = await session.Query<Concern>()
            .Where(c => c.Kind == ConcernKind.LowLevelConcern && c.OccurredAt >= since)
            .ToListAsync(ct);
        return cases.Select(EarlierLowLevelConcern.Of).OfType<EarlierLowLevelConcern>().ToList();
    }
}
