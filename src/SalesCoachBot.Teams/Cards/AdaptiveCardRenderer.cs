using System.Globalization;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Teams.Activities;

namespace SalesCoachBot.Teams.Cards;

/// <summary>
/// Renders a channel-neutral <see cref="Card"/> as an Adaptive Card 1.5, the newest version
/// Teams renders. Buttons are <c>Action.Execute</c> (verb = the payload kind, data = the typed
/// payload) with an <c>Action.Submit</c> fallback for older clients; checklist items are
/// <c>Input.Toggle</c>s whose id is the item id, so a press carries the ticked items back.
/// Every text that goes where a card renders Markdown (TextBlocks, facts, the fallback text) passes
/// through <see cref="CardMarkdown.Escape"/>: the Core's text is plain and repeats what people typed.
/// Titles of buttons and toggles and alt text are shown as plain text already. An Arabic card sets <c>rtl</c>; the
/// renderer's own words (headings, hints) come from the <see cref="CardText"/> resources in the card's language.
/// </summary>
internal sealed class AdaptiveCardRenderer(ReplyTexts? texts = null)
{
    private readonly ReplyTexts _texts = texts ?? ReplyTexts.Shared;

    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public Attachment ToAttachment(Card card) => new(ContentType, Render(card));

    public AdaptiveCard Render(Card card)
    {
        var say = _texts.In(card.Language ?? ReplyLanguage.English);
        var body = new List<CardElement>();
        if (card.Note is { Length: > 0 } note)
        {
            body.Add(new Container([Text(note)]) { Style = ContainerStyle.Warning });
        }

        body.Add(Text(card.Title) with
        {
            Size = TextSize.Large,
            Weight = TextWeight.Bolder,
            Style = TextBlockStyle.Heading,
            Color = card.Kind == CardKind.Error ? TextColor.Attention : null,
        });
        if (card.Subtitle is { Length: > 0 } subtitle)
        {
            body.Add(Text(subtitle, subtle: true) with { Spacing = Spacing.None });
        }

        // The answer to the question asked comes before the figures around it.
        if (card.Lead is { Length: > 0 } lead)
        {
            body.Add(Text(lead) with { Weight = TextWeight.Bolder });
        }

        foreach (var paragraph in card.Body)
        {
            body.Add(Text(paragraph));
        }

        if (card.Facts.Count > 0)
        {
            body.Add(new FactSet([.. card.Facts.Select(f => new Fact(CardMarkdown.Escape(f.Label), CardMarkdown.Escape(f.Value)))]));
        }

        if (card.Columns.Count > 0)
        {
            // Side by side, each column its heading over its facts; an rtl card puts the first column on the right.
            var columns = card.Columns.Select(column => new Column(ColumnWidth.Stretch,
            [
                Text(column.Heading) with { Weight = TextWeight.Bolder },
                new FactSet([.. column.Facts.Select(f => new Fact(CardMarkdown.Escape(f.Label), CardMarkdown.Escape(f.Value)))]) { Spacing = Spacing.Small },
            ]));
            body.Add(new ColumnSet([.. columns]) { Separator = true });
        }

        if (card.Checklist is { } checklist)
        {
            AddChecklist(body, checklist, say);
        }

        foreach (var section in card.Sections)
        {
            AddSection(body, section);
        }

        foreach (var choice in card.Choices)
        {
            body.Add(new ActionSet([Execute(choice.Action)]) { Spacing = Spacing.Small });
            if (choice.Description is { Length: > 0 } description)
            {
                body.Add(Text(description, subtle: true) with { Size = TextSize.Small, Spacing = Spacing.None });
            }
        }

        if (card.Image is { } image)
        {
            body.Add(new ImageElement(image.Url, image.AltText, ImageSize.Stretch));
        }

        var actions = new List<CardButton>();
        if (card.Checklist is { } list)
        {
            actions.Add(Execute(list.Confirm));
        }

        foreach (var action in card.Actions)
        {
            actions.Add(Execute(action));
        }

        foreach (var form in card.Forms)
        {
            if (card.Kind == CardKind.Form)
            {
                // A card that is only the form shows its fields at once.
                body.AddRange(Inputs(form, say));
                actions.Add(Execute(form.Submit));
            }
            else
            {
                actions.Add(new ShowCardAction(form.Label, new ShownCard([Text(form.Title) with { Weight = TextWeight.Bolder }, .. Inputs(form, say)], [Execute(form.Submit)])));
            }
        }

        if (card.Details is { } details)
        {
            // Unfolds in place: the summary stays one screen, the details cost no round trip.
            var shown = new List<CardElement>();
            shown.AddRange(details.Body.Select(p => Text(p) with { Size = TextSize.Small }));
            foreach (var section in details.Sections)
            {
                AddSection(shown, section);
            }

            actions.Add(new ShowCardAction(details.Label, new ShownCard(shown, [])));
        }

        // fallbackText "may contain markdown" (schema)
        return new AdaptiveCard(CardMarkdown.Escape(card.Title), body)
        {
            Actions = actions.Count > 0 ? actions : null,
            Rtl = say.Language.IsRightToLeft ? true : null,
        };
    }

