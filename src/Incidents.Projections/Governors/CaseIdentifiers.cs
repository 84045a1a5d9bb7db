using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;

namespace Incidents.Projections.Governors;

/// <summary>Every name and reference that appears on a case's events: what must never reach a governor.</summary>
public static class CaseIdentifiers
{
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
            }

            // Every event names who recorded it.
            Person(e.GetType().GetProperty("By")?.GetValue(e) as PersonRef);
        }

        return found;
    }
}
