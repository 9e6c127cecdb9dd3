using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Teams.Cards;
using SalesCoachBot.Teams.Dispatch;
using SalesCoachBot.Teams.Tests.Support;
using SalesCoachBot.Testing;

namespace SalesCoachBot.Teams.Tests.Cards;

/// <summary>
/// Every card kind the bot sends is kept as a golden file that CI validates with Microsoft's
/// adaptivecards library (tests/peers/teams/check.sh). Run with UPDATE_GOLDENS=1 to rewrite them.
/// </summary>
public sealed class AdaptiveCardRendererTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly AdaptiveCardRenderer renderer = new();

    public static TheoryData<string> Goldens => new() { "checklist", "checklist-stale", "choose-deal", "deal-list", "help", "help-topic", "error", "stage-info", "checklist-all-confirmed", "checklist-notes", "history", "said-no-reason", "closed-undo", "closed-lost" };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Render_EachCardKind_MatchesItsGolden(string name)
    {
        var card = name switch
        {
            "checklist" => SampleCards.Checklist(),
            "checklist-stale" => SampleCards.Checklist(note: "This card was out of date, so here is the current checklist."),
            "checklist-all-confirmed" => AllConfirmed(),
            "choose-deal" => SampleCards.ChooseDeal(),
            "deal-list" => SampleCards.DealList(),
            "help" => SampleCards.Help(),
            "help-topic" => HelpTopic(Phrases.English),
            "error" => SampleCards.Error(),
            "stage-info" => SampleCards.StageInfo(),
            "checklist-notes" => SampleCards.ChecklistWithNotes(),
            "history" => SampleCards.History(),
            "said-no-reason" => SampleCloseCards.ReasonPicker().Card!,
            "closed-undo" => SampleCloseCards.ClosedWithUndo().Card!,
            "closed-lost" => ClosedDealSamples.Lost(Phrases.English).Card!,
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var json = CardJson.Indented(renderer.Render(card));
        GoldenFile.AssertMatches(Path.Combine(GoldenDirectory(), $"{name}.json"), json);
    }

    /// <summary>"help snooze" as HelpUseCase answers it: the command's line of the help, where the rest is, one button.</summary>
    private static Card HelpTopic(Phrases say) => new()
    {
        Kind = CardKind.Help,
        Title = say.Coaching("Help.Title"),
        Body = [say.Coaching("Help.Line", say.Coaching("Help.Cmd.Snooze"), say.Coaching("Help.What.Snooze")), say.Coaching("Help.Topic.All")],
        Actions = [new CardAction(say.Coaching("Help.Button.All"), new RunCommandPayload("help"))],
    };

    /// <summary>
    /// A long deal list as MyDealsUseCase sends it, every line as long as it gets (a 60-character name, an owner, a
    /// 40-character next step, an Arabic stage), in both languages: under the size Teams accepts, the activity around it aside.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Render_LongestDealList_StaysUnderTeamsSizeLimit(bool arabic)
    {
        var say = arabic ? ReplyTexts.Shared.In(ReplyLanguage.Arabic) : Phrases.English;
        var lines = Enumerable.Range(0, ListLimits.Deals)
            .Select(i => new CardLine(
                $"{new string('N', 56)} {i:000} (#CRM-{1_000_000_000 + i}) · عرض توضيحي · 365 days in stage · next: {new string('x', 39)}… · owner: Maximilian Alexander-Worthington",
                new CardAction(say.Lists("Button.Checklist"), new ShowChecklistPayload(new DealId(9_000_000_000 + i)))))
            .Append(new CardLine(say.Lists("More", 9_999, say.Language.Isolate("Riley Rep"))))
            .ToList();
        var card = new Card
        {
            Kind = CardKind.DealList,
            Title = say.Lists("Visible.Title"),
            Subtitle = say.Lists("Mine.Counts", 10_024, 10_024),
            Note = say.Lists("Order.Biggest.EachCurrency"),
            Sections = [new CardSection(say.Lists("Mine.Section"), lines)],
            Language = say.Language,
        };

        var wire = CardJson.Wire(renderer.Render(card));

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(wire) < 24 * 1024, $"{System.Text.Encoding.UTF8.GetByteCount(wire)} bytes");
    }

    [Fact]
    public void Render_Checklist_OpenItemsAreTogglesAndConfirmedItemsAreDone()
    {
        var card = CardJson.Node(renderer.Render(SampleCards.Checklist()));

        var body = card["body"]!.AsArray();
        var toggles = body.Where(e => e!["type"]!.GetValue<string>() == "Input.Toggle").ToArray();
        Assert.Equal(["demo-booked", "champion-named"], toggles.Select(t => t!["id"]!.GetValue<string>()));
        Assert.Contains(body, e => e!.ToJsonString(Indented).Contains("✅ Requirements list shared with the buyer", StringComparison.Ordinal)
            && e.ToJsonString(Indented).Contains("Confirmed by Alex Wilber on {{DATE(2026-11-23T09:30:00Z, SHORT)}}", StringComparison.Ordinal));
        var confirm = card["actions"]![0]!;
        Assert.Equal("Action.Execute", confirm["type"]!.GetValue<string>());
        Assert.Equal("confirm", confirm["verb"]!.GetValue<string>());
        Assert.Equal("Action.Submit", confirm["fallback"]!["type"]!.GetValue<string>());
        Assert.Equal(confirm["data"]!.ToJsonString(), confirm["fallback"]!["data"]!.ToJsonString());
    }

    [Fact]
    public void Render_ConfirmPressedWithToggles_ParsesBackToTheSamePayloadAndTickedItems()
    {
        var card = CardJson.Node(renderer.Render(SampleCards.Checklist()));
        var data = card["actions"]![0]!["data"]!.AsObject().DeepClone().AsObject();
        data["demo-booked"] = "true";     // what Teams merges in from the Input.Toggles
        data["champion-named"] = "false";

        var input = TurnReader.Action(JsonDocument.Parse(data.ToJsonString()).RootElement);

        Assert.NotNull(input);
        Assert.Equal(new ConfirmItemsPayload(SampleCards.Initech, SampleCards.Discovery, 3), input.Payload);
        Assert.Equal([new ChecklistItemId("demo-booked")], input.SelectedItems);
    }

    [Fact]
    public void Render_AddNote_IsAShowCardWithAMultilineInputAndAnExecuteThatSendsTheNote()
    {
        var card = CardJson.Node(renderer.Render(SampleCards.ChecklistWithNotes()));

        var addNote = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Add note")!;
        Assert.Equal("Action.ShowCard", addNote["type"]!.GetValue<string>());
        Assert.Null(addNote["data"]);
        var input = addNote["card"]!["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Input.Text")!;
        Assert.Equal(("Input.Text", AddNotePayload.TextInput, true, 2000),
            (input["type"]!.GetValue<string>(), input["id"]!.GetValue<string>(), input["isMultiline"]!.GetValue<bool>(), input["maxLength"]!.GetValue<int>()));
        var save = addNote["card"]!["actions"]![0]!;
        Assert.Equal(("Action.Execute", "note"), (save["type"]!.GetValue<string>(), save["verb"]!.GetValue<string>()));

        // What Teams sends back: the data merged with the typed note (and the card's toggles), the longest note included.
        var data = save["data"]!.AsObject().DeepClone().AsObject();
        data[AddNotePayload.TextInput] = new string('é', 2000);
        data["demo-booked"] = "false";
        var pressed = TurnReader.Action(JsonDocument.Parse(data.ToJsonString()).RootElement);

        Assert.NotNull(pressed);
        Assert.Equal(new AddNotePayload(SampleCards.Initech, new string('é', 2000)), pressed.Payload);
        Assert.Empty(pressed.SelectedItems);
    }

    [Fact]
    public void Render_HistoryMore_IsAnExecuteCarryingTheNextPage()
    {
        var card = CardJson.Node(renderer.Render(SampleCards.History()));

        var more = card["actions"]![0]!;
        Assert.Equal(("Action.Execute", "history", "More"), (more["type"]!.GetValue<string>(), more["verb"]!.GetValue<string>(), more["title"]!.GetValue<string>()));
        var pressed = TurnReader.Action(JsonDocument.Parse(more["data"]!.ToJsonString()).RootElement);
        Assert.Equal(new ShowHistoryPayload(SampleCards.Initech, 2), pressed!.Payload);
    }

    [Fact]
    public void Render_Choices_AreExecuteButtonsCarryingEachDeal()
    {
        var card = CardJson.Node(renderer.Render(SampleCards.ChooseDeal()));

        var buttons = card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionSet").Select(e => e!["actions"]![0]!).ToArray();
        Assert.Equal(["Acme Corp", "Acme Corp - EU rollout"], buttons.Select(b => b["title"]!.GetValue<string>()));
        Assert.Equal([new ShowChecklistPayload(new DealId(7)), new ShowChecklistPayload(new DealId(8))],
            buttons.Select(b => ActionPayload.TryParse(b["data"]!.ToJsonString())));
    }

    [Fact]
    public void Render_ButtonData_IsThePayloadExactlyAsCoreWritesIt()
    {
        Card[] cards = [SampleCards.Checklist(), SampleCards.ChooseDeal(), SampleCards.DealList(), SampleCards.Help(), SampleCards.Error(), SampleCards.StageInfo()];
        var payloads = cards.SelectMany(Payloads).ToList();

        var written = cards.SelectMany(c => Buttons(JsonDocument.Parse(CardJson.Wire(renderer.Render(c))).RootElement)).ToList();

        Assert.NotEmpty(written);
        Assert.All(written, b => Assert.Equal(ActionPayload.TryParse(b.GetProperty("data"))!.ToJson(), b.GetProperty("data").GetRawText()));
        Assert.Equal(payloads.Select(p => p.ToJson()).Distinct().Order(), written.Select(b => b.GetProperty("data").GetRawText()).Distinct().Order());

        static IEnumerable<ActionPayload> Payloads(Card card) =>
        [
            .. card.Checklist is { } c ? [c.Confirm.Payload] : Array.Empty<ActionPayload>(),
            .. card.Actions.Select(a => a.Payload),
            .. card.Choices.Select(c => c.Action.Payload),
            .. card.Sections.SelectMany(s => s.Lines).Where(l => l.Action is not null).Select(l => l.Action!.Payload),
        ];
    }

    /// <summary>Every Action.Execute and Action.Submit in a card's JSON, fallbacks included.</summary>
    private static IEnumerable<JsonElement> Buttons(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => [
            .. element.TryGetProperty("type", out var type) && type.GetString() is "Action.Execute" or "Action.Submit" ? [element] : Array.Empty<JsonElement>(),
            .. element.EnumerateObject().SelectMany(p => Buttons(p.Value)),
        ],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Buttons),
        _ => [],
    };

    private static Card AllConfirmed()
    {
        var card = SampleCards.Checklist();
        var items = card.Checklist!.Items.Select(i => i with { State = ChecklistItemState.Confirmed, ConfirmedBy = "Alex Wilber", ConfirmedAt = new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero) }).ToArray();
        return card with { Checklist = card.Checklist with { Items = items } };
    }

    private static string GoldenDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Goldens"));
}
