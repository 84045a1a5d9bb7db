using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Debriefing;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>Section 8: the debrief's changes are implemented, each by its owner by its date; section 7: reviewed annually.</summary>
public sealed class DebriefChangeSpecs
{
    /// <summary>A member of staff who is not on the case and never raised it: they own the change, and may not read the case.</summary>
    private static readonly Actor Owner = new("staff-owner-1", "Sam Owner", new HashSet<Role> { Role.Staff });

    private static readonly DirectoryPerson ComputingLead = Listed(Owner.Id, PersonType.StaffMember, "Computing lead");
    private static readonly DateOnly Due = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(30);

    private static DirectoryPerson Listed(string misRef, PersonType type, string? role = null) => new()
    {
        Id = DirectoryPerson.KeyFor(misRef),
        MisRef = misRef,
        Type = type,
        GivenName = "Sam",
        FamilyName = "Owner",
        Role = role,
    };

    private static readonly object[] Investigated =
        [A.Raised(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.Investigate), A.Investigated()];

    private static DebriefHeld DebriefedWith(params ProposedChange[] changes) =>
        new(A.Id, [A.Leadership.AsPerson()], ["lesson"], changes, Earlier, A.Leadership.AsPerson());

    private static ProposedChange Owned(string change = "Check the filtering weekly") =>
        new(ProposedChangeKind.Policy, change, "Computing lead", DebriefChanges.OwnerRef(ComputingLead), Due);

    /// <summary>As stored before December 2026: the owner as words, no person and no date.</summary>
    private static ProposedChange Unassigned(string change = "Teach proxy risks") => new(ProposedChangeKind.Curriculum, change, "PSHE lead");

    private static Decision Debrief(Concern c, DateTimeOffset now, ProposedChange change, params DirectoryPerson[] owners) =>
        RecordDebriefDecider.Decide(c, new RecordDebrief([A.Leadership.AsPerson()], ["lesson"], [change], Earlier, A.Leadership) { Owners = owners }, now);

    private static Decision Assign(Concern c, Actor by, DateTimeOffset now, int change = 1, DirectoryPerson? owner = null, DateOnly? due = null) =>
        AssignDebriefChangeDecider.Decide(c, new AssignDebriefChange(change, (owner ?? ComputingLead).MisRef, owner ?? ComputingLead, null, due ?? Due, Earlier, by), now);

    private static Decision Done(Concern c, Actor by, DateTimeOffset now, int change = 1) =>
        MarkDebriefChangeDoneDecider.Decide(c, new MarkDebriefChangeDone(change, "Weekly check added to the online safety log", Now, by), now);

    [Fact]
    public void A_change_agreed_at_the_debrief_has_an_owner_from_the_directory_and_a_due_date()
    {
        var debriefed = Given(Investigated).When((c, now) => Debrief(c, now, Owned(), ComputingLead)).ThenAccepted(typeof(DebriefHeld));
        var change = debriefed.DebriefChanges.Should().ContainSingle().Subject;
        change.Number.Should().Be(1);
        change.Owner!.Id.Should().Be(Owner.Id);
        change.DueBy.Should().Be(Due);
        change.IsOpen.Should().BeTrue();
        debriefed.DebriefChangeOwners.Should().Equal(Owner.Id.ToLowerInvariant());
    }

