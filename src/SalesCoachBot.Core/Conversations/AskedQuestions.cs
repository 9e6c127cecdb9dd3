using System.Collections.Concurrent;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Conversations;

/// <summary>
/// Who was just asked "Did you mean …?" in which chat, so «الغِ ذلك» ("cancel that") answers the question while one is
/// open and otherwise undoes the person's latest act. Kept in this process only: after a restart, or on another instance,
/// a question asked before is not known and the words undo, which the person can see in the reply and take back.
/// </summary>
internal sealed class AskedQuestions(TimeProvider time)
{
    /// <summary>How long a question stays open: as long as a close may be undone by its closer.</summary>
    public static readonly TimeSpan OpenFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(ConversationKey Conversation, long Person), DateTimeOffset> _asked = new();

    public void Asked(ConversationKey conversation, long personId) => _asked[(conversation, personId)] = time.GetUtcNow();

    /// <summary>Whether a question asked of the person in that chat is still open; closes it either way.</summary>
    public bool TakeOpen(ConversationKey conversation, long personId)
    {
        // Old entries go as they are looked at; a chat never looked at again keeps one small entry per person.
        return _asked.TryRemove((conversation, personId), out var at) && time.GetUtcNow() - at <= OpenFor;
    }
}
