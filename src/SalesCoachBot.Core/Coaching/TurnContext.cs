using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Coaching;

/// <summary>Everything a use case needs about the current turn: who, where, which map, when, and in which language to answer.</summary>
public sealed record TurnContext(PersonView Person, ChatTurn Turn, ProcessMap Map, DateTimeOffset Now)
{
    /// <summary>Where a change made in this turn comes from: the conversation, under this map version (recorded with it).</summary>
    public ChangeSource Source => new(Turn.Conversation, Map.Version);

    /// <summary>The texts of this turn's answer, in the person's language (<see cref="LanguageChoice"/>).</summary>
    public Phrases Say { get; init; } = Phrases.English;

    public ReplyLanguage Language => Say.Language;
}
