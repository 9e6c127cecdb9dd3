using SalesCoachBot.Core.Domain;
using SalesCoachBot.Teams.Conversations;

namespace SalesCoachBot.Teams.Tests.Support;

/// <summary>The in-memory conversation reference store, counting every call made to it (reads too).</summary>
internal sealed class WatchedReferenceStore : IConversationReferenceStore
{
    private readonly InMemoryConversationReferenceStore inner = new();
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public Task SaveAsync(TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return inner.SaveAsync(reference, cancellationToken);
    }

    public Task<TeamsConversationReference?> GetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return inner.GetAsync(key, cancellationToken);
    }

    public Task<bool> RemoveAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return inner.RemoveAsync(key, cancellationToken);
    }

    public Task<IReadOnlyList<TeamsConversationReference>> ListAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return inner.ListAsync(cancellationToken);
    }
}
