using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>
/// Each change a debrief agreed is a clock of its own until it is done, folded into the case's summary as the projection
/// folds it; the change is the school's, so it keeps running once the case is closed.
/// </summary>
public sealed class DebriefChangeClockSpecs
{
    private static readonly Guid Id = Guid.Parse("0199a000-0000-7000-8000-00000000dc01");
    private static readonly PersonRef Leader = new("staff-slt-1", "Assistant Head");
    private static readonly DateTimeOffset At = new(2026, 3, 9, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Due = new(2026, 4, 30);

    private static readonly Subject Learner = new("L-1", PersonType.Learner, Involvement.Affected);

    private static CaseSummary Summary(params object[] events) =>
        events.Aggregate((CaseSummary?)null, (s, e) => CaseSummary.Fold(s, e, At))!;

    private static readonly object[] Debriefed =
    [
        new ConcernRaised(Id, ConcernKind.FilteringBreach, "summary", [Learner], At, Leader,
            RoutingTable.SocialMediaPolicy2021.RouteFor(ConcernKind.FilteringBreach, [Learner], new SchoolRoles("staff-head-1", "gov-chair"))),
        new DebriefHeld(Id, [Leader], ["lesson"],
        [
            new ProposedChange(ProposedChangeKind.Policy, "Weekly filtering check", "Computing lead", new PersonRef("staff-owner-1", "Sam Owner"), Due),
            new ProposedChange(ProposedChangeKind.Curriculum, "Teach proxy risks", "PSHE lead"),
        ], At, Leader),
    ];

    [Fact]
    public void Each_change_agreed_runs_for_its_owner_until_done_and_one_stored_without_an_owner_waits_to_be_assigned()
    {
        Summary(Debriefed).OpenDebriefChanges.Should().Equal(new OpenDebriefChange(1, "staff-owner-1", Due), new OpenDebriefChange(2, null, null));

        var assigned = Summary([.. Debriefed, new DebriefChangeAssigned(Id, 2, new PersonRef("staff-owner-2", "Kim Owner"), "PSHE lead", Due.AddDays(7), At, Leader)]);
        assigned.OpenDebriefChanges[1].Should().Be(new OpenDebriefChange(2, "staff-owner-2", Due.AddDays(7)));

        Summary([.. Debriefed, new DebriefChangeDone(Id, 1, "done", At, Leader)]).OpenDebriefChanges.Select(c => c.Number).Should().Equal(2);
    }

    [Fact]
    public void A_closed_case_keeps_its_open_changes_and_a_later_debrief_numbers_on_from_the_first()
    {
        var closed = Summary([.. Debriefed, new ConcernClosed(Id, ClosureOutcome.Resolved, "resolved", At, Leader)]);
        closed.Open.Should().BeFalse();
        closed.OpenDebriefChanges.Should().HaveCount(2, "the changes are the school's, not the case's");

        var again = Summary([.. Debriefed, new DebriefChangeDone(Id, 1, "done", At, Leader), new ConcernReopened(Id, "new information", At, Leader),
            new DebriefHeld(Id, [Leader], ["lesson"], [new ProposedChange(ProposedChangeKind.Policy, "Another", "DSL", new PersonRef("staff-owner-1", "Sam Owner"), Due)], At, Leader)]);
        again.OpenDebriefChanges.Select(c => c.Number).Should().Equal(2, 3);
    }

    [Fact]
    public void An_open_change_with_an_owner_and_a_date_is_its_owners_clock_even_on_a_closed_case_and_stops_when_done()
    {
        var calendar = new Incidents.Domain.Calendar.SchoolCalendar(TimeZoneInfo.Utc, []);
        var targets = new Incidents.Domain.Calendar.ResponseTargets();
        var closed = Summary([.. Debriefed, new ConcernClosed(Id, ClosureOutcome.Resolved, "resolved", At, Leader)]);

        var running = Incidents.Domain.Clocks.RunningClocks.Of(closed.ClockStarts(), calendar, targets);
        running.Should().ContainSingle("the change still to be assigned has no date to run to").Which
            .Should().Be(new Incidents.Domain.Clocks.RunningClock(Incidents.Domain.Notifications.CaseClock.DebriefChange, calendar.StartOf(Due.AddDays(1)), "1", "staff-owner-1"));

        var done = Summary([.. Debriefed, new ConcernClosed(Id, ClosureOutcome.Resolved, "resolved", At, Leader), new DebriefChangeDone(Id, 1, "done", At, Leader)]);
        Incidents.Domain.Clocks.RunningClocks.Of(done.ClockStarts(), calendar, targets).Should().BeEmpty();
    }
}
