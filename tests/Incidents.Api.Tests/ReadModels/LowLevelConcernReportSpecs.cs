using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Incidents.Projections.Governors;
using JasperFx.Events;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>The governors' report counts low-level concerns about adults apart from allegations, with small counts suppressed.</summary>
public sealed class LowLevelConcernReportSpecs
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly SchoolRoles School = new("staff-head-1", "gov-chair-1");
    private static readonly PersonRef Teacher = new("staff-teacher-1", "Teacher");

    private static GovernorCaseFacts Facts(ConcernKind kind, Subject adult, bool thresholdMet = false)
    {
        var id = Guid.NewGuid();
        var raised = new ConcernRaised(id, kind, "summary", [adult], At, Teacher, RoutingTable.SocialMediaPolicy2021.RouteFor(kind, [adult], School));
        var facts = GovernorCaseFacts.Fold(null, Wrapped(raised))!;
        return thresholdMet
            ? GovernorCaseFacts.Fold(facts, Wrapped(new ConcernRerouted(id, RoutingTable.SocialMediaPolicy2021.RouteFor(kind, [adult], School, harmThresholdMet: true), At, Teacher)))!
            : facts;
    }

    private static IEvent Wrapped(object data)
    {
        var wrapped = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        wrapped.Timestamp = At;
        return wrapped;
    }

    private static GovernorReport Report(int threshold, params GovernorCaseFacts[] facts) => GovernorReports.Build(
        new GovernorReportRequest("School", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), At, threshold, "DSL", "Governor", new DateOnly(2027, 1, 1),
            new SchoolCalendar(TimeZoneInfo.Utc, [])),
        new Dictionary<DateOnly, GovernorTally> { [new DateOnly(2026, 3, 1)] = GovernorTally.Sum(facts.Select(GovernorTally.Of)) });

    private static Dictionary<string, string> Rows(Incidents.Domain.Reporting.ReportedTable table) => table.Rows.ToDictionary(r => r.Label, r => r.Count.Display);

    private static readonly Subject Adult = new("staff-9", PersonType.StaffMember, Involvement.Alleged);

    [Fact]
    public void Low_level_concerns_are_counted_apart_from_allegations_and_one_that_met_the_threshold_counts_as_an_allegation()
    {
        var report = Report(1,
            Facts(ConcernKind.LowLevelConcern, Adult),
            Facts(ConcernKind.LowLevelConcern, Adult with { MisRef = "staff-8" }),
            Facts(ConcernKind.LowLevelConcern, Adult with { MisRef = "staff-7" }, thresholdMet: true),
            Facts(ConcernKind.StaffMisconduct, Adult));

        var byCategory = Rows(report.ConcernsByCategory);
        byCategory["low-level-concern"].Should().Be("2");
        byCategory["allegation"].Should().Be("2");
        report.ConcernsByCategory.Total.Value.Should().Be(4);
    }

    [Fact]
    public void Small_counts_of_low_level_concerns_are_suppressed_like_every_other()
    {
        var report = Report(5, Facts(ConcernKind.LowLevelConcern, Adult), Facts(ConcernKind.Cyberbullying, new Subject("L-1", PersonType.Learner, Involvement.Affected)));

        Rows(report.ConcernsByCategory)["low-level-concern"].Should().Be("fewer than 5");
    }

    [Fact]
    public void A_low_level_concern_about_the_headteacher_is_never_counted()
    {
        var report = Report(1, Facts(ConcernKind.LowLevelConcern, Adult with { MisRef = "staff-head-1" }));

        report.ConcernsByCategory.Total.Value.Should().Be(0);
    }
}
