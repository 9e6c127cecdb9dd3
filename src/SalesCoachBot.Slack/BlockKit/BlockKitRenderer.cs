using System.Globalization;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.BlockKit;

/// <summary>
/// Renders the channel-neutral card model as a Block Kit message. Every documented limit is kept by
/// splitting into more blocks; whatever cannot be shown says so ("…and N more"), nothing is cut silently.
/// The renderer's own words come from the <see cref="CardText"/> resources in the card's language; in an Arabic
/// card, Latin names and figures it puts beside Arabic words are wrapped in Unicode isolates (<see cref="Bidi"/>).
/// </summary>
internal sealed class BlockKitRenderer(ReplyTexts? texts = null)
{
    private readonly ReplyTexts _texts = texts ?? ReplyTexts.Shared;

    public const string ConfirmActionId = "coach-confirm";
    public const string TickActionPrefix = "coach-tick-";
    public const string ChecklistBlockPrefix = "coach-checklist-";
    public const string ButtonActionPrefix = "coach-button-";

    private const int ButtonsPerRow = 5;

    public SlackMessage Render(BotAnswer answer)
    {
        if (answer.Card is null)
        {
            var blocks = SlackText.Pack(answer.Text.Split('\n'), BlockKitLimits.SectionText)
                .Select(chunk => (Block)new SectionBlock(TextObject.Markdown(SlackText.Escape(chunk))))
                .ToList();
            return new SlackMessage(SlackText.Escape(string.IsNullOrWhiteSpace(answer.Text) ? "…" : answer.Text), Paginate(blocks, _texts.In(ReplyLanguage.English)));
        }

        return Render(answer.Card, answer.NotificationText);
    }

