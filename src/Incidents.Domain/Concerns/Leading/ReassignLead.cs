using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Leading;

/// <summary>Hand the case to another lead, e.g. a deputy DSL (role DSL, named assignee).</summary>
public sealed record ReassignLead(LeadRole Lead, PersonRef? Assignee, string Reason, DateTimeOffset OccurredAt, Actor By);

public static class ReassignLeadDecider
{
    public static Decision Decide(Concern concern, ReassignLead command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (!CaseAccess.HandlerRoles(concern).Contains(command.Lead.HeldBy()))
        {
            return Rules.LeadNotEligible(command.Lead.ToString());
        }

        if (command.Assignee is { } assignee && concern.IsAbout(assignee.Id))
        {
            return Rules.SubjectCannotLead;
        }

        return Decision.Accept(new LeadReassigned(concern.Id, command.Lead, command.Assignee, command.Reason,
            command.OccurredAt, command.By.AsPerson()));
    }
}
