using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.Commands;

/// <summary>
/// Every use case in one place: which handler answers each chat command and each card button. Each handler is
/// scoped (the stores are: one database context per turn) and wrapped in <see cref="LoggingCommandHandler{TCommand}"/>.
/// </summary>
internal static class CommandHandlers
{
    public static IServiceCollection AddCommandHandlers(this IServiceCollection services)
    {
        var map = new Dictionary<Type, CommandHandlerMap.Invoker>();
        void Handle<TCommand, THandler>()
            where TCommand : class
            where THandler : class, ICommandHandler<TCommand>
        {
            // Add throws on a second handler for the same command: there is exactly one.
            map.Add(typeof(TCommand), CommandHandlerMap.For<TCommand>());
            services.TryAddScoped<THandler>();
            services.AddScoped<ICommandHandler<TCommand>>(sp => new LoggingCommandHandler<TCommand>(
                sp.GetRequiredService<THandler>(),
                sp.GetRequiredService<CoachingMetrics>(),
                sp.GetRequiredService<ILogger<LoggingCommandHandler<TCommand>>>(),
                sp.GetRequiredService<TimeProvider>()));
        }

        // What people type (CommandParser).
        Handle<WhatsNextCommand, WhatsNextUseCase>();
        Handle<ConfirmItemsCommand, ConfirmItemsUseCase>();
        Handle<UndoItemCommand, UndoItemUseCase>();
        Handle<UndoLastCommand, UndoItemUseCase>();
        Handle<LinkConversationCommand, LinkConversationUseCase>();
        Handle<UnlinkConversationCommand, LinkConversationUseCase>();
        Handle<MyDealsCommand, MyDealsUseCase>();
        Handle<DueCommand, DueUseCase>();
        Handle<StalledCommand, StalledDealsUseCase>();
        Handle<StageInfoCommand, StageInfoUseCase>();
        Handle<AboutCommand, AboutUseCase>();
        Handle<SaidNoCommand, CloseDealUseCase>();
        Handle<MarkLostCommand, CloseDealUseCase>();
        Handle<FollowBranchCommand, CloseDealUseCase>();
        Handle<ReopenDealCommand, ReopenDealUseCase>();
        Handle<SnoozeCommand, SnoozeDealUseCase>();
        Handle<UnsnoozeCommand, SnoozeDealUseCase>();
        Handle<MoveDealCommand, MoveDealUseCase>();
        Handle<PipelineCommand, PipelineUseCase>();
        Handle<ClosedDealsCommand, ClosedDealsUseCase>();
        Handle<StageMovesCommand, StageMovesUseCase>();
        Handle<TeamMembersCommand, TeamMembersUseCase>();
        Handle<ListTeamsCommand, ListTeamsUseCase>();
        Handle<CompareRepsCommand, CompareRepsUseCase>();
        Handle<ReverseFunnelCommand, ReverseFunnelUseCase>();
        Handle<SetQuotaCommand, SetQuotaUseCase>();
        Handle<QuotaProgressCommand, QuotaProgressUseCase>();
        Handle<ShowMapCommand, ShowMapUseCase>();
        Handle<UseChannelForNudgesCommand, UseChannelForNudgesUseCase>();
        Handle<SetNextStepCommand, SetNextStepUseCase>();
        Handle<AddNoteCommand, AddNoteUseCase>();
        Handle<LogActivityCommand, LogActivityUseCase>();
        Handle<HistoryCommand, HistoryUseCase>();
        Handle<ChangeQuestionCommand, ChangeQuestionUseCase>();
        Handle<NewDealCommand, NewDealUseCase>();
        Handle<HelpCommand, HelpUseCase>();
        Handle<UnknownCommand, NotUnderstoodUseCase>();
        Handle<ConfirmIntentCommand, ConfirmIntentUseCase>();
        Handle<CancelCommand, ConfirmIntentUseCase>();
        Handle<AnswerCommand, ConfirmIntentUseCase>();
        Handle<ThanksCommand, ThanksUseCase>();
        Handle<NotOfferedCommand, NotOfferedUseCase>();
        Handle<MyActsCommand, MyActsUseCase>();

        // What card buttons carry (ActionPayload).
        Handle<ConfirmItemsPayload, ConfirmItemsUseCase>();
        Handle<UndoItemPayload, UndoItemUseCase>();
        Handle<ShowChecklistPayload, WhatsNextUseCase>();
        Handle<SnoozeDealPayload, SnoozeDealUseCase>();
        Handle<RunCommandPayload, RunCommandHandler>();
        Handle<PipelineDetailsPayload, PipelineUseCase>();
        Handle<SetNextStepPayload, SetNextStepUseCase>();
        Handle<NextStepFormPayload, SetNextStepUseCase>();
        Handle<AddNotePayload, AddNoteUseCase>();
        Handle<NoteFormPayload, AddNoteUseCase>();
        Handle<ShowHistoryPayload, HistoryUseCase>();
        Handle<SaidNoPayload, CloseDealUseCase>();
        Handle<SaidNoFormPayload, CloseDealUseCase>();
        Handle<ReopenDealPayload, ReopenDealUseCase>();

        services.AddSingleton(new CommandHandlerMap(map));
        services.AddScoped<CommandDispatcher>();
        return services;
    }
}
