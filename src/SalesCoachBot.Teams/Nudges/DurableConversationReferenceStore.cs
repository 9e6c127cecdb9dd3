using System.Text.Json;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Teams.Conversations;

namespace SalesCoachBot.Teams.Nudges;

/// <summary>
/// Conversation references in the database (through Core's <see cref="IConversationReferenceRecords"/>), so a
/// digest can be sent after a restart and from any host. Registered after the in-memory store, so it wins.
/// </summary>
public sealed class DurableConversationReferenceStore(IConversationReferenceRecords records) : IConversationReferenceStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task SaveAsync(TeamsConversationReference reference, CancellationToken cancellationToken) =>
        records.SaveAsync(
            new StoredConversationReference(
                reference.Key,
                reference.ConversationId,
                reference.ServiceUrl,
                reference.TenantId,
                reference.ConversationType,
                JsonSerializer.Serialize(Stored.From(reference), Json),
                reference.UpdatedAt),
            cancellationToken);

    public async Task<TeamsConversationReference?> GetAsync(ConversationKey key, CancellationToken cancellationToken) =>
        await records.GetAsync(key, cancellationToken) is { } stored ? ToReference(stored) : null;

    public Task<bool> RemoveAsync(ConversationKey key, CancellationToken cancellationToken) => records.RemoveAsync(key, cancellationToken);

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
