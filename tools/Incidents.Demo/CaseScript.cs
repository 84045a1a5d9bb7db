using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Concerns.Allegations;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Concerns.Corrections;
using Incidents.Domain.Concerns.Debriefing;
using Incidents.Domain.Concerns.Escalating;
using Incidents.Domain.Concerns.Imagery;
using Incidents.Domain.Concerns.Investigating;
using Incidents.Domain.Concerns.JointDecisions;
using Incidents.Domain.Concerns.Notes;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Concerns.Referring;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Concerns.Triaging;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;

namespace Incidents.Demo;

/// <summary>An event of a demonstration case, with when it was recorded and by whom (the store's metadata).</summary>
public sealed record DemoEvent(object Data, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>
/// One demonstration case: its stream's events in order, the state they fold to, and the names of anyone on it who is
/// not in the directory (kept beside the stream, as the service keeps them).
/// </summary>
public sealed record DemoCase(Guid Id, IReadOnlyList<DemoEvent> Events, Concern State, IReadOnlyList<UnlistedPerson> Unlisted);

/// <summary>
/// The demonstration term's clock: September to December 2026 in the school's time zone. Staff record things on
/// weekdays in working hours; what they record may have happened at any time.
/// </summary>
public sealed class DemoTerm
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Nothing in the demonstration happens or is recorded after the last afternoon of this week of term.</summary>
    public static readonly DateTimeOffset End = Local(new DateTime(2026, 12, 4, 17, 30, 0));

    public static DateTimeOffset Day(int month, int day, int hour = 9, int minute = 0) =>
        Local(new DateTime(2026, month, day, hour, minute, 0));

    public static DateTimeOffset Local(DateTime local) => new(local, London.GetUtcOffset(local));

    /// <summary>The first moment at or after <paramref name="at"/> that a member of staff would be at work to record something.</summary>
    public static DateTimeOffset Working(DateTimeOffset at, Random random)
    {
        var local = TimeZoneInfo.ConvertTime(at, London).DateTime;
        if (local.Hour >= 17)
        {
            local = local.Date.AddDays(1).AddHours(8).AddMinutes(random.Next(10, 50));
        }
        else if (local.Hour < 8)
        {
            local = local.Date.AddHours(8).AddMinutes(random.Next(10, 50));
        }

        while (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            local = local.Date.AddDays(1).AddHours(8).AddMinutes(random.Next(10, 50));
        }

        return Local(local);
    }
}

/// <summary>
/// Writes one case the way the service would: every step is a command decided by the domain's own decider, at a
/// plausible time, by someone the policy lets take it. A step the policy refuses is a mistake in the demonstration,
/// so it stops the seeding (the tests run every case) instead of leaving a case the service could not have written.
/// </summary>
public sealed class CaseScript
{
    private readonly Random _random;
    private readonly DemoActors _actors;
    private readonly SchoolRoles _school;
    private readonly List<DemoEvent> _events = [];
    private DateTimeOffset _clock;
    private Concern? _state;
    private Guid? _pendingEscalation;
    private Guid? _proposal;

    public CaseScript(Guid id, Random random, DemoActors actors, SchoolRoles school)
    {
        Id = id;
        _random = random;
        _actors = actors;
        _school = school;
    }

    public Guid Id { get; }

    public Concern State => _state ?? throw new InvalidOperationException("Raise the case first.");

    /// <summary>Who handles the case: the case manager of an allegation, the leadership team on declared content, otherwise the DSL or the deputy.</summary>
    public Actor Handler { get; private set; } = null!;

    public DemoCase Build() => new(Id, _events, State, _unlisted);

    private readonly List<UnlistedPerson> _unlisted = [];

    /// <summary>Someone not in the directory, named on the raise by name and who they are, under the reference the service would give.</summary>
    public Subject NamedByName(string name, string description, PersonType type, Involvement involvement)
    {
        var reference = UnlistedPerson.RefFor(Id, 0, _unlisted.Count);
        _unlisted.Add(new UnlistedPerson
        {
            Id = DirectoryPerson.KeyFor(reference),
            Ref = reference,
            Name = name,
            Description = description,
            ConcernId = Id,
        });
        return new Subject(reference, type, involvement);
    }

