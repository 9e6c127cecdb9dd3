using System.Runtime.CompilerServices;
using System.Text.Json;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Slack.BlockKit;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// One golden Block Kit message per kind of answer the bot sends. Each is re-rendered and compared here;
/// tests/peers/slack/check.sh type-checks the same files against @slack/types. UPDATE_GOLDENS=1 rewrites them.
/// </summary>
public sealed class BlockKitGoldenTests
{
    private static readonly DealId Initech = new(1042);
    private static readonly DateTimeOffset ConfirmedAt = new(2025, 5, 6, 14, 30, 0, TimeSpan.Zero);

    public static TheoryData<string> Names => [.. Samples.Keys];

    internal static Dictionary<string, BotAnswer> Samples => new()
    {
        ["checklist"] = new BotAnswer("Initech is in Demo: 1 of 2 required items open.", ChecklistCard(stageVersion: 3)),
        ["closed-lost"] = ClosedDealSamples.Lost(SalesCoachBot.Core.Localization.Phrases.English),
        ["checklist-stale"] = new BotAnswer("That card was out of date; here is Initech now.", ChecklistCard(stageVersion: 4) with
        {
            Note = "That card was out of date (the deal moved on). This is the current checklist; nothing was recorded.",
        })
        { ReplacesCard = true },
        ["checklist-advanced"] = new BotAnswer("Confirmed. Initech moved to Proposal.", new Card
        {
            Kind = CardKind.Checklist,
            Title = "Initech · Proposal",
            Subtitle = "Moved from Demo just now",
            Facts = [new("Stage", "Proposal"), new("Owner", "sales"), new("Days in stage", "0")],
            Checklist = new CardChecklist(Initech, new StageId("proposal"), 5,
            [
                new(new ChecklistItemId("proposal-sent"), "Written proposal sent to the decision maker", true, ChecklistItemState.Open),
                new(new ChecklistItemId("pricing-approved"), "Pricing approved internally (discount within policy)", true, ChecklistItemState.Open),
            ],
            new CardAction("Confirm ticked items", new ConfirmItemsPayload(Initech, new StageId("proposal"), 5), CardActionStyle.Primary)),
        })
        { ReplacesCard = true },
        ["checklist-large"] = new BotAnswer("Implementation checklist for Globex.", LargeChecklist()),
        ["said-no-reason"] = SalesCoachBot.Testing.SampleCloseCards.ReasonPicker(),
        ["closed-undo"] = SalesCoachBot.Testing.SampleCloseCards.ClosedWithUndo(),
        ["stage-info"] = new BotAnswer("Demo: a demo tailored to the written requirements.", new Card
        {
            Kind = CardKind.StageInfo,
            Title = "Demo",
            Subtitle = "Owner: sales-engineer · stalls after 10 days",
            Body =
            [
                "Entry: requirements are gathered and the demo is scheduled.",
                "What happens: a demo tailored to the written requirements, prepared with the sales engineer.",
            ],
            Sections = [new CardSection("Exit checklist", [new CardLine("• Demo held with the buyer's team (required)"), new CardLine("• Follow-up questions answered in writing")])],
        }),
        ["choose-deal"] = new BotAnswer("Several deals fit \"acme\". Which one?", new Card
        {
            Kind = CardKind.ChooseDeal,
            Title = "Which deal did you mean?",
            Choices =
            [
                new("Acme Corp renewal (#1001)", "Proposal · Dana · 12 days", new CardAction("Acme Corp renewal (#1001)", new ShowChecklistPayload(new DealId(1001)))),
                new("Acme Logistics (#1017)", "Discovery · Sam · 3 days", new CardAction("Acme Logistics (#1017)", new ShowChecklistPayload(new DealId(1017)))),
                new("Acme & Sons <EU> (#1033)", null, new CardAction("Acme & Sons <EU> (#1033)", new ShowChecklistPayload(new DealId(1033)))),
            ],
        }),
        ["deal-list"] = new BotAnswer("You own 60 open deals.", new Card
        {
            Kind = CardKind.DealList,
            Title = "My deals",
            Sections =
            [
                new CardSection("Stalled", [.. Enumerable.Range(1, 30).Select(i => new CardLine($"#{2000 + i} Deal number {i} · Demo · {10 + i} days", new CardAction("Checklist", new ShowChecklistPayload(new DealId(2000 + i)))))]),
                new CardSection("On track", [.. Enumerable.Range(31, 30).Select(i => new CardLine($"#{2000 + i} Deal number {i} · Discovery · {i % 7} days", new CardAction("Checklist", new ShowChecklistPayload(new DealId(2000 + i)))))]),
            ],
        }),
        ["help"] = new BotAnswer("Here is what I can do.", new Card
        {
            Kind = CardKind.Help,
            Title = "SalesCoachBot help",
            Body = ["Ask in your own words; these are the canonical forms. Add `public` to a /coach command to answer in the channel."],
            Sections =
            [
                new CardSection("Deals", [new CardLine("what's next for DEAL"), new CardLine("done ITEM for DEAL"), new CardLine("undo ITEM for DEAL"), new CardLine("my deals")]),
                new CardSection("Teams", [new CardLine("pipeline [TEAM] [last N days]"), new CardLine("stalled [TEAM]")]),
            ],
            Actions = [new CardAction("My deals", new RunCommandPayload("my deals")), new CardAction("Stalled deals", new RunCommandPayload("stalled"))],
        }),
        ["help-topic"] = HelpTopic(SalesCoachBot.Core.Localization.Phrases.English),
        ["error"] = new BotAnswer("I couldn't find a deal called \"wayne\".", new Card
        {
            Kind = CardKind.Error,
            Title = "No such deal",
            Body = ["I couldn't find a deal called \"wayne\". Try its number (#1042) or `my deals`."],
        }),
        ["pipeline"] = new BotAnswer("Pipeline for Enterprise, last 90 days.", new Card
        {
            Kind = CardKind.Pipeline,
            Title = "Pipeline · Enterprise · last 90 days",
            Facts = [new("Open", "24 deals"), new("Won", "5 (410,000 EUR)"), new("Lost", "3")],
            Sections = [new CardSection("By stage", [new CardLine("Discovery · 9 · 1,020,000 EUR"), new CardLine("Demo · 6 · 700,500 EUR"), new CardLine("Proposal · 4 · 380,000 EUR")])],
            Image = new CardImage("https://coach.example.com/charts/3f9a1c.png", "Bar chart: open deals per stage"),
        }),
        ["text-only"] = new BotAnswer("I'm not sure what you mean. Try `help`.\nFor example: `what's next for initech`."),
        ["checklist-notes"] = new BotAnswer("Noted on Initech.", ChecklistCard(stageVersion: 3) with
        {
            Note = "Noted on Initech.",
            Sections = [new CardSection("Latest notes",
            [
                new CardLine("Tue 6 May 2025 · Pat Lee: CFO wants an ROI case by Q1"),
                new CardLine("Mon 5 May 2025 · Pat Lee: Legal review starts Monday; *redlines* <due> Friday"),
                new CardLine("Fri 2 May 2025 · Alex Wilber: Champion moved to the CFO office"),
            ])],
            Actions = [new CardAction("History", new ShowHistoryPayload(Initech, 1))],
            Forms = [Core.Coaching.DealCards.NoteForm(new Deal { Id = Initech, ExternalId = "1042", Name = "Initech", StageId = new StageId("demo") })],
        }),
        ["history"] = new BotAnswer("History of Initech", new Card
        {
            Kind = CardKind.History,
            Title = "History of Initech",
            Subtitle = "#1042 · Enterprise",
            Sections = [new CardSection("Entries 1–20 of 27, newest first", [.. Enumerable.Range(0, 20).Select(i => new CardLine((i % 4) switch
            {
                0 => $"2025-05-{20 - i:00} 14:30 UTC · Pat Lee · Note: call notes {i} · in Slack channel C0SALES",
                1 => $"2025-05-{20 - i:00} 10:00 UTC · Morgan Manager · Moved to Proposal as an override of the checklist: buyer asked to skip the demo · in Teams chat 19:abc@thread.tacv2 · map v4",
                2 => $"2025-05-{20 - i:00} 09:15 UTC · Pat Lee · Confirmed \"Demo held with the buyer's team\" (Demo) · from the command line (walk)",
                _ => $"2025-05-{20 - i:00} 08:00 UTC · Pat Lee · A call (pricing questions)",
            }))])],
            Actions = [new CardAction("More", new ShowHistoryPayload(Initech, 2), CardActionStyle.Primary), new CardAction("Checklist", new ShowChecklistPayload(Initech))],
        }),
    };

