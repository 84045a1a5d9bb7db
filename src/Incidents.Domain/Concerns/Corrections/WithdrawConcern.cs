using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.Corrections;

/// <summary>The case a concern duplicates: the id given, and the case as stored (null when there is no such case).</summary>
public sealed record DuplicateCase(Guid Id, Concern? Stored);

/// <summary>
/// Withdraw a concern raised in error (the wrong child) or a duplicate (<see cref="DuplicateOf"/>, the case that keeps
/// its duties): it closes without counting as handled.
/// </summary>
public sealed record WithdrawConcern(string Reason, DateTimeOffset OccurredAt, Actor By, DuplicateCase? DuplicateOf = null);

/// <summary>
/// What withdrawing may not skip, because closing would not: an immediate referral (UKCIS), an allegation's LADO
/// consultation (KCSIE Part 4: the LADO, not the school, decides whether an allegation stands), and the referral decision
/// of a case at immediate risk.
/// </summary>
public enum WithdrawalDuty
{
    ImmediateReferral,
    LadoConsultation,
    ReferralDecision,
}

public static class WithdrawConcernDecider
{
    public static Decision Decide(Concern concern, WithdrawConcern command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        var owed = Owed(concern);
        if (command.DuplicateOf is { } duplicate)
        {
            if (duplicate.Id == concern.Id)
            {
                return Rules.DuplicateOfItself;
            }

            // A case the caller may not read is answered as one that does not exist.
            if (duplicate.Stored is not { } other || CaseAccess.ReadLevelFor(command.By, other) is not (ReadLevel.ChildSide or ReadLevel.Full))
            {
                return Rules.DuplicateNotFound;
            }

            if (other.Status == ConcernStatus.Withdrawn)
            {
                return Rules.DuplicateWithdrawn;
            }

            foreach (var duty in owed.Where(duty => !CarriedBy(duty, other)))
            {
                return Rules.DuplicateDoesNotKeep(Words(duty));
            }
        }
        else if (owed.Count > 0)
        {
            return owed[0] switch
            {
                WithdrawalDuty.ImmediateReferral => Rules.WithdrawalSkipsImmediateReferral,
                WithdrawalDuty.LadoConsultation => Rules.WithdrawalSkipsLadoConsultation,
                _ => Rules.WithdrawalSkipsReferralDecision,
            };
        }

        return Decision.Accept(new ConcernWithdrawn(concern.Id, command.Reason, command.OccurredAt, command.By.AsPerson(), command.DuplicateOf?.Id));
    }

    /// <summary>The duties this case has not met yet, which a withdrawal would otherwise leave behind.</summary>
    public static IReadOnlyList<WithdrawalDuty> Owed(Concern concern)
    {
        var owed = new List<WithdrawalDuty>();
        if (concern.ImmediateReferralRequired && !concern.ImmediateReferralMade)
        {
            owed.Add(WithdrawalDuty.ImmediateReferral);
        }

        if (concern.Route.RequiredBeforeClosure.Contains(ClosureStep.LadoConsultation) && concern.LadoConsultation is null)
        {
            owed.Add(WithdrawalDuty.LadoConsultation);
        }

        if (concern.Triage?.Risk == RiskLevel.Immediate && concern.ReferralDecision is null && !concern.ImmediateReferralMade)
        {
            owed.Add(WithdrawalDuty.ReferralDecision);
        }

        return owed;
    }

    /// <summary>Whether the other case met the duty already, or, still open, cannot close without meeting it.</summary>
    public static bool CarriedBy(WithdrawalDuty duty, Concern other) => duty switch
    {
        WithdrawalDuty.ImmediateReferral => other.ImmediateReferralMade || (!other.IsClosed && other.ImmediateReferralRequired),
        WithdrawalDuty.LadoConsultation => other.LadoConsultation is not null ||
                                           (!other.IsClosed && other.Route.RequiredBeforeClosure.Contains(ClosureStep.LadoConsultation)),
        _ => other.ReferralDecision is not null || other.ImmediateReferralMade || (!other.IsClosed && other.NeedsReferralDecision),
    };

    private static string Words(WithdrawalDuty duty) => duty switch
    {
        WithdrawalDuty.ImmediateReferral => "the immediate referral to the police or children's social care",
        WithdrawalDuty.LadoConsultation => "the LADO consultation",
        _ => "the referral decision",
    };
}
