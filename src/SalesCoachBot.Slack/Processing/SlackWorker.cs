using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Slack.Inbound;

namespace SalesCoachBot.Slack.Processing;

/// <summary>
/// Drains the work queue after the acks, a few items at a time (one slow channel must not hold up the rest). A delivery
/// Slack may send again is claimed here, not in the ack: the ack then waits for no database write (on SQLite a claim
/// queues behind the deal changes in flight), and a delivery that was acked but never worked on is not lost to its retry.
/// </summary>
internal sealed class SlackWorker(SlackWorkQueue queue, SlackTurnProcessor processor, ISlackEventDeduplicator deduplicator, ILogger<SlackWorker> logger)
    : BackgroundService
{
    private const int Parallelism = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Parallelism).Select(_ => DrainAsync(stoppingToken)));

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (await IsFirstDeliveryAsync(work, stoppingToken).ConfigureAwait(false))
                {
                    await processor.ProcessAsync(work, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One failed turn is logged; the worker must keep serving the others.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SlackLog.WorkFailed(logger, ex);
            }
            finally
            {
                queue.MarkDone();
            }
        }
    }

    /// <summary>
    /// False for a redelivery some host already took. When the claim cannot be stored (the database is unreachable) the
    /// work still runs: the turn then answers "try again" politely (or records what it can), which beats silence, and
    /// every change is idempotent, so a rare second delivery in that moment records nothing twice.
    /// </summary>
    private async ValueTask<bool> IsFirstDeliveryAsync(SlackWork work, CancellationToken cancellationToken)
    {
        if (work.Delivery is not { } delivery)
        {
            return true;
        }

        try
        {
            if (await deduplicator.TryBeginAsync(delivery.Key, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            SlackLog.DeliveryNotClaimed(logger, delivery.Key, e.GetBaseException().Message);
            return true;
        }

        SlackLog.DuplicateEvent(logger, delivery.Key, delivery.RetryNum, delivery.RetryReason);
        return false;
    }
}
