using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Corrections;

/// <summary>Withdraw a concern raised in error (the wrong child, a duplicate): it closes without counting as handled.</summary>
public sealed record WithdrawConcern(string Reason, DateTimeOffset OccurredAt, Actor By);

public static class WithdrawConcernDecider
{
    public static Decision Decide(Concern concern, WithdrawConcern command, DateTimeOffset now) =>
        CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused
            ? refused
            : Decision.Accept(new ConcernWithdrawn(concern.Id, command.Reason, command.OccurredAt, command.By.AsPerson()));
}
