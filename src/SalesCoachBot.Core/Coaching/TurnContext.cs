using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Coaching;

/// <summary>Everything a use case needs about the current turn: who, where, which map, when.</summary>
public sealed record TurnContext(PersonView Person, ChatTurn Turn, ProcessMap Map, DateTimeOffset Now);
