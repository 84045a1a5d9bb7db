using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>Need to know (section 8): who may take part in which case.</summary>
public sealed class AccessSpecs
{
    private static Concern StaffCaseAbout(string misRef) => Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff(misRef), A.Learner())).State;

    [Fact]
    public void The_chair_of_governors_handles_a_case_about_the_headteacher_but_no_other_staff_case()
    {
        CaseAccess.CheckHandler(A.ChairOfGovernors, StaffCaseAbout(A.HeadteacherRef)).Should().BeNull();
        CaseAccess.CheckHandler(A.ChairOfGovernors, StaffCaseAbout("staff-teacher-5")).Should().NotBeNull();
        CaseAccess.CheckHandler(A.Headteacher, StaffCaseAbout("staff-teacher-5")).Should().BeNull();
    }

    [Fact]
    public void The_DSL_takes_part_in_a_staff_case_only_when_the_routing_makes_them_lead()
    {
        CaseAccess.CheckHandler(A.DeputyDsl, StaffCaseAbout("staff-teacher-5")).Should().NotBeNull();
        var dslLedStaffCase = Given(A.Raised(ConcernKind.PreExistingRelationship, A.Declaring(A.Teacher.Id))).State;
        dslLedStaffCase.Lead.Role.Should().Be(LeadRole.Dsl);
        CaseAccess.CheckHandler(A.DeputyDsl, dslLedStaffCase).Should().BeNull();
    }

    [Fact]
    public void The_member_of_staff_a_case_is_about_never_takes_part_whatever_roles_they_hold()
    {
        var aboutThem = StaffCaseAbout(A.AccusedTeacher.Id);
        CaseAccess.CheckHandler(A.AccusedTeacher, aboutThem)!.Rule.Should().Be(Rules.SubjectOfOwnCase.Rule);
        CaseAccess.CheckDebriefer(A.AccusedTeacher, aboutThem)!.Rule.Should().Be(Rules.SubjectOfOwnCase.Rule);
        CaseAccess.ReadLevelFor(A.AccusedTeacher, Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff(A.AccusedTeacher.Id)), A.Investigated()).State)
            .Should().Be(ReadLevel.None);
    }

    [Fact]
    public void Leadership_read_a_case_to_debrief_it_once_investigated_and_afterwards_only_if_they_attended()
    {
        var otherLeader = new Actor("staff-slt-2", "Deputy Head", new HashSet<Role> { Role.Leadership });
        var raised = A.Raised(ConcernKind.Cyberbullying);
        var triaged = A.Triaged(TriageDecision.Investigate);

        CaseAccess.ReadLevelFor(otherLeader, Given(raised, triaged).State).Should().NotBe(ReadLevel.Full, "nothing to debrief yet");
        CaseAccess.ReadLevelFor(otherLeader, Given(raised, triaged, A.Investigated()).State).Should().Be(ReadLevel.Full);
        var debriefed = Given(raised, triaged, A.Investigated(), A.Debriefed()).State;
        CaseAccess.ReadLevelFor(A.Leadership, debriefed).Should().Be(ReadLevel.Full, "they attended");
        CaseAccess.ReadLevelFor(otherLeader, debriefed).Should().NotBe(ReadLevel.Full, "they did not attend");
    }
}
