using Incidents.Api.Audit.Access;
using Incidents.Domain.Concerns;
using Marten;
using Marten.Services;

namespace Incidents.Api.Infrastructure.Telemetry;

/// <summary>
/// Counts what a committed session wrote: concerns raised and read-access records. Counted after the commit, so a
/// rolled-back command or read counts nothing; one place instead of a line in every endpoint.
/// </summary>
internal sealed class MetricsListener(IncidentsMetrics metrics) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var raised in commit.GetEvents().Select(e => e.Data).OfType<ConcernRaised>())
        {
            metrics.ConcernRaised(raised.Kind);
        }

        foreach (var record in commit.Inserted.Concat(commit.Updated).OfType<ReadAccessRecord>())
        {
            metrics.AccessRecorded(record.Resource);
        }

        return Task.CompletedTask;
    }
}
