using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "help", and anything not understood: what the asker may do, with examples to press. Everyone sees the commands for
/// working on deals; managers and admins also those for running a team (pipeline, reverse funnel, moves, nudge
/// channels). "new deal" is listed only when no CRM manages the deals (<see cref="CrmOptions"/>).
/// </summary>
internal sealed class HelpUseCase(IOptions<CrmOptions> crm) : ICommandHandler<HelpCommand>, ICommandHandler<UnknownCommand>
{
    /// <summary>Everyone's commands, in the canonical forms of the README command table.</summary>
    internal static readonly IReadOnlyList<(string Command, string What)> RepCommands =
    [
        ("what's next for Initech", "the deal's stage and its exit checklist"),
        ("done demo held for Initech", "confirm a checklist item (by its words or id)"),
        ("undo demo held for Initech", "withdraw a confirmation"),
        ("my deals", "your open deals, stalled ones first"),
        ("stalled", "the stalled deals of your team(s), with the reason"),
        ("next step for Initech: demo with their CFO on Friday", "book the next step, with its date"),
        ("note for Initech: CFO wants an ROI case", "add a note to the deal"),
        ("called Initech / met Initech / emailed Initech", "log a call, meeting or email"),
        ("snooze Initech 3 days / unsnooze Initech", "keep a deal out of the stalled list for a while (30 days at most)"),
        ("history of Initech", "everything that happened to the deal"),
        ("Initech said no / Initech is not a fit", "follow the map's branch: nurture or lost"),
        ("mark Initech lost because price", "close a deal as lost, with the reason"),
        ("reopen Initech", "undo a close: back to the stage it left"),
        ("new deal Contoso 50k EUR at discovery", "create a deal you own in your team"),
        ("link this chat to Initech", "then \"what's next\" means that deal here; \"unlink\" undoes it"),
        ("explain discovery", "what a stage is for and what ends it"),
    ];

    /// <summary>What managers (and admins) may do on top.</summary>
    internal static readonly IReadOnlyList<(string Command, string What)> ManagerCommands =
    [
        ("pipeline EMEA last 90 days", "deals per stage, conversion, cycle time and a chart"),
        ("what do we need to hit 2M", "the reverse funnel: deals needed per stage from a target"),
        ("move Initech to proposal because …", "move a deal by hand (recorded)"),
        ("use this channel for EMEA nudges", "send the team's daily stalled-deal digest to this channel"),
    ];

    public Task<BotAnswer> HandleAsync(HelpCommand command, TurnContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Handle(context.Person, notUnderstood: null));

    /// <summary>Nothing understood: says what was not, unless nothing was typed.</summary>
    public Task<BotAnswer> HandleAsync(UnknownCommand command, TurnContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Handle(context.Person, string.IsNullOrWhiteSpace(command.Text) ? null : command.Text, command.Closest));

    private BotAnswer Handle(PersonView person, string? notUnderstood, IReadOnlyList<string>? closest = null)
    {
        // The commands nearest to what was typed come first, so a near miss shows its fix.
        var near = closest is { Count: > 0 } ? new CardSection("Closest to what you typed", [.. closest.Select(c => new CardLine(c))]) : null;
        var intro = notUnderstood is null
            ? "I coach deals through your team's sales process. Try:"
            : $"Sorry, I didn't understand \"{Shorten(notUnderstood)}\". Try:";
        var manages = person.IsManager || person.IsAdmin;
        var createsDeals = !crm.Value.ManagesDeals;
        var rep = RepCommands.Where(c => createsDeals || !c.Command.StartsWith("new deal", StringComparison.Ordinal)).ToList();
        var sections = new List<CardSection> { new("Your deals", [.. rep.Select(Line)]) };
        if (manages)
        {
            sections.Add(new CardSection("Your teams (managers)", [.. ManagerCommands.Select(Line)]));
        }

        List<CardAction> actions = [new("My deals", new RunCommandPayload("my deals")), new("Stalled deals", new RunCommandPayload("stalled"))];
        if (manages)
        {
            actions.Add(new CardAction("Pipeline", new RunCommandPayload("pipeline")));
        }

        var card = new Card
        {
            Kind = CardKind.Help,
            Title = "SalesCoachBot help",
            Body = [intro],
            Sections = [.. near is null ? [] : new[] { near }, .. sections],
            Actions = actions,
        };
        var lines = rep.Concat(manages ? ManagerCommands : []).Select(c => $"- \"{c.Command}\": {c.What}");
        var closestLine = near is null ? string.Empty : $"Closest: {string.Join(" · ", closest!.Select(c => $"\"{c}\""))}\n";
        return new BotAnswer(intro + "\n" + closestLine + string.Join('\n', lines), card);
    }

    private static CardLine Line((string Command, string What) c) => new($"{c.Command} — {c.What}");

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
