using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Slack.BlockKit;

namespace SalesCoachBot.Slack.Nudges;

public static class SlackNudgeServiceCollectionExtensions
{
    /// <summary>The Slack digest sender (it answers "channel off" when Slack is not configured).</summary>
    public static IServiceCollection AddSlackNudges(this IServiceCollection services)
    {
        services.TryAddSingleton<BlockKitRenderer>();
        services.AddSingleton<IDigestSender, SlackDigestSender>();
        return services;
    }
}
