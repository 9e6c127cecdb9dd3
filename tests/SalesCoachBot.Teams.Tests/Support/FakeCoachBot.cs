using System.Collections.Concurrent;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Teams.Tests.Support;

/// <summary>Records every turn and answers with whatever the test set (a checklist card by default).</summary>
internal sealed class FakeCoachBot : ICoachBot
{
    public ConcurrentQueue<ChatTurn> Turns { get; } = new();

    public Func<ChatTurn, BotAnswer> Answer { get; set; } = _ => new BotAnswer("Initech is in Discovery.", SampleCards.Checklist());

    public Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        Turns.Enqueue(turn);
        return Task.FromResult(Answer(turn));
    }
}

/// <summary>Representative Core cards, one per kind the bot sends.</summary>
internal static class SampleCards
{
    public static readonly DealId Initech = new(42);
    public static readonly StageId Discovery = new("discovery");
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    public static Card Checklist(string? note = null) => new()
    {
        Kind = CardKind.Checklist,
        Title = "Initech: Discovery",
        Subtitle = "Deal 1042 · Initech · 120,000 USD",
        Body = ["Hold one or more discovery meetings until every requirement is written down."],
        Facts =
        [
            new CardFact("Stage", "Discovery (6 of 14)"),
            new CardFact("What it is for", "Understand the buyer's problem and write down every requirement."),
            new CardFact("Owner", "Sales"),
            new CardFact("Days in stage", "9 of 14"),
        ],
        Checklist = new CardChecklist(
            Initech,
            Discovery,
            3,
            [
                new CardChecklistItem(new ChecklistItemId("requirements-listed"), "Requirements list shared with the buyer", true, ChecklistItemState.Confirmed, "Alex Wilber", Monday),
                new CardChecklistItem(new ChecklistItemId("demo-booked"), "Demo date agreed with the buyer", true, ChecklistItemState.Open),
                new CardChecklistItem(new ChecklistItemId("champion-named"), "A champion is named", false, ChecklistItemState.Open),
            ],
            new CardAction("Confirm", new ConfirmItemsPayload(Initech, Discovery, 3), CardActionStyle.Primary)),
        Note = note,
    };

    /// <summary>The deal card with its latest notes and the "Add note" and "History" buttons (issue 15).</summary>
    public static Card ChecklistWithNotes() => Checklist(note: "Noted on Initech.") with
    {
        Sections = [new CardSection("Latest notes",
        [
            new CardLine("Fri 27 Nov 2026 · Alex Wilber: CFO wants an ROI case by Q1"),
            new CardLine("Thu 26 Nov 2026 · Megan Bowen: Legal review starts Monday; *redlines* due Friday"),
        ])],
        Actions = [new CardAction("History", new ShowHistoryPayload(Initech, 1))],
        Forms = [Core.Coaching.DealCards.NoteForm(new Deal { Id = Initech, ExternalId = "1002", Name = "Initech", StageId = Discovery })],
    };

    /// <summary>A history page with a "More" button.</summary>
    public static Card History() => new()
    {
        Kind = CardKind.History,
        Title = "History of Initech",
        Subtitle = "#1042 · Enterprise",
        Sections = [new CardSection("Entries 1–20 of 23, newest first", [.. Enumerable.Range(0, 20).Select(i => new CardLine((i % 3) switch
        {
            0 => $"2026-11-{27 - i:00} 14:30 UTC · Alex Wilber · Note: call notes {i} · in Teams chat 19:abc@thread.tacv2",
            1 => $"2026-11-{27 - i:00} 10:00 UTC · Megan Bowen · Moved to Proposal as an override of the checklist: buyer asked to skip the demo · in Slack channel C0SALES · map v4",
            _ => $"2026-11-{27 - i:00} 09:15 UTC · Alex Wilber · A meeting",
        }))])],
        Actions = [new CardAction("More", new ShowHistoryPayload(Initech, 2), CardActionStyle.Primary), new CardAction("Checklist", new ShowChecklistPayload(Initech))],
    };

    public static Card ChooseDeal() => new()
    {
        Kind = CardKind.ChooseDeal,
        Title = "Which deal did you mean?",
        Body = ["Two deals match \"acme\"."],
        Choices =
        [
            new CardChoice("Acme Corp", "Deal 1001 · Proposal · Alex Wilber", new CardAction("Acme Corp", new ShowChecklistPayload(new DealId(7)))),
            new CardChoice("Acme Corp - EU rollout", "Deal 1002 · Discovery · Alex Wilber", new CardAction("Acme Corp - EU rollout", new ShowChecklistPayload(new DealId(8)))),
        ],
    };

    public static Card DealList() => new()
    {
        Kind = CardKind.DealList,
        Title = "Your open deals",
        Sections =
        [
            new CardSection("Stalled", [new CardLine("Globex renewal · Proposal · 31 days", new CardAction("Open", new ShowChecklistPayload(new DealId(9))))]),
            new CardSection("On track",
            [
                new CardLine("Initech · Discovery · 9 days", new CardAction("Open", new ShowChecklistPayload(Initech))),
                new CardLine("Umbrella pilot · Demo · 2 days", new CardAction("Open", new ShowChecklistPayload(new DealId(10)))),
            ]),
        ],
    };

    public static Card Help() => new()
    {
        Kind = CardKind.Help,
        Title = "What you can ask me",
        Sections =
        [
            new CardSection("Deals",
            [
                new CardLine("what's next for DEAL: the stage and its exit checklist"),
                new CardLine("done ITEM for DEAL: confirm a checklist item"),
                new CardLine("my deals: your open deals"),
            ]),
            new CardSection("Teams", [new CardLine("pipeline [TEAM]: stage counts and conversion"), new CardLine("stalled [TEAM]: deals that need attention")]),
        ],
        Actions = [new CardAction("My deals", new RunCommandPayload("my deals"))],
    };

    public static Card Error() => new()
    {
        Kind = CardKind.Error,
        Title = "I couldn't find that deal",
        Body = ["No deal matches \"initec\". Try the deal's number, e.g. \"what's next for 1042\"."],
    };

    public static Card StageInfo() => new()
    {
        Kind = CardKind.StageInfo,
        Title = "Discovery",
        Body = ["Entry: a discovery meeting with the decision maker is on the calendar."],
        Facts = [new CardFact("Owner", "Sales"), new CardFact("Stalls after", "14 days")],
        Sections = [new CardSection("Exit checklist", [new CardLine("Requirements list shared with the buyer (required)"), new CardLine("A champion is named")])],
    };
}
