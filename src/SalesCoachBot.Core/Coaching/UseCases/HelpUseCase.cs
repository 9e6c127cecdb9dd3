using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "help", and anything not understood: what the asker may do, with examples to press. Everyone sees the commands for
/// working on deals, "show the map" and "who is on my team"; managers and admins also those for running a team (pipeline, won/lost, moves,
/// reverse funnel, moving a deal, nudge channels). A rep's pipeline, won/lost, moves and reverse funnel answer about their own
/// deals, so a rep sees those four worded for their deals, without a team to name (naming one is refused). "new deal" is listed
/// only when no CRM manages the deals (<see cref="CrmOptions"/>).
/// </summary>
internal sealed class HelpUseCase(IOptions<CrmOptions> crm) : ICommandHandler<HelpCommand>
{
    /// <summary>Everyone's commands, in the canonical forms of the README command table: resource keys Help.Cmd.* and Help.What.*.</summary>
    internal static readonly IReadOnlyList<string> RepCommands =
        ["Next", "Done", "Undo", "MyDeals", "Due", "Stalled", "NextStep", "Note", "Activity", "Snooze", "History", "Acts", "SaidNo", "Lost", "Reopen", "NewDeal", "Link", "Explain", "Map", "Team"];

    /// <summary>The figures a rep gets about their own deals (the managers' forms name a team, which a rep may not).</summary>
    internal static readonly IReadOnlyList<string> OwnFigureCommands = ["PipelineOwn", "ClosedOwn", "MovesOwn", "FunnelOwn"];

    /// <summary>What managers (and admins) may do on top.</summary>
    internal static readonly IReadOnlyList<string> ManagerCommands = ["Pipeline", "Closed", "Moves", "Compare", "Funnel", "Move", "Nudges"];

    /// <summary>The topic of how dates are said (help_topics "dates"): Help.Cmd.Dates and Help.What.Dates.</summary>
    internal const string DatesTopic = "Dates";

    public Task<BotAnswer> HandleAsync(HelpCommand command, TurnContext context, CancellationToken cancellationToken) =>
        Task.FromResult(TopicFor(command.Topic, context.Person) is { } topic
            ? About(topic, context.Person, context.Say)
            : Handle(context.Person, notUnderstood: null, context.Say));

    /// <summary>
    /// The help key a topic stands for, as the full help would list it to this person: a rep's pipeline, won/lost, moves
    /// and reverse funnel are those of their own deals. Null (the whole help) for what the person would not see there.
    /// </summary>
    private string? TopicFor(string? topic, PersonView person)
    {
        if (topic is null)
        {
            return null;
        }

        // "help dates": how to say a date, for everyone (no command of its own, so in no list).
        if (topic == DatesTopic)
        {
            return topic;
        }

        var manages = person.IsManager || person.IsAdmin;
        if (!manages && OwnFigureCommands.Contains(topic + "Own"))
        {
            return topic + "Own";
        }

        var listed = RepCommands.Where(c => !crm.Value.ManagesDeals || c != "NewDeal").Concat(manages ? ManagerCommands : []);
        return listed.Contains(topic) ? topic : null;
    }

    /// <summary>"help snooze": that command's line of the full help (how to say it, what it does), then where the rest is.</summary>
    private static BotAnswer About(string key, PersonView person, Phrases say)
    {
        var command = Command(key, say);
        var all = say.Coaching("Help.Topic.All");
        // "help what did I do": more ways to say it than the help's one line, and whose acts a manager may ask about.
        var more = key == "Acts"
            ? Isolated(say.Coaching(person.IsManager || person.IsAdmin ? "Help.More.Acts.Manager" : "Help.More.Acts"), say)
            : null;
        var card = new Card
        {
            Kind = CardKind.Help,
            Title = say.Coaching("Help.Title"),
            Body = [say.Coaching("Help.Line", command.Command, command.What), .. more is null ? Array.Empty<string>() : [more], all],
            // The button runs the English canonical command: the parser reads it whatever the reply language is.
            Actions = [new CardAction(say.Coaching("Help.Button.All"), new RunCommandPayload("help"))],
        };
        var text = say.Coaching("Help.TextLine", command.Command, command.What) + (more is null ? string.Empty : "\n" + more);
        return new BotAnswer(text + "\n" + all, card);
    }

    /// <summary>Nothing understood: says what was not, unless nothing was typed (<see cref="NotUnderstoodUseCase"/> asks first).</summary>
    public BotAnswer NotUnderstood(UnknownCommand command, TurnContext context) =>
        Handle(context.Person, string.IsNullOrWhiteSpace(command.Text) ? null : command.Text, context.Say, command.Closest);

    private BotAnswer Handle(PersonView person, string? notUnderstood, Phrases say, IReadOnlyList<string>? closest = null)
    {
        // The commands nearest to what was typed come first, so a near miss shows its fix.
        var near = closest is { Count: > 0 }
            ? new CardSection(say.Coaching("Help.Closest"), [.. closest.Select(c => new CardLine(Isolated(c, say)))])
            : null;
        var intro = notUnderstood is null ? say.Coaching("Help.Intro") : say.Coaching("Help.NotUnderstood", say.Language.Echo(Shorten(notUnderstood)));
        var manages = person.IsManager || person.IsAdmin;
        var createsDeals = !crm.Value.ManagesDeals;
        var rep = RepCommands.Where(c => createsDeals || c != "NewDeal").Concat(manages ? [] : OwnFigureCommands).Select(c => Command(c, say)).ToList();
        var managers = manages ? ManagerCommands.Select(c => Command(c, say)).ToList() : [];
        var sections = new List<CardSection> { new(say.Coaching("Help.Section.Rep"), [.. rep.Select(c => Line(c, say))]) };
        if (manages)
        {
            sections.Add(new CardSection(say.Coaching("Help.Section.Manager"), [.. managers.Select(c => Line(c, say))]));
        }

        // The buttons run the English canonical command: the parser reads it whatever the reply language is.
        List<CardAction> actions = [new(say.Coaching("Help.Button.MyDeals"), new RunCommandPayload("my deals")), new(say.Coaching("Help.Button.Stalled"), new RunCommandPayload("stalled"))];
        if (manages)
        {
            actions.Add(new CardAction(say.Coaching("Help.Button.Pipeline"), new RunCommandPayload("pipeline")));
        }

        var card = new Card
        {
            Kind = CardKind.Help,
            Title = say.Coaching("Help.Title"),
            Body = [intro],
            Sections = [.. near is null ? [] : new[] { near }, .. sections],
            Actions = actions,
        };
        var lines = rep.Concat(managers).Select(c => say.Coaching("Help.TextLine", c.Command, c.What));
        var closestLine = near is null ? string.Empty
            : say.Coaching("Help.ClosestLine", string.Join(" · ", closest!.Select(c => say.Coaching("Help.Quoted", Isolated(c, say))))) + "\n";
        return new BotAnswer(intro + "\n" + closestLine + string.Join('\n', lines), card);
    }

    private static (string Command, string What) Command(string key, Phrases say) =>
        (say.Language.IsRightToLeft ? Bidi.IsolateLatinRuns(say.Coaching("Help.Cmd." + key)) : say.Coaching("Help.Cmd." + key), say.Coaching("Help.What." + key));

    // The text reply's "Closest:" line is isolated as the card's section is: bare Latin ids reorder inside Arabic.
    private static string Isolated(string command, Phrases say) => say.Language.IsRightToLeft ? Bidi.IsolateLatinRuns(command) : command;

    private static CardLine Line((string Command, string What) c, Phrases say) => new(say.Coaching("Help.Line", c.Command, c.What));

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
