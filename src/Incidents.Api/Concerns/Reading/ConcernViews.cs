using System.Text.Json.Serialization;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Route = Incidents.Domain.Policy.Route;

namespace Incidents.Api.Concerns.Reading;

/// <summary>
/// A case as its reader may read it: one of four views, decided by the domain's read level for the caller
/// (<see cref="CaseAccess.ReadLevelFor"/>), which says which in <see cref="View"/> so a client can switch on it. Reading a
/// case, raising one and every command on one answer with it; the OpenAPI document describes it as a discriminated union
/// (<see cref="Infrastructure.OpenApi.ReadLevelViews"/>).
/// </summary>
/// <param name="View">
/// Which view this is: <c>full</c>, <c>child-side</c>, <c>sync</c> or <c>status</c>, the read level's name. Written last, so
/// the answers are as they were with one field more (a client reading <c>id</c> first, as the README does, still can).
/// </param>
public abstract record ConcernReadView([property: JsonPropertyOrder(1)] string View);

/// <summary>The names a <see cref="ConcernReadView"/> gives itself in <c>view</c>: its read level's, in kebab-case.</summary>
public static class ReadViews
{
    public const string Full = "full";
    public const string ChildSide = "child-side";
    public const string Sync = "sync";
    public const string Status = "status";

    /// <summary>Each view by its name, in the order of the read levels (most to least).</summary>
    public static readonly IReadOnlyList<(string View, ReadLevel Level, Type Type)> All =
    [
        (Full, ReadLevel.Full, typeof(ConcernView)),
        (ChildSide, ReadLevel.ChildSide, typeof(ChildSideView)),
        (Sync, ReadLevel.Sync, typeof(ConcernSyncView)),
        (Status, ReadLevel.Status, typeof(ConcernStatusView)),
    ];
}

/// <summary>The whole case, for those who handle it.</summary>
public sealed record ConcernView(
    Guid Id,
    long Version,
    ConcernKind Kind,
    ConcernStatus Status,
    string Summary,
    DateTimeOffset OccurredAt,
    PersonRef RaisedBy,
    Route Route,
    Lead Lead,
    IReadOnlyList<Subject> Subjects,
    Triage? Triage,
    IReadOnlyList<Escalation> Escalations,
    IReadOnlyList<Referral> Referrals,
    ReferralDecision? ReferralDecision,
    IReadOnlyList<ParentsDecision> ParentsDecisions,
    IReadOnlyList<CaseEntry> Entries,
    Investigation? Investigation,
    Debrief? Debrief,
    JointDecision? JointDecision,
    Closure? Closure,
    int TimesReopened,
    LadoConsultation? LadoConsultation,
    ImageryInitialReviewRecorded? ImageryReview,
    IReadOnlyList<Amendment> Amendments,
    bool SharedWithDsl,
    IReadOnlyList<string> OutstandingBeforeClosure) : ConcernReadView(ReadViews.Full)
{
    /// <summary>A low-level concern's pattern: the earlier ones about the same adult, and its review once recorded.</summary>
    public LowLevelPattern? Pattern { get; init; }

    /// <summary>When a low-level concern was found to meet the harm threshold and became an allegation.</summary>
    public DateTimeOffset? HarmThresholdMetAt { get; init; }

    /// <summary>The changes the case's debriefs agreed, each with its owner and due date (or to be assigned), open or done.</summary>
    public IReadOnlyList<DebriefChange> DebriefChanges { get; init; } = [];

    public static ConcernView From(Concern c) => new(
        c.Id, c.Version, c.Kind, c.Status, c.Summary, c.OccurredAt, c.RaisedBy, c.Route, c.Lead, c.Subjects, c.Triage,
        c.Escalations, c.Referrals, c.ReferralDecision, c.ParentsDecisions, c.Entries, c.Investigation, c.Debrief,
        c.JointDecision, c.Closure, c.TimesReopened, c.LadoConsultation, c.ImageryReview, c.Amendments, c.SharedWithDsl,
        ClosureChecklist.Outstanding(c).Select(v => v.Rule).Distinct().ToList())
    {
        Pattern = c.Pattern,
        HarmThresholdMetAt = c.HarmThresholdMetAt,
        DebriefChanges = c.DebriefChanges,
    };
}

