using System.Globalization;
using System.Text.Json.Nodes;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Teams.Activities;

namespace SalesCoachBot.Teams.Cards;

/// <summary>
/// Renders a channel-neutral <see cref="Card"/> as an Adaptive Card 1.5, the newest version
/// Teams renders. Buttons are <c>Action.Execute</c> (verb = the payload kind, data = the typed
/// payload) with an <c>Action.Submit</c> fallback for older clients; checklist items are
/// <c>Input.Toggle</c>s whose id is the item id, so a press carries the ticked items back.
/// Every text that goes where a card renders Markdown (TextBlocks, facts, the fallback text) passes
/// through <see cref="CardMarkdown.Escape"/>: the Core's text is plain and repeats what people typed.
/// Titles of buttons and toggles and alt text are shown as plain text already.
/// </summary>
public sealed class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";

    public Attachment ToAttachment(Card card) => new(ContentType, Render(card));

    public JsonObject Render(Card card)
    {
        var body = new JsonArray();
        if (card.Note is { Length: > 0 } note)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["style"] = "warning",
                ["items"] = new JsonArray(Text(note, subtle: false)),
            });
        }

        var title = Text(card.Title, subtle: false);
        title["size"] = "Large";
        title["weight"] = "Bolder";
        title["style"] = "heading";
        if (card.Kind == CardKind.Error)
        {
            title["color"] = "Attention";
        }

        body.Add(title);
        if (card.Subtitle is { Length: > 0 } subtitle)
        {
            var sub = Text(subtitle, subtle: true);
            sub["spacing"] = "None";
            body.Add(sub);
        }

        foreach (var paragraph in card.Body)
        {
            body.Add(Text(paragraph, subtle: false));
        }

        if (card.Facts.Count > 0)
        {
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. card.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = CardMarkdown.Escape(f.Label), ["value"] = CardMarkdown.Escape(f.Value) })]),
            });
        }

        if (card.Checklist is { } checklist)
        {
            AddChecklist(body, checklist);
        }

        foreach (var section in card.Sections)
        {
            AddSection(body, section);
        }

        foreach (var choice in card.Choices)
        {
            body.Add(new JsonObject
            {
                ["type"] = "ActionSet",
                ["spacing"] = "Small",
                ["actions"] = new JsonArray(Execute(choice.Action)),
            });
            if (choice.Description is { Length: > 0 } description)
            {
                var line = Text(description, subtle: true);
                line["size"] = "Small";
                line["spacing"] = "None";
                body.Add(line);
            }
        }

        if (card.Image is { } image)
        {
            body.Add(new JsonObject { ["type"] = "Image", ["url"] = image.Url, ["altText"] = image.AltText, ["size"] = "Stretch" });
        }

        var actions = new JsonArray();
        if (card.Checklist is { } list)
        {
            actions.Add(Execute(list.Confirm));
        }

        foreach (var action in card.Actions)
        {
            actions.Add(Execute(action));
        }

        var root = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = Schema,
            ["version"] = Version,
            ["fallbackText"] = CardMarkdown.Escape(card.Title),   // "may contain markdown" (schema)
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            root["actions"] = actions;
        }

        return root;
    }

    private static void AddChecklist(JsonArray body, CardChecklist checklist)
    {
        var heading = Text("Exit checklist", subtle: false);
        heading["weight"] = "Bolder";
        heading["separator"] = true;
        heading["spacing"] = "Medium";
        body.Add(heading);

        foreach (var item in checklist.Items)
        {
            var label = item.Required ? item.Text : $"{item.Text} (optional)";
            if (item.State == ChecklistItemState.Confirmed)
            {
                var done = Text($"✅ {label}", subtle: false);
                var who = TextBlock(ConfirmedLine(item), subtle: true);
                who["size"] = "Small";
                who["spacing"] = "None";
                body.Add(new JsonObject { ["type"] = "Container", ["items"] = new JsonArray(done, who) });
            }
            else
            {
                body.Add(new JsonObject
                {
                    ["type"] = "Input.Toggle",
                    ["id"] = item.Id.Value,
                    ["title"] = label,
                    ["value"] = "false",
                    ["valueOn"] = "true",
                    ["valueOff"] = "false",
                    ["wrap"] = true,
                });
            }
        }

        var left = checklist.RequiredOpen;
        var hint = left switch
        {
            0 => "Every required item is confirmed.",
            1 => "1 required item left. Tick what is done and press Confirm.",
            _ => $"{left} required items left. Tick what is done and press Confirm.",
        };
        var footer = Text(hint, subtle: true);
        footer["size"] = "Small";
        body.Add(footer);
    }

    // Dates go through the card's DATE function so each reader sees them in their own locale; the
    // line is Markdown already (the function must not be escaped), the name in it is escaped.
    private static string ConfirmedLine(CardChecklistItem item)
    {
        var by = CardMarkdown.Escape(item.ConfirmedBy is { Length: > 0 } name ? $"Confirmed by {name}" : "Confirmed");
        return item.ConfirmedAt is { } at
            ? $"{by} on {{{{DATE({at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}, SHORT)}}}}"
            : by;
    }

    private static void AddSection(JsonArray body, CardSection section)
    {
        var heading = Text(section.Heading, subtle: false);
        heading["weight"] = "Bolder";
        heading["separator"] = true;
        heading["spacing"] = "Medium";
        body.Add(heading);
        foreach (var line in section.Lines)
        {
            if (line.Action is null)
            {
                var text = Text(line.Text, subtle: false);
                text["spacing"] = "Small";
                body.Add(text);
                continue;
            }

            // A line that opens something (a deal in a list) posts a new answer rather than replacing this card.
            body.Add(new JsonObject
            {
                ["type"] = "ColumnSet",
                ["spacing"] = "Small",
                ["columns"] = new JsonArray(
                    new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["verticalContentAlignment"] = "Center", ["items"] = new JsonArray(Text(line.Text, subtle: false)) },
                    new JsonObject { ["type"] = "Column", ["width"] = "auto", ["items"] = new JsonArray(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(Submit(line.Action)) }) }),
            });
        }
    }

    /// <summary>A TextBlock showing <paramref name="text"/> as written (plain text, escaped for Markdown).</summary>
    private static JsonObject Text(string text, bool subtle) => TextBlock(CardMarkdown.Escape(text), subtle);

    private static JsonObject TextBlock(string markdown, bool subtle)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = markdown, ["wrap"] = true };
        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    private static JsonObject Execute(CardAction action)
    {
        var data = Data(action.Payload);
        var execute = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = action.Label,
            ["verb"] = data["kind"]!.GetValue<string>(),
            ["data"] = data,
        };
        if (Style(action.Style) is { } style)
        {
            execute["style"] = style;
        }

        execute["fallback"] = Submit(action);
        return execute;
    }

    private static JsonObject Submit(CardAction action)
    {
        var submit = new JsonObject { ["type"] = "Action.Submit", ["title"] = action.Label, ["data"] = Data(action.Payload) };
        if (Style(action.Style) is { } style)
        {
            submit["style"] = style;
        }

        return submit;
    }

    private static string? Style(CardActionStyle style) => style switch
    {
        CardActionStyle.Primary => "positive",
        CardActionStyle.Destructive => "destructive",
        _ => null,
    };

    /// <summary>The payload exactly as Core serialises it, so <see cref="ActionPayload.TryParse(string?)"/> reads it back.</summary>
    private static JsonObject Data(ActionPayload payload) => JsonNode.Parse(payload.ToJson())!.AsObject();
}
