using System.Diagnostics;
using System.Globalization;

namespace Incidents.Bench;

/// <summary>
/// Where the two cores went over one phase, read from /proc: PostgreSQL (the postmaster and all its processes,
/// backends that ended within the phase included), one .NET process (the API, or the HTTP floor's server), and the
/// machine as a whole: per transaction, request or command, and (<see cref="CpuLine"/>) against the command rate.
/// </summary>
public static class CpuMeter
{
    // /proc reports CPU time in USER_HZ, which Linux fixes at 100 for every user-space interface.
    private const double TicksPerSecond = 100;

    public readonly record struct Sample(long At, long MachineBusy, long Postgres, long Process);

    /// <param name="dataDirectory">The cluster's data directory (its postmaster.pid names the postmaster).</param>
    /// <param name="processId">The .NET process to account for apart; 0 for none.</param>
    public static Sample Take(string dataDirectory, int processId)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var postgres = 0L;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            // A backend that ended is counted in the postmaster's children's time once it is reaped. One reaped
            // between the postmaster's line and its own is missed from that sample (a little CPU, either way).
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Read(pid) is { } process &&
                (pid == postmaster || process.ParentId == postmaster))
            {
                postgres += process.Own + process.Children;
            }
        }

        return new Sample(Stopwatch.GetTimestamp(), MachineBusy(), postgres, processId == 0 ? 0 : Read(processId)?.Own ?? 0);
    }

    /// <summary>What each part used from <paramref name="before"/> until now.</summary>
    public static CpuUse Since(Sample before, string dataDirectory, int processId)
    {
        var after = Take(dataDirectory, processId);
        var seconds = Stopwatch.GetElapsedTime(before.At, after.At).TotalSeconds;
        double Cores(long ticks) => ticks / TicksPerSecond / seconds;
        return new CpuUse(seconds, Cores(after.MachineBusy - before.MachineBusy), Cores(after.Postgres - before.Postgres), Cores(after.Process - before.Process));
    }

    /// <summary>The time the machine's CPUs worked for it, summed (the "cpu" line of /proc/stat).</summary>
    private static long MachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal guest guest_nice: not idle, not waiting for the disk, and not
        // steal (the hypervisor serving another guest); guest time is already in user and nice.
        return fields[0] + fields[1] + fields[2] + fields[5] + fields[6];
    }

    private static (int ParentId, long Own, long Children)? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended while the list was read
        }

        // After the command name (in parentheses, which may hold spaces): state, ppid, ... utime (14th field), stime,
        // cutime, cstime.
        var end = stat.LastIndexOf(')');
        var fields = end < 0 || end + 2 > stat.Length ? [] : stat[(end + 2)..].Split(' ');
        if (fields.Length < 15)
        {
            return null; // read as the process went
        }

        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return ((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }
}

/// <summary>Average cores in use over a phase of <see cref="Seconds"/>: the whole machine, PostgreSQL, and the one .NET process measured.</summary>
public sealed record CpuUse(double Seconds, double Machine, double Postgres, double Process)
{
    /// <summary>Everything else: the load generator (or pgbench), the kernel's own work, anything else running.</summary>
    public double Rest => Machine - Postgres - Process;

    /// <summary>CPU milliseconds each part spent per unit of work, for a phase that did <paramref name="rate"/> units a second.</summary>
    public (double Postgres, double Process, double Others) PerUnit(double rate) =>
        (Postgres * 1000 / rate, Process * 1000 / rate, Rest * 1000 / rate);

    public string Describe(string processName, string unit, double rate)
    {
        var (postgres, process, rest) = PerUnit(rate);
        var processPart = processName.Length == 0 ? "" : $", {processName} {Report.F(Process, "0.00")} ({Report.F(process, "0.00")} ms)";
        return $"CPU, cores in use on average (ms per {unit}): machine {Report.F(Machine, "0.00")} of {Environment.ProcessorCount}; " +
               $"PostgreSQL {Report.F(Postgres, "0.00")} ({Report.F(postgres, "0.00")} ms){processPart}, the rest {Report.F(Rest, "0.00")} ({Report.F(rest, "0.00")} ms)";
    }
}

/// <summary>
/// Cores in use as a straight line of the command rate, fitted by least squares over several load phases: a fixed part
/// (polling for new events, heartbeats, anything that runs whatever the load) and a part per command. Read at the
/// cores a machine has, it gives the most commands a second that part of the work leaves room for, without assuming
/// that the fixed part grows with the rate.
/// </summary>
public sealed record CpuLine(double FixedCores, double CoreSecondsPerCommand)
{
    /// <summary>The line through the points, or null without two distinct rates or a cost that grows with them.</summary>
    public static CpuLine? Fit(IReadOnlyList<(double Rate, double Cores)> points)
    {
        if (points.Count < 2)
        {
            return null;
        }

        var meanRate = points.Average(p => p.Rate);
        var meanCores = points.Average(p => p.Cores);
        var spread = points.Sum(p => (p.Rate - meanRate) * (p.Rate - meanRate));
        if (spread <= 0)
        {
            return null;
        }

        var slope = points.Sum(p => (p.Rate - meanRate) * (p.Cores - meanCores)) / spread;
        return slope > 0 ? new CpuLine(meanCores - slope * meanRate, slope) : null;
    }

    /// <summary>The rate at which this part of the work alone would use <paramref name="cores"/> (NaN when its fixed part already does).</summary>
    public double RateAt(double cores) => cores > FixedCores ? (cores - FixedCores) / CoreSecondsPerCommand : double.NaN;

    public override string ToString() =>
        $"{Report.F(FixedCores, "0.00")} cores + {Report.F(CoreSecondsPerCommand * 1000, "0.00")} ms per command";
}
