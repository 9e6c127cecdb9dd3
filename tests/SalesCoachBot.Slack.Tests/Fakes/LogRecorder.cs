using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SalesCoachBot.Slack.Tests.Fakes;

/// <summary>One log line as written: level, event id and the formatted message.</summary>
internal sealed record LogLine(string Category, LogLevel Level, int EventId, string Message);

/// <summary>A logger provider that keeps every line, for tests that assert what the host warned about.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> lines = new();

    public IReadOnlyList<LogLine> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(new LogLine(category, logLevel, eventId.Id, formatter(state, exception)));
            }
        }
    }
}
