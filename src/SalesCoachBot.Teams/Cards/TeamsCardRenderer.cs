using System.Text.Json;
using System.Text.Json.Nodes;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Teams.Activities;

namespace SalesCoachBot.Teams.Cards;

/// <summary>The Adaptive Card renderer as the command line sees it (<c>ask --json</c> → <c>"adaptiveCard"</c>).</summary>
internal sealed class TeamsCardRenderer(AdaptiveCardRenderer renderer) : ICardRenderer
{
    public string Name => "adaptiveCard";

    public JsonNode Render(BotAnswer answer) =>
        answer.Card is { } card ? JsonSerializer.SerializeToNode(renderer.Render(card), TeamsJsonContext.Default.AdaptiveCard)! : new JsonObject();
}
