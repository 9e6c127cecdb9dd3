using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Crm;

/// <summary>
/// Writes the push outbox to the CRM: each row leased (one dispatcher at a time, across hosts), resolved to the CRM's
/// ids, sent, and its outcome recorded. 429 / 5xx come back as <see cref="CrmPushOutcome.Retry"/> once the client's own
/// retries are spent and are tried again later with backoff (the CRM's Retry-After wins when longer); a refusal is
/// final and kept with the CRM's message for <c>crm status</c>.
/// </summary>
public sealed partial class CrmPushDispatcher(
    ICrmConnector connector,
    ICrmPushOutbox outbox,
    IProcessMapSource maps,
    TimeProvider time,
    ILogger<CrmPushDispatcher> logger)
{
    public const int MaxAttempts = 8;
    private const int BatchSize = 20;
    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(2);

    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Sends every push due now; returns how many were handled.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await outbox.LeaseDueAsync(connector.Provider, Owner, time.GetUtcNow(), LeaseFor, BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var item in batch)
            {
                try
                {
                    await outbox.CompleteAsync(item.Id, Owner, item.Attempts + 1, await SendAsync(item, cancellationToken), cancellationToken);
                }
                catch (CrmAuthException)
                {
                    // Credentials gone: nothing more can be sent; every leased row goes back untouched.
                    foreach (var rest in batch)
                    {
                        await outbox.CompleteAsync(rest.Id, Owner, rest.Attempts, new CrmPushCompletion.Released(), CancellationToken.None);
                    }

                    throw;
                }

                handled++;
            }
        }

        return handled;
    }

    private async Task<CrmPushCompletion> SendAsync(CrmPushItem item, CancellationToken cancellationToken)
    {
        if (item.CrmDealId is null)
        {
            return new CrmPushCompletion.Skipped($"deal {item.DealId} has no {connector.DisplayName} record");
        }

        var request = new CrmPushRequest(item.Id, item.CrmDealId, item.Kind) { Text = item.Text, At = item.At };
        if (item.Kind == CrmPushKind.Stage)
        {
            if (item.Status == DealStatus.Nurture)
            {
                return new CrmPushCompletion.Skipped($"nurture has no {connector.DisplayName} stage; the deal stays where it is there");
            }

            // The deal's team's map decides the CRM stage (each team may run its own map and pipeline).
            var map = maps.Maps.For(item.TeamMapId);
            var target = new CrmStageMap(map).ToCrm(item.Stage ?? default, item.Status ?? DealStatus.Open);
            if (target is not { } crm)
            {
                return new CrmPushCompletion.Failed($"stage '{item.Stage}' has no crm mapping in the map '{map.Id}'");
            }

            request = request with { Pipeline = crm.Pipeline, Stage = crm.Stage };
        }

        var now = time.GetUtcNow();
        var attempts = item.Attempts + 1;
        switch (await connector.PushAsync(request, cancellationToken))
        {
            case CrmPushOutcome.Done:
                return new CrmPushCompletion.Sent(now);
            case CrmPushOutcome.Refused refused:
                LogRefused(logger, connector.DisplayName, item.Id, item.DealId.Value);
                return new CrmPushCompletion.Failed($"{connector.DisplayName} refused it: {refused.Message}");
            case CrmPushOutcome.Retry retry when attempts < MaxAttempts:
                var backoff = TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, attempts - 1)));
                var delay = retry.RetryAfter is { } after && after > backoff ? after : backoff;
                return new CrmPushCompletion.RetryLater(now + delay, retry.Error);
            case CrmPushOutcome.Retry retry:
                return new CrmPushCompletion.Failed($"gave up after {attempts} attempts: {retry.Error}");
            default:
                throw new InvalidOperationException("Unknown push outcome.");
        }
    }

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "{Crm} refused push {PushId} for deal {DealId}; see crm status.")]
    private static partial void LogRefused(ILogger logger, string crm, long pushId, long dealId);
}
