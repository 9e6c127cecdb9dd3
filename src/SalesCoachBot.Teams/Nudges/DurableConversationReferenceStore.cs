using System.Text.Json;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Teams.Conversations;

namespace SalesCoachBot.Teams.Nudges;

/// <summary>
/// Conversation references in the database (through Core's <see cref="IConversationReferenceRecords"/>), so a
/// digest can be sent after a restart and from any host. Registered after the in-memory store, so it wins.
/// </summary>
/// <remarks>
/// Every activity asks to remember its conversation's reference, and nearly always it is already
/// stored unchanged. The shared cache (<see cref="CacheRegion.ConversationReferences"/>) keeps what this
/// store last wrote or read for each conversation, so an unchanged reference costs no database round trip.
/// The entry is only a shortcut: it is invalidated when this host saves or removes the reference, trusted for
/// <see cref="CacheOptions.ConversationReferenceLifetime"/> at most (another host may have removed the row
/// meanwhile), and bypassed when the caller asks to verify (installs and welcomes).
/// </remarks>
internal sealed class DurableConversationReferenceStore(IConversationReferenceRecords records, SharedCache cache, ICacheInvalidation invalidation) : IConversationReferenceStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SaveAsync(TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        var key = CacheKey.ConversationReference(reference.Key);
        var version = cache.Version(key);
        try
        {
            await records.SaveAsync(
                new StoredConversationReference(
                    reference.Key,
                    reference.ConversationId,
                    reference.ServiceUrl,
                    reference.TenantId,
                    reference.ConversationType,
                    JsonSerializer.Serialize(Stored.From(reference), Json),
                    reference.UpdatedAt),
                cancellationToken);
        }
        finally
        {
            await invalidation.InvalidateAsync(key, CancellationToken.None);
        }

        // What was just written is kept (the invalidation above moved the version by one), unless another save
        // or removal came in between.
        await cache.KeepAsync(key, reference, version + 1);
    }

    public async Task<TeamsConversationReference?> GetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        var cacheKey = CacheKey.ConversationReference(key);
        var version = cache.Version(cacheKey);
        var reference = await records.GetAsync(key, cancellationToken) is { } row ? ToReference(row) : null;
        if (reference is not null)
        {
            await cache.KeepAsync(cacheKey, reference, version);
        }

        return reference;
    }

    public async Task<bool> RemoveAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        try
        {
            return await records.RemoveAsync(key, cancellationToken);
        }
        finally
        {
            await invalidation.InvalidateAsync(CacheKey.ConversationReference(key), CancellationToken.None);
        }
    }

    public async Task<bool> RememberAsync(TeamsConversationReference reference, bool verify, CancellationToken cancellationToken)
    {
        if (!verify && await cache.PeekAsync<TeamsConversationReference>(CacheKey.ConversationReference(reference.Key)) is { } known && known.SameRoute(reference))
        {
            return false;
        }

        return await IConversationReferenceStore.RememberInStoreAsync(this, reference, cancellationToken);
    }

    public async Task<IReadOnlyList<TeamsConversationReference>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await records.ListAsync(cancellationToken)).Select(ToReference).OfType<TeamsConversationReference>()];

    private static TeamsConversationReference? ToReference(StoredConversationReference stored)
    {
        Stored? json;
        try
        {
            json = JsonSerializer.Deserialize<Stored>(stored.ReferenceJson, Json);
        }
        catch (JsonException)
        {
            json = null;
        }

        // The columns are the source of truth for routing; the JSON adds the bot and user details.
        return new TeamsConversationReference(
            stored.Key,
            stored.ConversationId,
            stored.ServiceUrl,
            stored.ConversationType,
            stored.TenantId,
            json?.BotId,
            json?.BotName,
            json?.UserAadObjectId,
            json?.Authenticated ?? false,
            stored.UpdatedAt);
    }

    /// <summary>The serialized form; versioned by shape, unknown fields ignored.</summary>
    private sealed record Stored(string ConversationId, string ServiceUrl, string? ConversationType, string? TenantId, string? BotId, string? BotName, string? UserAadObjectId, bool Authenticated)
    {
        public static Stored From(TeamsConversationReference r) =>
            new(r.ConversationId, r.ServiceUrl, r.ConversationType, r.TenantId, r.BotId, r.BotName, r.UserAadObjectId, r.Authenticated);
    }
}
