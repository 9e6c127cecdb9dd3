using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesCoachBot.Teams.Activities;
using SalesCoachBot.Teams.Cards;

namespace SalesCoachBot.Teams.Tests.Support;

/// <summary>A rendered card as JSON, written with the same contract the bot sends it with.</summary>
internal static class CardJson
{
    private static readonly JsonSerializerOptions Shown = new(TeamsJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>What goes on the wire (compact).</summary>
    public static string Wire(AdaptiveCard card) => JsonSerializer.Serialize(card, TeamsJsonContext.Default.AdaptiveCard);

    /// <summary>Indented and unescaped, for golden files people read in review.</summary>
    public static string Indented(AdaptiveCard card) => JsonSerializer.Serialize(card, Shown.GetTypeInfo(typeof(AdaptiveCard))) + "\n";

    public static JsonObject Node(AdaptiveCard card) => JsonNode.Parse(Wire(card))!.AsObject();
}
