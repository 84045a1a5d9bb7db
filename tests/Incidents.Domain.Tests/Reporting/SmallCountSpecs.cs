using Incidents.Domain.Reporting;

namespace Incidents.Domain.Tests.Reporting;

/// <summary>Governors see trends, never a count small enough to point at a child or a colleague.</summary>
public sealed class SmallCountSpecs
{
    private static ReportedTable Table(params int[] counts) =>
        SmallCounts.Table(counts.Select((c, i) => ($"row-{i}", c)).ToList(), threshold: 5);

    [Fact]
    public void Counts_from_one_to_four_read_fewer_than_five()
    {
        var table = Table(3, 0, 0);
        table.Rows[0].Count.Should().Be(new ReportedCount(null, "fewer than 5", SuppressionReason.SmallCount));
        table.Total.Display.Should().Be("fewer than 5");
    }

    [Fact]
    public void Zero_and_counts_at_the_threshold_are_shown()
    {
        var table = Table(5, 0, 7);
        table.Rows.Select(r => r.Count.Display).Should().Equal("5", "0", "7");
        table.Total.Display.Should().Be("12");
    }

    [Fact]
    public void A_total_that_would_reveal_the_only_hidden_cell_makes_the_next_smallest_cell_hidden_too()
    {
        // 9 - 6 would give away the 3.
        var table = Table(6, 3, 0);
        table.Total.Value.Should().Be(9);
        table.Rows[1].Count.Suppressed.Should().Be(SuppressionReason.SmallCount);
        table.Rows[0].Count.Should().Be(new ReportedCount(null, "suppressed", SuppressionReason.Complementary));
        table.Rows[2].Count.Value.Should().Be(0);
    }

    [Fact]
    public void The_smallest_visible_cell_is_the_one_withheld()
    {
        var table = Table(40, 2, 8, 0, 12);
        table.Rows.Select(r => r.Count.Display).Should().Equal("40", "fewer than 5", "suppressed", "0", "12");
    }

    [Fact]
    public void Two_hidden_cells_already_protect_each_other()
    {
        var table = Table(20, 2, 1);
        table.Rows.Select(r => r.Count.Display).Should().Equal("20", "fewer than 5", "fewer than 5");
    }

    [Fact]
    public void No_hidden_cell_can_be_worked_out_from_the_total_in_any_table()
    {
        var random = new Random(20261124);
        for (var run = 0; run < 2000; run++)
        {
            var counts = Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(0, 3) == 0 ? 0 : random.Next(1, 15)).ToArray();
            var table = Table(counts);
            var hidden = table.Rows.Count(r => r.Count.IsSuppressed);
            if (table.Total.Value is not null)
            {
                hidden.Should().NotBe(1, "a single hidden cell equals the total minus the visible cells ({0})", string.Join(",", counts));
            }

            table.Rows.Select(r => r.Count.Value).OfType<int>().Should().NotContain(v => v > 0 && v < 5);
        }
    }
}
