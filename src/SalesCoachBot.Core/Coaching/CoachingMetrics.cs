using System.Diagnostics.Metrics;

namespace SalesCoachBot.Core.Coaching;

/// <summary>Counters for the coaching loop (meter <c>SalesCoachBot.Coaching</c>).</summary>
public sealed class CoachingMetrics : IDisposable
{
    public const string MeterName = "SalesCoachBot.Coaching";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _turns;
    private readonly Counter<long> _confirmations;
    private readonly Counter<long> _advances;

    public CoachingMetrics()
    {
        _turns = _meter.CreateCounter<long>("salescoach.turns", "{turn}", "Chat turns handled");
        _confirmations = _meter.CreateCounter<long>("salescoach.confirmations", "{item}", "Checklist items confirmed");
        _advances = _meter.CreateCounter<long>("salescoach.advances", "{deal}", "Deals advanced to their next stage");
    }

    public void Turn(string channel) => _turns.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Confirmed(int items) => _confirmations.Add(items);

    public void Advanced() => _advances.Add(1);

    public void Dispose() => _meter.Dispose();
}
