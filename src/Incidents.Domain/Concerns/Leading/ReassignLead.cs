using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Leading;

/// <summary>
/// Hand the case to another lead: a deputy DSL (lead dsl, named assignee), or the headteacher as the DSL's
/// alternate on a learner's case. An allegation stays with its case manager's role.
/// </summary>
public sealed record ReassignLead(LeadRole Lead, PersonRef? Assignee, string Reason, DateTimeOffset OccurredAt, Actor By);

public static class ReassignLeadDecider
{
    public static Decision Decide(Concern concern, ReassignLead command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        var handlers = CaseAccess.HandlerRoles(concern);
        if (!command.Lead.HeldBy().Any(handlers.Contains))
        {
            return Rules.LeadNotEligible(command.Lead.ToString());
        }

        if (command.Assignee is { } assignee && (concern.Alleges(assignee.Id) || concern.Names(assignee.Id)))
        {
            return Rules.SubjectCannotLead;
        }

        return Decision.Accept(new LeadReassigned(concern.Id, command.Lead, command.Assignee, command.Reason,
            command.OccurredAt, command.By.AsPerson()));
    }
}
