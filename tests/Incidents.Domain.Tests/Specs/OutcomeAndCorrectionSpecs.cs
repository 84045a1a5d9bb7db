using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Corrections;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Concerns.Triaging;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>Outcomes as they happened, and corrections that keep the history (UK GDPR rectification).</summary>
public sealed class OutcomeAndCorrectionSpecs
{
    private static readonly DateOnly InAFortnight = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(14);

    [Fact]
    public void Monitoring_needs_a_date_by_which_the_case_is_reviewed()
    {
        Given(A.Raised(ConcernKind.FilteringBreach))
            .When((c, now) => TriageConcernDecider.Decide(c, new TriageConcern(RiskLevel.Low, TriageDecision.Monitor, "watch", Earlier, A.Dsl), now))
            .ThenRefused("review-date-required");
        Given(A.Raised(ConcernKind.FilteringBreach))
            .When((c, now) => TriageConcernDecider.Decide(c, new TriageConcern(RiskLevel.Low, TriageDecision.Monitor, "watch", Earlier, A.Dsl, InAFortnight), now))
            .ThenAccepted(typeof(ConcernTriaged)).Triage!.ReviewBy.Should().Be(InAFortnight);
    }

    [Fact]
    public void A_review_date_before_the_triage_is_refused() =>
        Given(A.Raised(ConcernKind.FilteringBreach))
            .When((c, now) => TriageConcernDecider.Decide(c, new TriageConcern(RiskLevel.Low, TriageDecision.Monitor, "watch", Earlier, A.Dsl, new DateOnly(2020, 1, 1)), now))
            .ThenRefused("review-date-in-past");

    [Fact]
    public void A_monitored_case_closes_as_monitored_not_as_no_further_action() =>
        Given(A.Raised(ConcernKind.FilteringBreach), A.Monitored(InAFortnight))
            .When(Close).ThenAccepted(typeof(ConcernClosed)).Closure!.Outcome.Should().Be(ClosureOutcome.Monitored);

    [Fact]
    public void A_monitored_case_can_move_to_investigation() =>
        Given(A.Raised(ConcernKind.FilteringBreach), A.Monitored(InAFortnight))
            .When((c, now) => TriageConcernDecider.Decide(c, new TriageConcern(RiskLevel.High, TriageDecision.Investigate, "it recurred", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(ConcernTriaged)).Status.Should().Be(ConcernStatus.UnderInvestigation);

    [Fact]
    public void An_amendment_corrects_an_entry_and_the_original_stays()
    {
        var spec = Given(A.Raised(ConcernKind.FilteringBreach), new ChronologyNoteAdded(A.Id, "Seen on Tuesday", Earlier, A.Dsl.AsPerson()));
        var state = spec.When((c, now) => AmendEntryDecider.Decide(c, new AmendEntry(2, "Seen on Wednesday", "Date misread", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(EntryAmended));

        state.Entries.Single().Text.Should().Be("Seen on Tuesday");
        state.Amendments.Single().Should().Match<Amendment>(a => a.AmendsVersion == 2 && a.Correction == "Seen on Wednesday" && a.Reason == "Date misread");
        spec.When((c, now) => AmendEntryDecider.Decide(c, new AmendEntry(3, "x", "y", Earlier, A.Dsl), now)).ThenRefused("entry-not-found");
    }

    [Fact]
    public void Only_those_who_handle_the_case_correct_it() =>
        Given(A.Raised(ConcernKind.FilteringBreach))
            .When((c, now) => AmendEntryDecider.Decide(c, new AmendEntry(1, "x", "y", Earlier, A.Teacher), now))
            .ThenRefused("not-case-handler");

    [Fact]
    public void A_subject_added_in_error_is_removed_and_the_case_keeps_the_removal()
    {
        var state = Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), A.Victim("L-2")))
            .When((c, now) => AddSubjectsDecider.Decide(c, new RemoveSubject(A.Victim("L-2"), "Wrong child", Earlier, A.Dsl, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenAccepted(typeof(SubjectRemoved));

        state.Subjects.Should().Equal(A.Victim("L-1"));
        ClosureChecklist.Outstanding(state).Select(v => v.Detail).Should().NotContain(d => d.Contains("L-2"), "their parents no longer need a decision");
    }

    [Fact]
    public void The_last_subject_is_not_removed_the_concern_is_withdrawn_instead()
    {
        Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1")))
            .When((c, now) => AddSubjectsDecider.Decide(c, new RemoveSubject(A.Victim("L-1"), "x", Earlier, A.Dsl, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenRefused("last-subject");
        Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1")))
            .When((c, now) => AddSubjectsDecider.Decide(c, new RemoveSubject(A.Victim("L-9"), "x", Earlier, A.Dsl, A.School), RoutingTable.SocialMediaPolicy2021, now))
            .ThenRefused("subject-not-on-case");
    }

    [Fact]
    public void Removing_an_adult_named_as_alleged_in_error_returns_the_case_to_the_DSL()
    {
        var state = Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), A.AllegedStaff("staff-teacher-9")))
            .When((c, now) => AddSubjectsDecider.Decide(c, new RemoveSubject(A.AllegedStaff("staff-teacher-9"), "Wrong person named", Earlier, A.Headteacher, A.School),
                RoutingTable.SocialMediaPolicy2021, now))
            .ThenAccepted(typeof(SubjectRemoved), typeof(ConcernRerouted));

        state.Route.IsAllegation.Should().BeFalse();
        state.Lead.Role.Should().Be(LeadRole.Dsl);
    }

    [Fact]
    public void A_concern_raised_in_error_is_withdrawn_and_can_be_reopened()
    {
        var withdrawn = Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => WithdrawConcernDecider.Decide(c, new WithdrawConcern("Duplicate of another concern", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(ConcernWithdrawn));

        withdrawn.Status.Should().Be(ConcernStatus.Withdrawn);
        withdrawn.IsClosed.Should().BeTrue();
        withdrawn.Closure!.Outcome.Should().Be(ClosureOutcome.Withdrawn);
        ReopenConcernDecider.Decide(withdrawn, new ReopenConcern("Not a duplicate after all", Earlier, A.Dsl), Now).Accepted.Should().BeTrue();
    }

    [Fact]
    public void The_raiser_cannot_withdraw_a_concern_once_raised() =>
        Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => WithdrawConcernDecider.Decide(c, new WithdrawConcern("changed my mind", Earlier, A.Teacher), now))
            .ThenRefused("not-case-handler");

    private static Decision Close(Concern c, DateTimeOffset now) => CloseConcernDecider.Decide(c, new CloseConcern("rationale", Earlier, A.Dsl), now);
}
