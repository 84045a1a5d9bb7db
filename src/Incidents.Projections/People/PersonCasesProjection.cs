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
        Identities<ConcernRaised>(e => PersonCasesEvents.KeysOf(e));
        Identities<SubjectsAdded>(e => PersonCasesEvents.KeysOf(e));
        Identities<SubjectRemoved>(e => PersonCasesEvents.KeysOf(e));
        Identities<SubjectIdentified>(e => PersonCasesEvents.KeysOf(e));
    }

    public override PersonCases? Evolve(PersonCases? snapshot, string id, IEvent e)
    {
        var concernId = e.StreamId;
        var current = snapshot ?? new PersonCases { Id = id };
        var mine = PersonCasesEvents.SubjectsOf(e.Data).Where(s => PersonCases.KeyFor(s) == id).Select(s => new PersonInvolvement(concernId, s.Type, s.Involvement)).ToList();
        var involvements = e.Data is SubjectRemoved || (e.Data is SubjectIdentified identified && identified.Unlisted.Any(s => PersonCases.KeyFor(s) == id))
            ? current.Involvements.Where(i => !mine.Contains(i)).ToList()
            : [.. current.Involvements, .. mine.Where(i => !current.Involvements.Contains(i))];

        // Still on the concern some other way (another involvement or type), the concern stays in the index.
        var onConcern = involvements.Any(i => i.ConcernId == concernId);
        var concernIds = onConcern
            ? current.ConcernIds.Contains(concernId) ? current.ConcernIds : [.. current.ConcernIds, concernId]
            : current.ConcernIds.Where(c => c != concernId).ToList();
        return current with { ConcernIds = concernIds, Involvements = involvements };
    }
}

/// <summary>
/// Which events change a person's index, kept apart from the projection (whose public methods Marten reads as
/// conventional Apply methods).
/// </summary>
public static class PersonCasesEvents
{
    /// <summary>
    /// Events that name no subject and so change nobody's index. A new event type either yields keys in
    /// <see cref="KeysOf"/> (and is routed below) or is listed here; a test holds every type to that.
    /// </summary>
    public static readonly IReadOnlySet<Type> Unchanged = new HashSet<Type>
    {
        typeof(ConcernTriaged), typeof(AdviceSought), typeof(AdviceReceived), typeof(ExternalReferralMade), typeof(ReferralDecisionRecorded),
        typeof(SanctionApplied), typeof(SupportOffered), typeof(InternetAccessRemoved), typeof(ParentsInformed), typeof(ParentsNotInformed),
        typeof(ChronologyNoteAdded), typeof(InvestigationCompleted), typeof(DebriefHeld), typeof(JointDecisionProposed),
        typeof(JointDecisionAgreed), typeof(LeadReassigned), typeof(ConcernRerouted), typeof(ConcernClosed), typeof(ConcernReopened),
        typeof(LadoConsulted), typeof(CaseManagerAppointed), typeof(AllegationSharedWithDsl), typeof(ImageryInitialReviewRecorded), typeof(EntryAmended),
        // A withdrawn concern stays in its people's chronologies, with the withdrawal and its reason.
        typeof(ConcernWithdrawn), typeof(ConcernKindChanged),
        // Low-level concerns: the adult is on the index from the raise; a pattern and the threshold name nobody new.
        typeof(LowLevelPatternFound), typeof(LowLevelPatternReviewed), typeof(HarmThresholdMet),
        // A debrief's change is owned by staff, never by someone on the case.
        typeof(DebriefChangeAssigned), typeof(DebriefChangeDone),
    };

    /// <summary>The people whose index an event changes.</summary>
    public static List<string> KeysOf(object @event) => SubjectsOf(@event).Select(PersonCases.KeyFor).Distinct().ToList();

    public static IReadOnlyList<Subject> SubjectsOf(object @event) => @event switch
    {
        ConcernRaised e => e.Subjects,
        SubjectsAdded e => e.Subjects,
        SubjectRemoved e => [e.Subject],
        // Off the index under the reference they were named by, onto their own.
        SubjectIdentified e => [.. e.Unlisted, .. e.Identified],
        _ => [],
    };
}
