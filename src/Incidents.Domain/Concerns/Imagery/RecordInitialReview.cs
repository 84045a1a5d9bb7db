using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Imagery;

/// <summary>
/// The DSL's initial review of youth-produced sexual imagery (UKCIS advice for education settings). The service
/// records what was decided about the imagery; it never accepts the imagery itself, or any file.
/// </summary>
/// <param name="Viewing">Null when nobody viewed it (the advice: staff never view it unless truly unavoidable).</param>
public sealed record RecordInitialReview(
    ImageryViewing? Viewing,
    string Devices,
    string Deletion,
    bool ReportRemoveOffered,
    string Parents,
    IReadOnlyList<ImmediateReferralTrigger> ImmediateReferralTriggers,
    DateTimeOffset OccurredAt,
    Actor By);

public static class RecordInitialReviewDecider
{
    public static Decision Decide(Concern concern, RecordInitialReview command, DateTimeOffset now)
    {
        if ((CaseAccess.CheckImageryReviewer(command.By, concern) ?? CaseGuards.OpenAndNotInFuture(concern, command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        if (!concern.Route.RequiredBeforeClosure.Contains(ClosureStep.ImageryInitialReview))
        {
            return Rules.ImageryReviewIsForImagery;
        }

        if (command.Viewing is { } viewing)
        {
            // Viewed only by the DSL or a deputy, recording it themselves, with another senior member present.
            if (!viewing.ViewedBy.Id.Equals(command.By.Id, StringComparison.OrdinalIgnoreCase) || !command.By.HasAny(Role.Dsl, Role.DeputyDsl))
            {
                return Rules.ImageryViewedOnlyByDsl;
            }

            if (!viewing.Present.Any(p => !p.Id.Equals(viewing.ViewedBy.Id, StringComparison.OrdinalIgnoreCase)))
            {
                return Rules.ImageryViewingNeedsSecondAdult;
            }
        }

        return Decision.Accept(new ImageryInitialReviewRecorded(concern.Id, command.Viewing, command.Devices, command.Deletion,
            command.ReportRemoveOffered, command.Parents, command.ImmediateReferralTriggers.Distinct().ToList(),
            command.OccurredAt, command.By.AsPerson()));
    }
}
