using Incidents.Domain.Identity;

namespace Incidents.Domain.Concerns.Allegations;

/// <summary>KCSIE Part 4: the case manager discusses the allegation with the LADO within one working day.</summary>
public sealed record ConsultLado(string Officer, string Advice, DateTimeOffset OccurredAt, Actor By);

public static class ConsultLadoDecider
{
    public static Decision Decide(Concern concern, ConsultLado command, DateTimeOffset now)
    {
        if ((CaseAccess.CheckLadoRecorder(command.By, concern) ?? CaseGuards.OpenAndNotInFuture(concern, command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        return concern.Route.IsAllegation
            ? Decision.Accept(new LadoConsulted(concern.Id, command.Officer, command.Advice, command.OccurredAt, command.By.AsPerson()))
            : Rules.LadoIsForAllegations;
    }
}

/// <summary>The case manager shares the allegation's detail with the DSL, who otherwise keeps only the child's side.</summary>
public sealed record ShareWithDsl(string Reason, DateTimeOffset OccurredAt, Actor By);

public static class ShareWithDslDecider
{
    public static Decision Decide(Concern concern, ShareWithDsl command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (!concern.Route.IsAllegation)
        {
            return Rules.SharingIsForAllegations;
        }

        return concern.SharedWithDsl
            ? Rules.AlreadySharedWithDsl
            : Decision.Accept(new AllegationSharedWithDsl(concern.Id, command.Reason, command.OccurredAt, command.By.AsPerson()));
    }
}
