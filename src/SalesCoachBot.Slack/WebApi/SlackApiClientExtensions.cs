using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.WebApi;

/// <summary>Calls for code that only knows the single configured workspace.</summary>
internal static class SlackApiClientExtensions
{
    /// <summary>chat.postMessage with the configured workspace's token; multi-workspace callers pass the workspace instead.</summary>
    public static Task<SlackApiResult<ChatMessageResponse>> PostMessageAsync(
        this ISlackApiClient api, ChatPostMessageRequest request, CancellationToken cancellationToken) =>
        api.PostMessageAsync(SlackWorkspace.Configured, request, cancellationToken);
}
