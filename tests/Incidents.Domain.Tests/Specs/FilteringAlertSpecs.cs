using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Filtering;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>Alerts from the school's filtering and monitoring provider (policy s.3, s.7, s.8), read by the policy.</summary>
public sealed class FilteringAlertSpecs
{
    private static readonly FilteringCategoryTable Table = FilteringCategoryTable.Default;
    private static readonly Actor Provider = FilteringAlerts.ActorFor("smoothwall");

    private static FilteringAlert Alert(string category = "self-harm", string reference = "A-1") =>
        new("smoothwall", reference, category, Earlier, "jsmith", "LAPTOP-22", "L-1", "high", "searched for ways to self-harm");

    private static ConcernRaised RaisedByProvider(ConcernKind kind = ConcernKind.SelfHarm) =>
        A.Raised(kind) with { RaisedBy = Provider.AsPerson() };

    [Theory]
    [InlineData("self-harm", ConcernKind.SelfHarm)]
    [InlineData("suicide", ConcernKind.SelfHarm)]
    [InlineData("child-sexual-abuse", ConcernKind.IllegalContent)]
    [InlineData("terrorism", ConcernKind.IllegalContent)]
    [InlineData("grooming", ConcernKind.OnlineAbuseOrExploitation)]
    [InlineData("extremism", ConcernKind.OnlineAbuseOrExploitation)]
    [InlineData("pornography", ConcernKind.InappropriateUse)]
    [InlineData("filter-bypass", ConcernKind.FilteringBreach)]
    [InlineData("bullying", ConcernKind.Cyberbullying)]
    public void A_providers_category_becomes_the_kind_of_concern_the_table_gives(string category, ConcernKind kind)
    {
        var match = Table.KindFor(category);

        match.Kind.Should().Be(kind);
        match.Mapped.Should().BeTrue();
    }

    [Theory]
    [InlineData("Self Harm")]
    [InlineData("SELF_HARM")]
    [InlineData(" self-harm ")]
    public void Categories_compare_as_lower_case_words_whatever_the_provider_spells_them(string category) =>
        Table.KindFor(category).Kind.Should().Be(ConcernKind.SelfHarm);

    [Fact]
    public void A_category_the_table_does_not_list_becomes_a_filtering_breach_for_the_DSL_rather_than_being_dropped()
    {
        var match = Table.KindFor("cryptomining");

        match.Mapped.Should().BeFalse();
        match.Kind.Should().Be(ConcernKind.FilteringBreach);
        RoutingTable.SocialMediaPolicy2021.RouteFor(match.Kind, [A.Learner()], A.School).Lead.Should().Be(LeadRole.Dsl);
    }

    [Fact]
    public void Every_kind_the_table_gives_is_led_by_the_DSL()
    {
        foreach (var rule in Table.Rules)
        {
            RoutingTable.SocialMediaPolicy2021.RouteFor(rule.Kind, [A.Learner()], A.School).Lead.Should().Be(LeadRole.Dsl, rule.Category);
        }
    }

    [Fact]
    public void Self_harm_is_a_child_protection_concern_for_the_DSL_needing_a_referral_decision_and_the_parents_decision()
    {
        var route = RoutingTable.SocialMediaPolicy2021.RouteFor(ConcernKind.SelfHarm, [A.Learner()], A.School);

        route.Lead.Should().Be(LeadRole.Dsl);
        route.Category.Should().Be(ConcernCategory.LearnerSafety);
        route.ManagedUnder.Should().Contain(SchoolPolicy.ChildProtection);
        route.RequiredBeforeClosure.Should().Contain([ClosureStep.ReferralDecision, ClosureStep.ParentsInformedDecision]);
    }

    [Fact]
    public void The_providers_system_actor_may_raise_a_concern_from_an_alert_and_is_named_after_the_provider()
    {
        var command = new RaiseConcern(A.Id, ConcernKind.SelfHarm, "alert", [A.Learner()], Earlier, Provider, A.School);

        var decision = RaiseConcernDecider.Decide(command, RoutingTable.SocialMediaPolicy2021, Now);

        decision.Violation.Should().BeNull();
        decision.Events.OfType<ConcernRaised>().Single().RaisedBy.Should().Be(new PersonRef("system:filtering:smoothwall", "Filtering provider smoothwall"));
    }

    [Fact]
    public void An_alert_names_a_learner_as_affected_and_never_names_an_adult_as_alleged()
    {
        FilteringAlerts.SubjectFor(PersonType.Learner).Should().Be((PersonType.Learner, Involvement.Affected));
        FilteringAlerts.SubjectFor(PersonType.StaffMember).Should().Be((PersonType.StaffMember, Involvement.Other));
        FilteringAlerts.SubjectFor(null).Should().Be((PersonType.Other, Involvement.Affected));
    }

    [Fact]
    public void A_repeat_within_the_window_joins_and_one_outside_it_does_not()
    {
        FilteringAlerts.Joins(Earlier, Earlier.AddHours(23), TimeSpan.FromHours(24)).Should().BeTrue();
        FilteringAlerts.Joins(Earlier.AddHours(23), Earlier, TimeSpan.FromHours(24)).Should().BeTrue();
        FilteringAlerts.Joins(Earlier, Earlier.AddHours(25), TimeSpan.FromHours(24)).Should().BeFalse();
    }

    [Fact]
    public void A_repeated_alert_is_added_to_the_open_concern_the_provider_raised_as_a_chronology_note_by_the_provider() =>
        Given(RaisedByProvider())
            .When((c, now) => RepeatedAlertDecider.Decide(c, new RecordRepeatedAlert(Alert(reference: "A-2"), Provider), now))
            .ThenAccepted(typeof(ChronologyNoteAdded));

    [Fact]
    public void A_repeated_alert_is_never_added_to_a_concern_someone_else_raised() =>
        Given(A.Raised(ConcernKind.SelfHarm))
            .When((c, now) => RepeatedAlertDecider.Decide(c, new RecordRepeatedAlert(Alert(), Provider), now))
            .ThenRefused("not-the-alerting-provider", ViolationKind.Forbidden);

    [Fact]
    public void Only_the_provider_adds_its_repeats_not_a_person_who_happens_to_share_its_id() =>
        Given(RaisedByProvider())
            .When((c, now) => RepeatedAlertDecider.Decide(c, new RecordRepeatedAlert(Alert(), Provider with { Roles = new HashSet<Role> { Role.Staff } }), now))
            .ThenRefused("not-the-alerting-provider");

    [Fact]
    public void A_repeated_alert_is_never_added_to_a_closed_concern() =>
        Given(RaisedByProvider(ConcernKind.FilteringBreach), A.Triaged(TriageDecision.NoFurtherAction),
                new ConcernClosed(A.Id, ClosureOutcome.NoFurtherAction, "nothing in it", Earlier, A.Dsl.AsPerson()))
            .When((c, now) => RepeatedAlertDecider.Decide(c, new RecordRepeatedAlert(Alert("filter-bypass"), Provider), now))
            .ThenRefused("concern-closed");

    [Fact]
    public void The_summary_says_what_the_provider_reported_and_how_the_table_read_it()
    {
        var summary = FilteringAlerts.Summary(Alert(), Table.KindFor("self-harm"), Table.Version);

        summary.Should().Contain("smoothwall").And.Contain("\"self-harm\"").And.Contain("severity high").And.Contain("A-1")
            .And.Contain("self-harm by filtering-categories/2026-12/r1");
    }
}
