using Incidents.Domain.Concerns;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Incidents.Projections.People;

/// <summary>Async: for each learner or adult, the concerns they are a subject of.</summary>
public sealed partial class PersonCasesProjection : MultiStreamProjection<PersonCases, string>
{
    public PersonCasesProjection()
    {
        Name = nameof(PersonCases);
        Identities<ConcernRaised>(e => Keys(e.Subjects));
        Identities<SubjectsAdded>(e => Keys(e.Subjects));
    }

    public override PersonCases? Evolve(PersonCases? snapshot, string id, IEvent e)
    {
        var concernId = e.StreamId;
        var current = snapshot ?? new PersonCases { Id = id };
        return current.ConcernIds.Contains(concernId) ? current : current with { ConcernIds = [.. current.ConcernIds, concernId] };
    }

    private static List<string> Keys(IEnumerable<Subject> subjects) =>
        subjects.Select(s => PersonCases.KeyFor(s.Type, s.MisRef)).Distinct().ToList();
}
