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
}
