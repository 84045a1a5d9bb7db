using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Notifications;
using Incidents.Domain.Policy;
using Incidents.Domain.Tests.Specs;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Notifications;

/// <summary>Who is told of an alert: the case's lead, the DSL's team at immediate risk, never anyone on the case.</summary>
public sealed class AlertRecipientsSpecs
{
    private const string DslRef = "staff-dsl-1";
    private const string DeputyRef = "staff-dsl-2";
    private const string ChairRef = "gov-chair";
    private static readonly SchoolRoles School = A.SchoolWithViceChair;

    private static Concern Raised(ConcernKind kind, SchoolRoles? school = null, params Subject[] subjects)
    {
        Subject[] named = subjects.Length > 0 ? subjects : [A.Learner()];
        return Concern.Evolve(null, new ConcernRaised(A.Id, kind, "summary", named, Earlier, A.Teacher.AsPerson(),
            RoutingTable.SocialMediaPolicy2021.RouteFor(kind, named, school ?? School)));
    }

    private static IReadOnlyList<string> Told(Concern concern, AlertReason reason, AlertPreferences? preferences = null, string? owner = null) =>
        AlertRecipients.For(concern, new CaseAlert(concern.Id, reason, Now, OwnerMisRef: owner), School, preferences ?? AlertPreferences.None);

    [Fact]
    public void A_learners_concern_raised_tells_the_DSL_alone()
    {
        Told(Raised(ConcernKind.Cyberbullying), AlertReason.ConcernRaised).Should().Equal(DslRef);
    }

    [Fact]
    public void An_allegation_raised_tells_only_its_case_manager_the_headteacher()
    {
        var allegation = Raised(ConcernKind.Cyberbullying, null, A.Victim("L-1"), A.AllegedStaff("staff-teacher-9"));

        Told(allegation, AlertReason.ConcernRaised, new AlertPreferences([new AlsoAlert(DeputyRef, [])]))
            .Should().Equal(A.HeadteacherRef);
    }

    [Fact]
    public void An_allegation_about_the_headteacher_tells_the_chair_and_never_the_headteacher()
    {
        var allegation = Raised(ConcernKind.Cyberbullying, null, A.Victim("L-1"), A.AllegedStaff(A.HeadteacherRef));

        Told(allegation, AlertReason.ConcernRaised).Should().Equal(ChairRef);
        Told(allegation, AlertReason.ImmediateRisk).Should().NotContain(A.HeadteacherRef).And.Contain(ChairRef);
        Told(allegation, AlertReason.ClockOverdue).Should().NotContain(A.HeadteacherRef);
    }

    [Fact]
    public void An_allegation_about_the_headteacher_and_the_chair_tells_the_vice_chair_the_route_names()
    {
        var allegation = Raised(ConcernKind.Cyberbullying, null, A.Victim("L-1"), A.AllegedStaff(A.HeadteacherRef),
            new Subject(ChairRef, PersonType.Governor, Involvement.Alleged));

        Told(allegation, AlertReason.ConcernRaised).Should().Equal(A.ViceChairRef);
    }

    [Fact]
    public void Immediate_risk_tells_the_DSL_the_deputies_and_the_headteacher_together()
    {
        Told(Raised(ConcernKind.OnlineAbuseOrExploitation), AlertReason.ImmediateRisk)
            .Should().BeEquivalentTo([DslRef, DeputyRef, A.HeadteacherRef]);
    }

    [Fact]
    public void A_low_level_concern_tells_whoever_the_school_sets_for_them()
    {
        var toHeadteacher = School with { LowLevelConcernsGoTo = LeadRole.Headteacher };
        var lowLevel = Raised(ConcernKind.LowLevelConcern, toHeadteacher, new Subject("staff-teacher-9", PersonType.StaffMember, Involvement.Other));

        AlertRecipients.For(lowLevel, new CaseAlert(lowLevel.Id, AlertReason.ConcernRaised, Now), toHeadteacher,
                new AlertPreferences([new AlsoAlert(DeputyRef, [])]))
            .Should().Equal(A.HeadteacherRef);
        Told(Raised(ConcernKind.LowLevelConcern, School, new Subject("staff-teacher-9", PersonType.StaffMember, Involvement.Other)), AlertReason.ConcernRaised)
            .Should().Equal(DslRef);
    }

    [Fact]
    public void The_DSLs_preferences_add_the_people_they_chose_for_the_kinds_they_chose()
    {
        var preferences = new AlertPreferences([new AlsoAlert("staff-online-safety", [ConcernKind.FilteringBreach]), new AlsoAlert(DeputyRef, [])]);

        Told(Raised(ConcernKind.FilteringBreach), AlertReason.ConcernRaised, preferences).Should().BeEquivalentTo([DslRef, "staff-online-safety", DeputyRef]);
        Told(Raised(ConcernKind.Cyberbullying), AlertReason.ConcernRaised, preferences).Should().BeEquivalentTo([DslRef, DeputyRef]);
    }