    public static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);

    public static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    public CaseScript Raise(ConcernKind kind, string summary, IReadOnlyList<Subject> subjects, Actor by, DateTimeOffset occurredAt, bool deputyLeads = false)
    {
        var recorded = DemoTerm.Working(occurredAt + TimeSpan.FromMinutes(_random.Next(20, 180)), _random);
        Apply(occurredAt, recorded, RaiseConcernDecider.Decide(new RaiseConcern(Id, kind, summary, subjects, occurredAt, by, _school),
            RoutingTable.SocialMediaPolicy2021, recorded));
        var route = State.Route;
        Handler = route switch
        {
            { IsAllegation: true, HeadteacherAlleged: true } => _actors.ChairOfGovernors,
            { IsAllegation: true } => _actors.Headteacher,
            { Lead: LeadRole.LeadershipTeam } => _actors.AssistantHead,
            _ when deputyLeads => _actors.DeputyDsl,
            _ => _actors.Dsl,
        };
        return this;
    }

    public CaseScript Triage(TimeSpan after, RiskLevel risk, TriageDecision decision, string rationale, int reviewInDays = 0) =>
        Step(after, (at, now) => TriageConcernDecider.Decide(State, new TriageConcern(risk, decision, rationale, at, Handler,
            decision == TriageDecision.Monitor ? DateOnly.FromDateTime(at.Date).AddDays(reviewInDays) : null), now));

    public CaseScript SeekAdvice(TimeSpan after, string question, string? agency = null)
    {
        var id = NewId();
        _pendingEscalation = id;
        return Step(after, (at, now) => SeekAdviceDecider.Decide(State, new SeekAdvice(id, agency, question, at, Handler), now));
    }

    public CaseScript RecordAdvice(TimeSpan after, string adviser, string summary)
    {
        var id = _pendingEscalation ?? throw new InvalidOperationException("No advice was sought.");
        _pendingEscalation = null;
        return Step(after, (at, now) => RecordAdviceDecider.Decide(State, new RecordAdvice(id, adviser, summary, at, Handler), now));
    }

    public CaseScript ConsultLado(TimeSpan after, string advice) =>
        Step(after, (at, now) => ConsultLadoDecider.Decide(State, new ConsultLado("LADO duty officer", advice, at, Handler), now));

    public CaseScript ShareWithDsl(TimeSpan after, string reason) =>
        Step(after, (at, now) => ShareWithDslDecider.Decide(State, new ShareWithDsl(reason, at, Handler), now));

    /// <param name="viewed">The DSL viewed the imagery (unavoidably), with the headteacher present, as the UKCIS advice allows.</param>
    public CaseScript ImageryReview(TimeSpan after, bool viewed, string devices, string deletion, string parents, params ImmediateReferralTrigger[] triggers) =>
        Step(after, (at, now) => RecordInitialReviewDecider.Decide(State, new RecordInitialReview(
            viewed ? new ImageryViewing(Handler.AsPerson(), "A learner's account of the image was unclear; viewed once to decide on a referral", [_actors.Headteacher.AsPerson()]) : null,
            devices, deletion, ReportRemoveOffered: true, parents, triggers, at, Handler), now));

    public CaseScript ReferralDecision(TimeSpan after, ReferralDecisionKind decision, string rationale) =>
        Step(after, (at, now) => RecordReferralDecisionDecider.Decide(State, new RecordReferralDecision(decision, rationale, at, Handler), now));

    public CaseScript Refer(TimeSpan after, ReferralAgency agency, string reference, string? agencyName = null) =>
        Step(after, (at, now) => MakeExternalReferralDecider.Decide(State, new MakeExternalReferral(NewId(), agency, agencyName, reference, at, Handler), now));

    public CaseScript Action(TimeSpan after, ActionType type, string subject, string details, SanctionKind? sanction = null, Actor? by = null) =>
        Step(after, (at, now) => RecordActionDecider.Decide(State, new RecordAction(type, sanction, subject, details, at, by ?? Handler), now));

    /// <summary>Each child's parents informed (or, for one, the reason not), by the DSL on an allegation (the child's side).</summary>
    public CaseScript ParentsForEveryChild(TimeSpan after, string? notInformedFor = null, string notInformedReason = "")
    {
        var by = State.Route.IsAllegation ? _actors.Dsl : Handler;
        foreach (var learner in State.Learners.Where(l => State.ParentsDecisionFor(l.MisRef) is null).ToList())
        {
            var informed = !learner.Is(notInformedFor ?? "");
            Action(after, informed ? ActionType.ParentsInformed : ActionType.ParentsNotInformed, learner.MisRef,
                informed ? ParentsInformedDetails[_random.Next(ParentsInformedDetails.Length)] : notInformedReason, by: by);
            after = TimeSpan.FromMinutes(_random.Next(10, 90));
        }

        return this;
    }

    public CaseScript Note(TimeSpan after, string note, Actor? by = null) =>
        Step(after, (at, now) => AddChronologyNoteDecider.Decide(State, new AddChronologyNote(note, at, by ?? Handler), now));

    public CaseScript AddSubjects(TimeSpan after, params Subject[] subjects) =>
        Step(after, (at, now) => AddSubjectsDecider.Decide(State, new AddSubjects(subjects, at, Handler, _school), RoutingTable.SocialMediaPolicy2021, now));

    /// <summary>The case manager may change once the subjects change (an adult named as alleged makes it an allegation).</summary>
    public CaseScript NowHandledBy(Actor handler)
    {
        Handler = handler;
        return this;
    }

    public CaseScript CompleteInvestigation(TimeSpan after, string findings, InvestigationOutcome outcome) =>
        Step(after, (at, now) => CompleteInvestigationDecider.Decide(State, new CompleteInvestigation(findings, outcome, at, Handler), now));

    /// <summary>
    /// The leadership debrief (s.8): the chair of governors' when the chair stands in for the headteacher; an allegation's
    /// is its case manager's, with the leader they invite.
    /// </summary>
    public CaseScript Debrief(TimeSpan after, string[] lessons, params ProposedChange[] changes)
    {
        var chair = State.Route.ChairStandsInForHeadteacher;
        var by = chair ? _actors.ChairOfGovernors : State.Route.IsAllegation ? _actors.Headteacher : _actors.AssistantHead;
        IReadOnlyList<PersonRef> attendees = chair
            ? [_actors.ChairOfGovernors.AsPerson(), new PersonRef("gov-1", "Jess Austen")]
            : [_actors.AssistantHead.AsPerson(), State.Route.IsAllegation ? _actors.Headteacher.AsPerson() : _actors.Dsl.AsPerson()];
        return Step(after, (at, now) => RecordDebriefDecider.Decide(State, new RecordDebrief(attendees, lessons, changes, at, by), now));
    }

    public CaseScript ProposeJointDecision(TimeSpan after, string decision)
    {
        var id = NewId();
        _proposal = id;
        return Step(after, (at, now) => JointDecisionDecider.Decide(State, new ProposeJointDecision(id, decision, at, _actors.Dsl), now));
    }

    public CaseScript AgreeJointDecision(TimeSpan after)
    {
        var by = State.Route.ChairStandsInForHeadteacher ? _actors.ChairOfGovernors : _actors.Headteacher;
        var id = _proposal ?? throw new InvalidOperationException("Nothing was proposed.");
        return Step(after, (at, now) => JointDecisionDecider.Decide(State, new AgreeJointDecision(id, at, by), now));
    }

    public CaseScript Amend(TimeSpan after, long version, string correction, string reason) =>
        Step(after, (at, now) => AmendEntryDecider.Decide(State, new AmendEntry(version, correction, reason, at, Handler), now));

    public CaseScript Close(TimeSpan after, string? rationale = null) =>
        Step(after, (at, now) => CloseConcernDecider.Decide(State, new CloseConcern(rationale, at, Handler), now));

    public CaseScript Reopen(TimeSpan after, string reason) =>
        Step(after, (at, now) => ReopenConcernDecider.Decide(State, new ReopenConcern(reason, at, Handler), now));

    public CaseScript Withdraw(TimeSpan after, string reason) =>
        Step(after, (at, now) => WithdrawConcernDecider.Decide(State, new WithdrawConcern(reason, at, Handler), now));

    private static readonly string[] ParentsInformedDetails =
    [
        "Phoned mother; she will talk it through at home",
        "Met both parents after school",
        "Phoned father; he thanked the school and will check the child's devices",
        "Spoke with the carer at pick-up and followed up by letter",
        "Phoned mother and agreed a check-in next week",
    ];

    private CaseScript Step(TimeSpan after, Func<DateTimeOffset, DateTimeOffset, Decision> decide)
    {
        // Someone records the step on a working day; it happened shortly before they recorded it.
        var occurred = DemoTerm.Working(_clock + after, _random);
        var recorded = occurred + TimeSpan.FromMinutes(_random.Next(3, 40));
        return Apply(occurred, recorded, decide(occurred, recorded));
    }

    private CaseScript Apply(DateTimeOffset occurred, DateTimeOffset recorded, Decision decision)
    {
        if (recorded > DemoTerm.End)
        {
            throw new InvalidOperationException($"Demonstration case {Id} would record something after the demonstration term ({recorded:O}).");
        }

        if (decision.Violation is { } refused)
        {
            throw new InvalidOperationException($"Demonstration case {Id} ({_state?.Kind}, {_state?.Status}): the policy refused a step at {occurred:O}: {refused.Rule}: {refused.Detail}");
        }

        foreach (var e in decision.Events)
        {
            _state = Concern.Evolve(_state, e);
            _events.Add(new DemoEvent(e, recorded, ((IConcernEvent)e).By.Id));
        }

        _clock = recorded;
        return this;
    }

    private Guid NewId()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return DemoIds.From(bytes);
    }
}

public static class DemoIds
{
    /// <summary>A random (version 4) Guid made from the seeded generator's bytes, so every run gives the same ids.</summary>
    public static Guid From(byte[] bytes)
    {
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