    [Fact]
    public void A_change_is_never_owned_by_the_adult_alleged_on_the_case()
    {
        var alleged = Listed("staff-teacher-9", PersonType.StaffMember);
        Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff(alleged.MisRef)), A.Triaged(TriageDecision.Investigate, A.Headteacher), A.Investigated())
            .When((c, now) => RecordDebriefDecider.Decide(c, new RecordDebrief([A.Headteacher.AsPerson()], ["lesson"],
                [new ProposedChange(ProposedChangeKind.Policy, "Review the staff code", "Teacher", DebriefChanges.OwnerRef(alleged), Due)], Earlier, A.Headteacher)
            { Owners = [alleged] }, now))
            .ThenRefused("change-owner-on-case", ViolationKind.RuleBroken);
    }

    [Fact]
    public void A_change_is_owned_by_an_adult_of_the_school_on_roll_in_the_directory()
    {
        Given(Investigated).When((c, now) => Debrief(c, now, Owned())).ThenRefused("change-owner-not-in-directory");
        var learner = Listed("L-9", PersonType.Learner);
        Given(Investigated).When((c, now) => Debrief(c, now, Owned() with { OwnedBy = DebriefChanges.OwnerRef(learner) }, learner))
            .ThenRefused("change-owner-not-an-adult-of-the-school");
        var leaver = ComputingLead with { LeavingDate = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-1) };
        Given(Investigated).When((c, now) => Debrief(c, now, Owned(), leaver)).ThenRefused("change-owner-not-in-directory");
    }

    [Fact]
    public void A_change_is_not_due_before_the_debrief_that_agreed_it() =>
        Given(Investigated).When((c, now) => Debrief(c, now, Owned() with { DueBy = DateOnly.FromDateTime(Earlier.UtcDateTime).AddDays(-1) }, ComputingLead))
            .ThenRefused("change-due-before-debrief", ViolationKind.Invalid);

    [Fact]
    public void A_change_stored_without_owner_or_date_is_to_be_assigned_by_the_debriefs_recorder_or_the_case_manager()
    {
        var stored = Given([.. Investigated, DebriefedWith(Unassigned())]);
        stored.State.DebriefChanges.Single().ToBeAssigned.Should().BeTrue();
        foreach (var assigner in new[] { A.Leadership, A.Dsl })
        {
            var assigned = Given([.. Investigated, DebriefedWith(Unassigned())]).When((c, now) => Assign(c, assigner, now)).ThenAccepted(typeof(DebriefChangeAssigned));
            assigned.DebriefChanges.Single().Should().Match<DebriefChange>(d => !d.ToBeAssigned && d.Owner!.Id == Owner.Id && d.DueBy == Due);
            assigned.DebriefChanges.Single().OwnerRole.Should().Be("Computing lead", "the directory's role, when none is given");
        }

        Given([.. Investigated, DebriefedWith(Unassigned())]).When((c, now) => Assign(c, Owner, now))
            .ThenRefused("debrief-change-is-for-recorder-or-case-manager", ViolationKind.Forbidden);
    }

    [Fact]
    public void A_change_can_be_given_another_owner_but_never_the_adult_alleged()
    {
        var alleged = Listed("staff-teacher-9", PersonType.StaffMember);
        Given([.. Investigated, DebriefedWith(Owned()), new SubjectsAdded(A.Id, [A.AllegedStaff(alleged.MisRef)], Earlier, A.Dsl.AsPerson())])
            .When((c, now) => Assign(c, A.Headteacher, now, owner: alleged))
            .ThenRefused("change-owner-on-case");
    }

    [Fact]
    public void Its_owner_or_the_case_manager_marks_a_change_done_with_what_was_done_and_only_once()
    {
        foreach (var by in new[] { Owner, A.Dsl })
        {
            var done = Given([.. Investigated, DebriefedWith(Owned())]).When((c, now) => Done(c, by, now)).ThenAccepted(typeof(DebriefChangeDone));
            done.DebriefChanges.Single().Done!.WhatWasDone.Should().Be("Weekly check added to the online safety log");
        }

        var other = new Actor("staff-teacher-2", "Another teacher", new HashSet<Role> { Role.Staff, Role.Leadership });
        Given([.. Investigated, DebriefedWith(Owned())]).When((c, now) => Done(c, other, now))
            .ThenRefused("debrief-change-is-for-owner-or-case-manager", ViolationKind.Forbidden);
        Given([.. Investigated, DebriefedWith(Owned()), new DebriefChangeDone(A.Id, 1, "done", Earlier, Owner.AsPerson())])
            .When((c, now) => Done(c, Owner, now))
            .ThenRefused("debrief-change-already-done");
        Given([.. Investigated, DebriefedWith(Owned())]).When((c, now) => Done(c, Owner, now, change: 2))
            .ThenRefused("debrief-change-not-found", ViolationKind.NotFound);
    }

    [Fact]
    public void A_case_closes_with_its_changes_open_and_they_are_still_followed_through_after()
    {
        var closed = Given([.. Investigated, DebriefedWith(Owned())])
            .When((c, now) => CloseConcernDecider.Decide(c, new CloseConcern("resolved", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(ConcernClosed));
        closed.DebriefChanges.Single().IsOpen.Should().BeTrue();
        Given([.. Investigated, DebriefedWith(Owned()), new ConcernClosed(A.Id, ClosureOutcome.Resolved, "r", Earlier, A.Dsl.AsPerson())])
            .When((c, now) => Done(c, Owner, now))
            .ThenAccepted(typeof(DebriefChangeDone));
        var reopened = Given([.. Investigated, DebriefedWith(Owned()), new ConcernClosed(A.Id, ClosureOutcome.Resolved, "r", Earlier, A.Dsl.AsPerson()),
            new ConcernReopened(A.Id, "new information", Earlier, A.Dsl.AsPerson())]).State;
        reopened.Debrief.Should().BeNull();
        reopened.DebriefChanges.Should().ContainSingle("a change is the school's, not the case's: reopening the case keeps it");
    }

    [Fact]
    public void A_change_is_not_marked_done_before_the_debrief_agreed_it() =>
        Given([.. Investigated, DebriefedWith(Owned())])
            .When((c, now) => MarkDebriefChangeDoneDecider.Decide(c, new MarkDebriefChangeDone(1, "done", Earlier.AddDays(-1), Owner), now))
            .ThenRefused("change-done-before-debrief", ViolationKind.Invalid);

    [Fact]
    public void A_changes_owner_knows_of_the_case_without_reading_it_and_nobody_else_does()
    {
        var state = Given([.. Investigated, DebriefedWith(Owned())]).State;
        CaseAccess.ReadLevelFor(Owner, state).Should().Be(ReadLevel.None);
        CaseAccess.KnowsOfDebriefChanges(Owner, state).Should().BeTrue();
        CaseAccess.KnowsOfDebriefChanges(new Actor("staff-teacher-2", "Another", new HashSet<Role> { Role.Staff }), state).Should().BeFalse();
    }

    [Fact]
    public void The_case_offers_its_changes_to_the_owner_and_the_case_manager_even_once_closed()
    {
        var closed = Given([.. Investigated, DebriefedWith(Owned()), new ConcernClosed(A.Id, ClosureOutcome.Resolved, "r", Earlier, A.Dsl.AsPerson())]).State;
        CaseActions.OfferedTo(A.Dsl, closed, Now).Should().Contain([CaseAction.AssignDebriefChange, CaseAction.MarkDebriefChangeDone]);
        CaseActions.OfferedTo(Owner, closed, Now).Should().Equal(CaseAction.MarkDebriefChangeDone);
    }

    [Fact]
    public void The_owner_acts_on_their_change_by_reference_so_only_with_a_second_factor()
    {
        var single = Owner with { SingleFactor = true };
        CaseAccess.KnowsOfDebriefChanges(single, Given([.. Investigated, DebriefedWith(Owned())]).State).Should().BeFalse();
        Given([.. Investigated, DebriefedWith(Owned())]).When((c, now) => Done(c, single, now))
            .ThenRefused("debrief-change-is-for-owner-or-case-manager", ViolationKind.Forbidden);
    }
}