/// <summary>
/// The child's side of a case someone else leads (an allegation, a staff case), for the DSL: that the children are on it
/// and who leads it, and what <see cref="ChildSide"/> puts on each child's side (support, parents, the corrections of
/// those). Never the allegation, the adult or the narrative.
/// </summary>
public sealed record ChildSideView(
    Guid Id,
    long Version,
    bool Allegation,
    LeadRole CaseManager,
    bool Closed,
    IReadOnlyList<Subject> Learners,
    IReadOnlyList<ParentsDecision> ParentsDecisions,
    IReadOnlyList<CaseEntry> ChildEntries,
    IReadOnlyList<Amendment> Corrections) : ConcernReadView(ReadViews.ChildSide)
{
    public static ChildSideView From(Concern c) => new(
        c.Id, c.Version, c.Route.IsAllegation, c.Route.Lead, c.IsClosed, c.Learners.ToList(), ChildSide.ParentsDecisions(c),
        ChildSide.Entries(c), ChildSide.Corrections(c));
}

/// <summary>What the member of staff who raised a concern may see: that it is being dealt with, not the narrative.</summary>
public sealed record ConcernStatusView(Guid Id, long Version, ConcernKind Kind, ConcernStatus Status, DateTimeOffset OccurredAt, bool Closed)
    : ConcernReadView(ReadViews.Status)
{
    public static ConcernStatusView From(Concern c) => new(c.Id, c.Version, c.Kind, c.Status, c.OccurredAt, c.IsClosed);
}

/// <summary>What the MIS synchronises: references and state, never narrative, notes, advice or debriefs.</summary>
public sealed record ConcernSyncView(
    Guid Id,
    long Version,
    ConcernKind Kind,
    ConcernStatus Status,
    LeadRole Lead,
    DateTimeOffset OccurredAt,
    IReadOnlyList<Subject> Subjects) : ConcernReadView(ReadViews.Sync)
{
    public static ConcernSyncView From(Concern c) => new(c.Id, c.Version, c.Kind, c.Status, c.Lead.Role, c.OccurredAt, c.Subjects);
}

/// <summary>The view of a case for the level of access the domain gives the actor, if any.</summary>
public static class ConcernReadAccess
{
    public static ConcernReadView? ViewFor(Actor actor, Concern concern) => ViewAt(CaseAccess.ReadLevelFor(actor, concern), concern);

    /// <summary>The case shown at a level decided elsewhere (an answer to a command, a replayed answer).</summary>
    public static ConcernReadView? ViewAt(ReadLevel level, Concern concern) => level switch
    {
        ReadLevel.Full => ConcernView.From(concern),
        ReadLevel.ChildSide => ChildSideView.From(concern),
        ReadLevel.Sync => ConcernSyncView.From(concern),
        ReadLevel.Status => ConcernStatusView.From(concern),
        _ => null,
    };

    /// <summary>
    /// The answer to raising a concern: the new case as the raiser may read it, and at least that it was recorded (the MIS
    /// raising an allegation learns no more).
    /// </summary>
    public static ConcernReadView AnswerToRaise(Actor actor, Concern created)
    {
        var level = CaseAccess.ReadLevelFor(actor, created);
        return ViewAt(level == ReadLevel.None ? ReadLevel.Status : level, created)!;
    }

    /// <summary>
    /// The answer to a command: the case after it, shown no further than the sender could read it before or may
    /// read it now (the DSL recording a child's support on an allegation gets the child's side, not the allegation;
    /// someone the command shut out still learns that it was recorded).
    /// </summary>
    public static ConcernReadView AnswerTo(Actor actor, Concern before, Concern after)
    {
        var level = (ReadLevel)Math.Min((int)CaseAccess.ReadLevelFor(actor, before), (int)CaseAccess.ReadLevelFor(actor, after));
        return ViewAt(level == ReadLevel.None ? ReadLevel.Status : level, after)!;
    }
}
