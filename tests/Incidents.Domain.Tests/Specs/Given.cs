using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Domain.Tests.Specs.CaseSpec;


namespace Incidents.Domain.Tests.Specs;

/// <summary>Given these events happened to a case, when someone decides, then these events (or this refusal).</summary>
public sealed class CaseSpec
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Earlier = Now.AddHours(-1);

    private Concern? _state;
    private Decision? _decision;

    public static CaseSpec Given(params object[] events)
    {
        var spec = new CaseSpec();
        spec._state = events.Aggregate((Concern?)null, (s, e) => Concern.Evolve(s, e));
        return spec;
    }

    public Concern State => _state ?? throw new InvalidOperationException("No events given.");

    public CaseSpec When(Func<Concern, DateTimeOffset, Decision> decide)
    {
        _decision = decide(State, Now);
        return this;
    }

    public Concern ThenAccepted(params Type[] eventTypes)
    {
        _decision!.Violation.Should().BeNull();
        _decision.Events.Select(e => e.GetType()).Should().Equal(eventTypes);
        return _decision.Events.Aggregate(State, Concern.Evolve);
    }

    public void ThenRefused(string rule, ViolationKind? kind = null)
    {
        _decision!.Violation.Should().NotBeNull("the policy should refuse this");
        _decision.Violation!.Rule.Should().Be(rule);
        if (kind is not null)
        {
            _decision.Violation.Kind.Should().Be(kind);
        }

        _decision.Events.Should().BeEmpty();
    }
}

/// <summary>The people and events of the tests, in the policy's words.</summary>
public static class A
{
    public const string HeadteacherRef = "staff-head-1";

    public const string ViceChairRef = "gov-vice";

    /// <summary>The school's offices: the headteacher, the chair, the DSL and the deputy (no vice-chair named).</summary>
    public static readonly SchoolRoles School = new(HeadteacherRef, "gov-chair", DslMisRefs: ["staff-dsl-1", "staff-dsl-2"]);

    /// <summary>The same school with a vice-chair of governors named.</summary>
    public static readonly SchoolRoles SchoolWithViceChair = School with { ViceChairOfGovernorsMisRef = ViceChairRef };

    /// <summary>The vice-chair of governors: their token carries only the governor role.</summary>
    public static readonly Actor ViceChair = new(ViceChairRef, "Vice-chair", new HashSet<Role> { Role.Governor });

    public static readonly Actor Dsl = new("staff-dsl-1", "Lucy Hayward", new HashSet<Role> { Role.Dsl, Role.Staff });
    public static readonly Actor DeputyDsl = new("staff-dsl-2", "Deputy DSL", new HashSet<Role> { Role.DeputyDsl, Role.Staff });
    public static readonly Actor Headteacher = new(HeadteacherRef, "Headteacher", new HashSet<Role> { Role.Headteacher, Role.Staff });
    public static readonly Actor Leadership = new("staff-slt-1", "Assistant Head", new HashSet<Role> { Role.Leadership });
    public static readonly Actor ChairOfGovernors = new("gov-chair", "Chair", new HashSet<Role> { Role.ChairOfGovernors });
    public static readonly Actor Governor = new("gov-2", "Governor", new HashSet<Role> { Role.Governor });
    public static readonly Actor Teacher = new("staff-teacher-1", "Teacher", new HashSet<Role> { Role.Staff });
    public static readonly Actor AccusedTeacher = new("staff-teacher-9", "Accused", new HashSet<Role> { Role.Staff, Role.Leadership, Role.Dsl });
    public static readonly Actor Mis = new("mis", "MIS", new HashSet<Role> { Role.Mis });

    public static readonly Guid Id = Guid.Parse("0199a000-0000-7000-8000-000000000001");

    public static Subject Learner(string misRef = "L-1") => new(misRef, PersonType.Learner, Involvement.Affected);

    public static Subject AllegedStaff(string misRef) => new(misRef, PersonType.StaffMember, Involvement.Alleged);

    public static Subject Declaring(string misRef) => new(misRef, PersonType.StaffMember, Involvement.Declaring);

    public static Subject Victim(string misRef) => new(misRef, PersonType.Learner, Involvement.Affected);

    public static Subject AllegedLearner(string misRef) => new(misRef, PersonType.Learner, Involvement.Alleged);

    public static ParentsInformed ParentsInformed(string learner) => new(Id, learner, "phoned", Earlier, Dsl.AsPerson());

    public static ConcernTriaged Monitored(DateOnly reviewBy) =>
        new(Id, RiskLevel.Low, TriageDecision.Monitor, "watch and review", Earlier, Dsl.AsPerson(), reviewBy);

    public static LadoConsulted LadoConsulted(Actor by) => new(Id, "LADO duty officer", "Manage in school; no police", Earlier, by.AsPerson());

    public static ReferralDecisionRecorded DoNotRefer(Actor by) => new(Id, ReferralDecisionKind.DoNotRefer, "below threshold", Earlier, by.AsPerson());

    public static ConcernRaised Raised(ConcernKind kind, params Subject[] subjects)
    {
        Subject[] named = subjects.Length > 0 ? subjects : [Learner()];
        return new ConcernRaised(Id, kind, "summary", named, Earlier, Teacher.AsPerson(),
            RoutingTable.SocialMediaPolicy2021.RouteFor(kind, named, School));
    }

    public static ConcernTriaged Triaged(TriageDecision decision, Actor? by = null) =>
        new(Id, RiskLevel.Medium, decision, "rationale", Earlier, (by ?? Dsl).AsPerson());

    public static InvestigationCompleted Investigated() => new(Id, "findings", InvestigationOutcome.Substantiated, Earlier, Dsl.AsPerson());

    public static DebriefHeld Debriefed() => new(Id, [Leadership.AsPerson()], ["lesson"], [], Earlier, Leadership.AsPerson());

    public static ParentsInformed ParentsInformed() => new(Id, "L-1", "phoned", Earlier, Dsl.AsPerson());
}
