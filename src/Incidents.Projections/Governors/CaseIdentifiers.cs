using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;

namespace Incidents.Projections.Governors;

/// <summary>Every name and reference that appears on a case's events: what must never reach a governor.</summary>
public static class CaseIdentifiers
{
    /// <summary>
    /// Events that name nobody but who recorded them (found on every event). A new event type either has its names
    /// gathered below or is listed here; a test holds every type of <see cref="ConcernEventTypes.All"/> to that.
    /// </summary>
    public static readonly IReadOnlySet<Type> NamesOnlyTheRecorder = new HashSet<Type>
    {
        typeof(ConcernTriaged), typeof(AdviceSought), typeof(ReferralDecisionRecorded), typeof(ChronologyNoteAdded),
        typeof(InvestigationCompleted), typeof(JointDecisionProposed), typeof(JointDecisionAgreed), typeof(ConcernRerouted),
        typeof(ConcernClosed), typeof(ConcernReopened), typeof(AllegationSharedWithDsl), typeof(EntryAmended), typeof(ConcernWithdrawn),
        typeof(LowLevelPatternReviewed), typeof(HarmThresholdMet), typeof(ConcernKindChanged),
        typeof(DebriefChangeDone),
    };

    public static IReadOnlyCollection<string> In(IEnumerable<object> events)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        void Person(PersonRef? p)
        {
            if (p is not null)
            {
                found.Add(p.Id);
                found.Add(p.Name);
            }
        }

        foreach (var e in events)
        {
            switch (e)
            {
                case ConcernRaised r:
                    Person(r.RaisedBy);
                    found.UnionWith(r.Subjects.Select(s => s.MisRef));
                    break;
                case SubjectsAdded s:
                    found.UnionWith(s.Subjects.Select(x => x.MisRef));
                    break;
                case DebriefHeld d:
                    d.Attendees.ToList().ForEach(Person);
                    d.ProposedChanges.Select(c => c.OwnedBy).ToList().ForEach(Person);
                    break;
                case DebriefChangeAssigned a:
                    Person(a.Owner);
                    break;
                case LeadReassigned l:
                    Person(l.Assignee);
                    break;
                case SanctionApplied { SubjectMisRef: { } misRef }:
                    found.Add(misRef);
                    break;
                case SupportOffered { SubjectMisRef: { } misRef }:
                    found.Add(misRef);
                    break;
                case InternetAccessRemoved { SubjectMisRef: { } misRef }:
                    found.Add(misRef);
                    break;
                case ParentsInformed { SubjectMisRef: { } misRef }:
                    found.Add(misRef);
                    break;
                case ParentsNotInformed { SubjectMisRef: { } misRef }:
                    found.Add(misRef);
                    break;
                case AdviceReceived a:
                    found.Add(a.Adviser);
                    break;
                case ExternalReferralMade r:
                    found.Add(r.Reference);
                    if (r.AgencyName is { } agencyName)
                    {
                        found.Add(agencyName);
                    }

                    break;
                case LadoConsulted l:
                    found.Add(l.Officer);
                    break;
                case CaseManagerAppointed a:
                    Person(a.Appointee);
                    found.Add(a.AppointedBy);
                    break;
                case ImageryInitialReviewRecorded { Viewing: { } viewing }:
                    Person(viewing.ViewedBy);
                    viewing.Present.ToList().ForEach(Person);
                    break;
                case SubjectRemoved r:
                    found.Add(r.Subject.MisRef);
                    break;
                case LowLevelPatternFound p:
                    found.Add(p.AdultMisRef);
                    break;
                case SubjectIdentified i:
                    found.Add(i.UnlistedRef);
                    found.Add(i.MisRef);
                    found.UnionWith(i.Unlisted.Select(x => x.MisRef));
                    break;
            }

            // Every event names who recorded it.
            Person((e as IConcernEvent)?.By);
        }

        return found;
    }
}
