using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns;

/// <summary>
/// A low-level concern was raised about an adult with enough earlier ones about them within the school's period
/// (KCSIE Part 4 section 2): the case manager reviews them together. <paramref name="EarlierConcernIds"/> are the earlier ones.
/// </summary>
public sealed record LowLevelPatternFound(
    Guid ConcernId,
    string AdultMisRef,
    IReadOnlyList<Guid> EarlierConcernIds,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>The case manager reviewed a pattern of low-level concerns, and what they concluded.</summary>
public sealed record LowLevelPatternReviewed(
    Guid ConcernId,
    string Outcome,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;

/// <summary>
/// A low-level concern meets the harm threshold: from now it is an allegation (a <see cref="ConcernRerouted"/> follows,
/// and the LADO's working day runs from then).
/// </summary>
public sealed record HarmThresholdMet(
    Guid ConcernId,
    string Reason,
    DateTimeOffset OccurredAt,
    PersonRef By) : IConcernEvent;
