using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Incidents.Api.Infrastructure.Telemetry;
using Incidents.Api.Tests.Reliability;
using Incidents.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Incidents.Api.Tests.Platform;

/// <summary>A host that exports its traces and metrics to memory, as it would to a collector over OTLP.</summary>
public sealed class TelemetryHost : ApiHost
{
    public ConcurrentQueue<Activity> Spans { get; } = new();

    public List<MetricSnapshot> Metrics { get; } = [];

    protected override string DatabasePrefix => "telemetry";

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Telemetry:Enabled", "true");
        web.UseSetting("Telemetry:ProjectionLagInterval", "00:00:00.200");
        web.ConfigureServices(services => services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(new QueueExporter(Spans))))
            .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics)));
    }

    /// <summary>The metrics as exported now.</summary>
    public IReadOnlyList<MetricSnapshot> ExportMetrics()
    {
        lock (Metrics)
        {
            Metrics.Clear();
            Host.Services.GetRequiredService<MeterProvider>().ForceFlush();
            return [.. Metrics];
        }
    }

    /// <summary>Keeps every ended span; a queue because spans end on many threads at once.</summary>
    private sealed class QueueExporter(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch)
            {
                spans.Enqueue(activity);
            }

            return ExportResult.Success;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryHost>
{
    public const string Name = "telemetry";
}

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests(TelemetryHost api)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ConcernsApi _concerns = new(api);

    [Fact]
    public async Task A_command_is_traced_from_the_request_down_to_its_database_statements()
    {
        var id = await _concerns.Raise(People.Dsl);
        var trace = ActivityTraceId.CreateRandom();

        var response = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes",
            new { note = "Spoke to the class", occurredAt = ConcernsApi.Yesterday }, request => InTrace(request, trace));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var request = await Until(() => Trace(trace).SingleOrDefault(s => s.Source.Name == "Microsoft.AspNetCore"));
        request.GetTagItem("http.route").Should().Be("/api/concerns/{id}/notes");
        var spans = Trace(trace);
        var database = spans.Where(s => s.Source.Name == "Npgsql").ToList();
        database.Should().NotBeEmpty("the command's reads and its commit go to PostgreSQL");
        database.Should().OnlyContain(s => Ancestors(s, spans).Contains(request), "every statement belongs to the request that caused it");
        spans.Should().Contain(s => s.Source.Name == "Marten", "Marten's own spans are exported too");
    }

    [Fact]
    public async Task Spans_and_metric_tags_carry_no_name_reference_or_narrative()
    {
        const string learner = "L-TEL-4471";
        const string summary = "Messages about Zephyrine Quillfeather in a group chat";
        var trace = ActivityTraceId.CreateRandom();
        var raised = await _concerns.Post(People.Dsl, "/api/concerns",
            new { kind = "cyberbullying", summary, subjects = new[] { ConcernsApi.Subject(learner) }, occurredAt = ConcernsApi.Yesterday },
            request => InTrace(request, trace));
        raised.StatusCode.Should().Be(HttpStatusCode.Created);
        await api.ProjectionsCaughtUp();
        foreach (var url in new[] { $"/api/learners/{learner}/chronology", $"/api/audit?actor={People.Dsl.Id}" })
        {
            using var client = api.ClientFor(People.Dsl);
            using var read = new HttpRequestMessage(HttpMethod.Get, url);
            InTrace(read, trace);
            (await client.SendAsync(read)).StatusCode.Should().Be(HttpStatusCode.OK, url);
        }

        await Until(() => Trace(trace).Count(s => s.Source.Name == "Microsoft.AspNetCore") == 3 ? true : (bool?)null);
        string[] personal = [learner, "Zephyrine", "Quillfeather", People.Dsl.Name, People.Dsl.Id];
        var spanValues = Trace(trace).SelectMany(s => s.TagObjects.Select(t => $"{s.Source.Name} {s.DisplayName}: {t.Key}={t.Value}")
            .Append($"{s.Source.Name} span name: {s.DisplayName}")
            .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{s.Source.Name} event {e.Name}: {t.Key}={t.Value}"))));
        var metricValues = api.ExportMetrics().SelectMany(m => m.MetricPoints.SelectMany(p => Tags(p).Select(t => $"{m.Name}: {t.Key}={t.Value}")));
        foreach (var value in spanValues.Concat(metricValues))
        {
            value.Should().NotContainAny(personal, "telemetry leaves the service for a collector: no personal data may go with it");
        }

        Trace(trace).Should().Contain(s => Equals(s.GetTagItem("http.route"), "/api/learners/{misRef}/chronology"));
    }

    [Fact]
    public async Task The_services_own_metrics_count_raises_by_kind_refusals_by_rule_access_records_and_projection_lag()
    {
        var before = api.ExportMetrics();
        var id = await _concerns.Raise(People.Dsl, ConcernsApi.RaiseRequest("underage-use"));
        await _concerns.Command(People.Dsl, id, "close", new { rationale = "Too soon", occurredAt = ConcernsApi.Yesterday }, HttpStatusCode.UnprocessableEntity);
        (await _concerns.Get(People.Dsl, $"/api/concerns/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await api.ProjectionsCaughtUp();

        // Access records are stored after the answer's status is known, and the lag gauge is sampled on a timer (each
        // projection once its progress row exists), so wait for both rather than assume them.
        var after = await Until(() =>
        {
            var metrics = api.ExportMetrics();
            return Sum(metrics, "incidents.access_log.writes", "resource", "concern") > Sum(before, "incidents.access_log.writes", "resource", "concern")
                && new[] { "CaseSummary", "PersonCases", "GovernorReport" }.All(projection =>
                    Points(metrics, "incidents.projection.lag").Any(p => Tags(p).Any(t => Equals(t.Value, projection))))
                ? metrics : null;
        });
        (Sum(after, "incidents.concerns.raised", "kind", "underage-use") - Sum(before, "incidents.concerns.raised", "kind", "underage-use")).Should().Be(1);
        (Sum(after, "incidents.commands.refused", "rule", "not-triaged") - Sum(before, "incidents.commands.refused", "rule", "not-triaged")).Should().Be(1);
        Points(after, "incidents.projection.lag").Select(p => Tags(p).Single(t => t.Key == "projection").Value)
            .Should().Contain(["CaseSummary", "PersonCases", "GovernorReport"]);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317", true)]
    [InlineData("Telemetry:OtlpEndpoint", "http://collector:4318", true)]
    [InlineData("Telemetry:ServiceName", "incidents-api", false)]
    public void Telemetry_is_set_up_only_when_an_endpoint_is_configured(string setting, string value, bool expected)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[setting] = value;
        builder.AddIncidentsTelemetry();
        using var app = builder.Build();

        (app.Services.GetService<TracerProvider>() is not null).Should().Be(expected);
        (app.Services.GetService<MeterProvider>() is not null).Should().Be(expected);
    }

    private static void InTrace(HttpRequestMessage request, ActivityTraceId trace) =>
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

    private List<Activity> Trace(ActivityTraceId trace) => api.Spans.Where(s => s.TraceId == trace).ToList();

    private static IEnumerable<Activity> Ancestors(Activity span, List<Activity> spans)
    {
        for (var parent = spans.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null;
             parent = spans.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
        {
            yield return parent;
        }
    }

    private static IEnumerable<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        foreach (var tag in point.Tags)
        {
            yield return tag;
        }
    }

    private static IEnumerable<MetricPoint> Points(IEnumerable<MetricSnapshot> metrics, string name) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints);

    private static long Sum(IEnumerable<MetricSnapshot> metrics, string name, string tag, string value) =>
        Points(metrics, name).Where(p => Tags(p).Any(t => t.Key == tag && Equals(t.Value, value))).Sum(p => p.GetSumLong());

    private static async Task<T> Until<T>(Func<T?> found)
    {
        T? result = default;
        await Scenario.Until(() => Task.FromResult((result = found()) is not null), Timeout, () => "telemetry never showed it");
        return result!;
    }
}
