using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace SalesCoachBot.Slack.Tests.Fakes;

/// <summary>A fake clock that tells which waits were put on it, so a test moves time on only once the wait it means has begun.</summary>
internal sealed class WatchedClock() : FakeTimeProvider(TimeProvider.System.GetUtcNow())
{
    private readonly ConcurrentQueue<TimeSpan> dueTimes = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        dueTimes.Enqueue(dueTime);
        return new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), dueTimes);
    }

    /// <summary>Waits (for real, up to 30 s) until a timer has been set to a due time that <paramref name="match"/> accepts.</summary>
    public async Task WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        var deadline = Stopwatch.StartNew();
        while (!dueTimes.Any(match))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"no such timer was set (due times: {string.Join(", ", dueTimes)})");
            await Task.Delay(10);
        }
    }

    /// <summary>How many timers have been set to a due time that <paramref name="match"/> accepts.</summary>
    public int TimersSet(Func<TimeSpan, bool> match) => dueTimes.Count(match);

    /// <summary>Timers are often made idle and set later (a CancellationTokenSource's CancelAfter): those settings count too.</summary>
    private sealed class WatchedTimer(ITimer inner, ConcurrentQueue<TimeSpan> dueTimes) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            dueTimes.Enqueue(dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
