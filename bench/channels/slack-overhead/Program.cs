// The Slack channel with a fixed core: every turn gets the same checklist card the demo's
// "next Globex renewal" produces (title, 8 facts, two paragraphs, 3 open required items, Confirm),
// and every button press gets it back as a card replacement. So the CPU per request is what
// src/SalesCoachBot.Slack adds on top of the coach turn: Kestrel, signature, form/JSON parsing,
// the ack budget, Block Kit rendering and writing, and (confirm) the queue + response_url call.
// Usage: dotnet SlackOverhead.dll --urls http://127.0.0.1:5205  (env Slack__SigningSecret=…)
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Slack;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<ICoachBot, FixedCoachBot>();
builder.Services.AddSlackChannel(builder.Configuration, builder.Environment);
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.MapSlackChannel();
app.Run();

internal sealed class FixedCoachBot : ICoachBot
{
    private static readonly DealId Deal = new(3);
    private static readonly StageId Stage = new("proposal");

    private static readonly Card Checklist = new()
    {
        Kind = CardKind.Checklist,
        Title = "Globex renewal — Proposal / quote",
        Subtitle = "#1003 · EMEA",
        Facts =
        [
            new("Stage", "Proposal / quote (8 of 14)"), new("Stage owner", "sales"), new("Deal owner", "Dana Demo"),
            new("Days in stage", "6"), new("Status", "On track: 6 days in stage (limit 21), last activity 6 days ago."),
            new("Amount", "96,000 EUR"), new("Next stage", "Verbal agreement"),
        ],
        Body =
        [
            "In this stage: The buyer saw the demo and asked for pricing or a proposal.",
            "What happens: Send the proposal, walk the buyer through it on a call and handle objections until a verbal yes or a confirmed loss.",
        ],
        Checklist = new CardChecklist(Deal, Stage, 3,
            [
                new(new ChecklistItemId("proposal-sent"), "Proposal with price and scope sent to the decision maker", true, ChecklistItemState.Open),
                new(new ChecklistItemId("proposal-reviewed"), "Proposal reviewed with the buyer on a call", true, ChecklistItemState.Open),
                new(new ChecklistItemId("verbal-yes"), "Decision maker said yes", true, ChecklistItemState.Open),
            ],
            new CardAction("Confirm ticked items", new ConfirmItemsPayload(Deal, Stage, 3), CardActionStyle.Primary)),
    };

    private static readonly BotAnswer Answer = new("Globex renewal — Proposal / quote", Checklist);
    private static readonly BotAnswer Replacement = Answer with { ReplacesCard = true };

    public Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken) =>
        Task.FromResult(turn.Input is ActionInput ? Replacement : Answer);
}
