using Incidents.Domain.Calendar;
using Incidents.Domain.Clocks;
using Incidents.Domain.Notifications;

namespace Incidents.Domain.Tests.Clocks;

/// <summary>Which clocks run on a case, when each falls due on the calendar as it is now, and what a scheduled check does.</summary>
public sealed class RunningClocksSpecs
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly ResponseTargets Targets = new();
    private static readonly TimeSpan RemindBefore = TimeSpan.FromHours(3);

    // Tuesday 12 January 2027, 10:00 GMT.
    private static readonly DateTimeOffset Tuesday = new(2027, 1, 12, 10, 0, 0, TimeSpan.Zero);

    private static SchoolCalendar Calendar(params SchoolClosure[] closures) => new CalendarEntries(closures, EnglandAndWalesBankHolidays.All).ToCalendar(London);

    [Fact]
    public void A_concern_awaiting_triage_is_due_one_school_day_after_it_was_recorded() =>
        RunningClocks.Of(new ClockStarts { Triage = Tuesday }, Calendar(), Targets)
            .Should().Equal(new RunningClock(CaseClock.Triage, Tuesday.AddDays(1)));

    [Fact]
    public void A_pattern_of_low_level_concerns_is_reviewed_within_five_school_days_of_being_found_weekends_apart() =>
        RunningClocks.Of(new ClockStarts { LowLevelPatternReview = Tuesday }, Calendar(), Targets)
            .Should().Equal(new RunningClock(CaseClock.LowLevelPatternReview, Tuesday.AddDays(7)));

    [Fact]
    public void An_inset_day_added_to_the_calendar_moves_a_running_due_date()
    {
        var wednesday = new DateOnly(2027, 1, 13);
        var starts = new ClockStarts { Triage = Tuesday };

        var before = RunningClocks.Of(starts, Calendar(), Targets).Single().DueAt;
        var after = RunningClocks.Of(starts, Calendar(new SchoolClosure(wednesday, wednesday, "Training", ClosureKind.Inset)), Targets).Single().DueAt;

        before.Should().Be(Tuesday.AddDays(1));
        after.Should().Be(Tuesday.AddDays(2), "the INSET day is not a school day");
    }

    [Fact]
    public void The_LADO_clock_counts_working_days_through_the_school_holidays()
    {
        var halfTerm = new SchoolClosure(new DateOnly(2027, 2, 15), new DateOnly(2027, 2, 19), "Half term");
        var mondayOfHalfTerm = new DateTimeOffset(2027, 2, 15, 9, 0, 0, TimeSpan.Zero);

        var clocks = RunningClocks.Of(new ClockStarts { LadoConsultation = mondayOfHalfTerm, ReferralDecision = mondayOfHalfTerm }, Calendar(halfTerm), Targets);

        clocks.Should().ContainSingle(c => c.Clock == CaseClock.LadoConsultation).Which.DueAt.Should().Be(mondayOfHalfTerm.AddDays(1));
        clocks.Should().ContainSingle(c => c.Clock == CaseClock.ReferralDecision).Which.DueAt.Should().Be(new DateTimeOffset(2027, 2, 23, 0, 0, 0, TimeSpan.Zero),
            "school days wait for term");
    }

    [Fact]
    public void Every_target_the_case_waits_for_runs_and_a_closed_case_runs_only_its_debrief_changes()
    {
        var starts = new ClockStarts
        {
            Triage = Tuesday,
            AdviceSought = Tuesday,
            Debrief = Tuesday,
            ReferralDecision = Tuesday,
            Referral = Tuesday,
            LadoConsultation = Tuesday,
            MonitoringReviewBy = new DateOnly(2027, 2, 1),
            Dated = [new DatedClock(CaseClock.DebriefChange, "change-1", new DateOnly(2027, 3, 1), "staff-7")],
        };

        RunningClocks.Of(starts, Calendar(), Targets).Select(c => c.Clock).Should().BeEquivalentTo([
            CaseClock.Triage, CaseClock.AdviceChase, CaseClock.Debrief, CaseClock.ReferralDecision, CaseClock.Referral, CaseClock.LadoConsultation,
            CaseClock.MonitoringReview, CaseClock.DebriefChange,
        ]);
        RunningClocks.Of(starts with { Open = false }, Calendar(), Targets).Select(c => c.Clock).Should().Equal(CaseClock.DebriefChange);
    }

    [Fact]
    public void A_reminder_is_sent_in_the_hours_before_the_due_time_and_not_before()
    {
        var running = RunningClocks.Of(new ClockStarts { Triage = Tuesday }, Calendar(), Targets);
        var due = Tuesday.AddDays(1);

        RunningClocks.Check(running, CaseClock.Triage, "", ClockAlertKind.Reminder, due, Tuesday.AddHours(1), RemindBefore)
            .Should().Be(new ClockCheckOutcome.WaitUntil(due - RemindBefore));
        RunningClocks.Check(running, CaseClock.Triage, "", ClockAlertKind.Reminder, due, due.AddHours(-1), RemindBefore)
            .Should().Be(new ClockCheckOutcome.Send());
    }

    [Fact]
    public void Once_the_due_time_has_passed_the_escalation_is_sent_and_the_reminder_no_longer()
    {
        var running = RunningClocks.Of(new ClockStarts { Triage = Tuesday }, Calendar(), Targets);
        var due = Tuesday.AddDays(1);

        RunningClocks.Check(running, CaseClock.Triage, "", ClockAlertKind.Overdue, due, due.AddHours(-1), RemindBefore)
            .Should().Be(new ClockCheckOutcome.WaitUntil(due));
        RunningClocks.Check(running, CaseClock.Triage, "", ClockAlertKind.Overdue, due, due.AddMinutes(1), RemindBefore)
            .Should().Be(new ClockCheckOutcome.Send());
        RunningClocks.Check(running, CaseClock.Triage, "", ClockAlertKind.Reminder, due, due.AddMinutes(1), RemindBefore)
            .Should().Be(new ClockCheckOutcome.Stale());
    }

    [Fact]
    public void A_check_for_a_clock_that_stopped_or_whose_due_time_moved_does_nothing()
    {
        var due = Tuesday.AddDays(1);
        var triaged = RunningClocks.Of(new ClockStarts(), Calendar(), Targets);
        var moved = RunningClocks.Of(new ClockStarts { Triage = Tuesday }, Calendar(new SchoolClosure(new DateOnly(2027, 1, 13), new DateOnly(2027, 1, 13))), Targets);

        RunningClocks.Check(triaged, CaseClock.Triage, "", ClockAlertKind.Overdue, due, due.AddDays(1), RemindBefore).Should().Be(new ClockCheckOutcome.Stale());
        RunningClocks.Check(moved, CaseClock.Triage, "", ClockAlertKind.Overdue, due, due.AddDays(1), RemindBefore).Should().Be(new ClockCheckOutcome.Stale());
    }

    [Fact]
    public void Each_alert_has_one_identity_per_case_clock_due_time_and_kind()
    {
        var id = Guid.NewGuid();
        var due = Tuesday.AddDays(1);

        RunningClocks.AlertId(id, CaseClock.Triage, "", ClockAlertKind.Reminder, due).Should().Be(RunningClocks.AlertId(id, CaseClock.Triage, "", ClockAlertKind.Reminder, due));
        new[]
        {
            RunningClocks.AlertId(id, CaseClock.Triage, "", ClockAlertKind.Reminder, due),
            RunningClocks.AlertId(id, CaseClock.Triage, "", ClockAlertKind.Overdue, due),
            RunningClocks.AlertId(id, CaseClock.Triage, "", ClockAlertKind.Reminder, due.AddDays(1)),
            RunningClocks.AlertId(id, CaseClock.AdviceChase, "", ClockAlertKind.Reminder, due),
            RunningClocks.AlertId(Guid.NewGuid(), CaseClock.Triage, "", ClockAlertKind.Reminder, due),
        }.Should().OnlyHaveUniqueItems();
    }
}
