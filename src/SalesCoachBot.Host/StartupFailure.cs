using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Npgsql;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Host;

/// <summary>
/// The operator's mistakes at start (and before a verb): configuration, files, the database's reachability, the port.
/// Each becomes a few lines naming the problem instead of a stack trace. Anything else is not recognised on purpose: a
/// bug should surface with its stack trace, not be disguised as a configuration problem.
/// </summary>
internal static class StartupFailure
{
    /// <summary>What to tell the operator, one problem a line, or null when <paramref name="exception"/> is not theirs to fix.</summary>
    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        var lines = Lines(exception);
        return lines?.Select(Redact).Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string>? Lines(Exception exception) => exception switch
    {
        ProcessMapInvalidException or DatabaseNewerThanHostException or DatabaseFolderException => [exception.Message],

        // Each failed rule on its own line; ValidateOnStart gathers several options' failures in an AggregateException.
        OptionsValidationException options => options.Failures,
        AggregateException aggregate when aggregate.InnerExceptions.Select(Lines).ToList() is var all && all.All(l => l is not null) =>
            all.SelectMany(l => l!),

        // appsettings.json that is not JSON: the provider names the file, the parser the line.
        InvalidDataException { InnerException: { } parser } when exception.Message.StartsWith("Failed to load configuration", StringComparison.Ordinal) =>
            [$"{exception.Message} {parser.Message}"],

        // A value of the wrong type ("abc" for a TimeSpan): the binder names the key and the type, not the value.
        InvalidOperationException when exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            [exception.Message],

        // --contentRoot (host or verb) naming a folder that does not exist: the file provider names the path.
        DirectoryNotFoundException when ThrownBy<PhysicalFileProvider>(exception) =>
            [$"--contentRoot {exception.Message}: no such folder; name the folder that holds appsettings.json."],

        // Kestrel: another process holds the port.
        IOException { InnerException: AddressInUseException } =>
            [$"{exception.Message.TrimEnd('.')}: the port is in use by another process; stop it or choose another with --urls."],

        // A keyword the provider does not know ("Data Sorce="), thrown while the connection string is parsed.
        ArgumentException when ThrownBy<DbConnectionStringBuilder>(exception) =>
            [$"ConnectionStrings:SalesCoach: {exception.Message}"],

        _ => Database(exception),
    };

    /// <summary>The database cannot be reached or opened (EF Core may wrap this in its own exception).</summary>
    private static IEnumerable<string>? Database(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode is SqliteCantOpen or SqliteReadOnly or SqlitePermission or SqliteIoError or SqliteFull or SqliteNotADatabase:
                    return [$"the SQLite database (ConnectionStrings:SalesCoach) cannot be used: {sqlite.Message}"];

                // No PostgresException: the server answered, so it was reached, except for a refused login or database.
                case NpgsqlException npgsql when npgsql is not PostgresException:
                    return [$"the PostgreSQL database (ConnectionStrings:SalesCoach) is unreachable: {Innermost(npgsql)}"];
                case PostgresException postgres when postgres.SqlState.StartsWith("28", StringComparison.Ordinal) || postgres.SqlState == "3D000":
                    return [$"the PostgreSQL database (ConnectionStrings:SalesCoach) refused the connection: {postgres.MessageText}"];
                default:
                    break;
            }
        }

        return null;
    }

    private const int SqlitePermission = 3;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    private static string Innermost(Exception exception)
    {
        var message = exception.Message;
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            message = $"{message} ({e.Message})";
        }

        return message;
    }

    private static bool ThrownBy<T>(Exception exception) =>
        new StackTrace(exception).GetFrames().Any(f => f.GetMethod()?.DeclaringType is { } type && typeof(T).IsAssignableFrom(type));

    /// <summary>A connection string's password never reaches the terminal, whatever message quoted it.</summary>
    internal static string Redact(string line) => DatabaseDescription.Redact(line);
}
