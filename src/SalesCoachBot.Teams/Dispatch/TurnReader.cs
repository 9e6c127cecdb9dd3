using System.Net;
using System.Text;
using System.Text.Json;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Teams.Activities;

namespace SalesCoachBot.Teams.Dispatch;

/// <summary>Turns the parts of a Teams activity into Core turn inputs.</summary>
internal static class TurnReader
{
    private const int MaxSelectedItems = 50;

    /// <summary>The JSON properties each payload type writes into card data (read once from Core's contract): the rest of the data are the card's inputs.</summary>
    private static readonly Dictionary<Type, HashSet<string>> PayloadProperties = ActionPayload.JsonTypeInfo.PolymorphismOptions!.DerivedTypes
        .ToDictionary(d => d.DerivedType, d => ActionPayload.JsonTypeInfo.Options.GetTypeInfo(d.DerivedType).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal));

    public static ChatUser User(Activity activity) =>
        new(ChatChannel.Teams, TeamsAadObjectId: activity.From?.AadObjectId, Email: null, DisplayName: activity.From?.Name, Locale: activity.Locale);

    public static ConversationKey Conversation(Activity activity) =>
        ConversationKey.For(ChatChannel.Teams, activity.Conversation!.Id!);

    /// <summary>
    /// The typed text. In channels and group chats the bot only hears @mentions, and the
    /// mention markup (<c>&lt;at&gt;Sales Coach&lt;/at&gt;</c>) is not part of the command.
    /// </summary>
    public static string Text(Activity activity)
    {
        var text = activity.Text ?? string.Empty;
        if (activity.Conversation?.ConversationType is "channel" or "groupChat")
        {
            text = StripMentions(text);
        }

        return WebUtility.HtmlDecode(text).Replace('\u00a0', ' ').Trim();
    }

    /// <summary>
    /// A card button press: the typed payload plus the ticked toggles (Input.Toggle ids are item
    /// ids; Teams sends their values as the strings "true"/"false"). Null when the data is not ours.
    /// </summary>
    public static ActionInput? Action(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || ActionPayload.TryParse(data) is not { } payload)
        {
            return null;
        }

        var own = PayloadProperties[payload.GetType()];
        var selected = new List<ChecklistItemId>();
        foreach (var property in data.EnumerateObject())
        {
            if (property.Name is "kind" or "msteams" || own.Contains(property.Name))
            {
                continue;
            }

            var ticked = property.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.String => string.Equals(property.Value.GetString(), "true", StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
            if (ticked && property.Name.Length is > 0 and <= 100)
            {
                selected.Add(new ChecklistItemId(property.Name));
                if (selected.Count == MaxSelectedItems)
                {
                    break;
                }
            }
        }

        return new ActionInput(payload, selected);
    }

    /// <summary>The verb of an Action.Execute must name the payload it carries; anything else was not made by us.</summary>
    public static bool VerbMatches(string? verb, ActionPayload payload) => string.Equals(payload.Kind, verb, StringComparison.Ordinal);

    /// <summary>
    /// Replaces each <c>&lt;at&gt;…&lt;/at&gt;</c> (the nearest closing tag after an opening one) with a
    /// space. One pass over the text: a lazy regex here rescans the rest of the text from every unclosed
    /// <c>&lt;at&gt;</c>, which a message of 60,000 of them turns into minutes.
    /// </summary>
    internal static string StripMentions(string text)
    {
        const string open = "<at>";
        const string close = "</at>";
        var start = text.IndexOf(open, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return text;
        }

        var stripped = new StringBuilder(text.Length);
        var copied = 0;
        while (start >= 0)
        {
            var end = text.IndexOf(close, start + open.Length, StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                break; // no closing tag after this one, so none after any later opening tag either
            }

            stripped.Append(text, copied, start - copied).Append(' ');
            copied = end + close.Length;
            start = text.IndexOf(open, copied, StringComparison.OrdinalIgnoreCase);
        }

        return stripped.Append(text, copied, text.Length - copied).ToString();
    }
}
