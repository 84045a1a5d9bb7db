namespace Incidents.Domain.Reporting;

public enum SuppressionReason
{
    /// <summary>The count itself is small enough to point at a person.</summary>
    SmallCount,
    /// <summary>Hidden so a small count cannot be worked out from the total and the other cells.</summary>
    Complementary,
}

/// <summary>A count as a report shows it: the number, or why it is hidden.</summary>
public sealed record ReportedCount(int? Value, string Display, SuppressionReason? Suppressed)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSuppressed => Suppressed is not null;
}

/// <summary>A labelled row of a report table.</summary>
public sealed record ReportedRow(string Label, ReportedCount Count);

/// <summary>A one-way table (e.g. concerns by kind) whose cells add up to its total.</summary>
public sealed record ReportedTable(IReadOnlyList<ReportedRow> Rows, ReportedCount Total);

/// <summary>
/// Small-count suppression for reports to governors. A count from 1 to threshold-1 is shown as "fewer than
/// {threshold}". Zero is shown: it says nothing about any person. Where a table shows its total and only one
/// cell is hidden, that cell could be worked out by subtraction, so the smallest other non-zero cell is hidden
/// too (complementary suppression). Totals are never hidden to protect a cell, because the same total appears in
/// other tables over the same concerns; a total is hidden only when it is small itself.
/// </summary>
public static class SmallCounts
{
    public static ReportedCount Single(int count, int threshold) =>
        count > 0 && count < threshold
            ? new ReportedCount(null, $"fewer than {threshold}", SuppressionReason.SmallCount)
            : new ReportedCount(count, count.ToString(System.Globalization.CultureInfo.InvariantCulture), null);

    public static ReportedTable Table(IReadOnlyList<(string Label, int Count)> cells, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        var counts = cells.Select(c => Single(c.Count, threshold)).ToArray();
        var total = Single(cells.Sum(c => c.Count), threshold);

        if (!total.IsSuppressed && counts.Count(c => c.IsSuppressed) == 1)
        {
            var partner = Enumerable.Range(0, cells.Count)
                .Where(i => !counts[i].IsSuppressed && cells[i].Count > 0)
                .OrderBy(i => cells[i].Count)
                .ThenBy(i => i)
                .First(); // Exists: a shown total of at least the threshold cannot be made of one small cell and zeros.
            counts[partner] = new ReportedCount(null, "suppressed", SuppressionReason.Complementary);
        }

        return new ReportedTable(cells.Select((c, i) => new ReportedRow(c.Label, counts[i])).ToList(), total);
    }
}