    public SlackMessage Render(Card card, string fallbackText)
    {
        var say = _texts.In(card.Language ?? ReplyLanguage.English);
        var b = new Builder();
        RenderHeader(card, b);
        // The answer to the question asked comes before the figures around it.
        if (!string.IsNullOrWhiteSpace(card.Lead))
        {
            b.Add(new SectionBlock(TextObject.Markdown("*" + SlackText.Escape(card.Lead) + "*")));
        }

        if (!string.IsNullOrWhiteSpace(card.Note))
        {
            b.Add(new ContextBlock([TextObject.Markdown(":information_source: " + SlackText.Escape(card.Note))]));
        }

        RenderContext(card, b, say);
        foreach (var chunk in SlackText.Pack(card.Body.Select(SlackText.Escape), BlockKitLimits.SectionText, "\n\n"))
        {
            b.Add(new SectionBlock(TextObject.Markdown(chunk)));
        }

        RenderColumns(card.Columns, b, say);
        if (card.Checklist is { } checklist)
        {
            RenderChecklist(checklist, b, say);
        }

        // Blocks that must come after the sections are counted first, so sections know their budget.
        var tail = new Builder(b.NextActionIndex + 1000);
        RenderChoices(card.Choices, tail);
        // A form's button asks for the form (Form.Open); the answer opens as a modal (RenderModal).
        RenderButtons([.. card.Actions, .. card.Forms.Select(f => new CardAction(f.Label, f.Open)), .. DetailsButton(card)], tail);
        // Slack fetches image blocks itself: https only (a data URI or plain http is dropped; the text carries the figures).
        if (card.Image is { } image && Uri.TryCreate(image.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
        {
            tail.Add(new ImageBlock(image.Url, SlackText.Shorten(image.AltText, BlockKitLimits.AltText)));
        }

        RenderSections(card.Sections, b, BlockKitLimits.MessageBlocks - b.Count - tail.Count, say);
        b.AddRange(tail.Blocks);
        // The top-level text is mrkdwn too (notifications, screen readers): escaped like every other echo of user text.
        return new SlackMessage(SlackText.Escape(string.IsNullOrWhiteSpace(fallbackText) ? card.Title : fallbackText), Paginate(b.Blocks, say));
    }

    /// <summary>Block Kit cannot fold sections away: "Details" asks for them, answered in the message's thread.</summary>
    private static IEnumerable<CardAction> DetailsButton(Card card) =>
        card.Details is { } details ? [new CardAction(details.Label, details.Open)] : [];

    private static void RenderHeader(Card card, Builder b)
    {
        var title = string.IsNullOrWhiteSpace(card.Title) ? card.Kind.ToString() : card.Title.Trim();
        b.Add(new HeaderBlock(TextObject.Plain(SlackText.Shorten(title, BlockKitLimits.HeaderText))));
        if (title.Length > BlockKitLimits.HeaderText)
        {
            b.Add(new SectionBlock(TextObject.Markdown("*" + SlackText.Escape(title) + "*")));
        }
    }

    private static void RenderContext(Card card, Builder b, Phrases say)
    {
        var elements = new List<TextObject>();
        if (!string.IsNullOrWhiteSpace(card.Subtitle))
        {
            elements.Add(TextObject.Markdown(SlackText.Escape(card.Subtitle)));
        }

        elements.AddRange(card.Facts.Select(f => TextObject.Markdown(say.Cards("Slack.Fact", SlackText.Escape(f.Label), SlackText.Escape(say.Language.Isolate(f.Value))))));
        foreach (var group in elements.Chunk(BlockKitLimits.ContextElements))
        {
            b.Add(new ContextBlock(group));
        }
    }

    /// <summary>Columns side by side: a section's fields, which Slack shows two to a row, each its heading over its facts.</summary>
    private static void RenderColumns(IReadOnlyList<CardColumn> columns, Builder b, Phrases say)
    {
        if (columns.Count == 0)
        {
            return;
        }

        var fields = columns.Select(column => TextObject.Markdown(SlackText.Shorten(
            string.Join('\n', column.Facts
                .Select(f => say.Cards("Slack.Fact", SlackText.Escape(f.Label), SlackText.Escape(say.Language.Isolate(f.Value))))
                .Prepend("*" + SlackText.Escape(column.Heading) + "*")),
            BlockKitLimits.FieldText)));
        foreach (var row in fields.Chunk(BlockKitLimits.SectionFields))
        {
            b.Add(new FieldsBlock(row));
        }
    }

    private static void RenderChecklist(CardChecklist checklist, Builder b, Phrases say)
    {
        var open = checklist.Items.Where(i => i.State != ChecklistItemState.Confirmed).ToList();
        var done = checklist.Items.Where(i => i.State == ChecklistItemState.Confirmed).ToList();
        var required = checklist.RequiredOpen;
        var summary = open.Count == 0
            ? say.Cards("Slack.Checklist.AllConfirmed")
            : required == 0
                ? say.Count(Phrases.Area.Cards, "Slack.Checklist.OptionalOpen", open.Count)
                : say.Count(Phrases.Area.Cards, "Slack.Checklist.RequiredOpen", required);
        b.Add(new DividerBlock());
        b.Add(new SectionBlock(TextObject.Markdown(summary)));

        if (done.Count > 0)
        {
            foreach (var chunk in SlackText.Pack(done.Select(i => DoneLine(i, say)), BlockKitLimits.SectionText))
            {
                b.Add(new SectionBlock(TextObject.Markdown(chunk)));
            }
        }

        if (open.Count == 0)
        {
            return;
        }

        var group = 0;
        foreach (var items in open.Chunk(BlockKitLimits.CheckboxOptions))
        {
            // Item texts longer than an option allows are shown in full right above their boxes.
            var longOnes = items.Where(i => i.Text.Length > BlockKitLimits.OptionText).ToList();
            if (longOnes.Count > 0)
            {
                var lines = longOnes.Select(i => "• " + SlackText.Escape(i.Text));
                foreach (var chunk in SlackText.Pack(lines, BlockKitLimits.SectionText))
                {
                    b.Add(new SectionBlock(TextObject.Markdown(chunk)));
                }
            }

            var options = items.Select(i => new OptionObject(TextObject.Plain(SlackText.Shorten(i.Text, BlockKitLimits.OptionText)), i.Id.Value)
            {
                Description = i.Required ? TextObject.Plain(say.Cards("Slack.Required")) : null,
            }).ToList();
            b.Add(new ActionsBlock([new CheckboxesElement(options) { ActionId = TickActionPrefix + group.ToString(CultureInfo.InvariantCulture) }])
            {
                BlockId = ChecklistBlockPrefix + group.ToString(CultureInfo.InvariantCulture),
            });
            group++;
        }

        var value = checklist.Confirm.Payload.ToJson();
        if (value.Length > BlockKitLimits.ButtonValue)
        {
            throw new InvalidOperationException($"A confirm payload of {value.Length} characters does not fit a Slack button value.");
        }

        b.Add(new ActionsBlock([new ButtonElement(TextObject.Plain(SlackText.Shorten(checklist.Confirm.Label, BlockKitLimits.ButtonText)))
        {
            ActionId = ConfirmActionId,
            Value = value,
            Style = "primary",
        }])
        {
            BlockId = "coach-confirm",
        });
    }

    private static string DoneLine(CardChecklistItem item, Phrases say)
    {
        var text = SlackText.Escape(item.Text);
        var who = item.ConfirmedBy is { Length: > 0 } name ? SlackText.Escape(name) : null;

        // Slack shows the date in the reader's own time zone; the part after | is the fallback.
        var date = item.ConfirmedAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}}|{at.UtcDateTime:yyyy-MM-dd}>")
            : null;
        return (who, date) switch
        {
            ({ } w, { } d) => say.Cards("Slack.Done.ByOn", text, w, d),
            ({ } w, null) => say.Cards("Slack.Done.By", text, w),
            (null, { } d) => say.Cards("Slack.Done.On", text, d),
            _ => say.Cards("Slack.Done", text),
        };
    }

