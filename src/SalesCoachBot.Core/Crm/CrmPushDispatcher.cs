using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Resilience;

namespace SalesCoachBot.Core.Crm;

/// <summary>
/// Writes the push outbox to the CRM: each row leased (one dispatcher at a time, across hosts), resolved to the CRM's
/// ids, sent, and its outcome recorded. 429 / 5xx come back as <see cref="CrmPushOutcome.Retry"/> once the client's own
/// retries are spent and are tried again later with backoff (the CRM's Retry-After wins when longer); a refusal is
/// final: kept with the CRM's message for <c>crm status</c>, a refused stage change undone here, and the person who made
/// the change told with the CRM's message.
/// </summary>
public sealed partial class CrmPushDispatcher(
    ICrmConnector connector,
    ICrmPushOutbox outbox,
    IProcessMapSource maps,
    TimeProvider time,
    ILogger<CrmPushDispatcher> logger,
    ReplyTexts? texts = null,
    LanguageChoice? languages = null)
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

            // Rows with nothing to send are settled at once; the rest go to the CRM together (one composite request
            // where the CRM has them), each with its own outcome.
            var toSend = new List<(CrmPushItem Item, CrmPushRequest Request)>();
            foreach (var item in batch)
            {
                switch (Resolve(item))
                {
                    case CrmPushCompletion completion:
                        await outbox.CompleteAsync(item.Id, Owner, item.Attempts, completion, cancellationToken);
                        handled++;
                        break;
                    case CrmPushRequest request:
                        toSend.Add((item, request));
                        break;
                }
            }

            if (toSend.Count == 0)
            {
                continue;
            }

            IReadOnlyList<CrmPushOutcome> outcomes;
            try
            {
                // A stopping host lets a push under way finish and records its outcomes below (not cancellable):
                // cut off, the CRM might have taken changes we would send again.
                using var grace = new StopGrace(cancellationToken, StopGrace.InFlightCall, time);
                outcomes = await connector.PushBatchAsync([.. toSend.Select(s => s.Request)], grace.Token);
            }
            catch (CrmAuthException)
            {
                // Credentials gone: nothing more can be sent; every leased row goes back untouched.
                foreach (var (item, _) in toSend)
                {
                    await outbox.CompleteAsync(item.Id, Owner, item.Attempts, new CrmPushCompletion.Released(), CancellationToken.None);
                }

                throw;
            }

            for (var i = 0; i < toSend.Count; i++)
            {
                var item = toSend[i].Item;
                if (outcomes[i] is CrmPushOutcome.Refused refused)
                {
                    var map = maps.Maps.For(item.TeamMapId);   // the deal's team's map names its stages
                    var stages = new CrmStageMap(map);
                    // Refused for good: the change is undone here and its author told, in the transaction that fails the row.
                    LogRefused(logger, connector.DisplayName, item.Id, item.DealId.Value);
                    await outbox.RefuseAsync(
                        item, Owner, item.Attempts + 1, $"{connector.DisplayName} refused it: {refused.Message}", stages.StatusOf,
                        refusal => CrmNotices.Refused(connector.DisplayName, refusal, refused.Message, map, Words(refusal.Language)), time.GetUtcNow(), CancellationToken.None);
                }
                else
                {
                    await outbox.CompleteAsync(item.Id, Owner, item.Attempts + 1, Completion(item, outcomes[i]), CancellationToken.None);
                }

                handled++;
            }
        }

        return handled;
    }

    /// <summary>The words of a notice to a person, in their language (else the default).</summary>
    private Phrases Words(string? personLanguage) =>
        (texts ?? ReplyTexts.Shared).In(languages?.For(personLanguage, chatLocale: null, teamLanguages: []) ?? ReplyLanguage.FromCode(personLanguage) ?? ReplyLanguage.English);

    /// <summary>The request to send, or the completion when there is nothing to send (no CRM record, nurture, no mapping).</summary>
    private object Resolve(CrmPushItem item)
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

        return request;
    }

    private CrmPushCompletion Completion(CrmPushItem item, CrmPushOutcome outcome)
    {
        var now = time.GetUtcNow();
        var attempts = item.Attempts + 1;
        switch (outcome)
        {
            case CrmPushOutcome.Done:
                return new CrmPushCompletion.Sent(now);
            case CrmPushOutcome.Refused refused:
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
