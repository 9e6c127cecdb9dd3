using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// Everything a use case needs about the current turn: who, where, which maps, when, and in which language to answer.
/// <see cref="Map"/> is the default map; a deal is always read against its team's map (<see cref="MapOf"/>), since each
/// team may run its own process.
/// </summary>
public sealed record TurnContext(PersonView Person, ChatTurn Turn, ProcessMap Map, DateTimeOffset Now)
{
    /// <summary>Every map in force for this turn (a snapshot, so a reload mid-turn changes nothing).</summary>
    /// <remarks>Built only when not given: the chat turn always gives one, and an initializer would build a set to throw away.</remarks>
    public ProcessMapSet Maps { get => field ??= new(Map, [Map]); init; }

    /// <summary>
    /// The one place that says which language map text (stage names, entries, activities, checklist items) is shown in
    /// this turn (ADR 0021): the reply's language; null = the map's own language.
    /// </summary>
    public string? MapLanguage { get; init; }

    /// <summary>The map of the deal's team.</summary>
    public ProcessMap MapOf(DealView deal) => Maps.Of(deal);

    /// <summary>The map of the person's first team (of <paramref name="teams"/>, in their order); the default when they have none.</summary>
    public ProcessMap MapOfPerson(IEnumerable<Domain.SalesTeam> teams) =>
        teams.FirstOrDefault(t => Person.TeamIds.Contains(t.Id)) is { } team ? Maps.For(team.MapId) : Map;

    /// <summary>Where a change made in this turn comes from: the conversation, under the default map's version.</summary>
    public ChangeSource Source => new(Turn.Conversation, Map.Version);

    /// <summary>Where a change to the deal comes from: the conversation, under the version of the deal's team's map.</summary>
    public ChangeSource SourceFor(DealView deal) => new(Turn.Conversation, MapOf(deal).Version);

    /// <summary>The map of a team by its <c>map</c> id (null: the default).</summary>
    public ProcessMap MapOfTeam(string? teamMapId) => Maps.For(teamMapId);

    /// <summary>The texts of this turn's answer, in the person's language (<see cref="LanguageChoice"/>).</summary>
    public Phrases Say { get; init; } = Phrases.English;

    public ReplyLanguage Language => Say.Language;
}
