using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SalesCoachBot.Data.Infrastructure;

/// <summary>
/// Which database is in use, said so an operator can tell (the SQLite file's full path; PostgreSQL's host, port and
/// database), and never with a password.
/// </summary>
public static partial class DatabaseDescription
{
    public static string Of(DatabaseProvider provider, string connectionString)
    {
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
                return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
                    ? $"SQLite {Redact(dataSource)}"
                    : $"SQLite {Path.GetFullPath(dataSource)}";
            }

            var postgres = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL {postgres.Host}:{postgres.Port}/{postgres.Database ?? postgres.Username}";
        }
        catch (ArgumentException)
        {
            // A malformed connection string is refused at start with its own message; this is only a description.
            return provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        }
    }

    /// <summary>A connection string's password never reaches the log, whatever message quoted it.</summary>
    public static string Redact(string line) => Password().Replace(line, "$1=***");

    [GeneratedRegex(@"(?i)\b(password|pwd)\s*=\s*[^;'""\s]*")]
    private static partial Regex Password();
}
