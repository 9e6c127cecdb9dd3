using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>"help", and anything not understood: what the bot understands, with examples to press.</summary>
internal sealed class HelpUseCase : ICommandHandler<HelpCommand>, ICommandHandler<UnknownCommand>
{
    private static readonly (string Command, string What)[] Commands =
    [
        ("what's next for Initech", "the deal's stage and its exit checklist"),
        ("done demo held for Initech", "confirm a checklist item (by its words or id)"),
        ("undo demo held for Initech", "withdraw a confirmation"),
        ("my deals", "your open deals, stalled ones first"),
        ("explain discovery", "what a stage is for and what ends it"),
        ("link this chat to Initech", "then \"what's next\" means that deal here; \"unlink\" undoes it"),
        ("Initech said no", "follow the map's branch: nurture or lost"),
        ("mark Initech lost because price", "close a deal as lost, with the reason"),
        ("move Initech to proposal because …", "managers: move a deal by hand (recorded)"),
        ("stalled", "the stalled deals of your team(s), with the reason"),
    ];

    public Task<BotAnswer> HandleAsync(HelpCommand command, TurnContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Handle());

    /// <summary>Nothing understood: says what was not, unless nothing was typed.</summary>
    public Task<BotAnswer> HandleAsync(UnknownCommand command, TurnContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Handle(string.IsNullOrWhiteSpace(command.Text) ? null : command.Text, command.Closest));

    private static BotAnswer Handle(string? notUnderstood = null, IReadOnlyList<string>? closest = null)
    {
        // The commands nearest to what was typed come first, so a near miss shows its fix.
        var near = closest is { Count: > 0 } ? new CardSection("Closest to what you typed", [.. closest.Select(c => new CardLine(c))]) : null;
        var intro = notUnderstood is null
            ? "I coach deals through your team's sales process. Try:"
            : $"Sorry, I didn't understand \"{Shorten(notUnderstood)}\". Try:";
        var card = new Card
        {
            Kind = CardKind.Help,
            Title = "SalesCoachBot help",
            Body = [intro],
            Sections = [.. near is null ? [] : new[] { near }, new CardSection("Things to ask", [.. Commands.Select(c => new CardLine($"{c.Command} — {c.What}"))])],
            Actions = [new CardAction("My deals", new RunCommandPayload("my deals")), new CardAction("Stalled deals", new RunCommandPayload("stalled"))],
        };
        var text = intro + "\n" + (near is null ? string.Empty : $"Closest: {string.Join(" · ", closest!.Select(c => $"\"{c}\""))}\n")
            + string.Join('\n', Commands.Select(c => $"- \"{c.Command}\": {c.What}"));
        return new BotAnswer(text, card);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
