namespace SalesCoachBot.Data.Infrastructure;

/// <summary>
/// The scope's database context for the chat-turn stores, taken from the pool the first time one of them needs
/// it and given back when the scope ends. The stores take this rather than the context, so a turn that the read
/// cache answers takes none (a context per turn was a measured share of a chat turn's cost).
/// </summary>
internal sealed class DbContextLease(SalesCoachDbContextFactory factory) : IDisposable, IAsyncDisposable
{
    private SalesCoachDbContext? _context;

    public SalesCoachDbContext Context => _context ??= factory.CreateDbContext();

    /// <summary>Whether a store has needed the database in this scope.</summary>
    public bool IsTaken => _context is not null;

    public void Dispose() => _context?.Dispose();

    public ValueTask DisposeAsync() => _context?.DisposeAsync() ?? ValueTask.CompletedTask;
}
