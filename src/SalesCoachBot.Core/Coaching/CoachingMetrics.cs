using System.Diagnostics.Metrics;

namespace SalesCoachBot.Core.Coaching;

/// <summary>Counters for the coaching loop (meter <c>SalesCoachBot.Coaching</c>).</summary>
internal sealed class CoachingMetrics
{
    public const string MeterName = "SalesCoachBot.Coaching";

    private readonly Counter<long> _turns;
    private readonly Histogram<double> _commands;
    private readonly Counter<long> _confirmations;
    private readonly Counter<long> _advances;

    public CoachingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _turns = meter.CreateCounter<long>("salescoach.turns", "{turn}", "Chat turns handled");
        _commands = meter.CreateHistogram<double>("salescoach.command.duration", "s", "Time to handle one command, by command and outcome");
        _confirmations = meter.CreateCounter<long>("salescoach.confirmations", "{item}", "Checklist items confirmed");
        _advances = meter.CreateCounter<long>("salescoach.advances", "{deal}", "Deals advanced to their next stage");
    }

    public void Turn(string channel) => _turns.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void CommandHandled(string command, string outcome, TimeSpan elapsed) =>
        _commands.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome));

    public void Confirmed(int items) => _confirmations.Add(items);

    public void Advanced() => _advances.Add(1);
}
