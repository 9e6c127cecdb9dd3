using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Crm.HubSpot;

namespace SalesCoachBot.Crm;

/// <summary>
/// The background side of the CRM connection: the incremental pull every <c>Crm:PollInterval</c>, the deals webhooks
/// named as they arrive, and the push outbox every few seconds. A revoked credential pauses pulls and pushes (the runner
/// logs it once); they resume by themselves once the credential works again.
/// </summary>
internal sealed partial class CrmWorker(
    CrmSyncRunner runner,
    CrmPushDispatcher pushes,
    CrmWebhookQueue webhooks,
    IOptions<CrmSettings> settings,
    IOptions<CrmOptions> crm,
    TimeProvider time,
    ILogger<CrmWorker> logger,
    IDatabaseOutages? outages = null) : BackgroundService
{
    private static readonly TimeSpan PushEvery = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>Crm:PollInterval</c>; with Salesforce Change Data Capture on, the slower <c>Crm:Salesforce:CdcPollInterval</c>:
    /// the poll then only catches what the events missed (beyond the org's 72-hour retention, a lost subscription).
    /// </summary>
    private TimeSpan PollEvery =>
        string.Equals(crm.Value.Provider?.Trim(), "salesforce", StringComparison.OrdinalIgnoreCase) && settings.Value.Salesforce.UsesCdc
            ? settings.Value.Salesforce.CdcPollInterval
            : settings.Value.PollInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pull waits one interval: the first (full) sync is the operator's `crm sync --full`.
        var nextPoll = time.GetUtcNow() + PollEvery;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() >= nextPoll)
                {
                    await runner.SyncAsync(full: false, dryRun: false, progress: null, stoppingToken);
                    nextPoll = time.GetUtcNow() + PollEvery;
                }

                while (webhooks.Reader.TryRead(out var ids))
                {
                    await runner.SyncDealsAsync(ids, stoppingToken);
                }

                await pushes.DispatchDueAsync(stoppingToken);
                outages?.Reachable();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is CrmUnavailableException or CrmAuthException)
            {
                LogFailed(logger, runner.DisplayName, e.Message);
            }
            catch (Exception e) when (outages?.Report("CRM sync", e) == true)
            {
                // The database gone: said once for every worker (the outage log); this round is tried again. Uncaught,
                // the exception would end the worker and, by .NET's default, the host.
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var waitForWebhook = webhooks.Reader.WaitToReadAsync(wake.Token).AsTask();
            var timer = Task.Delay(PushEvery, time, wake.Token);
            await Task.WhenAny(waitForWebhook, timer);
            await wake.CancelAsync();
            await Task.WhenAll(waitForWebhook, timer).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "{Crm} sync round failed, tried again next round: {Reason}")]
    private static partial void LogFailed(ILogger logger, string crm, string reason);
}
