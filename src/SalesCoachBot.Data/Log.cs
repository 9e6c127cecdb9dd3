using Microsoft.Extensions.Logging;

namespace SalesCoachBot.Data;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Database {Database}: applying migrations ({Pending} pending)")]
    public static partial void ApplyingMigrations(ILogger logger, string database, int pending);

    [LoggerMessage(EventId = 2006, Message = "Database {Database}: migrations up to date")]
    public static partial void MigrationsUpToDate(ILogger logger, LogLevel level, string database);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Seeded demo data: {Teams} teams, {People} people, {Deals} deals")]
    public static partial void DemoSeeded(ILogger logger, int teams, int people, int deals);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Demo data not seeded: the database already holds teams, people or deals")]
    public static partial void DemoSkipped(ILogger logger);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Deal {DealId}: change attempt {Attempt} hit a transient database error, retrying")]
    public static partial void DealChangeRetry(ILogger logger, long dealId, int attempt, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Database is not reachable")]
    public static partial void CannotConnect(ILogger logger, Exception exception);
}
