using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Notifications;

/// <summary>
/// Who is told of a <see cref="CaseAlert"/>: one pure function of the case, the alert, the school's offices and the
/// DSL's preferences, whoever sent the alert. People are MIS references (a person's token <c>sub</c>). Nobody alleged,
/// declaring or otherwise named on the case is ever told (<see cref="ShutOut"/>): when the person a rule picks is on
/// the case, the next in line is told instead.
/// </summary>
public static class AlertRecipients
{
    public static IReadOnlyList<string> For(Concern concern, CaseAlert alert, SchoolRoles school, AlertPreferences preferences)
    {
        var wanted = new List<string>();
        switch (alert.Reason)
        {
            case AlertReason.ConcernRaised:
                wanted.AddRange(Lead(concern, school));
                wanted.AddRange(Preferred(concern, preferences));
                break;
            case AlertReason.ImmediateRisk:
                // The DSL, the deputies and the headteacher together (or whoever stands in for the headteacher), and the lead.
                wanted.AddRange(Lead(concern, school));
                wanted.AddRange(school.Dsls);
                wanted.AddRange(Optional(HeadteacherOrStandIn(concern.Route, school)));
                wanted.AddRange(Preferred(concern, preferences));
                break;
            case AlertReason.ClockOverdue:
                wanted.AddRange(Optional(alert.OwnerMisRef));
                wanted.AddRange(FirstNotShutOut(concern, school, Escalation(concern, school)));
                break;
            default:
                // A reminder (and any reason added later): the owner of what falls due when it has one, else the lead.
                wanted.AddRange(alert.OwnerMisRef is { } owner && !ShutOut(concern, school, owner) ? [owner] : Lead(concern, school));
                break;
        }

        return wanted
            .Where(r => !string.IsNullOrWhiteSpace(r))
            .Select(r => r.Trim())
            .Where(r => !ShutOut(concern, school, r))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// Whether the person must never be told of the case: alleged on it (now or ever), declaring it, named on it in any
    /// way, or the office holder the route stands aside (the headteacher when the chair stands in for them, the chair
    /// when they are on it).
    /// </summary>
    public static bool ShutOut(Concern concern, SchoolRoles school, string misRef)
    {
        var route = concern.Route;
        return concern.Alleges(misRef)
               || concern.IsDeclaredBy(misRef)
               || concern.Names(misRef)
               || concern.Identifications.Any(i => string.Equals(i.MisRef, misRef.Trim(), StringComparison.OrdinalIgnoreCase) && concern.Names(i.UnlistedRef))
               || (route.ChairStandsInForHeadteacher && school.IsHeadteacher(misRef))
               || ((route.ChairAlleged || route.ChairNamed) && school.IsChair(misRef));
    }

    /// <summary>
    /// The case's lead or case manager: the case manager appointed to it, whoever it is assigned to, else the holder of its lead role (the DSL, then the
    /// deputies, then the headteacher as the DSL's alternate; the headteacher; the chair; the vice-chair the route names),
    /// the first of them not on the case.
    /// </summary>
    public static IReadOnlyList<string> Lead(Concern concern, SchoolRoles school)
    {
        var route = concern.Route;
        // The case manager the LADO or the governing body appointed (an allegation gone to the LADO directly) comes first.
        var candidates = new List<string?> { concern.AppointedCaseManager?.Person.Id };
        if (concern.Lead.Assignee is { } assignee)
        {
            candidates.Add(assignee.Id);
        }

        switch (concern.Lead.Role)
        {
            case LeadRole.Dsl:
                candidates.AddRange(school.Dsls);
                candidates.Add(HeadteacherOrStandIn(route, school));
                break;
            case LeadRole.ChairOfGovernors:
                candidates.Add(route.ChairStandsAside ? route.ViceChairMisRef : school.ChairOfGovernorsMisRef);
                break;
            default:
                // The headteacher, and for a case the leadership team leads, the headteacher who oversees it.
                candidates.Add(route.LadoDirect ? school.Dsls.FirstOrDefault() : HeadteacherOrStandIn(route, school));
                break;
        }

        return FirstNotShutOut(concern, school, candidates);
    }

    /// <summary>
    /// Who an overdue target escalates to: the headteacher, or the chair of governors for a case the headteacher manages
    /// (and whoever stands in for either when they are on the case).
    /// </summary>
    public static IReadOnlyList<string?> Escalation(Concern concern, SchoolRoles school)
    {
        var route = concern.Route;
        var headteacherManages = concern.Lead.Role is LeadRole.Headteacher && !route.ChairStandsInForHeadteacher;
        return headteacherManages
            ? [route.ChairAlleged || route.ChairNamed ? route.ViceChairMisRef : school.ChairOfGovernorsMisRef]
            : [HeadteacherOrStandIn(route, school), school.ChairOfGovernorsMisRef];
    }

    /// <summary>The headteacher, or the chair when the chair stands in for them, or the vice-chair when the chair stands aside.</summary>
    private static string? HeadteacherOrStandIn(Route route, SchoolRoles school) =>
        route.ChairStandsAside ? route.ViceChairMisRef
        : route.ChairStandsInForHeadteacher ? school.ChairOfGovernorsMisRef
        : school.HeadteacherMisRef;

    /// <summary>The people the DSL added for this kind; never for an allegation or a low-level concern.</summary>
    private static IEnumerable<string> Preferred(Concern concern, AlertPreferences preferences) =>
        concern.Route.Category is ConcernCategory.Allegation or ConcernCategory.LowLevelConcern
            ? []
            : preferences.AlsoAlert.Where(a => a.Follows(concern.Kind)).Select(a => a.MisRef);

    private static IReadOnlyList<string> FirstNotShutOut(Concern concern, SchoolRoles school, IEnumerable<string?> candidates) =>
        candidates.OfType<string>().Where(c => !string.IsNullOrWhiteSpace(c) && !ShutOut(concern, school, c)).Take(1).ToList();

    private static IEnumerable<string> Optional(string? misRef) => misRef is null ? [] : [misRef];
}
