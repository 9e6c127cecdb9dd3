using SalesCoachBot.Slack.BlockKit;

namespace SalesCoachBot.Slack.WebApi;

/// <summary>What every Web API answer carries. Errors come as HTTP 200 with <c>ok: false</c>.</summary>
public record SlackApiResponse
{
    public bool Ok { get; init; }

    public string? Error { get; init; }

    public string? Warning { get; init; }

    public ResponseMetadata? ResponseMetadata { get; init; }
}

public sealed record ResponseMetadata(string? NextCursor);

/// <summary>
/// The outcome of one call: the answer, or Slack's error code (<c>channel_not_found</c>, <c>ratelimited</c>, …)
/// or a transport code (<c>http_503</c>, <c>timeout</c>, <c>request_failed</c>, <c>invalid_response</c>).
/// </summary>
public sealed record SlackApiResult<T>(T? Value, string? Error)
    where T : SlackApiResponse
{
    public bool Ok => Error is null && Value is not null;

    public static SlackApiResult<T> Success(T value) => new(value, null);

    public static SlackApiResult<T> Failure(string error) => new(default, error);
}

public sealed record ChatMessageResponse : SlackApiResponse
{
    public string? Channel { get; init; }

    public string? Ts { get; init; }
}

public sealed record UserResponse : SlackApiResponse
{
    public SlackUser? User { get; init; }
}

public sealed record SlackUser(string Id, string? Name, bool? IsBot, bool? Deleted, SlackUserProfile? Profile);

public sealed record SlackUserProfile(string? Email, string? RealName, string? DisplayName);

public sealed record ConversationOpenResponse : SlackApiResponse
{
    public SlackConversation? Channel { get; init; }
}

public sealed record SlackConversation(string Id);

public sealed record ConversationMembersResponse : SlackApiResponse
{
    public IReadOnlyList<string> Members { get; init; } = [];
}

/// <summary>A bare answer (response_url answers "ok" as text; this stands for success there).</summary>
public sealed record EmptyResponse : SlackApiResponse;

public sealed record ChatPostMessageRequest(string Channel, string Text, IReadOnlyList<Block> Blocks)
{
    public string? ThreadTs { get; init; }
}

public sealed record ChatPostEphemeralRequest(string Channel, string User, string Text, IReadOnlyList<Block> Blocks);

public sealed record ChatUpdateRequest(string Channel, string Ts, string Text, IReadOnlyList<Block> Blocks);

public sealed record ConversationsOpenRequest(string Users);

/// <summary>A message for a slash command ack body or a <c>response_url</c>.</summary>
public sealed record ResponseMessage(string Text, IReadOnlyList<Block> Blocks)
{
    /// <summary><c>ephemeral</c> (Slack's default) or <c>in_channel</c>.</summary>
    public string? ResponseType { get; init; }

    public bool? ReplaceOriginal { get; init; }

    public static ResponseMessage From(SlackMessage message, string? responseType = null, bool? replaceOriginal = null) =>
        new(message.Text, message.Blocks) { ResponseType = responseType, ReplaceOriginal = replaceOriginal };
}
