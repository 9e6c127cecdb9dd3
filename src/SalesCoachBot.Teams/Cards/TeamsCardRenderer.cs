using System.Text.Json.Nodes;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;

namespace SalesCoachBot.Teams.Cards;

/// <summary>The Adaptive Card renderer as the command line sees it (<c>ask --json</c> → <c>"adaptiveCard"</c>).</summary>
internal sealed class TeamsCardRenderer(AdaptiveCardRenderer renderer) : ICardRenderer
{
    public string Name => "adaptiveCard";

    public JsonNode Render(BotAnswer answer) =>
        answer.Card is { } card ? renderer.Render(card) : new JsonObject();
}
