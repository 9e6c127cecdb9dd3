using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Resilience;

namespace SalesCoachBot.Core.Nudges;

/// <summary>Exponential backoff with jitter; a service's Retry-After wins when it asks for longer.</summary>
public sealed class NudgeBackoff(Random random)
{
    public static NudgeBackoff Shared { get; } = new(Random.Shared);

    /// <param name="attempt">The attempt that just failed, from 1.</param>
    public TimeSpan Delay(int attempt, TimeSpan? retryAfter, NudgeOptions options)
    {
        var exponential = options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = exponential > options.RetryMaxDelay ? options.RetryMaxDelay : exponential;
        double factor;
        lock (random)
        {
            // ±20 %, so hosts and teams that failed together do not retry together.
            factor = 0.8 + (random.NextDouble() * 0.4);
        }

        var delay = capped * factor;
        return retryAfter is { } after && after > delay ? after : delay;
    }
}

/// <summary>
/// Sends what the outbox holds. Each message is leased (one dispatcher at a time, across hosts), sent through
/// its channel's <see cref="IDigestSender"/>, and its outcome recorded: sent, retried later with backoff
/// (429 / 5xx / timeouts) up to <see cref="NudgeOptions.MaxAttempts"/>, or failed and logged.
/// </summary>
public sealed class OutboxDispatcher(
    INudgeOutbox outbox,
    IEnumerable<IDigestSender> senders,
    TimeProvider time,
    IOptions<NudgeOptions> options,
    NudgeBackoff backoff,
    NudgeMetrics metrics,
    ManagerNotifier notifier,
    ILogger<OutboxDispatcher> logger)
{
    private const int BatchSize = 20;

    private readonly Dictionary<ChatChannel, IDigestSender> _senders = senders
        .GroupBy(s => s.Channel)
        .ToDictionary(g => g.Key, g => g.Last());

    /// <summary>Identifies this dispatcher's leases.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Sends every message due now; returns how many were handled (sent, rescheduled or failed).</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var settings = options.Value;
            var leasedAt = time.GetUtcNow();
            var batch = await outbox.LeaseDueAsync(Owner, leasedAt, settings.LeaseDuration, BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var leaseEnds = leasedAt + settings.LeaseDuration;
            for (var i = 0; i < batch.Count; i++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    // Stopping: hand the rest back at once rather than waiting for the leases to expire.
                    await ReleaseAsync(batch.Skip(i));
                    return handled;
                }

                if (time.GetUtcNow() + settings.SendTimeout > leaseEnds)
                {
                    // Slow sends ate the batch's lease: a send begun now could outlive it while another host takes
                    // the message over and sends it too. Hand the rest back and lease afresh.
                    await ReleaseAsync(batch.Skip(i));
                    break;
                }

                if (await SendOneAsync(batch[i], settings, cancellationToken))
                {
                    handled++;
                }
            }
        }

        return handled;
    }

    private async Task ReleaseAsync(IEnumerable<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            await outbox.CompleteAsync(message.Id, Owner, message.Attempts, new OutboxCompletion.Released(), CancellationToken.None);
        }
    }

    private async Task<bool> SendOneAsync(OutboxMessage message, NudgeOptions settings, CancellationToken cancellationToken)
    {
        var channel = NudgeTargets.ChannelOf(message.Conversation);
        DigestSendResult result;
        if (channel is not { } c || !_senders.TryGetValue(c, out var sender))
        {
            result = new DigestSendResult.Permanent($"no sender for '{message.Conversation}' (is that channel configured?)");
        }
        else
        {
            // A stopping host lets the send finish and records it, rather than giving back a message the platform
            // may already have taken.
            using var grace = new StopGrace(cancellationToken, StopGrace.InFlightCall, time);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(grace.Token);
            timeout.CancelAfter(settings.SendTimeout);
            try
            {
                var answer = DigestPayload.Deserialize(message.PayloadJson);
                result = message.Kind == NudgeKind.DigestUpdate
                    ? message.MessageId is { Length: > 0 } target
                        ? await sender.UpdateAsync(message.Conversation, target, answer, timeout.Token)
                        : new DigestSendResult.Permanent("an update without the message it updates")
                    : await sender.SendAsync(message.Conversation, answer, timeout.Token);
            }
            catch (OperationCanceledException) when (!grace.Token.IsCancellationRequested)
            {
                result = new DigestSendResult.Transient("timeout");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A sender that throws (a misconfigured client, a bug) fails this message, not the round: the rest of
                // the batch still goes out, and this one is retried with backoff like any transient failure.
                result = new DigestSendResult.Transient($"{e.GetType().Name}: {e.Message}");
            }
            catch (OperationCanceledException)
            {
                // The host is stopping and the send outlived its grace: give the message back uncounted. If the
                // platform had already taken it, it goes out again after the restart (documented in docs/nudges.md).
                await outbox.CompleteAsync(message.Id, Owner, message.Attempts, new OutboxCompletion.Released(), CancellationToken.None);
                return false;
            }
        }

        // Outcomes are written even when the host is stopping: a digest that went out must be marked sent.
        var attempt = message.Attempts + 1;
        var now = time.GetUtcNow();
        OutboxCompletion completion;
        DigestProblem? problem = null;
        switch (result)
        {
            case DigestSendResult.Sent sent:
                completion = new OutboxCompletion.Sent(now, sent.MessageId);
                NudgeLog.Sent(logger, message.Id, message.TeamId, message.LocalDate, message.Conversation.ToString(), attempt);
                metrics.Sent(channel!.Value);
                break;
            case DigestSendResult.Transient t when attempt < settings.MaxAttempts:
                var next = now + backoff.Delay(attempt, t.RetryAfter, settings);
                completion = new OutboxCompletion.RetryLater(next, t.Error);
                NudgeLog.WillRetry(logger, message.Id, message.Conversation.ToString(), attempt, t.Error, next);
                metrics.Retried(channel);
                break;
            case DigestSendResult.Transient t:
                completion = new OutboxCompletion.Failed($"{t.Error} (gave up after {attempt} attempts)");
                problem = new DigestProblem.GaveUp(message.Conversation, t.Error, attempt);
                break;
            case DigestSendResult.Permanent p:
                completion = new OutboxCompletion.Failed(p.Error);
                problem = new DigestProblem.Undeliverable(message.Conversation, p.Error);
                break;
            default:
                throw new InvalidOperationException($"Unknown send result {result.GetType().Name}.");
        }

        if (!await outbox.CompleteAsync(message.Id, Owner, attempt, completion, CancellationToken.None))
        {
            NudgeLog.LeaseLost(logger, message.Id);
            return true;
        }

        if (problem is not null)
        {
            metrics.Failed(channel);
            await ReportFailureAsync(message, attempt, problem, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// A digest that did not reach its channel is logged as an error and reported to the team's managers (once per
    /// team and day). A failed direct message (owner digest, manager notice) is logged only: reporting it again
    /// by direct message would likely fail the same way.
    /// </summary>
    private async Task ReportFailureAsync(OutboxMessage message, int attempts, DigestProblem problem, CancellationToken cancellationToken)
    {
        var conversation = message.Conversation.ToString();
        if (message.Kind != NudgeKind.Digest)
        {
            var error = problem is DigestProblem.Undeliverable u ? u.Error : ((DigestProblem.GaveUp)problem).Error;
            NudgeLog.DirectMessageFailed(logger, message.Kind, message.Id, message.TeamId, message.LocalDate, conversation, attempts, error);
            return;
        }

        switch (problem)
        {
            case DigestProblem.GaveUp g:
                NudgeLog.GaveUp(logger, message.Id, message.TeamId, message.LocalDate, conversation, attempts, g.Error);
                break;
            case DigestProblem.Undeliverable u:
                NudgeLog.Undeliverable(logger, message.Id, message.TeamId, message.LocalDate, conversation, u.Error);
                break;
        }

        // Not cancelled by a stopping host: the digest is already marked failed, so the notice is its only report.
        await notifier.NotifyAsync(message.TeamId, message.LocalDate, problem, CancellationToken.None);
    }
}
