using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Concerns.Allegations;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Imagery;
using Incidents.Domain.Concerns.JointDecisions;
using Incidents.Domain.Concerns.Leading;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Concerns.Referring;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Concerns.Triaging;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
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

    /// <summary>
    /// A property over every case that can be raised in a small school: each kind, every set of up to three of the
    /// school's people (the headteacher, the chair, the vice-chair, the DSL, a deputy, a member of staff, a parent, a
    /// learner and a governor), each in any involvement, named at raise or added later, with the types the directory
    /// gives them or "as a parent" when the caller knows no better, with and without a vice-chair named. For every case
    /// recorded: somebody may act on it (or, when it went to the LADO directly, the DSL may record the LADO's part, and the
    /// case manager the LADO appoints takes it to closed), and nobody ever alleged on it reads it, even after being taken
    /// off it as named in error. Exhaustive, so it is the same every run.
    /// </summary>
    [Fact]
    public void A_case_that_nobody_may_act_on_is_impossible()
    {
        var people = new (string Ref, PersonType Type, Actor? Actor)[]
        {
            (A.HeadteacherRef, PersonType.StaffMember, A.Headteacher),
            ("gov-chair", PersonType.Governor, A.ChairOfGovernors),
            (A.ViceChairRef, PersonType.Governor, A.ViceChair),
            ("staff-dsl-1", PersonType.StaffMember, A.Dsl),
            ("staff-dsl-2", PersonType.StaffMember, A.DeputyDsl),
            ("staff-teacher-1", PersonType.StaffMember, A.Teacher),
            ("P-1", PersonType.ParentCarer, null),
            ("L-1", PersonType.Learner, null),
            ("gov-2", PersonType.Governor, A.Governor),
        };
        var actors = people.Select(p => p.Actor).OfType<Actor>().Append(A.Leadership).ToList();
        var involvements = new[] { Involvement.Alleged, Involvement.Declaring, Involvement.Affected, Involvement.Witness };
        var allowedRefusals = new[]
        {
            "declarant-must-be-raiser", "declaration-is-for-staff", "alleged-staff-member-required", "type-contradicts-directory",
            "governors-do-not-act", "may-not-raise", "low-level-concern-about-one-adult", // who may raise is not this property's question
        };

        var sets = new List<(string Ref, PersonType Type, Actor? Actor, Involvement Involvement)[]>();
        for (var i = 0; i < people.Length; i++)
        {
            foreach (var a in involvements)
            {
                sets.Add([(people[i].Ref, people[i].Type, people[i].Actor, a)]);
                for (var j = i + 1; j < people.Length; j++)
                {
                    foreach (var b in involvements)
                    {
                        sets.Add([(people[i].Ref, people[i].Type, people[i].Actor, a), (people[j].Ref, people[j].Type, people[j].Actor, b)]);
                        for (var k = j + 1; k < people.Length; k++)
                        {
                            foreach (var c in involvements)
                            {
                                sets.Add([
                                    (people[i].Ref, people[i].Type, people[i].Actor, a), (people[j].Ref, people[j].Type, people[j].Actor, b),
                                    (people[k].Ref, people[k].Type, people[k].Actor, c),
                                ]);
                            }
                        }
                    }
                }
            }
        }

        var listed = A.School.WithListed(people.Select(p => (p.Ref, p.Type))).Listed;
        var checkedCases = 0;
        var ladoDirectClosed = 0;
        foreach (var school in new[] { A.School, A.SchoolWithViceChair })
        {
            foreach (var kind in Enum.GetValues<ConcernKind>())
            {
                foreach (var set in sets)
                {
                    foreach (var (asParents, withDirectory) in new[] { (false, true), (false, false), (true, false) })
                    {
                        var facts = withDirectory ? school with { Listed = listed } : school;
                        var subjects = set.Select(p => new Subject(p.Ref,
                            asParents && p.Type != PersonType.Learner ? PersonType.ParentCarer : p.Type, p.Involvement)).ToList();
                        var declarant = set.FirstOrDefault(p => p.Involvement == Involvement.Declaring);
                        var raiser = declarant.Actor ?? A.Leadership;

                        // Named at raise; and, for each subject not declaring, added later to a case raised with the rest.
                        var ways = new List<(List<Subject> AtRaise, List<Subject> Later)> { (subjects, []) };
                        ways.AddRange(subjects.Where(s => s.Involvement != Involvement.Declaring && subjects.Count > 1)
                            .Select(later => (subjects.Where(s => s != later).ToList(), new List<Subject> { later })));
                        foreach (var (atRaise, later) in ways)
                        {
                            var describe = $"{kind}, {string.Join(", ", atRaise.Select(s => $"{s.MisRef} {s.Type} {s.Involvement}"))}" +
                                           $"{(later.Count > 0 ? $", then {later[0].MisRef} {later[0].Type} {later[0].Involvement}" : "")}" +
                                           $"{(school.ViceChairOfGovernorsMisRef is null ? "" : ", vice-chair named")}{(withDirectory ? ", directory" : "")}";
                            var raised = RaiseConcernDecider.Decide(new RaiseConcern(A.Id, kind, "s", atRaise, Earlier, raiser, facts), RoutingTable.SocialMediaPolicy2021, Now);
                            if (!raised.Accepted)
                            {
                                raised.Violation!.Rule.Should().BeOneOf(allowedRefusals, describe);
                                continue;
                            }

                            var concern = raised.Events.Aggregate((Concern?)null, Concern.Evolve)!;
                            if (later.Count > 0)
                            {
                                var handler = actors.FirstOrDefault(p => CaseAccess.CheckHandler(p, concern) is null);
                                if (handler is null)
                                {
                                    continue; // checked as raised, below, with the same people at raise
                                }

                                var added = AddSubjectsDecider.Decide(concern, new AddSubjects(later, Earlier, handler, facts), RoutingTable.SocialMediaPolicy2021, Now);
                                if (!added.Accepted)
                                {
                                    added.Violation!.Rule.Should().BeOneOf(allowedRefusals.Append("subject-already-recorded"), describe);
                                    continue;
                                }

                                concern = added.Events.Aggregate(concern, Concern.Evolve);
                            }

                            checkedCases++;
                            SomebodyMayAct(concern, actors).Should().BeTrue($"someone must be able to act on {describe}");
                            if (concern.Route.LadoDirect)
                            {
                                var allegedActors = set.Where(p => p.Involvement == Involvement.Alleged && p.Actor is not null).Select(p => p.Actor!).ToList();
                                ReachesClosedThroughAnAppointedCaseManager(concern, actors, allegedActors, describe);
                                ladoDirectClosed++;
                            }

                            foreach (var alleged in set.Where(p => p.Involvement == Involvement.Alleged && p.Actor is not null))
                            {
                                CaseAccess.ReadLevelFor(alleged.Actor!, concern).Should().Be(ReadLevel.None, $"{alleged.Ref} is alleged on {describe}");
                                CaseAccess.CheckHandler(alleged.Actor!, concern).Should().NotBeNull($"{alleged.Ref} is alleged on {describe}");

                                // Taken off as named in error, by whoever may: still shut out.
                                var remover = actors.FirstOrDefault(p => CaseAccess.CheckHandler(p, concern) is null);
                                var subject = concern.Subjects.FirstOrDefault(s => s.Is(alleged.Ref) && s.Involvement == Involvement.Alleged);
                                if (remover is not null && subject is not null
                                    && AddSubjectsDecider.Decide(concern, new RemoveSubject(subject, "in error", Earlier, remover, facts), RoutingTable.SocialMediaPolicy2021, Now)
                                        is { Accepted: true } removed)
                                {
                                    var after = removed.Events.Aggregate(concern, Concern.Evolve);
                                    CaseAccess.ReadLevelFor(alleged.Actor!, after).Should().Be(ReadLevel.None, $"{alleged.Ref} was alleged on {describe}, then removed");
                                    SomebodyMayAct(after, actors).Should().BeTrue($"someone must be able to act on {describe}, {alleged.Ref} removed");
                                }
                            }
                        }
                    }
                }
            }
        }

        checkedCases.Should().BeGreaterThan(100_000, "the property is checked over many cases, not vacuously");
        ladoDirectClosed.Should().BeGreaterThan(100, "cases gone to the LADO directly are among them");
    }

    /// <summary>People the LADO or the governing body might appoint: a governor, a leader, someone from outside the offices.</summary>
    private static readonly (Actor Actor, DirectoryPerson Listed)[] Appointees =
    [
        (A.Governor, new DirectoryPerson { Id = "gov-2", MisRef = "gov-2", Type = PersonType.Governor, GivenName = "G", FamilyName = "Two" }),
        (A.Leadership, new DirectoryPerson { Id = "staff-slt-1", MisRef = "staff-slt-1", Type = PersonType.StaffMember, GivenName = "S", FamilyName = "One" }),
        (new Actor("staff-independent", "Independent", new HashSet<Role> { Role.Staff }),
            new DirectoryPerson { Id = "staff-independent", MisRef = "staff-independent", Type = PersonType.StaffMember, GivenName = "I", FamilyName = "Ndependent" }),
    ];

    /// <summary>
    /// A case gone to the LADO directly: the DSL records the case manager the LADO appointed (someone not on the case),
    /// who then takes it to closed; nobody alleged reads or acts on it at any point.
    /// </summary>
    private static void ReachesClosedThroughAnAppointedCaseManager(Concern concern, IReadOnlyList<Actor> actors, IReadOnlyList<Actor> alleged, string describe)
    {
        var dsl = actors.FirstOrDefault(p => CaseAccess.CheckLadoRecorder(p, concern) is null);
        dsl.Should().NotBeNull($"the DSL records the LADO's part on {describe}");
        var (manager, listed) = Appointees.First(a => !concern.Names(a.Actor.Id) && !concern.Alleges(a.Actor.Id));
        var now = Now;

        concern = Apply(concern, AppointCaseManagerDecider.Decide(concern, new AppointCaseManager(manager.Id, listed, "LADO", "no one in the school may", Earlier, dsl!), now));
        if (concern.Route.RequiredBeforeClosure.Contains(ClosureStep.ImageryInitialReview))
        {
            concern = Apply(concern, RecordInitialReviewDecider.Decide(concern,
                new RecordInitialReview(null, "none seized", "deleted", true, "told", [ImmediateReferralTrigger.AdultInvolved], Earlier, dsl!), now));
        }

        concern = Apply(concern, TriageConcernDecider.Decide(concern, new TriageConcern(RiskLevel.High, TriageDecision.NoFurtherAction, "LADO's advice", Earlier, manager), now));
        concern = Apply(concern, ConsultLadoDecider.Decide(concern, new ConsultLado("LADO", "advice", Earlier, manager), now));
        if (concern.ImmediateReferralRequired)
        {
            concern = Apply(concern, RecordReferralDecisionDecider.Decide(concern, new RecordReferralDecision(ReferralDecisionKind.Refer, "UKCIS", Earlier, manager), now));
            concern = Apply(concern, MakeExternalReferralDecider.Decide(concern, new MakeExternalReferral(Guid.NewGuid(), ReferralAgency.Police, null, "P-1", Earlier, manager), now));
        }
        else
        {
            concern = Apply(concern, RecordReferralDecisionDecider.Decide(concern, new RecordReferralDecision(ReferralDecisionKind.DoNotRefer, "LADO", Earlier, manager), now));
        }

        foreach (var learner in concern.Learners.ToList())
        {
            concern = Apply(concern, RecordActionDecider.Decide(concern, new RecordAction(ActionType.ParentsNotInformed, null, learner.MisRef, "LADO advised", Earlier, manager), now));
        }

        foreach (var person in alleged)
        {
            CaseAccess.ReadLevelFor(person, concern).Should().Be(ReadLevel.None, $"{person.Id} is alleged on {describe}, with a case manager appointed");
            CaseAccess.CheckHandler(person, concern).Should().NotBeNull($"{person.Id} is alleged on {describe}, with a case manager appointed");
        }

        concern = Apply(concern, CloseConcernDecider.Decide(concern, new CloseConcern("closed on the LADO's advice", Earlier, manager), now));
        concern.Status.Should().Be(ConcernStatus.Closed, $"the appointed case manager closes {describe}");

        Concern Apply(Concern state, Decision decision)
        {
            decision.Violation.Should().BeNull($"the appointed case manager of {describe} acts");
            return decision.Events.Aggregate(state, Concern.Evolve);
        }
    }

    private static bool SomebodyMayAct(Concern concern, IEnumerable<Actor> actors) =>
        actors.Any(p => CaseAccess.CheckHandler(p, concern) is null)
        || (concern.Route.LadoDirect && actors.Any(p => CaseAccess.CheckLadoRecorder(p, concern) is null));
}
