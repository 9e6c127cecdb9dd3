using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using SalesCoachBot.Core.Resilience;
using SalesCoachBot.Data.Stores;

namespace SalesCoachBot.Data.Infrastructure;

/// <summary>
/// The stores' retry pipelines. Each unit of work is run again whole, from a fresh read, after an error that says
/// another writer was first; other errors are not retried. The waits are wall-clock time, not the registered
/// <see cref="TimeProvider"/>: that one is business time, and a fake clock in tests must not stall a retry.
/// </summary>
internal static class DatabaseResilience
{
    /// <summary>The deal a change is about, for the retry log line.</summary>
    public static readonly ResiliencePropertyKey<long> DealId = new("salescoach.deal-id");

    public static IServiceCollection AddDatabaseResilience(this IServiceCollection services)
    {
        // Six attempts in all, as many as a burst of racing confirmations on one deal needs.
        services.AddResiliencePipeline(ResiliencePipelines.DealChange, (builder, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILogger<DealStore>>();
            builder.TimeProvider = TimeProvider.System;
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 5,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(20),
                MaxDelay = TimeSpan.FromSeconds(1),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsDealChangeConflict(e)),
                OnRetry = args =>
                {
                    Log.DealChangeRetry(logger, args.Context.Properties.GetValue(DealId, 0L), args.AttemptNumber + 1, args.Outcome.Exception!);
                    return ValueTask.CompletedTask;
                },
            });
        });

        // Eight attempts; a claim that is not forced treats a unique violation as "another host claimed the day"
        // itself, so only a forced claim ever hands one to this pipeline.
        services.AddResiliencePipeline(ResiliencePipelines.NudgeOutbox, builder =>
        {
            builder.TimeProvider = TimeProvider.System;
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 7,
                BackoffType = DelayBackoffType.Linear,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(20),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e
                    && (TransientDatabaseErrors.IsTransient(e) || TransientDatabaseErrors.IsUniqueViolation(e))),
            });
        });

        // Three attempts, at once: the racing activity's row is there to be updated.
        services.AddResiliencePipeline(ResiliencePipelines.ConversationReferences, builder =>
        {
            builder.TimeProvider = TimeProvider.System;
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.Zero,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is DbUpdateException e && TransientDatabaseErrors.IsUniqueViolation(e)),
            });
        });

        return services;
    }

    /// <summary>
    /// Busy or serialization errors, an optimistic concurrency conflict, or a unique index that a racing request
    /// filled first (a confirmation stored twice): another process got there first, so the decision runs again
    /// against the state it left, which then sees the item confirmed or the stage moved.
    /// </summary>
    internal static bool IsDealChangeConflict(Exception e) =>
        TransientDatabaseErrors.IsTransient(e)
        || e is DbUpdateConcurrencyException
        || (e is DbUpdateException && TransientDatabaseErrors.IsUniqueViolation(e));
}
