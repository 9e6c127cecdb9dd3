using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Teams.Conversations;

namespace SalesCoachBot.Teams.Nudges;

public static class TeamsNudgeServiceCollectionExtensions
{
    /// <summary>
    /// The Teams side of nudges: conversation references kept in the database (replacing the in-memory store,
    /// whichever is registered first) and the digest sender.
    /// </summary>
    public static IServiceCollection AddTeamsNudges(this IServiceCollection services)
    {
        services.AddSalesCoachCaching();
        services.AddSingleton<IConversationReferenceStore, DurableConversationReferenceStore>();
        services.AddSingleton<IDigestSender, TeamsDigestSender>();
        return services;
    }
}
