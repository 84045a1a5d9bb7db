using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Domain.Concerns.LowLevel;

/// <summary>The case manager records the review of a pattern of low-level concerns about one adult, and its outcome.</summary>
public sealed record ReviewPattern(string Outcome, DateTimeOffset OccurredAt, Actor By);

public static class ReviewPatternDecider
{
    public static Decision Decide(Concern concern, ReviewPattern command, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        return concern.PatternReviewDue
            ? Decision.Accept(new LowLevelPatternReviewed(concern.Id, command.Outcome, command.OccurredAt, command.By.AsPerson()))
            : Rules.NoPatternToReview;
    }
}

/// <summary>A low-level concern turns out to meet the harm threshold: it becomes an allegation, with the reason.</summary>
public sealed record MeetHarmThreshold(string Reason, DateTimeOffset OccurredAt, Actor By, SchoolRoles School);

public static class MeetHarmThresholdDecider
{
    public static Decision Decide(Concern concern, MeetHarmThreshold command, RoutingTable policy, DateTimeOffset now)
    {
        if (CaseGuards.HandlerOnOpenCase(concern, command.By, command.OccurredAt, now) is { } refused)
        {
            return refused;
        }

        if (!concern.Route.IsLowLevel())
        {
            return Rules.NotALowLevelConcern;
        }

        var by = command.By.AsPerson();
        var events = new List<object> { new HarmThresholdMet(concern.Id, command.Reason, command.OccurredAt, by) };

        // An adult who reported themselves is now alleged: shut out of the allegation like anyone alleged.
        var declaring = concern.Subjects.Where(s => s.IsDeclarant).Select(s => s with { Involvement = Involvement.Alleged }).ToList();
        if (declaring.Count > 0)
        {
            events.Add(new SubjectsAdded(concern.Id, declaring, command.OccurredAt, by));
        }

        var subjects = events.Aggregate(concern, Concern.Evolve).Subjects;
        var route = policy.RouteFor(concern.Kind, subjects, command.School, harmThresholdMet: true) with { PolicyVersion = concern.Route.PolicyVersion };
        events.Add(new ConcernRerouted(concern.Id, route, command.OccurredAt, by));
        return new Decision(events, null);
    }
}