    /// <summary>"help snooze" as HelpUseCase answers it: the command's line of the help, where the rest is, one button.</summary>
    internal static BotAnswer HelpTopic(SalesCoachBot.Core.Localization.Phrases say)
    {
        var line = say.Coaching("Help.Line", say.Coaching("Help.Cmd.Snooze"), say.Coaching("Help.What.Snooze"));
        return new BotAnswer(line, new Card
        {
            Kind = CardKind.Help,
            Title = say.Coaching("Help.Title"),
            Body = [line, say.Coaching("Help.Topic.All")],
            Actions = [new CardAction(say.Coaching("Help.Button.All"), new RunCommandPayload("help"))],
        });
    }

    private static Card ChecklistCard(int stageVersion) => new()
    {
        Kind = CardKind.Checklist,
        Title = "Initech · Demo",
        Subtitle = "Deal #1042 · 120,000 EUR",
        Facts = [new("Stage", "Demo"), new("Owner", "Pat Lee (sales-engineer)"), new("Days in stage", "6")],
        Body = ["A demo tailored to the written requirements, prepared with the sales engineer."],
        Checklist = new CardChecklist(Initech, new StageId("demo"), stageVersion,
        [
            new(new ChecklistItemId("demo-prepared"), "Demo script reviewed against the requirements list", true, ChecklistItemState.Confirmed, "Pat Lee", ConfirmedAt),
            new(new ChecklistItemId("demo-held"), "Demo held with the buyer's team", true, ChecklistItemState.Open),
            new(new ChecklistItemId("questions-answered"), "Follow-up questions answered in writing", false, ChecklistItemState.Open),
        ],
        new CardAction("Confirm ticked items", new ConfirmItemsPayload(Initech, new StageId("demo"), stageVersion), CardActionStyle.Primary)),
        Actions = [new CardAction("Explain this stage", new RunCommandPayload("explain demo"))],
    };

