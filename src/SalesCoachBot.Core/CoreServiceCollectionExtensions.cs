using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the coaching use cases, the language understanding and the process map source.</summary>
    public static IServiceCollection AddSalesCoachCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProcessMaps(configuration);
        services.AddOptions<CoachingOptions>()
            .Bind(configuration.GetSection("Nudges"))
            .Validate(o => o.DefaultIdleDays is >= 1 and <= 365, "Nudges:DefaultIdleDays must be between 1 and 365.")
            .ValidateOnStart();

        services.AddSalesCoachCaching();
        services.AddSingleton<CommandParser>();
        services.AddSingleton<CoachingMetrics>();
        services.AddSingleton<DealNameResolverCache>();

        // Per turn: stores are scoped (one DbContext per turn), so everything that reads them is too.
        services.AddScoped<TeamRulesProvider>();
        services.AddScoped<DealLocator>();
        services.AddScoped<WhatsNextUseCase>();
        services.AddScoped<ConfirmItemsUseCase>();
        services.AddScoped<UndoItemUseCase>();
        services.AddScoped<MoveDealUseCase>();
        services.AddScoped<CloseDealUseCase>();
        services.AddScoped<StageInfoUseCase>();
        services.AddScoped<MyDealsUseCase>();
        services.AddScoped<LinkConversationUseCase>();
        services.AddScoped<StalledDealsUseCase>();
        services.AddScoped<SnoozeDealUseCase>();
        services.AddScoped<HelpUseCase>();
        services.AddScoped<UseChannelForNudgesUseCase>();
        services.AddScoped<PipelineAccess>();
        services.AddScoped<PipelineUseCase>();
        services.AddScoped<ReverseFunnelUseCase>();
        services.TryAddSingleton<IChartPublisher, NoChartPublisher>();
        services.AddScoped<UseCaseSet>();
        services.AddScoped<ICoachBot, CoachBot>();
        return services;
    }
}
