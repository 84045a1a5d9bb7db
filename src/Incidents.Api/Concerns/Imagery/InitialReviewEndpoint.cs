using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Imagery;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Imagery;

public sealed record PersonRequest(string? Id, string? Name);

/// <param name="ViewedBy">The DSL or deputy who viewed it: the person recording this review.</param>
/// <param name="Present">The other senior member(s) of staff present.</param>
public sealed record ViewingRequest(PersonRequest? ViewedBy, string? Reason, IReadOnlyList<PersonRequest>? Present);

/// <param name="Viewing">Omit when nobody viewed the imagery (the advice: never, unless truly unavoidable).</param>
/// <param name="Devices">Which devices hold the imagery and what was done with them (never the imagery itself).</param>
/// <param name="Deletion">What was done to have the imagery deleted.</param>
/// <param name="ReportRemoveOffered">Whether the child was told about Report Remove (Childline and the IWF).</param>
/// <param name="Parents">When and how parents are involved, or why not.</param>
/// <param name="ImmediateReferralTriggers">Which of the UKCIS immediate-referral reasons hold (empty when none).</param>
public sealed record InitialReviewRequest(
    ViewingRequest? Viewing,
    string? Devices,
    string? Deletion,
    bool? ReportRemoveOffered,
    string? Parents,
    IReadOnlyList<ImmediateReferralTrigger>? ImmediateReferralTriggers,
    DateTimeOffset? OccurredAt);

public static class InitialReviewEndpoint
{
    public static ProblemDetails Validate(InitialReviewRequest request, OccurrenceWindow window)
    {
        var validation = new RequestValidation(window)
            .Text("devices", request.Devices, RequestValidation.LongText)
            .Text("deletion", request.Deletion, RequestValidation.LongText)
            .Required("reportRemoveOffered", request.ReportRemoveOffered)
            .Text("parents", request.Parents, RequestValidation.LongText)
            .When(request.ImmediateReferralTriggers is null, "immediateReferralTriggers", "List the immediate-referral reasons that hold ([] when none).")
            .OccurredAt("occurredAt", request.OccurredAt);
        if (request.Viewing is { } viewing)
        {
            validation
                .Text("viewing.viewedBy.id", viewing.ViewedBy?.Id, RequestValidation.MisRefLength)
                .Text("viewing.viewedBy.name", viewing.ViewedBy?.Name, RequestValidation.ShortText)
                .Text("viewing.reason", viewing.Reason, RequestValidation.LongText)
                .When(viewing.Present is not { Count: > 0 } || viewing.Present.Any(p => string.IsNullOrWhiteSpace(p?.Id) || string.IsNullOrWhiteSpace(p.Name)),
                    "viewing.present", "Name (id and name) who else was present when the imagery was viewed.");
        }

        return validation.ToProblem() ?? WolverineContinue.NoProblems;
    }

    /// <summary>
    /// Youth-produced sexual imagery: the DSL's initial review (UKCIS advice). Records decisions about the imagery,
    /// never the imagery: this service accepts no image or file for any case.
    /// </summary>
    [WolverinePost("/api/concerns/{id}/imagery-review", Name = "RecordImageryInitialReview"), Tags("Imagery")]
    public static Task<IResult> Post(Guid id, InitialReviewRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(InitialReviewRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        RecordInitialReviewDecider.Decide(concern,
            new RecordInitialReview(
                request.Viewing is { } v
                    ? new ImageryViewing(Person(v.ViewedBy!), v.Reason!.Trim(), v.Present!.Select(Person).ToList())
                    : null,
                request.Devices!.Trim(), request.Deletion!.Trim(), request.ReportRemoveOffered!.Value, request.Parents!.Trim(),
                request.ImmediateReferralTriggers!, request.OccurredAt!.Value, actor), now);

    private static PersonRef Person(PersonRequest p) => new(p.Id!.Trim(), p.Name!.Trim());
}
