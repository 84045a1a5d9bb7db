using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;

namespace Incidents.Domain.Concerns.Debriefing;

/// <summary>Give a change agreed at a debrief its owner and due date, or another owner or date.</summary>
/// <param name="Listed">The owner as the school's directory lists them (null: not listed).</param>
/// <param name="OwnerRole">The owner's role as governors will read it; null takes the directory's.</param>
public sealed record AssignDebriefChange(
    int Change,
    string OwnerMisRef,
    DirectoryPerson? Listed,
    string? OwnerRole,
    DateOnly DueBy,
    DateTimeOffset OccurredAt,
    Actor By);

/// <summary>Record that a change agreed at a debrief was made: what was done, and when.</summary>
public sealed record MarkDebriefChangeDone(int Change, string WhatWasDone, DateTimeOffset OccurredAt, Actor By);

/// <summary>
/// Section 8: after the debrief, leadership "implement any policy or curriculum changes"; section 7: the policy is
/// reviewed at least annually. Each change has an owner from the directory and a due date until it is done. The
/// changes are the school's, not the case's: they are followed through on a closed case too, and a case closes with
/// changes still open.
/// </summary>
public static class DebriefChanges
{
    /// <summary>
    /// Whether someone may own a change of this case: a person on roll in the directory, an adult of the school, and never
    /// someone the case is about (alleged, or declaring it about themselves). Null when they may.
    /// </summary>
    public static RuleViolation? CheckOwner(Concern concern, string misRef, DirectoryPerson? listed, DateTimeOffset now)
    {
        if (listed is null || !listed.OnRollOn(DateOnly.FromDateTime(now.UtcDateTime)))
        {
            return Rules.ChangeOwnerNotInDirectory(misRef.Trim());
        }

        if (!new Subject(listed.MisRef, listed.Type, Involvement.Other).IsAdultInSchool)
        {
            return Rules.ChangeOwnerNotAnAdultOfTheSchool;
        }

        return concern.RefsOf(listed.MisRef).Any(r => concern.Alleges(r) || concern.IsDeclaredBy(r)) ? Rules.ChangeOwnerOnCase : null;
    }

    /// <summary>The owner's role as governors read it: their role in the directory, or what they are to the school.</summary>
    public static string RoleOf(DirectoryPerson person) =>
        !string.IsNullOrWhiteSpace(person.Role) ? person.Role.Trim() : person.Type switch
        {
            PersonType.Governor => "Governor",
            PersonType.SupplyStaff => "Supply staff",
            PersonType.Volunteer => "Volunteer",
            PersonType.Contractor => "Contractor",
            _ => "Member of staff",
        };

    /// <summary>The person in the directory, as a change's owner is recorded.</summary>
    public static PersonRef OwnerRef(DirectoryPerson person) => new(person.MisRef, person.DisplayName);

    public static DebriefChange? Find(Concern concern, int number) => concern.DebriefChanges.FirstOrDefault(c => c.Number == number);

    /// <summary>The date a change can be due from: the day of the debrief that agreed it.</summary>
    public static DateOnly AgreedOn(DebriefChange change) => DateOnly.FromDateTime(change.AgreedAt.UtcDateTime);
}

public static class AssignDebriefChangeDecider
{
    public static Decision Decide(Concern concern, AssignDebriefChange command, DateTimeOffset now)
    {
        if (DebriefChanges.Find(concern, command.Change) is not { } change)
        {
            return Rules.DebriefChangeNotFound;
        }

        if ((CaseAccess.CheckChangeAssigner(command.By, concern, change) ?? CaseGuards.NotInFuture(command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        if (!change.IsOpen)
        {
            return Rules.DebriefChangeAlreadyDone;
        }

        if (command.DueBy < DebriefChanges.AgreedOn(change))
        {
            return Rules.ChangeDueBeforeDebrief;
        }

        if (DebriefChanges.CheckOwner(concern, command.OwnerMisRef, command.Listed, now) is { } owner)
        {
            return owner;
        }

        var role = string.IsNullOrWhiteSpace(command.OwnerRole) ? DebriefChanges.RoleOf(command.Listed!) : command.OwnerRole.Trim();
        return Decision.Accept(new DebriefChangeAssigned(concern.Id, change.Number, DebriefChanges.OwnerRef(command.Listed!), role, command.DueBy,
            command.OccurredAt, command.By.AsPerson()));
    }
}

public static class MarkDebriefChangeDoneDecider
{
    public static Decision Decide(Concern concern, MarkDebriefChangeDone command, DateTimeOffset now)
    {
        if (DebriefChanges.Find(concern, command.Change) is not { } change)
        {
            return Rules.DebriefChangeNotFound;
        }

        if ((CaseAccess.CheckChangeCompleter(command.By, concern, change) ?? CaseGuards.NotInFuture(command.OccurredAt, now)) is { } refused)
        {
            return refused;
        }

        if (!change.IsOpen)
        {
            return Rules.DebriefChangeAlreadyDone;
        }

        if (command.OccurredAt < change.AgreedAt)
        {
            return Rules.ChangeDoneBeforeDebrief;
        }

        return Decision.Accept(new DebriefChangeDone(concern.Id, change.Number, command.WhatWasDone.Trim(), command.OccurredAt, command.By.AsPerson()));
    }
}
