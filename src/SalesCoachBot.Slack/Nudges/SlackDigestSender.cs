using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Processing;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Nudges;

/// <summary>
/// Posts a digest to a Slack channel with chat.postMessage (Block Kit plus top-level text), in the workspace the
/// channel key names. A direct message to a person (<c>slack-user:U123</c>) first opens the DM with
/// conversations.open. The Web API client already waits out a short Retry-After and retries 5xx; what still
/// fails is classified for the outbox.
/// </summary>
// The API client is registered only when the Slack channel is on, hence optional.
internal sealed class SlackDigestSender(BlockKitRenderer renderer, ISlackApiClient? slack = null, IOptions<SlackOptions>? options = null) : IDigestSender
{
    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "ratelimited", "request_failed", "timeout", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
    };

    private static readonly HashSet<string> NotInChannel = new(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "is_archived",
    };

    public ChatChannel Channel => ChatChannel.Slack;

    public Task<DigestSendResult> SendAsync(ConversationKey conversation, BotAnswer digest, CancellationToken cancellationToken) =>
        CallAsync(conversation, ts: null, digest, cancellationToken);

    /// <summary>A digest after a snooze: chat.update of the message (its ts) in the same channel or DM.</summary>
    public Task<DigestSendResult> UpdateAsync(ConversationKey conversation, string messageId, BotAnswer digest, CancellationToken cancellationToken) =>
        CallAsync(conversation, messageId, digest, cancellationToken);

    private async Task<DigestSendResult> CallAsync(ConversationKey conversation, string? ts, BotAnswer digest, CancellationToken cancellationToken)
    {
        if (slack is null)
        {
            return new DigestSendResult.Permanent("the Slack channel is off (neither Slack:SigningSecret nor Slack:AppToken set)");
        }

        // The client gives up on a Retry-After longer than this; the outbox then waits at least as long.
        var longestWait = options?.Value.MaxRetryAfter;
        var user = conversation.Channel == ChatChannel.Slack ? NudgeTargets.DirectUserOf(conversation) : null;
        if (user is null && ChannelId(conversation) is null)
        {
            return new DigestSendResult.Permanent($"'{conversation}' is not a Slack channel key (slack:TEAM:CHANNEL)");
        }

        try
        {
            var workspace = user is null ? SlackTurns.WorkspaceOf(conversation) : SlackWorkspace.Configured;
            var channel = ChannelId(conversation);
            if (user is not null)
            {
                var opened = await slack.OpenConversationAsync(workspace, user, cancellationToken);
                if (!opened.Ok)
                {
                    return Classify(opened.Error, longestWait, direct: true);
                }

                if (opened.Value?.Channel?.Id is not { Length: > 0 } dm)
                {
                    return new DigestSendResult.Transient("conversations.open returned no channel");
                }

                channel = dm;
            }

            var message = renderer.Render(digest);
            if (ts is not null)
            {
                var updated = await slack.UpdateMessageAsync(workspace, new ChatUpdateRequest(channel!, ts, message.Text, message.Blocks), cancellationToken);
                return Classify(updated.Error, longestWait, direct: user is not null);
            }

            var result = await slack.PostMessageAsync(workspace, new ChatPostMessageRequest(channel!, message.Text, message.Blocks), cancellationToken);
            var sent = Classify(result.Error, longestWait, direct: user is not null);
            return sent is DigestSendResult.Sent ? new DigestSendResult.Sent(result.Value?.Ts) : sent;
        }
        catch (HttpRequestException e)
        {
            return new DigestSendResult.Transient($"connection failed ({e.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DigestSendResult.Transient("timeout");
        }
    }

    internal static DigestSendResult Classify(string? error, TimeSpan? ratelimitedWait = null, bool direct = false) => error switch
    {
        null => DigestSendResult.Delivered,
        "ratelimited" => new DigestSendResult.Transient(error, ratelimitedWait),
        _ when Transient.Contains(error) || error.StartsWith("http_5", StringComparison.Ordinal) => new DigestSendResult.Transient(error),
        _ when direct && error is "user_not_found" or "user_disabled" or "cannot_dm_bot" =>
            new DigestSendResult.Permanent($"{error}: this person cannot be messaged in Slack (check their slack_user_id)"),
        _ when NotInChannel.Contains(error) => new DigestSendResult.Permanent($"{error}: the bot is not in that channel any more (invite it back or bind another channel)"),
        _ => new DigestSendResult.Permanent(error),
    };

    /// <summary>The Slack channel a key names (<c>slack:T123:C456</c> → <c>C456</c>); null for a person or another channel's key.</summary>
    internal static string? ChannelId(ConversationKey key) =>
        key is { Channel: ChatChannel.Slack, IsPerson: false, Id.Length: > 0 } ? key.Id : null;
}
