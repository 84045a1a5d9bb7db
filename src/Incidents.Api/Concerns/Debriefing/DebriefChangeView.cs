using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;

namespace Incidents.Api.Concerns.Debriefing;

/// <summary>
/// A change agreed at a debrief as its owner sees it: the change as the school wrote it, its due date, and whether it is
/// done. Nothing of the case: an owner who may not read the case learns only that there is a change for them, and the
/// case's id to act on it by (the case itself answers them 404).
/// </summary>
/// <param name="Version">The case's version: send it as <c>If-Match</c> to act on the change.</param>
/// <param name="Owner">Who owns it; null while it is to be assigned.</param>
/// <param name="ToBeAssigned">Agreed before owners and dates were recorded, and not given them since.</param>
/// <param name="CaseReadable">Whether the caller may read the case the change came from.</param>
public sealed record DebriefChangeView(
    Guid ConcernId,
    long Version,
    int Number,
    ProposedChangeKind Kind,
    string Change,
    string OwnerRole,
    PersonRef? Owner,
    DateOnly? DueBy,
    bool ToBeAssigned,
    ChangeDone? Done,
    bool CaseReadable)
{
    public static DebriefChangeView From(Concern concern, DebriefChange change, Actor actor) => new(
        concern.Id, concern.Version, change.Number, change.Kind, change.Change, change.OwnerRole, change.Owner, change.DueBy, change.ToBeAssigned,
        change.Done, CaseAccess.ReadLevelFor(actor, concern) != ReadLevel.None);

    /// <summary>The answer to a command on change <paramref name="number"/>: the change as it now stands.</summary>
    public static KnownWithoutReading AnswerFor(int number) => new(CaseAccess.KnowsOfDebriefChanges,
        (actor, concern) => concern.DebriefChanges.FirstOrDefault(c => c.Number == number) is { } change ? From(concern, change, actor) : new { concern.Id });
}
