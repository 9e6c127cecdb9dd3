using System.Text.Json.Nodes;
using SalesCoachBot.Core.Conversations;

namespace SalesCoachBot.Core.Cards;

/// <summary>
/// A channel's card renderer, exposed so the command line can show what each channel would send
/// (<c>ask --json</c> prints <c>"adaptiveCard"</c> and <c>"blockKit"</c>).
/// </summary>
public interface ICardRenderer
{
    /// <summary>The JSON property name in <c>ask --json</c> output, e.g. <c>adaptiveCard</c>.</summary>
    string Name { get; }

    JsonNode Render(BotAnswer answer);
}
