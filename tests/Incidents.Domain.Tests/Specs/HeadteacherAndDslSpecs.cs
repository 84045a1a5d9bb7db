using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.JointDecisions;
using Incidents.Domain.Concerns.Leading;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Concerns.Triaging;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>The DSL (or deputy) or the headteacher: who stands in for whom (s.4.2, s.8).</summary>
public sealed class HeadteacherAndDslSpecs
{
    [Fact]
    public void The_headteacher_acts_on_a_learners_case_as_the_DSLs_alternate()
    {
        Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => TriageConcernDecider.Decide(c, new TriageConcern(RiskLevel.High, TriageDecision.Investigate, "DSL away", Earlier, A.Headteacher), now))
            .ThenAccepted(typeof(ConcernTriaged));
        Given(A.Raised(ConcernKind.Cyberbullying))
            .When((c, now) => ReassignLeadDecider.Decide(c, new ReassignLead(LeadRole.Headteacher, A.Headteacher.AsPerson(), "DSL on leave", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(LeadReassigned));
    }

    [Fact]
    public void A_deputy_DSL_handles_learner_cases_and_sees_the_DSLs_queue()
    {
        CaseAccess.CheckHandler(A.DeputyDsl, Given(A.Raised(ConcernKind.UnderageUse)).State).Should().BeNull();
        LeadRoles.HeldBy(A.DeputyDsl).Should().Equal(LeadRole.Dsl);
    }

    [Fact]
    public void An_allegation_stays_with_the_case_managers_role_when_the_lead_is_reassigned() =>
        Given(A.Raised(ConcernKind.StaffMisconduct, A.AllegedStaff("staff-teacher-9")))
            .When((c, now) => ReassignLeadDecider.Decide(c, new ReassignLead(LeadRole.Dsl, A.Dsl.AsPerson(), "busy", Earlier, A.Headteacher), now))
            .ThenRefused("lead-not-eligible");

    [Fact]
    public void A_pre_existing_relationship_declared_by_the_headteacher_is_agreed_by_the_DSL_and_the_chair()
    {
        var declared = RaiseConcernDecider.Decide(
            new RaiseConcern(A.Id, ConcernKind.PreExistingRelationship, "My nephew is in Year 4", [A.Declaring(A.HeadteacherRef)], Earlier, A.Headteacher, A.School),
            RoutingTable.SocialMediaPolicy2021, Now).Events.Single();
        var decision = Guid.NewGuid();
        var proposed = Given(declared, A.Monitored(new DateOnly(2026, 6, 1)))
            .When((c, now) => JointDecisionDecider.Decide(c, new ProposeJointDecision(decision, "No contact on social media", Earlier, A.Dsl), now))
            .ThenAccepted(typeof(JointDecisionProposed));

        JointDecisionDecider.Decide(proposed, new AgreeJointDecision(decision, Earlier, A.Headteacher), Now).Violation!.Rule.Should().Be("subject-of-own-case");
        var agreed = JointDecisionDecider.Decide(proposed, new AgreeJointDecision(decision, Earlier, A.ChairOfGovernors), Now);
        agreed.Events.Should().ContainSingle().Which.Should().BeOfType<JointDecisionAgreed>().Which.AgreedAs.Should().Be(Role.ChairOfGovernors);
        CloseConcernDecider.Decide(agreed.Events.Aggregate(proposed, Concern.Evolve), new CloseConcern("agreed", Earlier, A.Dsl), Now)
            .Accepted.Should().BeTrue("the case can close");
        CaseAccess.ReadLevelFor(A.Headteacher, proposed).Should().Be(ReadLevel.Status, "the headteacher follows their own declaration");
    }

    [Fact]
    public void An_allegation_about_both_the_headteacher_and_the_chair_is_refused_with_what_to_do_instead() =>
        RaiseConcernDecider.Decide(new RaiseConcern(A.Id, ConcernKind.StaffMisconduct, "s",
                [A.AllegedStaff(A.HeadteacherRef), A.AllegedStaff(A.ChairOfGovernors.Id)], Earlier, A.Dsl, A.School),
            RoutingTable.SocialMediaPolicy2021, Now).Violation!.Rule.Should().Be("no-case-manager");

    /// <summary>
    /// The school's people, each holding one role, and every way of naming them on a concern: whoever is left out
    /// of a case, somebody must still be able to act on it.
    /// </summary>
    [Fact]
    public void A_case_that_nobody_may_act_on_is_impossible()
    {
        var school = new[] { A.Dsl, A.DeputyDsl, A.Headteacher, A.Leadership, A.ChairOfGovernors };
        var adults = school.Select(p => p.Id).Append("staff-teacher-9").ToList();
        var subjectSets = adults.SelectMany(x => new[]
            {
                new[] { A.Victim("L-1"), A.AllegedStaff(x) },
                new[] { A.Declaring(x) },
            })
            .Concat(adults.SelectMany(x => adults.Where(y => y != x).Select(y => new[] { A.Victim("L-1"), A.AllegedStaff(x), A.AllegedStaff(y) })))
            .Append([A.Victim("L-1")])
            .ToList();

        foreach (var kind in Enum.GetValues<ConcernKind>())
        {
            foreach (var subjects in subjectSets)
            {
                var raiser = subjects.FirstOrDefault(s => s.IsDeclarant) is { } declarant
                    ? school.FirstOrDefault(p => p.Id == declarant.MisRef) ?? A.Teacher with { Id = declarant.MisRef }
                    : A.Teacher;
                var raised = RaiseConcernDecider.Decide(new RaiseConcern(A.Id, kind, "s", subjects, Earlier, raiser, A.School),
                    RoutingTable.SocialMediaPolicy2021, Now);
                if (!raised.Accepted)
                {
                    raised.Violation!.Rule.Should().BeOneOf("declarant-must-be-raiser", "no-case-manager", "alleged-staff-member-required", "low-level-concern-about-one-adult");
                    continue;
                }

                var concern = Concern.Evolve(null, raised.Events.Single());
                school.Should().Contain(p => CaseAccess.CheckHandler(p, concern) == null,
                    $"someone must be able to act on {kind} with {string.Join(", ", subjects.Select(s => $"{s.MisRef} {s.Involvement}"))}");
            }
        }
    }
}
