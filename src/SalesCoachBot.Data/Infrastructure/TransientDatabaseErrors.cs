using Microsoft.Data.Sqlite;
using Npgsql;

namespace SalesCoachBot.Data.Infrastructure;

/// <summary>Errors after which the whole unit of work may simply be run again.</summary>
internal static class TransientDatabaseErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked:
                    return true;
                case PostgresException postgres when postgres.SqlState is PostgresErrorCodes.SerializationFailure
                    or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable:
                    return true;
            }
        }

        return false;
    }

    /// <summary>A unique index refused the row (for example a confirmation stored by a racing request).</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: 19 } sqlite when sqlite.SqliteExtendedErrorCode is 2067 or 1555:
                    return true;
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return true;
            }
        }

        return false;
    }
}
