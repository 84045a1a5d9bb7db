using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Tests.Specs;

public sealed class RoutingSpecs
{
    private static readonly RoutingTable Policy = RoutingTable.SocialMediaPolicy2021;

    [Theory]
    [InlineData(ConcernKind.Cyberbullying)]
    [InlineData(ConcernKind.YouthProducedSexualImagery)]
    [InlineData(ConcernKind.OnlineSexualHarassment)]
    [InlineData(ConcernKind.OnlineAbuseOrExploitation)]
    [InlineData(ConcernKind.IllegalContent)]
    [InlineData(ConcernKind.UnderageUse)]
    public void Concerns_about_learners_safety_are_led_by_the_DSL_under_child_protection(ConcernKind kind)
    {
        var route = Policy.RouteFor(kind, [A.Learner()], A.School);

        route.Lead.Should().Be(LeadRole.Dsl);
        route.ManagedUnder.Should().Contain(SchoolPolicy.ChildProtection);
        route.Category.Should().Be(ConcernCategory.LearnerSafety);
        route.PolicyVersion.Should().Be("st-james-social-media-policy/2021-09/r3");
    }

    [Fact]
    public void A_filtering_breach_is_led_by_the_DSL_who_has_overall_responsibility_for_online_safety() =>
        Policy.RouteFor(ConcernKind.FilteringBreach, [A.Learner()], A.School).Lead.Should().Be(LeadRole.Dsl);

    [Fact]
    public void Staff_misconduct_is_led_by_the_headteacher_under_allegations_against_staff_and_child_protection()
    {
        var route = Policy.RouteFor(ConcernKind.StaffMisconduct, [A.AllegedStaff("staff-teacher-5")], A.School);

        route.Lead.Should().Be(LeadRole.Headteacher);
        route.ManagedUnder.Should().Contain([SchoolPolicy.AllegationsAgainstStaff, SchoolPolicy.ChildProtection]);
    }

    [Fact]
    public void Misconduct_alleged_against_the_headteacher_is_led_by_the_chair_of_governors() =>
        Policy.RouteFor(ConcernKind.StaffMisconduct, [A.AllegedStaff(A.HeadteacherRef)], A.School).Lead.Should().Be(LeadRole.ChairOfGovernors);

    [Fact]
    public void Content_conflicting_with_a_staff_role_goes_to_the_leadership_team() =>
        Policy.RouteFor(ConcernKind.ConflictingContent, [new Subject("staff-teacher-5", PersonType.StaffMember, Involvement.Declaring)], A.School).Lead.Should().Be(LeadRole.LeadershipTeam);

    [Theory]
    [InlineData(ConcernKind.YouthProducedSexualImagery, ClosureStep.ReferralDecision)]
    [InlineData(ConcernKind.OnlineSexualHarassment, ClosureStep.ReferralDecision)]
    [InlineData(ConcernKind.OnlineAbuseOrExploitation, ClosureStep.ReferralDecision)]
    [InlineData(ConcernKind.IllegalContent, ClosureStep.ReferralDecision)]
    [InlineData(ConcernKind.StaffMisconduct, ClosureStep.ReferralDecision)]
    [InlineData(ConcernKind.UnderageUse, ClosureStep.ParentsInformedDecision)]
    [InlineData(ConcernKind.Cyberbullying, ClosureStep.ParentsInformedDecision)]
    [InlineData(ConcernKind.PreExistingRelationship, ClosureStep.JointDecisionOfDslAndHeadteacher)]
    public void Some_kinds_need_a_step_on_record_before_they_close(ConcernKind kind, ClosureStep step) =>
        Policy.RuleFor(kind).RequiredBeforeClosure.Should().Contain(step);

    [Fact]
    public void Every_kind_the_policy_names_has_a_route() =>
        Enum.GetValues<ConcernKind>().Should().OnlyContain(k => Policy.RuleFor(k).Kind == k);
}
