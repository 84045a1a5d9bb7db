using System.Security.Claims;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Web.SignIn;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Marten;

namespace Incidents.Api.Web;

/// <summary>The signed-in person as the pages see them: the same actor the domain decides for.</summary>
/// <param name="holdsWorkQueue">
/// Has a work queue without holding a lead role: manages a case by reference (<see cref="Queue.WorkQueueAccess"/>).
/// </param>
/// <param name="caseManagerWithheld">Would manage a case by reference, but signed in without a second factor.</param>
public sealed class WebUser(ClaimsPrincipal principal, bool holdsWorkQueue = false, bool caseManagerWithheld = false)
{
    /// <summary>
    /// The signed-in person, knowing whether they manage a case by reference (the vice-chair, a case manager the LADO
    /// appointed): one query, and only for someone who holds no lead role.
    /// </summary>
    public static async Task<WebUser> WithWorkQueueAsync(ClaimsPrincipal principal, SchoolRoles school, IQuerySession session, CancellationToken ct)
    {
        var user = new WebUser(principal);
        if (!user.SignedIn || user.Actor.In(RoleSet.Leads))
        {
            return user;
        }

        var actor = user.Actor;
        var wouldHold = await Queue.WorkQueueAccess.HoldsAsync(actor with { SingleFactor = false }, school, session, ct);
        return new WebUser(principal, wouldHold && !actor.SingleFactor, wouldHold && actor.SingleFactor);
    }

    public bool SignedIn { get; } = principal.Identity?.IsAuthenticated == true && principal.FindFirst(IncidentsClaims.Subject) is not null;

    public Actor Actor => principal.ToActor();

    public string Name => principal.FindFirstValue(IncidentsClaims.Name) ?? "";

    public IReadOnlyList<string> Withheld =>
        [.. WebSignIn.Withheld(principal), .. caseManagerWithheld ? new[] { "case manager" } : []];

    public string RoleNames => string.Join(", ", Actor.Roles.Select(RoleName).Order());

    /// <summary>Leads cases by role, or manages one by reference, so has a work queue.</summary>
    public bool Handles => Actor.In(RoleSet.Leads) || holdsWorkQueue;

    public bool ReadsGovernorReport => Actor.In(RoleSet.GovernorReportReaders);

    public bool ReadsAudit => Actor.In(RoleSet.AuditReaders);

    /// <summary>The menu: what this person's roles let them do, nothing more.</summary>
    public IReadOnlyList<(string Href, string Text)> Navigation
    {
        get
        {
            var items = new List<(string, string)>();
            if (Handles)
            {
                items.Add(("/queue", "Work queue"));
            }

            if (Actor.In(RoleSet.Debriefers))
            {
                items.Add(("/debriefs", "Debriefs"));
            }

            if (Actor.In(RoleSet.Leads))
            {
                items.Add(("/calendar", "School calendar"));
            }

            if (Actor.In(RoleSet.RaisersInPerson))
            {
                items.Add(("/concerns/new", "Record a concern"));
                items.Add(("/concerns/mine", "Concerns I raised"));
                items.Add(("/debrief-changes", "My debrief changes"));
            }

            if (ReadsGovernorReport)
            {
                items.Add(("/reports/governors", "Governors' report"));
            }

            if (ReadsAudit)
            {
                items.Add(("/audit", "Audit"));
            }

            if (Actor.In(RoleSet.Dsls))
            {
                items.Add(("/filtering", "Filtering alerts"));
            }

            return items;
        }
    }

    public static string RoleName(Role role) => role switch
    {
        Role.Staff => "member of staff",
        Role.Dsl => "Designated Safeguarding Lead",
        Role.DeputyDsl => "deputy DSL",
        Role.Headteacher => "headteacher",
        Role.Leadership => "leadership team",
        Role.ChairOfGovernors => "chair of governors",
        Role.Governor => "governor",
        Role.Mis => "MIS",
        Role.FilteringProvider => "filtering provider",
        _ => role.ToString(),
    };
}
