using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Slack.Nudges;
using SalesCoachBot.Teams.Nudges;

namespace SalesCoachBot.Host.Nudges;

public static class NudgeHostingExtensions
{
    /// <summary>
    /// Daily stalled-deal digests: options (<c>Nudges:*</c>, validated on start), the runner, the outbox
    /// dispatcher, the Teams and Slack senders, the durable Teams conversation references, and the two
    /// background services (scheduler, dispatcher). Call after AddSalesCoachData and the channels.
    /// </summary>
    public static IServiceCollection AddNudges(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NudgeOptions>()
            .Bind(configuration.GetSection(NudgeOptions.SectionName))
            .Validate(o => o.TryGetDefaultTime(out _), "Nudges:DefaultTime must be a time of day as HH:mm, e.g. 09:00.")
            .Validate(o => NudgeSchedule.TryFindZone(o.DefaultTimeZone, out _), "Nudges:DefaultTimeZone must be an IANA time zone id, e.g. Europe/Berlin.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 100, "Nudges:MaxAttempts must be between 1 and 100.")
            .Validate(o => o.PollInterval >= TimeSpan.FromSeconds(1) && o.DispatchInterval >= TimeSpan.FromMilliseconds(100), "Nudges:PollInterval and Nudges:DispatchInterval are too short.")
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay, "Nudges:RetryBaseDelay must be positive and not above Nudges:RetryMaxDelay.")
            .Validate(o => o.LeaseDuration > o.SendTimeout, "Nudges:LeaseDuration must be longer than Nudges:SendTimeout, or a slow send could be taken over and sent twice.")
            .Validate(o => o.MaxDigestDeals is >= 1 and <= 50, "Nudges:MaxDigestDeals must be between 1 and 50.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<NudgeProblems>();
        services.AddSingleton<NudgeMetrics>();
        services.AddSingleton(NudgeBackoff.Shared);
        services.AddScoped<NudgeRunner>();
        services.AddScoped<NextStepReminders>();
        services.AddSingleton<ManagerNotifier>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxSignal>();
        services.AddTeamsNudges();
        services.AddSlackNudges();
        services.AddHostedService<NudgeSchedulerService>();
        services.AddHostedService<OutboxDispatcherService>();
        return services;
    }
}

/// <summary>Wakes the dispatcher as soon as the scheduler queued a digest, instead of at its next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up is enough.
        }
    }

    /// <summary>Waits for a signal or the timeout (on <paramref name="time"/>), whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, cts.Token);
        var signalled = _signal.WaitAsync(cts.Token);
        await Task.WhenAny(delay, signalled);
        await cts.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}

/// <summary>Every poll: queue the digest of each team whose local nudge time has passed today and whose day is unclaimed.</summary>
internal sealed class NudgeSchedulerService(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<NudgeOptions> options,
    ILogger<NudgeSchedulerService> logger,
    IDatabaseOutages outages) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                outages.Reachable();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopped during a round (also when the host fails to start, e.g. its port is taken): not a failure.
                return;
            }
            catch (Exception e) when (outages.Report("digest scheduler", e))
            {
                // Said once for the whole outage (the outage log); the next poll tries again.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed poll (database down) must not stop tomorrow's digests; the next poll tries again.
                NudgeHostLog.PollFailed(logger, "scheduler", e);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcomes = await scope.ServiceProvider.GetRequiredService<NudgeRunner>().RunDueAsync(cancellationToken);
        var reminders = await scope.ServiceProvider.GetRequiredService<NextStepReminders>().RunDueAsync(cancellationToken);
        // Digests, owners' messages, managers' notices (no channel bound) and next step reminders all wait in the outbox.
        if (reminders > 0 || outcomes.Any(o => o.Status is TeamNudgeStatus.Queued or TeamNudgeStatus.NoChannelBound || o.DirectMessages > 0))
        {
            signal.Notify();
        }
    }
}

/// <summary>Sends due outbox messages: at once when signalled, otherwise every <see cref="NudgeOptions.DispatchInterval"/>.</summary>
internal sealed class OutboxDispatcherService(
    OutboxDispatcher dispatcher,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<NudgeOptions> options,
    ILogger<OutboxDispatcherService> logger,
    IDatabaseOutages outages) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken);
                outages.Reachable();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (outages.Report("digest dispatcher", e))
            {
                // Said once for the whole outage; the outbox keeps the messages for the next round.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Same as the scheduler: the outbox keeps the messages, the next round sends them.
                NudgeHostLog.PollFailed(logger, "dispatcher", e);
            }

            try
            {
                await signal.WaitAsync(options.Value.DispatchInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

internal static partial class NudgeHostLog
{
    [LoggerMessage(EventId = 7050, Level = LogLevel.Error, Message = "Nudges: the {Worker} round failed; trying again at the next poll")]
    public static partial void PollFailed(ILogger logger, string worker, Exception exception);
}
