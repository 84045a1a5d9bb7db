using System.Diagnostics.Metrics;
using System.Text.Json;

namespace Incidents.Api.Infrastructure.Telemetry;

/// <summary>
/// The service's own metrics (meter <c>Incidents</c>). Tags hold only low-cardinality codes (a kind, a rule, a
/// resource, a projection): never a name, an MIS reference, a case id or any text a user typed.
/// </summary>
public sealed class IncidentsMetrics
{
    public const string MeterName = "Incidents";

    private readonly Counter<long> _raised;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _accessRecords;

    public IncidentsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _raised = meter.CreateCounter<long>("incidents.concerns.raised", "{concern}", "Concerns raised, by kind.");
        _refused = meter.CreateCounter<long>("incidents.commands.refused", "{command}", "Commands refused, by rule code and status.");
        _accessRecords = meter.CreateCounter<long>("incidents.access_log.writes", "{record}", "Read-access records stored, by resource.");
        meter.CreateObservableGauge("incidents.projection.lag", () => ProjectionLag, "{event}",
            "Events appended that an async projection has not processed yet, by projection.");
    }

    /// <summary>The latest lag of each async projection, as <see cref="ProjectionLagSampler"/> last read it.</summary>
    internal IEnumerable<Measurement<long>> ProjectionLag { get; set; } = [];

    public void ConcernRaised(Enum kind) =>
        _raised.Add(1, new KeyValuePair<string, object?>("kind", JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString())));

    public void CommandRefused(string rule, int status) =>
        _refused.Add(1, new("rule", rule), new("status", status));

    public void AccessRecorded(string resource) =>
        _accessRecords.Add(1, new KeyValuePair<string, object?>("resource", resource));
}
