using System.Text.Json;
using System.Text.Json.Nodes;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;

namespace SalesCoachBot.Slack.BlockKit;

/// <summary>Shows what Slack would be sent, for <c>ask --json</c> (<c>"blockKit"</c>).</summary>
internal sealed class BlockKitCardRenderer(BlockKitRenderer renderer) : ICardRenderer
{
    public string Name => "blockKit";

    public JsonNode Render(BotAnswer answer) =>
        JsonSerializer.SerializeToNode(renderer.Render(answer), SlackJsonContext.Wire.SlackMessage)!;
}
