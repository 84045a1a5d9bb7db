using Incidents.Api.Infrastructure.Marten;
using Incidents.Domain.Concerns;
using Incidents.Domain.Notifications;
using Incidents.Domain.Policy;
using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace Incidents.Api.Notifications;

/// <summary>
/// The alerts: raising (a Wolverine-managed subscription to the case events), the durable local queues every
/// <see cref="CaseAlert"/> and every alert email go through, and the documents they keep (docs/architecture.md).
/// </summary>
public static class AlertsSetup
{
    /// <summary>The subscription that turns raises and immediate-risk triages into alerts.</summary>
    public const string SubscriptionName = "case-alerts";

    public const string AlertQueue = "case-alerts";

    public const string EmailQueue = "alert-emails";

    /// <summary>The documents the alerts keep, in the service's schema.</summary>
    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Schema.For<Notification>().DatabaseSchemaName(MartenSetup.Schema).Index(x => x.Recipient);
        opts.Schema.For<AlertRecord>().DatabaseSchemaName(MartenSetup.Schema).Index(x => x.ConcernId);
        opts.Schema.For<AlertPreferencesDocument>().DatabaseSchemaName(MartenSetup.Schema);
        opts.Schema.For<AlertEmailSent>().DatabaseSchemaName(MartenSetup.Schema);
        opts.Schema.For<FailedDelivery>().DatabaseSchemaName(MartenSetup.Schema).Index(x => x.FailedAt);
    }

    /// <summary>
    /// A concern raised, or triaged at immediate risk, publishes its alert from a subscription Wolverine runs like the
    /// async projections (one node at a time), through its outbox with the subscription's progress. It starts, on its
    /// first run in a database, from the events stored then: cases raised before alerts existed are not alerted again.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression PublishCaseAlerts(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.PublishEventsToWolverine(SubscriptionName, relay =>
        {
            relay.Options.SubscribeFromFirstRun();
            relay.PublishEvent<ConcernRaised>((e, bus) => bus.PublishAsync(new CaseAlert(e.Data.ConcernId, AlertReason.ConcernRaised, e.Timestamp)));
            relay.PublishEvent<ConcernTriaged>((e, bus) => e.Data.Risk == RiskLevel.Immediate
                ? bus.PublishAsync(new CaseAlert(e.Data.ConcernId, AlertReason.ImmediateRisk, e.Timestamp))
                : ValueTask.CompletedTask);
        });

    /// <summary>Every alert, and every alert email, through a durable local queue of its own (Wolverine's inbox in PostgreSQL).</summary>
    public static void AddCaseAlerts(this WolverineOptions opts, EmailOptions email)
    {
        opts.PublishMessage<CaseAlert>().ToLocalQueue(AlertQueue).UseDurableInbox();
        opts.PublishMessage<SendAlertEmail>().ToLocalQueue(EmailQueue).UseDurableInbox();
        opts.Policies.Add(new AlertEmailRetries([.. email.RetryDelays]));
    }

    public static IServiceCollection AddAlertEmail(this IServiceCollection services, EmailOptions email) => services.AddSingleton(email);
}

/// <summary>
/// A failed alert email is retried (a scheduled message, durable across a restart) after each of <c>Email:RetryDelays</c>; after the last it goes to Wolverine's dead
/// letters (and <see cref="SendAlertEmailHandler"/> records a <see cref="FailedDelivery"/>).
/// </summary>
public sealed class AlertEmailRetries(TimeSpan[] delays) : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.MessageType == typeof(SendAlertEmail)))
        {
            if (delays.Length == 0)
            {
                chain.OnException<Exception>().MoveToErrorQueue();
                continue;
            }

            chain.OnException<Exception>().ScheduleRetry(delays).Then.MoveToErrorQueue();
        }
    }
}
