using System.Diagnostics.Metrics;
using SalesCoachBot.Core.Coaching.Commands;

namespace SalesCoachBot.Core.Coaching;

/// <summary>Counters for the coaching loop (meter <c>SalesCoachBot.Coaching</c>).</summary>
internal sealed class CoachingMetrics
{
    public const string MeterName = "SalesCoachBot.Coaching";

    private readonly Counter<long> _turns;
    private readonly Histogram<double> _commands;
    private readonly Counter<long> _confirmations;
    private readonly Counter<long> _advances;
    private readonly Counter<long> _failures;

    public CoachingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _turns = meter.CreateCounter<long>("salescoach.turns", "{turn}", "Chat turns handled");
        _commands = meter.CreateHistogram<double>("salescoach.command.duration", "s", "Time to handle one command, by command and outcome");
        _confirmations = meter.CreateCounter<long>("salescoach.confirmations", "{item}", "Checklist items confirmed");
        _advances = meter.CreateCounter<long>("salescoach.advances", "{deal}", "Deals advanced to their next stage");
        _failures = meter.CreateCounter<long>("salescoach.failures", "{command}", "Commands that ended in an exception (a bug or a broken dependency), by command");
    }

    public void Turn(string channel) => _turns.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void CommandHandled(string command, string outcome, TimeSpan elapsed)
    {
        _commands.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == CommandOutcome.Failed)
        {
            _failures.Add(1, new KeyValuePair<string, object?>("command", command));
        }
    }

    public void Confirmed(int items) => _confirmations.Add(items);

    public void Advanced() => _advances.Add(1);
}
