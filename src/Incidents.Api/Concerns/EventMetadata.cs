using Marten;

namespace Incidents.Api.Concerns;

public static class EventMetadata
{
    /// <summary>
    /// Wolverine sets the correlation id (from <c>X-Correlation-Id</c>) and the user; an HTTP request has no
    /// causing message, so the request itself is recorded as the cause.
    /// </summary>
    public static void StampCausation(IDocumentSession session, HttpContext http) =>
        session.CausationId ??= $"http:{http.Request.Method} {http.Request.Path}#{http.TraceIdentifier}";

    /// <summary>A form posted in the web app: Wolverine does not run the page, so the user and ids are set here.</summary>
    public static void StampPage(IDocumentSession session, HttpContext http, Incidents.Domain.Identity.Actor actor)
    {
        session.LastModifiedBy = actor.Id;
        session.CorrelationId ??= System.Diagnostics.Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        session.CausationId ??= $"web:{http.Request.Method} {http.Request.Path}#{http.TraceIdentifier}";
    }
}
