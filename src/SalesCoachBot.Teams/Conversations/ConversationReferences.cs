using System.Collections.Concurrent;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Teams.Activities;

namespace SalesCoachBot.Teams.Conversations;

/// <summary>
/// Everything needed to message a Teams conversation later (nudges): where its connector is,
/// who the bot is there, which tenant. <see cref="Authenticated"/> is false only for local
/// development clients (Agents Playground), which never receive a token.
/// </summary>
internal sealed record TeamsConversationReference(
    ConversationKey Key,
    string ConversationId,
    string ServiceUrl,
    string? ConversationType,
    string? TenantId,
    string? BotId,
    string? BotName,
    string? UserAadObjectId,
    bool Authenticated,
    DateTimeOffset UpdatedAt)
{
    internal static TeamsConversationReference From(Activity activity, bool authenticated, DateTimeOffset at) => new(
        ConversationKey.For(ChatChannel.Teams, activity.Conversation!.Id!),
        activity.Conversation.Id!,
        activity.ServiceUrl!,
        activity.Conversation.ConversationType,
        activity.TenantId,
        activity.Recipient?.Id,
        activity.Recipient?.Name,
        activity.From?.AadObjectId,
        authenticated,
        at);

    internal bool SameRoute(TeamsConversationReference other) =>
        ServiceUrl == other.ServiceUrl && BotId == other.BotId && TenantId == other.TenantId && Authenticated == other.Authenticated;
}

/// <summary>Where conversation references live. The in-memory store is the default until a database one is registered.</summary>
internal interface IConversationReferenceStore
{
    Task SaveAsync(TeamsConversationReference reference, CancellationToken cancellationToken);

    Task<TeamsConversationReference?> GetAsync(ConversationKey key, CancellationToken cancellationToken);

    /// <summary>Forgets a conversation (the bot was removed from it, or blocked there).</summary>
    Task<bool> RemoveAsync(ConversationKey key, CancellationToken cancellationToken);

    Task<IReadOnlyList<TeamsConversationReference>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="reference"/> when the conversation is new or its route (service URL,
    /// bot, tenant, authenticated) changed; returns whether it wrote. <paramref name="verify"/> asks
    /// the store itself even when a cheaper record says the reference is current (installs, removals).
    /// </summary>
    Task<bool> RememberAsync(TeamsConversationReference reference, bool verify, CancellationToken cancellationToken) =>
        RememberInStoreAsync(this, reference, cancellationToken);

    /// <summary>The store's own answer: read the reference, write it only when it is new or its route changed.</summary>
    internal static async Task<bool> RememberInStoreAsync(
        IConversationReferenceStore store, TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        var known = await store.GetAsync(reference.Key, cancellationToken);
        if (known is not null && known.SameRoute(reference))
        {
            return false;
        }

        await store.SaveAsync(reference, cancellationToken);
        return true;
    }
}

/// <summary>Process-local references: enough for one host instance; lost on restart.</summary>
internal sealed class InMemoryConversationReferenceStore : IConversationReferenceStore
{
    private readonly ConcurrentDictionary<ConversationKey, TeamsConversationReference> references = new();

    public Task SaveAsync(TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        references[reference.Key] = reference;
        return Task.CompletedTask;
    }

    public Task<TeamsConversationReference?> GetAsync(ConversationKey key, CancellationToken cancellationToken) =>
        Task.FromResult(references.TryGetValue(key, out var reference) ? reference : null);

    public Task<bool> RemoveAsync(ConversationKey key, CancellationToken cancellationToken) =>
        Task.FromResult(references.TryRemove(key, out _));

    public Task<IReadOnlyList<TeamsConversationReference>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TeamsConversationReference>>([.. references.Values.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)]);
}
