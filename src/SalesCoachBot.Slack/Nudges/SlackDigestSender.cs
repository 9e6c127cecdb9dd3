using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.Nudges;

/// <summary>
/// Posts a digest to a Slack channel with chat.postMessage (Block Kit plus top-level text). The Web API client
/// already waits out a short Retry-After and retries 5xx; what still fails is classified for the outbox.
/// </summary>
public sealed class SlackDigestSender(IServiceProvider services, BlockKitRenderer renderer) : IDigestSender
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

    public async Task<DigestSendResult> SendAsync(ConversationKey conversation, BotAnswer digest, CancellationToken cancellationToken)
    {
        if (services.GetService<ISlackApiClient>() is not { } slack)
        {
            return new DigestSendResult.Permanent("the Slack channel is off (Slack:BotToken not set)");
        }

        if (ChannelId(conversation) is not { } channel)
        {
            return new DigestSendResult.Permanent($"'{conversation.Value}' is not a Slack channel key (slack:TEAM:CHANNEL)");
        }

        var message = renderer.Render(digest);
        SlackApiResult<ChatMessageResponse> result;
        try
        {
            result = await slack.PostMessageAsync(new ChatPostMessageRequest(channel, message.Text, message.Blocks), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return new DigestSendResult.Transient($"connection failed ({e.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DigestSendResult.Transient("timeout");
        }

        return Classify(result.Error);
    }

    internal static DigestSendResult Classify(string? error) => error switch
    {
        null => DigestSendResult.Delivered,
        _ when Transient.Contains(error) || error.StartsWith("http_5", StringComparison.Ordinal) => new DigestSendResult.Transient(error),
        _ when NotInChannel.Contains(error) => new DigestSendResult.Permanent($"{error}: the bot is not in that channel any more (invite it back or bind another channel)"),
        _ => new DigestSendResult.Permanent(error),
    };

    /// <summary><c>slack:T123:C456</c> → <c>C456</c>.</summary>
    internal static string? ChannelId(ConversationKey key)
    {
        if (!key.Value.StartsWith("slack:", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = key.Value["slack:".Length..];
        var colon = rest.LastIndexOf(':');
        var channel = colon >= 0 ? rest[(colon + 1)..] : rest;
        return channel.Length > 0 ? channel : null;
    }
}
