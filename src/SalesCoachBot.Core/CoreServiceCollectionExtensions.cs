using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
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

        // Replies in each person's language: .resx resources through IStringLocalizer (ADR 0019).
        services.AddLocalization();
        services.AddOptions<LanguageOptions>()
            .Bind(configuration.GetSection("Coaching"))
            .Validate(o => ReplyLanguage.IsSupported(o.DefaultLanguage), "Coaching:DefaultLanguage must be one of: en, ar.")
            .ValidateOnStart();
        services.TryAddSingleton<LanguageChoice>();
        services.TryAddSingleton<ReplyTexts>();

        services.AddMetrics();
        services.AddSalesCoachCaching();
        services.AddSingleton<CommandParser>();
        services.AddHostedService<UnderstandingWarmUp>();
        services.AddSingleton<CoachingMetrics>();
        services.AddSingleton<DealNameResolverCache>();

        // Per turn: stores are scoped (one DbContext per turn), so everything that reads them is too.
        services.AddScoped<TeamRulesProvider>();
        services.AddScoped<DealLocator>();
        services.AddScoped<PersonResolver>();
        services.AddScoped<CloseProposals>();
        services.AddScoped<Nudges.DigestUpdates>();
        services.AddScoped<PipelineAccess>();
        services.AddScoped<MapChartBuilder>();
        services.TryAddSingleton<IChartPublisher, NoChartPublisher>();
        services.AddCommandHandlers(); // every use case and the command it answers
        services.AddScoped<ICoachBot, CoachBot>();
        return services;
    }
}
