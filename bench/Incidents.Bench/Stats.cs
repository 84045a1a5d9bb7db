using System.Globalization;

namespace Incidents.Bench;

/// <summary>Latencies in milliseconds, summarised as the report prints them.</summary>
public sealed class Latencies
{
    private readonly List<double> _samples = [];
    private readonly List<(DateTime Second, double Milliseconds)> _slow = [];
    private readonly Lock _gate = new();

    /// <summary>A request slower than this is listed by the second it ended in, to match with the server's logs.</summary>
    public const double SlowMilliseconds = 250;

    public void Add(double milliseconds)
    {
        lock (_gate)
        {
            _samples.Add(milliseconds);
            if (milliseconds > SlowMilliseconds)
            {
                var now = DateTime.UtcNow;
                _slow.Add((now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)), milliseconds));
            }
        }
    }

    /// <summary>
    /// The seconds (UTC) in which requests over <see cref="SlowMilliseconds"/> ended: how many, and the slowest; the
    /// first <paramref name="most"/> seconds only (overloaded, every second is slow and the list says nothing more).
    /// </summary>
    public string SlowSeconds(int most = 8)
    {
        lock (_gate)
        {
            var seconds = _slow.GroupBy(s => s.Second).ToList();
            var more = seconds.Count > most ? $" and {seconds.Count - most} more seconds" : "";
            return seconds.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                $"; over {SlowMilliseconds:0} ms: {string.Join(", ", seconds.Take(most).Select(g => $"{g.Count()} ending {g.Key:HH:mm:ss} (max {g.Max(s => s.Milliseconds):0} ms)"))}{more}");
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_samples.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _samples.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }
    }

    public double Max
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count == 0 ? double.NaN : _samples.Max();
            }
        }
    }

    public string Summary() => Count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(50):0.0} ms, p95 {Percentile(95):0.0} ms, p99 {Percentile(99):0.0} ms, max {Max:0.0} ms (n={Count})");
}

/// <summary>The one report the run prints (and docs/benchmarks.md records).</summary>
public sealed class Report
{
    private readonly List<(string Section, string Line)> _lines = [];

    public void Add(string section, string line)
    {
        _lines.Add((section, line));
        Console.WriteLine($"[{section}] {line}");
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("==================== Incidents benchmark report ====================");
        foreach (var group in _lines.GroupBy(l => l.Section))
        {
            output.WriteLine($"## {group.Key}");
            foreach (var (_, line) in group)
            {
                output.WriteLine($"  {line}");
            }
        }
    }

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
