using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>A pattern of low-level concerns about one adult is a clock from when it is found until it is reviewed.</summary>
public sealed class PatternReviewClockSpecs
{
    private static readonly Guid Id = Guid.Parse("0199a000-0000-7000-8000-000000000a01");
    private static readonly PersonRef Dsl = new("staff-dsl-1", "DSL");
    private static readonly DateTimeOffset Raised = new(2027, 1, 11, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Found = Raised.AddHours(2);

    private static readonly Subject Learner = new("L-1", PersonType.Learner, Involvement.Affected);

    private static CaseSummary Summary(params (object Event, DateTimeOffset At)[] events) =>
        events.Aggregate((CaseSummary?)null, (s, e) => CaseSummary.Fold(s, e.Event, e.At))!;

    private static readonly (object, DateTimeOffset) Raise = (new ConcernRaised(Id, ConcernKind.FilteringBreach, "summary", [Learner], Raised, Dsl,
        RoutingTable.SocialMediaPolicy2021.RouteFor(ConcernKind.FilteringBreach, [Learner], new SchoolRoles("staff-head-1", "gov-chair"))), Raised);

    private static readonly (object, DateTimeOffset) PatternFound = (new LowLevelPatternFound(Id, "staff-teacher-9", [Guid.NewGuid()], Found, Dsl), Found);

    [Fact]
    public void A_pattern_found_starts_its_review_clock_and_the_review_stops_it()
    {
        Summary(Raise).ClockStarts().LowLevelPatternReview.Should().BeNull();
        Summary(Raise, PatternFound).ClockStarts().LowLevelPatternReview.Should().Be(Found);
        Summary(Raise, PatternFound, (new LowLevelPatternReviewed(Id, "Spoken to", Found.AddDays(1), Dsl), Found.AddDays(1)))
            .ClockStarts().LowLevelPatternReview.Should().BeNull();
    }
}
