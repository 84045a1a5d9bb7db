using Incidents.Api.Calendar;
using Incidents.Domain.Clocks;
using Incidents.Domain.Notifications;
using Wolverine;

namespace Incidents.Api.Clocks;

public static class ClockMessaging
{
    /// <summary>
    /// The clocks' messages go through durable local queues: kept in PostgreSQL with Wolverine's inbox, scheduled ones
    /// included, so a check survives a restart and a dead node's are picked up by another. The <see cref="CaseAlert"/>
    /// a check publishes is routed by the alerts (<c>AlertsSetup.AddCaseAlerts</c>).
    /// </summary>
    public static void Route(WolverineOptions opts)
    {
        opts.PublishMessage<CaseClocksChanged>().ToLocalQueue("clocks").UseDurableInbox();
        opts.PublishMessage<CheckClock>().ToLocalQueue("clocks").UseDurableInbox();
        opts.PublishMessage<CalendarChanged>().ToLocalQueue("clocks").UseDurableInbox();
    }
}