    private static void AddChecklist(List<CardElement> body, CardChecklist checklist, Phrases say)
    {
        body.Add(Heading(say.Cards("ExitChecklist")));
        foreach (var item in checklist.Items)
        {
            var label = item.Required ? item.Text : say.Cards("Item.Optional", item.Text);
            if (item.State == ChecklistItemState.Confirmed)
            {
                var who = new TextBlock(ConfirmedLine(item, say)) { IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None };
                // The same rule as Slack's done lines and the text's "[x]": the mark from the texts, a Latin item isolated in Arabic.
                body.Add(new Container([Text(say.Cards("Teams.Done", label)), who]));
            }
            else
            {
                body.Add(new ToggleInput(item.Id.Value, label));
            }
        }

        var left = checklist.RequiredOpen;
        var hint = left == 0 ? say.Cards("Hint.AllConfirmed") : say.Count(Phrases.Area.Cards, "Hint.ItemsLeft", left);
        body.Add(Text(hint, subtle: true) with { Size = TextSize.Small });
    }

    // Dates go through the card's DATE function so each reader sees them in their own locale; the
    // line is Markdown already (the function must not be escaped), the name in it is escaped.
    private static string ConfirmedLine(CardChecklistItem item, Phrases say)
    {
        var name = item.ConfirmedBy is { Length: > 0 } who ? CardMarkdown.Escape(who) : null;
        if (item.ConfirmedAt is not { } at)
        {
            return name is null ? say.Cards("Confirmed") : say.Cards("ConfirmedBy", name);
        }

        var date = $"{{{{DATE({at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}, SHORT)}}}}";
        return name is null ? say.Cards("ConfirmedOn", date) : say.Cards("ConfirmedByOn", name, date);
    }

    private static void AddSection(List<CardElement> body, CardSection section)
    {
        body.Add(Heading(section.Heading));
        foreach (var line in section.Lines)
        {
            if (line.Action is null)
            {
                body.Add(Text(line.Text) with { Spacing = Spacing.Small });
                continue;
            }

            // A line that opens something (a deal in a list) posts a new answer rather than replacing this card.
            body.Add(new ColumnSet(
            [
                new Column(ColumnWidth.Stretch, [Text(line.Text)]) { VerticalContentAlignment = VerticalAlignment.Center },
                new Column(ColumnWidth.Auto, [new ActionSet([Submit(line.Action)])]),
            ])
            { Spacing = Spacing.Small });
        }
    }

    /// <summary>A form's fields; their ids are the submit payload's properties, which Teams fills from them.</summary>
    private static IEnumerable<CardElement> Inputs(CardForm form, Phrases say) =>
        form.Inputs.Select(input => input.Kind switch
        {
            CardInputKind.Date => (CardElement)new DateField(input.Id, input.Label)
            {
                Value = input.Value,
                Min = input.Min,
                IsRequired = input.Required ? true : null,
                ErrorMessage = input.Required ? say.Cards("Input.Required", input.Label) : null,
            },
            _ => new TextField(input.Id, input.Label)
            {
                Value = input.Value,
                Placeholder = input.Placeholder,
                IsMultiline = input.Multiline ? true : null,
                MaxLength = input.MaxLength,
                IsRequired = input.Required ? true : null,
                ErrorMessage = input.Required ? say.Cards("Input.Required", input.Label) : null,
            },
        });

    private static TextBlock Heading(string text) =>
        Text(text) with { Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium };

    /// <summary>A TextBlock showing <paramref name="text"/> as written (plain text, escaped for Markdown).</summary>
    private static TextBlock Text(string text, bool subtle = false) =>
        new(CardMarkdown.Escape(text)) { IsSubtle = subtle ? true : null };

    private static ExecuteAction Execute(CardAction action) =>
        new(action.Label, action.Payload.Kind, action.Payload, Submit(action)) { Style = Style(action.Style) };

    private static SubmitAction Submit(CardAction action) =>
        new(action.Label, action.Payload) { Style = Style(action.Style) };

    private static ActionStyle? Style(CardActionStyle style) => style switch
    {
        CardActionStyle.Primary => ActionStyle.Positive,
        CardActionStyle.Destructive => ActionStyle.Destructive,
        _ => null,
    };
}
