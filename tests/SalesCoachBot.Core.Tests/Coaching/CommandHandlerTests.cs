using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>How commands reach their use cases: one registered handler per command type, built lazily, measured once.</summary>
public sealed class CommandHandlerTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    /// <summary>Every concrete <see cref="ChatCommand"/> and <see cref="ActionPayload"/> in Core.</summary>
    private static readonly Type[] AllCommandTypes = [.. typeof(ChatCommand).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && (t.IsSubclassOf(typeof(ChatCommand)) || t.IsSubclassOf(typeof(ActionPayload))))
        .OrderBy(t => t.Name, StringComparer.Ordinal)];

    public static TheoryData<Type> CommandTypes() => [.. AllCommandTypes];

    [Theory]
    [MemberData(nameof(CommandTypes))]
    public async Task Registration_EveryCommandType_HasExactlyOneDecoratedHandler(Type command)
    {
        var handlerType = typeof(ICommandHandler<>).MakeGenericType(command);

        Assert.Single(_bot.Registrations, d => d.ServiceType == handlerType);
        Assert.Contains(command, _bot.Services.GetRequiredService<CommandHandlerMap>().CommandTypes);
        await using var scope = _bot.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService(handlerType);
        Assert.Equal(typeof(LoggingCommandHandler<>).MakeGenericType(command), handler.GetType());
    }

    [Fact]
    public void Registration_HandlersAreRegisteredForCommandTypesOnly()
    {
        var handled = _bot.Registrations
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(ICommandHandler<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .ToHashSet();

        Assert.True(AllCommandTypes.Length >= 21, "the command hierarchy was not found");
        Assert.Equal(AllCommandTypes, handled.OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal(AllCommandTypes, _bot.Services.GetRequiredService<CommandHandlerMap>().CommandTypes.OrderBy(t => t.Name, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Turn_BuildsOnlyTheHandlerOfItsCommand()
    {
        var pipelineHandlersBuilt = 0;
        using var bot = new BotHarness(configure: services => services.AddScoped<ICommandHandler<PipelineCommand>>(_ =>
        {
            pipelineHandlersBuilt++;
            return new FixedAnswerHandler<PipelineCommand>("pipeline stand-in");
        }));
        bot.AddDeal("1002", "Initech");

        await bot.AskAsync("what's next for initech");
        await bot.AskAsync("my deals");
        Assert.Equal(0, pipelineHandlersBuilt);

        var answer = await bot.AskAsync("pipeline", bot.Manager);
        Assert.Equal("pipeline stand-in", answer.Text);
        Assert.Equal(1, pipelineHandlersBuilt);
    }

    [Fact]
    public async Task Decorator_EachHandledCommand_RecordsItsDurationAndLogsKindAndOutcome()
    {
        _bot.AddDeal("1002", "Initech");
        using var durations = new MetricCollector<double>(
            _bot.Services.GetRequiredService<IMeterFactory>(), CoachingMetrics.MeterName, "salescoach.command.duration");
        var log = _bot.Services.GetFakeLogCollector();
        log.Clear();

        await _bot.AskAsync("what's next for initech");
        await _bot.AskAsync("what's next for nosuchdeal");
        await _bot.TurnAsync(new ActionInput(new RunCommandPayload("my deals"), []));

        var measured = durations.GetMeasurementSnapshot()
            .Select(m => ((string?)m.Tags["command"], (string?)m.Tags["outcome"]))
            .ToList();
        Assert.Equal(
            [("WhatsNextCommand", "answered"), ("WhatsNextCommand", "refused"), ("MyDealsCommand", "answered"), ("RunCommandPayload", "answered")],
            measured);
        var logged = log.GetSnapshot()
            .Where(r => r.Category == "SalesCoachBot.Core.Coaching.Commands.LoggingCommandHandler")
            .Select(r => r.Message)
            .ToList();
        Assert.Equal(4, logged.Count);
        Assert.StartsWith("Command WhatsNextCommand answered in ", logged[0], StringComparison.Ordinal);
        Assert.StartsWith("Command WhatsNextCommand refused in ", logged[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decorator_HandlerThrows_RecordsFailedAndRethrows()
    {
        using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = metrics.GetRequiredService<IMeterFactory>();
        using var durations = new MetricCollector<double>(meters, CoachingMetrics.MeterName, "salescoach.command.duration");
        var logger = new FakeLogger<LoggingCommandHandler<HelpCommand>>();
        var handler = new LoggingCommandHandler<HelpCommand>(new ThrowingHandler<HelpCommand>(), new CoachingMetrics(meters), logger, _bot.Clock);

        await Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync(new HelpCommand(), Context(), CancellationToken.None));

        var measured = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("HelpCommand", measured.Tags["command"]);
        Assert.Equal("failed", measured.Tags["outcome"]);
        Assert.Equal(LogLevel.Warning, logger.LatestRecord.Level);
    }

    private TurnContext Context()
    {
        var person = new Abstractions.PersonView(_bot.Rep.Id, _bot.Rep.Email, _bot.Rep.Name, _bot.Rep.Role, [_bot.Emea.Id]);
        var turn = new ChatTurn(new ChatUser(ChatChannel.Cli, Email: _bot.Rep.Email), ConversationKey.For(ChatChannel.Cli, "test"), new TextInput("help"));
        return new TurnContext(person, turn, _bot.Map, _bot.Clock.GetUtcNow());
    }

    private sealed class FixedAnswerHandler<TCommand>(string text) : ICommandHandler<TCommand>
        where TCommand : class
    {
        public Task<BotAnswer> HandleAsync(TCommand command, TurnContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new BotAnswer(text));
    }

    private sealed class ThrowingHandler<TCommand> : ICommandHandler<TCommand>
        where TCommand : class
    {
        public Task<BotAnswer> HandleAsync(TCommand command, TurnContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a bug");
    }
}
