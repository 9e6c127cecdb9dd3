using System.Diagnostics;
using System.Globalization;

namespace SalesCoachBot.Bench;

/// <summary>Latency samples and the figures printed for them.</summary>
internal sealed class Samples(string name)
{
    private readonly List<double> _ms = [];
    private TimeSpan _cpu;

    public int Count => _ms.Count;

    public async Task<T> TimeAsync<T>(Func<Task<T>> work)
    {
        var cpu = Machine.Cpu();
        var start = Stopwatch.GetTimestamp();
        var result = await work();
        _ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        _cpu += Machine.Cpu() - cpu;
        return result;
    }

    public void Add(double milliseconds) => _ms.Add(milliseconds);

    /// <summary>
    /// Process CPU time per timed operation (all threads, so an upper bound): what a request costs when
    /// it does not wait for a core, which on a loaded machine says more than wall-clock percentiles.
    /// </summary>
    public double CpuPerOp => Count == 0 ? 0 : _cpu.TotalMilliseconds / Count;

    public double Percentile(double p)
    {
        var sorted = _ms.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>One line: n, p50, p95, p99, max, and the goal met or missed.</summary>
    public string Report(double? goalP95 = null)
    {
        var p95 = Percentile(95);
        var goal = goalP95 is { } g ? (p95 <= g ? $"  goal p95 <= {g} ms: met" : $"  goal p95 <= {g} ms: MISSED") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-48} n={Count,5}  p50={Percentile(50),7:F2} ms  p95={p95,7:F2} ms  p99={Percentile(99),7:F2} ms  max={_ms.Max(),8:F2} ms{(_cpu > TimeSpan.Zero ? $"  CPU/op={CpuPerOp,6:F2} ms" : "")}{goal}");
    }
}

internal static class Machine
{
    /// <summary>The load average, printed beside every figure: the machine is shared.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? $"load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}, {Environment.ProcessorCount} cores" : $"{Environment.ProcessorCount} cores";

    /// <summary>This process's CPU time: on a shared machine it says more than wall-clock time.</summary>
    public static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    public static string Rate(long rows, TimeSpan took, TimeSpan cpu) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{rows,9:N0} rows in {took.TotalSeconds,7:F2} s = {rows / took.TotalSeconds,10:N0} rows/s  (CPU {cpu.TotalSeconds:F2} s = {rows / Math.Max(cpu.TotalSeconds, 0.001),10:N0} rows/CPU-s)");
}
