using System.Diagnostics;
using OpenTelemetry;

namespace Incidents.Api.Infrastructure.Telemetry;

/// <summary>
/// Drops the caller's identity from every span before any exporter sees it: Wolverine tags spans with
/// <c>enduser.id</c> (the token's <c>sub</c>, a member of staff's MIS reference). Who did what is recorded in the
/// event store and the access log, inside the service; traces leave it for a collector.
/// </summary>
internal sealed class PersonalDataFilter : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        foreach (var tag in data.TagObjects.Where(t => t.Key.StartsWith("enduser.", StringComparison.Ordinal)).Select(t => t.Key).ToList())
        {
            data.SetTag(tag, null);
        }
    }
}
