using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Referring;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Referring;

public sealed record MakeReferralRequest(ReferralAgency? Agency, string? AgencyName, string? Reference, DateTimeOffset? OccurredAt);

public static class MakeReferralEndpoint
{
    public static ProblemDetails Validate(MakeReferralRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Required("agency", request.Agency)
            .Text("agencyName", request.AgencyName, RequestValidation.ShortText, required: request.Agency == ReferralAgency.Other)
            .Text("reference", request.Reference, RequestValidation.ShortText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>An external referral made: police, children's social care, LADO, CEOP or another agency, with its reference.</summary>
    [WolverinePost("/api/concerns/{id}/referrals", Name = "MakeReferral"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, MakeReferralRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(MakeReferralRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        MakeExternalReferralDecider.Decide(concern,
            new MakeExternalReferral(Guid.CreateVersion7(), request.Agency!.Value, request.AgencyName, request.Reference!.Trim(), request.OccurredAt!.Value, actor), now);
}
