using Incidents.Domain.Policy;

namespace Incidents.Domain.Tests.Specs;

/// <summary>Routes stored before allegations had a route of their own read as the allegations they were.</summary>
public sealed class StoredRouteSpecs
{
    private static Route Stored(LeadRole lead, ConcernCategory category) =>
        new(lead, [SchoolPolicy.AllegationsAgainstStaff], [ClosureStep.ReferralDecision], category, "st-james-social-media-policy/2021-09", "s.4");

    [Fact]
    public void A_stored_staff_case_led_by_the_headteacher_is_an_allegation()
    {
        var route = Stored(LeadRole.Headteacher, ConcernCategory.Staff);

        route.IsAllegation.Should().BeTrue();
        route.HeadteacherAlleged.Should().BeFalse();
    }

    [Fact]
    public void A_stored_staff_case_led_by_the_chair_is_an_allegation_about_the_headteacher() =>
        Stored(LeadRole.ChairOfGovernors, ConcernCategory.Staff).HeadteacherAlleged.Should().BeTrue();

    [Fact]
    public void Stored_DSL_and_leadership_staff_cases_stay_staff_cases()
    {
        Stored(LeadRole.Dsl, ConcernCategory.Staff).Category.Should().Be(ConcernCategory.Staff);
        Stored(LeadRole.LeadershipTeam, ConcernCategory.Staff).IsAllegation.Should().BeFalse();
    }

    [Fact]
    public void A_stored_route_keeps_its_policy_version_and_steps() =>
        Stored(LeadRole.Headteacher, ConcernCategory.Staff).RequiredBeforeClosure.Should().Equal(ClosureStep.ReferralDecision);
}
