using Incidents.Api.Concerns.Reading;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Infrastructure.OpenApi;

/// <summary>
/// Describes in the OpenAPI document the problem responses every endpoint can give, and the case at its caller's read
/// level (<see cref="ConcernReadView"/>) that every command on a concern answers with, so the MIS vendor can generate a
/// client from it.
/// </summary>
public sealed class ProblemResponsesPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var route = chain.RoutePattern?.RawText ?? "";
            if (!route.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            var isCommand = chain.HttpMethods.Contains("POST");
            var statuses = isCommand
                ? new[] { 400, 401, 403, 404, 409, 412, 413, 422 }
                : new[] { 401, 403, 404 };
            foreach (var status in statuses)
            {
                chain.Metadata.Produces<ProblemDetails>(status, "application/problem+json");
            }

            // Unless the endpoint says otherwise (a debrief change's owner is answered the change, not the case).
            var ownAnswer = chain.Method.Method.GetCustomAttributes(true).OfType<ProducesResponseTypeAttribute>().Any(p => p.StatusCode == StatusCodes.Status200OK);
            if (isCommand && !ownAnswer && route.StartsWith("/api/concerns/{id}/", StringComparison.Ordinal))
            {
                chain.Metadata.Produces<ConcernReadView>(StatusCodes.Status200OK, "application/json");
            }
        }
    }
}
