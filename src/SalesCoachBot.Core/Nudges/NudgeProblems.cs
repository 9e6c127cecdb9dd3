using System.Collections.Concurrent;

namespace SalesCoachBot.Core.Nudges;

/// <summary>Remembers which configuration problems were logged today, so a poll every 30 s logs each once a day.</summary>
public sealed class NudgeProblems
{
    private readonly ConcurrentDictionary<string, DateOnly> _reported = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _once = new(StringComparer.Ordinal);

    public bool FirstToday(string key, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = true;
        _reported.AddOrUpdate(key, today, (_, last) =>
        {
            first = last != today;
            return today;
        });
        return first;
    }

    /// <summary>True the first time a key is asked about in this process.</summary>
    public bool FirstEver(string key) => _once.TryAdd(key, 0);
}
