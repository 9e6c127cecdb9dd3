using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SalesCoachBot.Slack.Processing;

/// <summary>Drains the work queue after the acks, a few items at a time (one slow channel must not hold up the rest).</summary>
internal sealed class SlackWorker(SlackWorkQueue queue, SlackTurnProcessor processor, ILogger<SlackWorker> logger) : BackgroundService
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
                await processor.ProcessAsync(work, stoppingToken).ConfigureAwait(false);
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
}