    [Fact]
    public void An_overdue_target_escalates_to_the_headteacher_or_to_the_chair_when_the_headteacher_manages_the_case()
    {
        Told(Raised(ConcernKind.Cyberbullying), AlertReason.ClockOverdue).Should().Equal(A.HeadteacherRef);
        Told(Raised(ConcernKind.Cyberbullying, null, A.Victim("L-1"), A.AllegedStaff("staff-teacher-9")), AlertReason.ClockOverdue)
            .Should().Equal(ChairRef);
    }

    [Fact]
    public void A_debrief_change_reminds_its_owner_and_its_overdue_escalation_tells_the_owner_too()
    {
        var concern = Raised(ConcernKind.Cyberbullying);

        Told(concern, AlertReason.ClockReminder, owner: "staff-slt-1").Should().Equal("staff-slt-1");
        Told(concern, AlertReason.ClockOverdue, owner: "staff-slt-1").Should().BeEquivalentTo(["staff-slt-1", A.HeadteacherRef]);
    }

    [Fact]
    public void When_the_DSL_is_on_the_case_the_next_in_line_is_told_instead()
    {
        var aboutDsl = Raised(ConcernKind.Cyberbullying, null, A.Learner(), new Subject(DslRef, PersonType.StaffMember, Involvement.Witness));

        Told(aboutDsl, AlertReason.ConcernRaised).Should().Equal(DeputyRef);
    }

    private static readonly string[] People = [A.HeadteacherRef, ChairRef, A.ViceChairRef, DslRef, DeputyRef, "staff-teacher-9", "staff-online-safety"];

    private static readonly (PersonType Type, Involvement Involvement)[] Ways =
    [
        (PersonType.StaffMember, Involvement.Alleged), (PersonType.StaffMember, Involvement.Declaring), (PersonType.StaffMember, Involvement.Witness),
        (PersonType.Governor, Involvement.Alleged), (PersonType.StaffMember, Involvement.Affected), (PersonType.ParentCarer, Involvement.Alleged),
    ];

    /// <summary>
    /// Every kind, every one or two people of the school named in every way, every reason, the DSL having added everyone
    /// for every kind: nobody on the case is ever told, and someone is always told unless nobody in the school may be.
    /// </summary>
    [Fact]
    public void Nobody_alleged_declaring_or_named_on_a_case_is_ever_told_of_it_whatever_the_route_and_the_alert()
    {
        var everyone = new AlertPreferences([.. People.Select(p => new AlsoAlert(p, []))]);
        var checkedCases = 0;
        var failures = new List<string>();
        foreach (var kind in Enum.GetValues<ConcernKind>())
        {
            foreach (var first in People)
            {
                foreach (var way in Ways)
                {
                    foreach (var (second, secondWay) in People.Where(p => p != first).SelectMany(p => Ways.Select(w => ((string?)p, w))).Prepend((null, way)))
                    {
                        var subjects = new List<Subject> { A.Learner(), new(first, way.Type, way.Involvement) };
                        if (second is not null)
                        {
                            subjects.Add(new Subject(second, secondWay.Type, secondWay.Involvement));
                        }

                        var concern = Raised(kind, School, [.. subjects]);
                        foreach (var reason in Enum.GetValues<AlertReason>())
                        {
                            foreach (var owner in new[] { null, first })
                            {
                                checkedCases++;
                                var told = AlertRecipients.For(concern, new CaseAlert(concern.Id, reason, Now, OwnerMisRef: owner), School, everyone);
                                var what = $"{kind} naming {first} ({way}) and {second} ({secondWay}), {reason}, owner {owner}";
                                if (told.Any(r => subjects.Any(s => s.Is(r))))
                                {
                                    failures.Add($"{what}: told someone on the case ({string.Join(", ", told)})");
                                }

                                if (concern.Route.ChairStandsInForHeadteacher && told.Contains(A.HeadteacherRef))
                                {
                                    failures.Add($"{what}: told the headteacher the chair stands in for");
                                }

                                if (!concern.Route.LadoDirect && reason is AlertReason.ConcernRaised or AlertReason.ImmediateRisk && told.Count == 0)
                                {
                                    failures.Add($"{what}: told nobody");
                                }
                            }
                        }
                    }
                }
            }
        }

        failures.Should().BeEmpty();
        checkedCases.Should().BeGreaterThan(10_000);
    }
}
