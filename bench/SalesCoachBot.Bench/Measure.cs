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

    /// <summary>
    /// Waits until the runtime has stopped compiling (less than 5 ms of compiling in half a second), at most
    /// <paramref name="limit"/>, and returns how long that took. A host just started still promotes its start-up code to
    /// optimised code in the background for a few seconds; a pass measured before that ends carries it.
    /// </summary>
    public static async Task<TimeSpan> CompilingSettledAsync(TimeSpan limit)
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < limit)
        {
            var compiled = System.Runtime.JitInfo.GetCompilationTime();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            if (System.Runtime.JitInfo.GetCompilationTime() - compiled < TimeSpan.FromMilliseconds(5))
            {
                break;
            }
        }

        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>
    /// What the runtime did during a pass besides our code: CPU of the threads it names (the tiering compiler's background
    /// thread, the garbage collector's own threads; read from /proc once a second, because the tiering thread ends after a few
    /// idle seconds and a new one starts later; reading costs well under 1 µs a deal), the time spent compiling on every thread, and the collections with their pauses.
    /// </summary>
    public sealed class RuntimeShare : IDisposable
    {
        private readonly Dictionary<int, (string Comm, TimeSpan First, TimeSpan Last)> _threads = [];
        private readonly Timer _timer;
        private readonly TimeSpan _jit = System.Runtime.JitInfo.GetCompilationTime();
        private readonly TimeSpan _pauses = GC.GetTotalPauseDuration();
        private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

        private RuntimeShare()
        {
            Sample(first: true);
            _timer = new Timer(_ => Sample(first: false), null, 1000, 1000);
        }

        public static RuntimeShare Start() => new();

        /// <summary>Time spent compiling on every thread since the pass began.</summary>
        public TimeSpan Compiling => System.Runtime.JitInfo.GetCompilationTime() - _jit;

        /// <summary>One line for the pass, which ends here: the named threads' CPU per deal, compiling, collections.</summary>
        public string Report(int deals)
        {
            _timer.Dispose();
            Sample(first: false);
            var tiering = TimeSpan.Zero;
            var gc = TimeSpan.Zero;
            lock (_threads)
            {
                foreach (var (comm, first, last) in _threads.Values)
                {
                    if (comm.StartsWith(".NET Tiered", StringComparison.Ordinal))
                    {
                        tiering += last - first;
                    }
                    else if (comm.EndsWith("GC", StringComparison.Ordinal))
                    {
                        gc += last - first;   // ".NET BGC" (background collections), ".NET Server GC"
                    }
                }
            }

            return string.Create(CultureInfo.InvariantCulture,
                $"  runtime: tiering thread {PerDeal(tiering, deals)}, GC threads {PerDeal(gc, deals)}, compiling on all threads {(System.Runtime.JitInfo.GetCompilationTime() - _jit).TotalSeconds:0.0} s, GC pauses {(GC.GetTotalPauseDuration() - _pauses).TotalSeconds:0.0} s ({GC.CollectionCount(0) - _collections[0]} gen0 / {GC.CollectionCount(1) - _collections[1]} gen1 / {GC.CollectionCount(2) - _collections[2]} gen2 collections; server GC {System.Runtime.GCSettings.IsServerGC})");
        }

        public void Dispose() => _timer.Dispose();

        private void Sample(bool first)
        {
            if (!Directory.Exists("/proc/self/task"))
            {
                return;
            }

            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    var tid = int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    // utime + stime, fields 14 and 15, in clock ticks of 1/100 s.
                    var cpu = TimeSpan.FromMilliseconds(10 * (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)));
                    lock (_threads)
                    {
                        if (_threads.TryGetValue(tid, out var known))
                        {
                            _threads[tid] = known with { Last = cpu };
                        }
                        else
                        {
                            // A thread born during the pass counts from zero.
                            _threads[tid] = (File.ReadAllText(Path.Combine(task, "comm")).Trim(), first ? cpu : TimeSpan.Zero, cpu);
                        }
                    }
                }
                catch (IOException)
                {
                    // the thread ended between listing and reading
                }
            }
        }

        private static string PerDeal(TimeSpan cpu, int deals) =>
            string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalSeconds:0.0} s = {cpu.TotalMilliseconds * 1000 / deals:0} µs per deal");
    }

    public static string Rate(long rows, TimeSpan took, TimeSpan cpu) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{rows,9:N0} rows in {took.TotalSeconds,7:F2} s = {rows / took.TotalSeconds,10:N0} rows/s  (CPU {cpu.TotalSeconds:F2} s = {rows / Math.Max(cpu.TotalSeconds, 0.001),10:N0} rows/CPU-s)");
}
