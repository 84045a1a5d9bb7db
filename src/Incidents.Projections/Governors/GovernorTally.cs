using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Incidents.Domain.Concerns;
using Incidents.Projections.Chronology;

namespace Incidents.Projections.Governors;

/// <summary>
/// What concerns add to the governors' report: counts per value of every dimension it shows. One case's tally is
/// worked out from its <see cref="GovernorCaseFacts"/>, and the report over a period is the sum of the tallies of
/// the concerns raised in it, so the sum for a month or a day can be kept ready (<see cref="GovernorRollUp"/>) and a case that
/// changes is subtracted as it was and added as it is. Free text (debrief lessons and changes, the agency asked
/// for advice) is kept redacted of every name and reference on its case.
/// </summary>
public sealed class GovernorTally
{
    public int Raised { get; set; }

    public Dictionary<string, int> Kinds { get; set; } = [];

    public Dictionary<string, int> LedBy { get; set; } = [];

    /// <summary>How concerns are handled: learner safety, online safety, staff, allegations and low-level concerns apart.</summary>
    public Dictionary<string, int> Categories { get; set; } = [];

    /// <summary><c>open</c>, or <c>closed-</c> and the closure outcome (resolved, no-further-action, monitored, withdrawn).</summary>
    public Dictionary<string, int> Outcomes { get; set; } = [];

    /// <summary>The investigation outcome, or <c>no-investigation-completed</c>.</summary>
    public Dictionary<string, int> InvestigationOutcomes { get; set; } = [];

    public Dictionary<string, int> AdviceSoughtFrom { get; set; } = [];

    public Dictionary<string, int> ReferredTo { get; set; } = [];

    /// <summary>
    /// Days from raising to the first triage, to the nearest tenth (the precision the report shows), and how many
    /// concerns took that long: a median needs the distribution, not a sum.
    /// </summary>
    public Dictionary<int, int> TenthsOfDaysToTriage { get; set; } = [];

    public Dictionary<int, int> TenthsOfDaysToClose { get; set; } = [];

    public int DebriefsHeld { get; set; }

    public Dictionary<string, int> LessonsLearnt { get; set; } = [];

    /// <summary>Keyed by <see cref="ChangeKey"/>: kind, change, owner's role, due date, and what was done and when.</summary>
    public Dictionary<string, int> ProposedChanges { get; set; } = [];

    public const string Open = "open";
    public const string NoInvestigationCompleted = "no-investigation-completed";

    /// <summary>The outcome row a case counts in: <c>open</c>, or <c>closed-</c> and how it was closed.</summary>
    public static string OutcomeName(ClosureOutcome? outcome) => outcome is { } closed ? "closed-" + ChronologyEntries.Name(closed) : Open;

    public static GovernorTally Of(GovernorCaseFacts facts)
    {
        if (facts.ChairStandsInForHeadteacher)
        {
            return new GovernorTally(); // never counted: see GovernorCaseFacts.ChairStandsInForHeadteacher
        }

        var tally = new GovernorTally { Raised = 1, DebriefsHeld = facts.DebriefsHeld };
        Bump(tally.Kinds, ChronologyEntries.Name(facts.Kind), 1);
        Bump(tally.LedBy, ChronologyEntries.Name(facts.LedBy), 1);
        Bump(tally.Categories, ChronologyEntries.Name(facts.Category), 1);
        Bump(tally.Outcomes, OutcomeName(facts.ClosureOutcome), 1);
        Bump(tally.InvestigationOutcomes, facts.InvestigationOutcome is { } found ? ChronologyEntries.Name(found) : NoInvestigationCompleted, 1);
        foreach (var agency in facts.AdviceSoughtFrom)
        {
            Bump(tally.AdviceSoughtFrom, Redact(agency, facts.Identifiers), 1);
        }

        foreach (var agency in facts.ReferredTo)
        {
            Bump(tally.ReferredTo, ChronologyEntries.Name(agency), 1);
        }

        if (facts.FirstTriagedAt is { } triaged)
        {
            Bump(tally.TenthsOfDaysToTriage, TenthsOfDays(triaged - facts.RaisedAt), 1);
        }

        // A concern withdrawn as raised in error was not handled: its closing says nothing about response times.
        if (facts.ClosedAt is { } closedAt && facts.ClosureOutcome != ClosureOutcome.Withdrawn)
        {
            Bump(tally.TenthsOfDaysToClose, TenthsOfDays(closedAt - facts.RaisedAt), 1);
        }

        foreach (var lesson in facts.LessonsLearnt)
        {
            Bump(tally.LessonsLearnt, Redact(lesson, facts.Identifiers), 1);
        }

        for (var i = 0; i < facts.ProposedChanges.Count; i++)
        {
            var change = facts.ProposedChanges[i];
            var done = facts.ChangesDone.FirstOrDefault(d => d.Change == i + 1);
            Bump(tally.ProposedChanges, ChangeKey(new ChangeLine(ChronologyEntries.Name(change.Kind), Redact(change.Change, facts.Identifiers),
                Redact(change.Owner, facts.Identifiers), change.DueBy, done is null ? null : Redact(done.WhatWasDone, facts.Identifiers),
                done is null ? null : DateOnly.FromDateTime(done.DoneAt.UtcDateTime))), 1);
        }

        return tally;
    }