    private static Card LargeChecklist()
    {
        var items = Enumerable.Range(1, 23).Select(i => new CardChecklistItem(
            new ChecklistItemId($"step-{i}"),
            i % 5 == 0
                ? $"Step {i}: a deliberately long checklist item that explains exactly what evidence the implementation lead must attach before it counts"
                : $"Step {i}: evidence attached",
            i % 3 == 0,
            i <= 4 ? ChecklistItemState.Confirmed : ChecklistItemState.Open,
            i <= 4 ? "Sam Ortiz" : null,
            i <= 4 ? ConfirmedAt.AddDays(i) : null)).ToList();
        return new Card
        {
            Kind = CardKind.Checklist,
            Title = "Globex · Implementation",
            Checklist = new CardChecklist(new DealId(77), new StageId("implementation"), 9, items,
                new CardAction("Confirm ticked items", new ConfirmItemsPayload(new DealId(77), new StageId("implementation"), 9), CardActionStyle.Primary)),
        };
    }

    internal static string Golden(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Goldens", name + ".json");

    internal static string RenderJson(BotAnswer answer) =>
        JsonSerializer.Serialize(new BlockKitRenderer().Render(answer), SlackJsonContext.Indented.SlackMessage) + "\n";

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_EachAnswerKind_MatchesItsGolden(string name)
    {
        var json = RenderJson(Samples[name]);
        GoldenFile.AssertMatches(Golden(name), json);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_EachAnswerKind_KeepsEveryDocumentedLimit(string name)
    {
        using var doc = JsonDocument.Parse(RenderJson(Samples[name]));
        Assert.Empty(BlockKitLimitCheck.Problems(doc.RootElement));
    }

    [Fact]
    public void Render_Checklist_ConfirmedItemsAreTextNotBoxesAndConfirmCarriesTypedPayload()
    {
        var message = new BlockKitRenderer().Render(Samples["checklist"]);

        var boxes = message.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Elements).OfType<CheckboxesElement>().Single();
        Assert.Equal(["demo-held", "questions-answered"], boxes.Options.Select(o => o.Value));
        Assert.Contains(message.Blocks.OfType<SectionBlock>(), s => s.Text.Text.Contains("Demo script reviewed", StringComparison.Ordinal) && s.Text.Text.Contains("Pat Lee", StringComparison.Ordinal));
        var confirm = message.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Elements).OfType<ButtonElement>().Single(b => b.ActionId == BlockKitRenderer.ConfirmActionId);
        Assert.Equal(new ConfirmItemsPayload(Initech, new StageId("demo"), 3), ActionPayload.TryParse(confirm.Value));
    }

