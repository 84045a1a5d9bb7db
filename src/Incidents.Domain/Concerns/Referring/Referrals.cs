using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Referring;

public sealed record MakeExternalReferral(
    Guid ReferralId, ReferralAgency Agency, string? AgencyName, string Reference, DateTimeOffset OccurredAt, Actor By);

public static class MakeExternalReferralDecider
{
    public static Decision Decide(Concern concern, MakeExternalReferral command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (command.Agency == ReferralAgency.Other && string.IsNullOrWhiteSpace(command.AgencyName))
        {
            return Rules.AgencyNameRequired;
        }

        return Decision.Accept(new ExternalReferralMade(concern.Id, command.ReferralId, command.Agency,
            command.AgencyName?.Trim(), command.Reference, command.OccurredAt, command.By.AsPerson()));
    }
}

/// <summary>
/// Refer to an agency or not: always with a rationale. The latest decision stands. Where the UKCIS advice requires an
/// immediate referral (a trigger in the imagery review, or an adult involved), "do not refer" is not an option.
/// </summary>
public sealed record RecordReferralDecision(ReferralDecisionKind Decision, string Rationale, DateTimeOffset OccurredAt, Actor By);

public static class RecordReferralDecisionDecider
{
    public static Decision Decide(Concern concern, RecordReferralDecision command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (command.Decision == ReferralDecisionKind.DoNotRefer && concern.ImmediateReferralRequired)
        {
            return Rules.ImmediateReferralRequired;
        }

        return Decision.Accept(new ReferralDecisionRecorded(concern.Id, command.Decision, command.Rationale,
            command.OccurredAt, command.By.AsPerson()));
    }
}