    public static GovernorTally Sum(IEnumerable<GovernorTally> tallies)
    {
        var sum = new GovernorTally();
        foreach (var tally in tallies)
        {
            sum.Add(tally);
        }

        return sum;
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or takes away (-1) another tally; a count that reaches zero is dropped.</summary>
    public void Add(GovernorTally other, int sign = 1)
    {
        Raised += sign * other.Raised;
        DebriefsHeld += sign * other.DebriefsHeld;
        Merge(Kinds, other.Kinds, sign);
        Merge(LedBy, other.LedBy, sign);
        Merge(Categories, other.Categories, sign);
        Merge(Outcomes, other.Outcomes, sign);
        Merge(InvestigationOutcomes, other.InvestigationOutcomes, sign);
        AdviceSoughtFrom = MergeIgnoringCase(AdviceSoughtFrom, other.AdviceSoughtFrom, sign);
        Merge(ReferredTo, other.ReferredTo, sign);
        Merge(TenthsOfDaysToTriage, other.TenthsOfDaysToTriage, sign);
        Merge(TenthsOfDaysToClose, other.TenthsOfDaysToClose, sign);
        LessonsLearnt = MergeIgnoringCase(LessonsLearnt, other.LessonsLearnt, sign);
        Merge(ProposedChanges, other.ProposedChanges, sign);
    }

    /// <summary>Nothing counted: a change that moves no sum.</summary>
    [JsonIgnore]
    public bool IsEmpty => Raised == 0 && DebriefsHeld == 0 && Counts().All(c => !c.Counts.Any());

    /// <summary>Every count below zero, as <c>dimension: value = count</c>: a sum can only go below zero if it lost a case it never had.</summary>
    public IReadOnlyList<string> Negatives() =>
    [
        .. new[] { ("raised", Raised), ("debriefsHeld", DebriefsHeld) }.Where(c => c.Item2 < 0).Select(c => $"{c.Item1} = {c.Item2}"),
        .. Counts().SelectMany(d => d.Counts.Where(c => c.Value < 0).Select(c => $"{d.Name}: {c.Key} = {c.Value}")),
    ];

    // Every dimension's counts, the histograms keyed by their tenths as text; read lazily (IsEmpty runs on every page).
    private IEnumerable<(string Name, IEnumerable<KeyValuePair<string, int>> Counts)> Counts() =>
    [
        (nameof(Kinds), Kinds), (nameof(LedBy), LedBy), (nameof(Categories), Categories), (nameof(Outcomes), Outcomes), (nameof(InvestigationOutcomes), InvestigationOutcomes),
        (nameof(AdviceSoughtFrom), AdviceSoughtFrom), (nameof(ReferredTo), ReferredTo), (nameof(LessonsLearnt), LessonsLearnt),
        (nameof(ProposedChanges), ProposedChanges),
        (nameof(TenthsOfDaysToTriage), TenthsOfDaysToTriage.Select(c => KeyValuePair.Create(c.Key.ToString(CultureInfo.InvariantCulture), c.Value))),
        (nameof(TenthsOfDaysToClose), TenthsOfDaysToClose.Select(c => KeyValuePair.Create(c.Key.ToString(CultureInfo.InvariantCulture), c.Value))),
    ];

    /// <summary>
    /// A change as the report lists it: kind, change and the owner's role (redacted), its due date, and what was done and
    /// when once it is done. Keys stored before December 2026 hold the first three only: open, to be assigned.
    /// </summary>
    public sealed record ChangeLine(string Kind, string Change, string Owner, DateOnly? DueBy, string? Done, DateOnly? DoneOn);

    public static string ChangeKey(ChangeLine line) => JsonSerializer.Serialize(new[]
    {
        line.Kind, line.Change, line.Owner, line.DueBy?.ToString("O", CultureInfo.InvariantCulture), line.Done, line.DoneOn?.ToString("O", CultureInfo.InvariantCulture),
    });

    public static ChangeLine ParseChangeKey(string key) => JsonSerializer.Deserialize<string?[]>(key) switch
    {
        [{ } kind, { } change, { } owner] => new ChangeLine(kind, change, owner, null, null, null),
        [{ } kind, { } change, { } owner, var due, var done, var doneOn] => new ChangeLine(kind, change, owner, Date(due), done, Date(doneOn)),
        _ => throw new FormatException($"Not a change key: {key}"),
    };

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.ParseExact(text, "O", CultureInfo.InvariantCulture);

    /// <summary>Removes every name and reference known on the case from text written for governors.</summary>
    public static string Redact(string text, IReadOnlyCollection<string> identifiers)
    {
        // Longest first, so "Anna Smith" goes whole before "Anna" could split it.
        foreach (var identifier in identifiers.Where(i => i.Trim().Length >= 2).OrderByDescending(i => i.Length))
        {
            text = text.Replace(identifier.Trim(), "[redacted]", StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    private static int TenthsOfDays(TimeSpan duration) => (int)Math.Round(Math.Max(0, duration.TotalDays) * 10, MidpointRounding.AwayFromZero);

    private static void Bump<TKey>(Dictionary<TKey, int> counts, TKey key, int by) where TKey : notnull
    {
        var count = counts.GetValueOrDefault(key) + by;
        if (count == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = count;
        }
    }

    private static void Merge<TKey>(Dictionary<TKey, int> into, Dictionary<TKey, int> from, int sign) where TKey : notnull
    {
        foreach (var (key, count) in from)
        {
            Bump(into, key, sign * count);
        }
    }

    // Free text differing only in case counts as one line, as governors would read it; the first spelling stays.
    private static Dictionary<string, int> MergeIgnoringCase(Dictionary<string, int> into, Dictionary<string, int> from, int sign)
    {
        if (!ReferenceEquals(into.Comparer, StringComparer.OrdinalIgnoreCase))
        {
            // Read back from JSON with the default comparer: rebuild it, joining any spellings that differ in case.
            var rebuilt = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            Merge(rebuilt, into, 1);
            into = rebuilt;
        }

        Merge(into, from, sign);
        return into;
    }
}

/// <summary>
/// The sum of the tallies of every concern raised in one month or on one day (school time), kept by the projection:
/// a report adds up its whole months, and the days of any month it covers only in part.
/// </summary>
public sealed class GovernorRollUp
{
    /// <summary><c>yyyy-MM</c> for a month, <c>yyyy-MM-dd</c> for a day.</summary>
    public string Id { get; set; } = "";

    public GovernorTally Tally { get; set; } = new();

    /// <summary>
    /// Moves the sum by one page's change. A sum can only go below zero if it is asked to give up a case it never
    /// had (sums deleted or edited outside this projection): that is refused, so wrong numbers never reach
    /// governors; the fix is a rebuild.
    /// </summary>
    public void Add(GovernorTally change)
    {
        var moved = GovernorTally.Sum([Tally, change]);
        if (moved.Negatives() is [_, ..] negatives)
        {
            throw new GovernorSumRefusedException(
                $"The governors' sum {Id} would go below zero ({string.Join("; ", negatives)}): rebuild the {GovernorReportProjection.Name} projection.");
        }

        Tally = moved;
    }

    public static string MonthId(DateOnly day) => $"{day.Year:D4}-{day.Month:D2}";

    public static string DayId(DateOnly day) => $"{day.Year:D4}-{day.Month:D2}-{day.Day:D2}";
}

/// <summary>
/// A page that would leave a governors' sum below zero. The event store retries it and never skips it (see
/// <c>MartenSetup</c>): skipping would drop cases from the report for good, where retrying keeps the last right numbers.
/// </summary>
public sealed class GovernorSumRefusedException(string message) : InvalidOperationException(message);
