using System.Collections.Concurrent;
using System.Text.Json;
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
/// stored unchanged. The store keeps an in-process record of what it last wrote or read for each
/// conversation, so an unchanged reference costs no database round trip. The record is only a
/// shortcut: it is dropped when this host removes the reference, trusted for
/// <see cref="RecordLifetime"/> at most (another host may have removed the row meanwhile), and
/// bypassed when the caller asks to verify (installs and welcomes).
/// </remarks>
public sealed class DurableConversationReferenceStore(IConversationReferenceRecords records, TimeProvider timeProvider) : IConversationReferenceStore
{
    /// <summary>How long an in-process record may answer "already stored" without asking the database.</summary>
    public static readonly TimeSpan RecordLifetime = TimeSpan.FromMinutes(10);

    /// <summary>At most this many conversations are recorded; past it the records start over.</summary>
    internal const int MaxRecords = 100_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<ConversationKey, Record> stored = new();

    public DurableConversationReferenceStore(IConversationReferenceRecords records)
        : this(records, TimeProvider.System)
    {
    }

    public async Task SaveAsync(TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        stored.TryRemove(reference.Key, out _);
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
        Note(reference);
    }

    public async Task<TeamsConversationReference?> GetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        var reference = await records.GetAsync(key, cancellationToken) is { } row ? ToReference(row) : null;
        if (reference is not null)
        {
            Note(reference);
        }

        return reference;
    }

    public Task<bool> RemoveAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        stored.TryRemove(key, out _);
        return records.RemoveAsync(key, cancellationToken);
    }

    public Task<bool> RememberAsync(TeamsConversationReference reference, bool verify, CancellationToken cancellationToken) =>
        !verify
        && stored.TryGetValue(reference.Key, out var record)
        && timeProvider.GetUtcNow() < record.TrustedUntil
        && record.Reference.SameRoute(reference)
            ? Task.FromResult(false)
            : IConversationReferenceStore.RememberInStoreAsync(this, reference, cancellationToken);

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

    private void Note(TeamsConversationReference reference)
    {
        if (stored.Count >= MaxRecords)
        {
            stored.Clear();
        }

        stored[reference.Key] = new Record(reference, timeProvider.GetUtcNow() + RecordLifetime);
    }

    private sealed record Record(TeamsConversationReference Reference, DateTimeOffset TrustedUntil);

    /// <summary>The serialized form; versioned by shape, unknown fields ignored.</summary>
    private sealed record Stored(string ConversationId, string ServiceUrl, string? ConversationType, string? TenantId, string? BotId, string? BotName, string? UserAadObjectId, bool Authenticated)
    {
        public static Stored From(TeamsConversationReference r) =>
            new(r.ConversationId, r.ServiceUrl, r.ConversationType, r.TenantId, r.BotId, r.BotName, r.UserAadObjectId, r.Authenticated);
    }
}
