using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Nudges;

namespace SalesCoachBot.Data.Nudges;

public static class NudgeDataServiceCollectionExtensions
{
    /// <summary>Nudge targets, claims, outbox and Teams conversation references (singletons over the context factory).</summary>
    public static IServiceCollection AddNudgeData(this IServiceCollection services)
    {
        services.AddSingleton<NudgeStore>();
        services.AddSingleton<INudgeTargetStore>(sp => sp.GetRequiredService<NudgeStore>());
        services.AddSingleton<INudgeOutbox>(sp => sp.GetRequiredService<NudgeStore>());
        services.AddSingleton<IConversationReferenceRecords, ConversationReferenceRecords>();
        services.AddSingleton<INudgeRecipients, NudgeRecipientStore>();
        services.AddSingleton<IStallCandidates, StallCandidateStore>();
        services.AddSingleton<INextStepReminderStore, NextStepReminderStore>();
        services.AddSingleton<IReengageStore, ReengageStore>();
        return services;
    }
}
