using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Corrections;

/// <summary>
/// Correct an earlier entry (rectification, UK GDPR): the correction is added with its reason and the original stays
/// visible in the history to those who may see the case.
/// </summary>
/// <param name="AmendsVersion">The stream version of the entry corrected (the event's number in the history).</param>
public sealed record AmendEntry(long AmendsVersion, string Correction, string Reason, DateTimeOffset OccurredAt, Actor By);

public static class AmendEntryDecider
{
    public static Decision Decide(Concern concern, AmendEntry command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        return command.AmendsVersion < 1 || command.AmendsVersion > concern.Version
            ? Rules.EntryNotFound
            : Decision.Accept(new EntryAmended(concern.Id, command.AmendsVersion, command.Correction, command.Reason,
                command.OccurredAt, command.By.AsPerson()));
    }
}
