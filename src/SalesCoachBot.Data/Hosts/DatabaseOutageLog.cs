using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Hosts;

/// <summary>
/// One warning when the database becomes unreachable, a reminder after 1, 2, 4… minutes (at most every 30) while it
/// stays so, and one information line when it answers again. Every failure is still logged in full at Debug (this
/// category). Before, each worker logged its own stack trace every round (about 190 lines every 5 s), which buried
/// everything else in the log during an outage.
/// </summary>
internal sealed partial class DatabaseOutageLog(SalesCoachDbContextFactory factory, TimeProvider time, ILogger<DatabaseOutageLog> logger) : IDatabaseOutages
{
    internal static readonly TimeSpan FirstReminder = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan MaxReminderInterval = TimeSpan.FromMinutes(30);

    private readonly Lock gate = new();
    private DateTimeOffset? since;
    private DateTimeOffset nextReminder;
    private TimeSpan reminderInterval;

    public bool Report(string worker, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!DatabaseOutageCoachBot.IsUnavailable(exception))
        {
            return false;
        }

        var now = time.GetUtcNow();
        var reason = Reason(exception);
        lock (gate)
        {
            if (since is null)
            {
                since = now;
                reminderInterval = FirstReminder;
                nextReminder = now + reminderInterval;
                Unreachable(logger, factory.Description, reason);
            }
            else if (now >= nextReminder)
            {
                StillUnreachable(logger, factory.Description, Minutes(now - since.Value), reason);
                reminderInterval = TimeSpan.FromTicks(Math.Min(reminderInterval.Ticks * 2, MaxReminderInterval.Ticks));
                nextReminder = now + reminderInterval;
            }
        }

        Detail(logger, worker, exception);
        return true;
    }

    public void Reachable()
    {
        lock (gate)
        {
            if (since is not { } start)
            {
                return;
            }

            since = null;
            Back(logger, factory.Description, Minutes(time.GetUtcNow() - start));
        }
    }

    /// <summary>What the driver said, without the wrappers EF Core puts around it ("likely due to a transient failure").</summary>
    private static string Reason(Exception exception)
    {
        var e = exception;
        while (e.InnerException is { } inner && e is InvalidOperationException or AggregateException)
        {
            e = inner;
        }

        var message = e.Message;
        for (var i = e.InnerException; i is not null; i = i.InnerException)
        {
            message = $"{message} ({i.Message})";
        }

        return DatabaseDescription.Redact(message);
    }

    private static string Minutes(TimeSpan duration) =>
        duration < TimeSpan.FromMinutes(1)
            ? $"{Math.Max(1, (int)duration.TotalSeconds)} s"
            : $"{(int)duration.TotalMinutes} min";

    [LoggerMessage(EventId = 2120, Level = LogLevel.Warning, Message = "The database ({Database}) is unreachable: {Reason}. Digests, CRM sync and cache invalidation wait and try again by themselves; chat turns are answered \"try again in a minute\"; /readyz answers 503")]
    private static partial void Unreachable(ILogger logger, string database, string reason);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "The database ({Database}) is still unreachable, for {Duration}: {Reason}")]
    private static partial void StillUnreachable(ILogger logger, string database, string duration, string reason);

    [LoggerMessage(EventId = 2122, Level = LogLevel.Information, Message = "The database ({Database}) is reachable again, after {Duration}")]
    private static partial void Back(ILogger logger, string database, string duration);

    [LoggerMessage(EventId = 2123, Level = LogLevel.Debug, Message = "Database unreachable in {Worker}")]
    private static partial void Detail(ILogger logger, string worker, Exception exception);
}
