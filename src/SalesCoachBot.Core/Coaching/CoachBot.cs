using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// The channel-neutral bot: identifies the person, understands the turn, and hands it to the one
/// use case that owns it. Channel adapters only authenticate, parse and render.
/// </summary>
public sealed class CoachBot(
    IDirectoryStore directory,
    IProcessMapSource maps,
    TimeProvider time,
    CommandParser parser,
    CoachingMetrics metrics,
    UseCaseSet useCases) : ICoachBot
{
    public async Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        metrics.Turn(turn.Channel.ToString());
        var user = turn.User;
        var person = await directory.FindPersonAsync(user, cancellationToken);
        if (person is null)
        {
            return Errors.Answer("Who are you?",
                "I don't know you yet, so I can't show any deals. Ask your SalesCoachBot admin to add you to the people list.");
        }

        var context = new TurnContext(person, turn, maps.Current, time.GetUtcNow());
        return turn.Input switch
        {
            TextInput text => await HandleTextAsync(text.Text, context, cancellationToken),
            ActionInput action => await HandleActionAsync(action, context, cancellationToken),
            _ => useCases.Help.Handle(),
        };
    }

    private Task<BotAnswer> HandleTextAsync(string text, TurnContext context, CancellationToken cancellationToken) =>
        parser.Parse(text) switch
        {
            WhatsNextCommand c => useCases.WhatsNext.HandleAsync(c, context, cancellationToken),
            ConfirmItemsCommand c => useCases.Confirm.HandleAsync(c, context, cancellationToken),
            UndoItemCommand c => useCases.Undo.HandleAsync(c, context, cancellationToken),
            LinkConversationCommand c => useCases.Link.HandleAsync(c, context, cancellationToken),
            UnlinkConversationCommand c => useCases.Link.HandleAsync(c, context, cancellationToken),
            MyDealsCommand => useCases.MyDeals.HandleAsync(context, cancellationToken),
            MoveDealCommand c => useCases.Move.HandleAsync(c, context, cancellationToken),
            MarkLostCommand c => useCases.Close.HandleAsync(c, context, cancellationToken),
            SaidNoCommand c => useCases.Close.HandleAsync(c, context, cancellationToken),
            StageInfoCommand c => Task.FromResult(useCases.StageInfo.Handle(c, context)),
            StalledCommand c => useCases.Stalled.HandleAsync(c, context, cancellationToken),
            UseChannelForNudgesCommand c => useCases.Nudges.HandleAsync(c, context, cancellationToken),
            PipelineCommand c => useCases.Pipeline.HandleAsync(c, context, cancellationToken),
            ReverseFunnelCommand c => useCases.ReverseFunnel.HandleAsync(c, context, cancellationToken),
            HelpCommand => Task.FromResult(useCases.Help.Handle()),
            UnknownCommand u when string.IsNullOrWhiteSpace(u.Text) => Task.FromResult(useCases.Help.Handle()),
            UnknownCommand u => Task.FromResult(useCases.Help.Handle(u.Text)),
            var other => throw new InvalidOperationException($"No use case handles {other.GetType().Name}."),
        };

    private Task<BotAnswer> HandleActionAsync(ActionInput action, TurnContext context, CancellationToken cancellationToken) =>
        action.Payload switch
        {
            ConfirmItemsPayload p => useCases.Confirm.ConfirmAsync(
                p.Deal, action.SelectedItems, p.StageVersion, context, fromCard: true, cancellationToken, expectedStage: p.Stage),
            UndoItemPayload p => useCases.Undo.UndoAsync(p.Deal, p.Item, p.StageVersion, context, fromCard: true, cancellationToken),
            ShowChecklistPayload p => ShowAsync(p, context, cancellationToken),
            SnoozeDealPayload p => useCases.Snooze.HandleAsync(p, context, cancellationToken),
            RunCommandPayload p => HandleTextAsync(p.Text, context, cancellationToken),
            var other => throw new InvalidOperationException($"No use case handles {other.GetType().Name}."),
        };

    private async Task<BotAnswer> ShowAsync(ShowChecklistPayload payload, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await useCases.Locator.LocateByIdAsync(payload.Deal, context, cancellationToken);
        return lookup is DealLookup.Found found
            ? await useCases.WhatsNext.ShowAsync(found.Deal, context, note: null, cancellationToken)
            : ((DealLookup.Answered)lookup).Answer;
    }
}

/// <summary>
/// The use cases, grouped so the bot's constructor stays readable. Each is resolved from the turn's
/// scope when first asked for: a turn uses one or two of them, and building all fifteen (with their
/// stores and a database context) on every turn was a measured share of a chat turn's cost.
/// </summary>
public sealed class UseCaseSet(IServiceProvider services)
{
    public DealLocator Locator => services.GetRequiredService<DealLocator>();

    public WhatsNextUseCase WhatsNext => services.GetRequiredService<WhatsNextUseCase>();

    public ConfirmItemsUseCase Confirm => services.GetRequiredService<ConfirmItemsUseCase>();

    public UndoItemUseCase Undo => services.GetRequiredService<UndoItemUseCase>();

    public MoveDealUseCase Move => services.GetRequiredService<MoveDealUseCase>();

    public CloseDealUseCase Close => services.GetRequiredService<CloseDealUseCase>();

    public StageInfoUseCase StageInfo => services.GetRequiredService<StageInfoUseCase>();

    public MyDealsUseCase MyDeals => services.GetRequiredService<MyDealsUseCase>();

    public LinkConversationUseCase Link => services.GetRequiredService<LinkConversationUseCase>();

    public StalledDealsUseCase Stalled => services.GetRequiredService<StalledDealsUseCase>();

    public SnoozeDealUseCase Snooze => services.GetRequiredService<SnoozeDealUseCase>();

    public HelpUseCase Help => services.GetRequiredService<HelpUseCase>();

    public UseChannelForNudgesUseCase Nudges => services.GetRequiredService<UseChannelForNudgesUseCase>();

    public PipelineUseCase Pipeline => services.GetRequiredService<PipelineUseCase>();

    public ReverseFunnelUseCase ReverseFunnel => services.GetRequiredService<ReverseFunnelUseCase>();
}