    [Fact]
    public void Render_CardAnswerWithSummary_SummaryIsTheMessageTextAndTheLongTextIsNeverComposed()
    {
        var card = Samples["checklist"].Card!;
        var answer = new BotAnswer(() => throw new InvalidOperationException("the plain-text twin is not for Slack"), "Initech — Demo <1 open>", card);

        var message = new BlockKitRenderer().Render(answer);

        Assert.Equal("Initech — Demo &lt;1 open&gt;", message.Text);
        Assert.Contains(message.Blocks, b => b is HeaderBlock);
    }

    [Fact]
    public void Render_TwentyThreeItems_SplitIntoGroupsOfTenWithLongTextsShownInFull()
    {
        var message = new BlockKitRenderer().Render(Samples["checklist-large"]);

        var groups = message.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Elements).OfType<CheckboxesElement>().ToList();
        Assert.Equal([10, 9], groups.Select(g => g.Options.Count));
        var longText = "Step 10: a deliberately long checklist item that explains exactly what evidence the implementation lead must attach before it counts";
        Assert.Contains(message.Blocks.OfType<SectionBlock>(), s => s.Text.Text.Contains(longText, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SixtyLinesWithButtons_StaysWithinFiftyBlocksAndSaysSo()
    {
        var message = new BlockKitRenderer().Render(Samples["deal-list"]);
        var all = SlackWireJson.Serialize(message, SlackJsonContext.Wire.SlackMessage);

        Assert.True(message.Blocks.Count <= BlockKitLimits.MessageBlocks);
        for (var i = 1; i <= 60; i++)
        {
            Assert.Contains($"Deal number {i} ", all, StringComparison.Ordinal);
        }

        Assert.Contains("Buttons are shown for the first", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TooManyBlocks_KeepsFortyNineAndSaysHowManyMore()
    {
        var card = new Card
        {
            Kind = CardKind.Info,
            Title = "Many",
            Actions = [.. Enumerable.Range(0, 300).Select(i => new CardAction($"Button {i}", new RunCommandPayload($"cmd {i}")))],
        };

        var message = new BlockKitRenderer().Render(new BotAnswer("many", card));

        Assert.Equal(BlockKitLimits.MessageBlocks, message.Blocks.Count);
        var last = Assert.IsType<ContextBlock>(message.Blocks[^1]);
        Assert.StartsWith("…and 12 more", last.Elements[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongTitleAndBody_HeaderShortenedWithFullTitleBelowAndBodySplit()
    {
        var title = string.Concat(Enumerable.Repeat("Very long deal name ", 10));
        var body = string.Join(' ', Enumerable.Repeat("word", 1500));
        var message = new BlockKitRenderer().Render(new BotAnswer("x", new Card { Kind = CardKind.Info, Title = title, Body = [body] }));

        var header = Assert.IsType<HeaderBlock>(message.Blocks[0]);
        Assert.True(header.Text.Text.Length <= BlockKitLimits.HeaderText);
        Assert.EndsWith("…", header.Text.Text, StringComparison.Ordinal);
        Assert.Contains(title.Trim(), ((SectionBlock)message.Blocks[1]).Text.Text, StringComparison.Ordinal);
        var sections = message.Blocks.Skip(2).OfType<SectionBlock>().ToList();
        Assert.True(sections.Count >= 3);
        Assert.All(sections, s => Assert.True(s.Text.Text.Length <= BlockKitLimits.SectionText));
        Assert.Equal(1500, sections.Sum(s => s.Text.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
    }

    [Fact]
    public void Render_UserTextWithSlackControlCharacters_IsEscaped()
    {
        var message = new BlockKitRenderer().Render(new BotAnswer("x", new Card { Kind = CardKind.Info, Title = "t", Body = ["<!channel> & <@U123>"] }));

        Assert.Equal("&lt;!channel&gt; &amp; &lt;@U123&gt;", ((SectionBlock)message.Blocks[1]).Text.Text);
    }
}
