using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Concerns.Triaging;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;

namespace Incidents.Domain.Tests.Specs;

/// <summary>People not in the directory (a visitor, a child from another school, a parent) named by name, matched later.</summary>
public sealed class UnlistedPeopleSpecs
{
    private const string Kit = "unlisted-4b1d9c2e07aa";

    private static readonly ConcernRaised WithAChildFromAnotherSchool =
        A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), new Subject(Kit, PersonType.Learner, Involvement.Alleged));

    private static Func<Concern, DateTimeOffset, Decision> Identify(string unlisted, string misRef, PersonType type, Actor? by = null) =>
        (c, now) => IdentifySubjectDecider.Decide(c, new IdentifySubject(unlisted, misRef, type, Earlier, by ?? A.Dsl, A.School), RoutingTable.SocialMediaPolicy2021, now);

    [Fact]
    public void A_child_named_by_name_has_the_duties_of_any_child_on_the_case()
    {
        var spec = Given(WithAChildFromAnotherSchool, A.Triaged(TriageDecision.NoFurtherAction), A.ParentsInformed("L-1"));

        ClosureChecklist.Outstanding(spec.State).Should().ContainSingle(v => v.Rule == "parents-informed-decision-required")
            .Which.Detail.Should().Contain(Kit, "their parents are a duty like any child's");
    }

    [Fact]
    public void Identifying_them_moves_their_involvement_and_what_was_recorded_for_them_to_their_MIS_reference()
    {
        var identified = Given(WithAChildFromAnotherSchool, new ParentsInformed(A.Id, Kit, "phoned St Mary's", Earlier, A.Dsl.AsPerson()),
                new SupportOffered(A.Id, Kit, "a mentor", Earlier, A.Dsl.AsPerson()))
            .When(Identify(Kit, "L-77", PersonType.Learner))
            .ThenAccepted(typeof(SubjectIdentified));

        identified.Subjects.Should().Equal(A.Victim("L-1"), A.AllegedLearner("L-77"));
        identified.ParentsDecisionFor("L-77")!.Details.Should().Be("phoned St Mary's");
        identified.Entries.Should().OnlyContain(e => e.SubjectMisRef == "L-77");
        identified.HasSubject(Kit).Should().BeFalse();
        identified.RefsOf("L-77").Should().Equal("L-77", Kit);
        identified.RefsOf("L-1").Should().Equal("L-1");
    }

    [Fact]
    public void Someone_identified_who_is_already_on_the_case_in_the_same_way_is_on_it_once()
    {
        var identified = Given(A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), new Subject(Kit, PersonType.Learner, Involvement.Affected)))
            .When(Identify(Kit, "L-1", PersonType.Learner))
            .ThenAccepted(typeof(SubjectIdentified));

        identified.Subjects.Should().Equal(A.Victim("L-1"));
    }

    [Fact]
    public void An_adult_alleged_by_name_found_to_be_the_headteacher_moves_the_case_to_the_chair()
    {
        var raised = A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), new Subject("unlisted-0000000000ad", PersonType.StaffMember, Involvement.Alleged));
        raised.Route.Lead.Should().Be(LeadRole.Headteacher);

        var after = Given(raised).When(Identify("unlisted-0000000000ad", A.HeadteacherRef, PersonType.StaffMember, A.Headteacher))
            .ThenAccepted(typeof(SubjectIdentified), typeof(ConcernRerouted));

        after.Route.Lead.Should().Be(LeadRole.ChairOfGovernors);
        after.Route.HeadteacherAlleged.Should().BeTrue();
    }

    [Fact]
    public void A_visitor_alleged_by_name_found_to_be_a_member_of_staff_makes_it_an_allegation_for_the_headteacher()
    {
        var raised = A.Raised(ConcernKind.Cyberbullying, A.Victim("L-1"), new Subject("unlisted-0000000000be", PersonType.Other, Involvement.Alleged));
        raised.Route.Lead.Should().Be(LeadRole.Dsl);

        Given(raised).When(Identify("unlisted-0000000000be", "S-12", PersonType.StaffMember))
            .ThenAccepted(typeof(SubjectIdentified), typeof(ConcernRerouted))
            .Route.Lead.Should().Be(LeadRole.Headteacher);
    }

    [Fact]
    public void Someone_is_identified_on_a_closed_case_too_so_a_child_who_joins_later_has_it_in_their_chronology() =>
        Given(WithAChildFromAnotherSchool, new ConcernWithdrawn(A.Id, "raised in error", Earlier, A.Dsl.AsPerson()))
            .When(Identify(Kit, "L-77", PersonType.Learner))
            .ThenAccepted(typeof(SubjectIdentified));

    [Fact]
    public void Only_the_case_handler_identifies_someone() =>
        Given(WithAChildFromAnotherSchool).When(Identify(Kit, "L-77", PersonType.Learner, A.Teacher)).ThenRefused("not-case-handler");

    [Fact]
    public void Only_someone_named_by_name_on_this_case_is_identified_and_as_a_directory_reference()
    {
        Given(WithAChildFromAnotherSchool).When(Identify("L-1", "L-77", PersonType.Learner)).ThenRefused("subject-not-unlisted");
        Given(WithAChildFromAnotherSchool).When(Identify("unlisted-ffffffffffff", "L-77", PersonType.Learner)).ThenRefused("subject-not-on-case");
        Given(WithAChildFromAnotherSchool).When(Identify(Kit, "unlisted-ffffffffffff", PersonType.Learner)).ThenRefused("identified-by-mis-reference");
    }

    [Fact]
    public void Someone_named_by_name_is_removed_like_anyone_added_in_error() =>
        Given(WithAChildFromAnotherSchool).When((c, now) => AddSubjectsDecider.Decide(c,
                new RemoveSubject(new Subject(Kit, PersonType.Learner, Involvement.Alleged), "added in error", Earlier, A.Dsl, A.School),
                RoutingTable.SocialMediaPolicy2021, now))
            .ThenAccepted(typeof(SubjectRemoved)).Subjects.Should().Equal(A.Victim("L-1"));
}
