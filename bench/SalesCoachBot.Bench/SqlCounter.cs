using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SalesCoachBot.Bench;

/// <summary>Counts the SQL commands EF Core runs (its DiagnosticSource events), to explain a turn's cost.</summary>
internal sealed class SqlCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private long _commands;

    public SqlCounter() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public long Commands => Interlocked.Read(ref _commands);

    /// <summary>When set, the text of each command is added here (one turn's worth, for printing).</summary>
    public List<string>? Capture { get; set; }

    /// <summary>Whole commands with their parameters (<c>SALESCOACH_BENCH_SQL=full</c>), not their first 160 characters.</summary>
    public static bool Full { get; } = Environment.GetEnvironmentVariable("SALESCOACH_BENCH_SQL") == "full";

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_listeners)
            {
                _listeners.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name)
        {
            Interlocked.Increment(ref _commands);
            if (Capture is { } capture && value.Value is CommandExecutedEventData data)
            {
                lock (capture)
                {
                    var text = data.Command.CommandText.ReplaceLineEndings(" ");
                    if (Full)
                    {
                        // The parameters too, to run the command again in the sqlite3 shell.
                        text += " -- " + string.Join(", ", data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => $"{p.ParameterName}={p.Value}"));
                    }

                    capture.Add($"{data.Duration.TotalMilliseconds,6:F2} ms  {text}");
                }
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners)
        {
            _listeners.ForEach(l => l.Dispose());
        }
    }
}
