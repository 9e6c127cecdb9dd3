using Microsoft.Extensions.Options;

namespace SalesCoachBot.Data;

/// <summary>
/// Refuses an unknown <c>Database:Provider</c> naming the value given, so a typo in an environment variable is found
/// from the message alone.
/// </summary>
internal sealed class DatabaseProviderValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        options.TryGetProvider(out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Database:Provider must be 'Sqlite' (default) or 'Postgres', not '{options.Provider}'.");
}
