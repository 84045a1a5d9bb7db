using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>Need to know (section 8), on every surface: how much of a case each reader reads, decided once here.</summary>
public sealed class NeedToKnowSpecs
{
    private static readonly Actor OtherLeader = new("staff-slt-2", "Deputy Head", new HashSet<Role> { Role.Leadership });

    private static EntryAmended Correction(long version) => new(A.Id, version, "corrected", "misread", Earlier, A.Headteacher.AsPerson());

    /// <summary>An allegation about a teacher with two children: v1 raised, v2 support for L-1, v3 a note, v4 parents of L-2.</summary>
    private static object[] AllegationWithEntries() =>
    [
        A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff("staff-teacher-5"), A.Learner("L-1"), A.Learner("L-2")),
        new SupportOffered(A.Id, "L-1", "check-ins", Earlier, A.Dsl.AsPerson()),
        new ChronologyNoteAdded(A.Id, "spoke to the teacher", Earlier, A.Headteacher.AsPerson()),
        A.ParentsInformed("L-2"),
    ];

    [Fact]
    public void A_childs_side_holds_their_support_and_parents_and_only_the_corrections_of_those()
    {
        var concern = Given([.. AllegationWithEntries(), Correction(1), Correction(2), Correction(3), Correction(4)]).State;

        ChildSide.EntriesFor(concern, "L-1").Select(e => e.Version).Should().Equal(2);
        ChildSide.EntriesFor(concern, "L-2").Select(e => e.Version).Should().Equal(4);
        ChildSide.Entries(concern).Select(e => e.Version).Should().Equal(2, 4);
        ChildSide.Corrections(concern).Select(a => a.AmendsVersion).Should().Equal([2, 4], "a correction of the allegation or a note is not on a child's side");
        ChildSide.Shows(concern, "L-1", 1).Should().BeFalse("the allegation itself is the case manager's");
        ChildSide.Shows(concern, "L-1", 4).Should().BeFalse("another child's parents are not this child's side");
    }

    [Fact]
    public void The_DSL_records_on_an_allegation_exactly_the_actions_of_the_childs_side_and_each_lands_on_it()
    {
        var concern = Given(AllegationWithEntries()).State;
        foreach (var type in Enum.GetValues<ActionType>())
        {
            var sanction = type == ActionType.SanctionApplied ? SanctionKind.LearnerBehaviourSanction : (SanctionKind?)null;
            var decision = RecordActionDecider.Decide(concern, new RecordAction(type, sanction, "L-1", "details", Earlier, A.Dsl), Now);

            decision.Accepted.Should().Be(ChildSide.Actions.Contains(type), type.ToString());
            if (decision.Accepted)
            {
                var after = decision.Events.Aggregate(concern, Concern.Evolve);
                ChildSide.EntriesFor(after, "L-1").Should().Contain(e => e.Version == after.Version, $"{type} is on the child's side");
            }
        }
    }

    [Fact]
    public void Leadership_read_an_allegation_about_a_colleague_only_once_they_held_its_debrief_or_were_invited_to_it()
    {
        var investigated = Given([.. AllegationWithEntries(), A.Triaged(TriageDecision.Investigate, A.Headteacher), A.Investigated()]);

        CaseAccess.ReadLevelFor(A.Leadership, investigated.State).Should().Be(ReadLevel.None, "not every leadership member reads it");
        CaseAccess.CheckDebriefer(A.Leadership, investigated.State)!.Rule.Should().Be("allegation-debrief-is-for-case-manager");
        CaseAccess.CheckDebriefer(A.Headteacher, investigated.State).Should().BeNull("the case manager holds its debrief");

        var debriefed = investigated.State.With(new DebriefHeld(A.Id, [A.Leadership.AsPerson()], ["lesson"], [], Earlier, A.Headteacher.AsPerson()));
        CaseAccess.ReadLevelFor(A.Leadership, debriefed).Should().Be(ReadLevel.Full, "they were invited to it");
        CaseAccess.ReadLevelFor(OtherLeader, debriefed).Should().Be(ReadLevel.None, "they were not");
    }

    [Fact]
    public void A_case_about_learners_alone_is_still_read_by_leadership_to_debrief_it()
    {
        var investigated = Given(A.Raised(ConcernKind.Cyberbullying), A.Triaged(TriageDecision.Investigate), A.Investigated()).State;

        CaseAccess.ReadLevelFor(OtherLeader, investigated).Should().Be(ReadLevel.Full);
        CaseAccess.CheckDebriefer(OtherLeader, investigated).Should().BeNull();
    }

    [Fact]
    public void No_leadership_member_reads_the_headteachers_own_declaration_the_chair_takes_their_part()
    {
        var declared = Given(A.Raised(ConcernKind.ConflictingContent, A.Declaring(A.HeadteacherRef))).State;
        declared.Route.HeadteacherDeclaring.Should().BeTrue();
        declared.Lead.Role.Should().Be(LeadRole.LeadershipTeam);

        CaseAccess.ReadLevelFor(A.Leadership, declared).Should().Be(ReadLevel.None);
        CaseAccess.ReadLevelFor(A.ChairOfGovernors, declared).Should().Be(ReadLevel.Full);
        CaseAccess.ReadLevelFor(A.Headteacher, declared).Should().Be(ReadLevel.Status);

        var investigated = declared.With(A.Triaged(TriageDecision.Investigate, A.ChairOfGovernors), A.Investigated());
        CaseAccess.ReadLevelFor(A.Leadership, investigated).Should().Be(ReadLevel.None, "nor to debrief it: the chair does");
    }

    [Fact]
    public void The_MIS_reads_in_sync_only_a_learners_case_it_raised_and_nothing_of_any_other()
    {
        var raisedByMis = Given(A.Raised(ConcernKind.Cyberbullying) with { RaisedBy = A.Mis.AsPerson() }).State;
        var raisedByStaff = Given(A.Raised(ConcernKind.Cyberbullying)).State;
        var imageryByStaff = Given(A.Raised(ConcernKind.YouthProducedSexualImagery)).State;
        var allegationByMis = Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff("staff-teacher-5"), A.Learner()) with { RaisedBy = A.Mis.AsPerson() }).State;

        CaseAccess.ReadLevelFor(A.Mis, raisedByMis).Should().Be(ReadLevel.Sync);
        CaseAccess.ReadLevelFor(A.Mis, raisedByStaff).Should().Be(ReadLevel.None);
        CaseAccess.ReadLevelFor(A.Mis, imageryByStaff).Should().Be(ReadLevel.None, "not even that a child has an imagery case");
        CaseAccess.ReadLevelFor(A.Mis, allegationByMis).Should().Be(ReadLevel.None);
    }

    [Fact]
    public void The_DSL_reads_the_childs_side_of_every_case_about_a_child_that_someone_else_leads()
    {
        var staffCase = Given(A.Raised(ConcernKind.ConflictingContent, A.Declaring("staff-teacher-5"), A.Learner("L-1"))).State;
        staffCase.Lead.Role.Should().Be(LeadRole.LeadershipTeam);

        CaseAccess.ReadLevelFor(A.Dsl, staffCase).Should().Be(ReadLevel.ChildSide);
        CaseAccess.ReadLevelFor(A.DeputyDsl, staffCase).Should().Be(ReadLevel.ChildSide);
        CaseAccess.ReadLevelFor(A.Dsl, Given(A.Raised(ConcernKind.ConflictingContent, A.Declaring("staff-teacher-5"))).State)
            .Should().Be(ReadLevel.None, "a case about no child has no child's side");

        var dsl = A.Dsl with { Id = "staff-teacher-5" };
        CaseAccess.ReadLevelFor(dsl, staffCase).Should().Be(ReadLevel.Status, "a DSL declaring it reads their own status, as anyone");
    }
}

internal static class ConcernTestExtensions
{
    public static Concern With(this Concern concern, params object[] events) => events.Aggregate(concern, Concern.Evolve);
}