    private static void RenderSections(IReadOnlyList<CardSection> sections, Builder b, int budget, Phrases say)
    {
        // Each line with a button costs a block; past the budget lines are still shown, as text.
        var buttonLines = sections.Sum(s => s.Lines.Count(l => l.Action is not null));
        var textBlocksNeeded = sections.Count * 2;
        var buttonsAllowed = Math.Max(0, budget - textBlocksNeeded);
        var dropped = 0;
        foreach (var section in sections)
        {
            var pending = new List<string> { "*" + SlackText.Escape(section.Heading) + "*" };
            foreach (var line in section.Lines)
            {
                if (line.Action is { } action && buttonsAllowed > 0)
                {
                    Flush(pending, b);
                    buttonsAllowed--;
                    b.Add(new SectionBlock(TextObject.Markdown(SlackText.Shorten(SlackText.Escape(line.Text), BlockKitLimits.SectionText)))
                    {
                        Accessory = Button(action, b.NextAction()),
                    });
                }
                else
                {
                    dropped += line.Action is null ? 0 : 1;
                    pending.Add(SlackText.Escape(line.Text));
                }
            }

            Flush(pending, b);
        }

        if (dropped > 0 && buttonLines > 0)
        {
            b.Add(new ContextBlock([TextObject.Plain(say.Cards("Slack.ButtonsShownFor", buttonLines - dropped))]));
        }
    }

    private static void Flush(List<string> lines, Builder b)
    {
        foreach (var chunk in SlackText.Pack(lines, BlockKitLimits.SectionText))
        {
            b.Add(new SectionBlock(TextObject.Markdown(chunk)));
        }

        lines.Clear();
    }

    private static void RenderChoices(IReadOnlyList<CardChoice> choices, Builder b)
    {
        if (choices.Count == 0)
        {
            return;
        }

        // The list shows every label in full (buttons may have to shorten them) with its description.
        var lines = choices.Select(c => "• *" + SlackText.Escape(c.Label) + "*" +
            (string.IsNullOrWhiteSpace(c.Description) ? string.Empty : " — " + SlackText.Escape(c.Description)));
        if (choices.Any(c => !string.IsNullOrWhiteSpace(c.Description) || c.Label.Length > BlockKitLimits.ButtonText))
        {
            foreach (var chunk in SlackText.Pack(lines, BlockKitLimits.SectionText))
            {
                b.Add(new SectionBlock(TextObject.Markdown(chunk)));
            }
        }

        RenderButtons(choices.Select(c => c.Action).ToList(), b);
    }

    private static void RenderButtons(IReadOnlyList<CardAction> actions, Builder b)
    {
        foreach (var row in actions.Chunk(ButtonsPerRow))
        {
            b.Add(new ActionsBlock(row.Select(a => (BlockElement)Button(a, b.NextAction())).ToList()));
        }
    }

    private static ButtonElement Button(CardAction action, string actionId) =>
        new(TextObject.Plain(SlackText.Shorten(action.Label, BlockKitLimits.ButtonText)))
        {
            ActionId = actionId,
            Value = action.Payload.ToJson(),
            Style = action.Style switch
            {
                CardActionStyle.Primary => "primary",
                CardActionStyle.Destructive => "danger",
                _ => null,
            },
        };

    /// <summary>The callback id of every form modal; the submission's <c>private_metadata</c> says what it is for.</summary>
    public const string FormCallbackId = "coach-form";

    /// <summary>
    /// A form as a modal: one input block per field, block id and action id both the field's id (the submit payload's
    /// property it fills); <paramref name="privateMetadata"/> carries the submit payload and where the card is.
    /// </summary>
    public ModalView RenderModal(CardForm form, string privateMetadata, ReplyLanguage? language = null)
    {
        var say = _texts.In(language ?? ReplyLanguage.English);
        var blocks = new List<Block> { new SectionBlock(TextObject.Markdown("*" + SlackText.Escape(form.Title) + "*")) };
        foreach (var input in form.Inputs)
        {
            BlockElement element = input.Kind switch
            {
                CardInputKind.Date => new DatePickerElement
                {
                    ActionId = input.Id,
                    InitialDate = input.Value,
                    Placeholder = TextObject.Plain(say.Cards("Slack.PickDate")),
                },
                _ => new PlainTextInputElement
                {
                    ActionId = input.Id,
                    InitialValue = input.Value is { } value ? SlackText.Shorten(value, input.MaxLength ?? BlockKitLimits.SectionText) : null,
                    Placeholder = input.Placeholder is { } placeholder ? TextObject.Plain(SlackText.Shorten(placeholder, BlockKitLimits.PlaceholderText)) : null,
                    Multiline = input.Multiline ? true : null,
                    MaxLength = input.MaxLength,
                },
            };
            blocks.Add(new InputBlock(TextObject.Plain(SlackText.Shorten(input.Label, BlockKitLimits.InputLabel)), element)
            {
                BlockId = input.Id,
                Optional = input.Required ? null : true,
            });
        }

        return new ModalView(TextObject.Plain(SlackText.Shorten(form.Label, BlockKitLimits.ModalTitle)), blocks)
        {
            Submit = TextObject.Plain(SlackText.Shorten(form.Submit.Label, BlockKitLimits.ModalButton)),
            Close = TextObject.Plain(say.Cards("Slack.Cancel")),
            CallbackId = FormCallbackId,
            PrivateMetadata = privateMetadata,
        };
    }

    /// <summary>More than 50 blocks: keep 49 and say how many were left out.</summary>
    private static IReadOnlyList<Block> Paginate(IReadOnlyList<Block> blocks, Phrases say)
    {
        if (blocks.Count <= BlockKitLimits.MessageBlocks)
        {
            return blocks;
        }

        var kept = blocks.Take(BlockKitLimits.MessageBlocks - 1).ToList();
        kept.Add(new ContextBlock([TextObject.Plain(say.Cards("Slack.MoreParts", blocks.Count - kept.Count))]));
        return kept;
    }

    private sealed class Builder(int firstActionIndex = 0)
    {
        private readonly List<Block> blocks = [];

        public int NextActionIndex { get; private set; } = firstActionIndex;

        public IReadOnlyList<Block> Blocks => blocks;

        public int Count => blocks.Count;

        public void Add(Block block) => blocks.Add(block);

        public void AddRange(IEnumerable<Block> more) => blocks.AddRange(more);

        public string NextAction() => ButtonActionPrefix + (NextActionIndex++).ToString(CultureInfo.InvariantCulture);
    }
}
