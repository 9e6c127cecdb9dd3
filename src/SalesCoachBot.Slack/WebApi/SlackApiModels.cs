using SalesCoachBot.Slack.BlockKit;

namespace SalesCoachBot.Slack.WebApi;

/// <summary>What every Web API answer carries. Errors come as HTTP 200 with <c>ok: false</c>.</summary>
internal record SlackApiResponse
{
    public bool Ok { get; init; }

    public string? Error { get; init; }

    public string? Warning { get; init; }

    public ResponseMetadata? ResponseMetadata { get; init; }
}

internal sealed record ResponseMetadata(string? NextCursor);

/// <summary>
/// The outcome of one call: the answer, or Slack's error code (<c>channel_not_found</c>, <c>ratelimited</c>, …)
/// or a transport code (<c>http_503</c>, <c>timeout</c>, <c>request_failed</c>, <c>invalid_response</c>).
/// </summary>
internal sealed record SlackApiResult<T>(T? Value, string? Error)
    where T : SlackApiResponse
{
    public bool Ok => Error is null && Value is not null;

    public static SlackApiResult<T> Success(T value) => new(value, null);

    public static SlackApiResult<T> Failure(string error) => new(default, error);
}

internal sealed record ChatMessageResponse : SlackApiResponse
{
    public string? Channel { get; init; }

    public string? Ts { get; init; }
}

internal sealed record UserResponse : SlackApiResponse
{
    public SlackUser? User { get; init; }
}

internal sealed record SlackUser(string Id, string? Name, bool? IsBot, bool? Deleted, SlackUserProfile? Profile)
{
    /// <summary>Whether the person proved they own <see cref="SlackUserProfile.Email"/>; anyone can type any address into a profile.</summary>
    public bool? IsEmailConfirmed { get; init; }

    /// <summary>The person's Slack language ("ar-SA"), sent only when asked for with <c>include_locale</c>.</summary>
    public string? Locale { get; init; }
}

internal sealed record SlackUserProfile(string? Email, string? RealName, string? DisplayName);

internal sealed record ConversationOpenResponse : SlackApiResponse
{
    public SlackConversation? Channel { get; init; }
}

internal sealed record SlackConversation(string Id);

internal sealed record ConversationMembersResponse : SlackApiResponse
{
    public IReadOnlyList<string> Members { get; init; } = [];
}

/// <summary>A bare answer (response_url answers "ok" as text; this stands for success there).</summary>
internal sealed record EmptyResponse : SlackApiResponse;

internal sealed record ChatPostMessageRequest(string Channel, string Text, IReadOnlyList<Block> Blocks)
{
    public string? ThreadTs { get; init; }
}

internal sealed record ChatPostEphemeralRequest(string Channel, string User, string Text, IReadOnlyList<Block> Blocks);

internal sealed record ChatUpdateRequest(string Channel, string Ts, string Text, IReadOnlyList<Block> Blocks);

internal sealed record ConversationsOpenRequest(string Users);

/// <summary>A message for a slash command ack body or a <c>response_url</c>.</summary>
internal sealed record ResponseMessage(string Text, IReadOnlyList<Block> Blocks)
{
    /// <summary><c>ephemeral</c> (Slack's default) or <c>in_channel</c>.</summary>
    public string? ResponseType { get; init; }

    public bool? ReplaceOriginal { get; init; }

    public static ResponseMessage From(SlackMessage message, string? responseType = null, bool? replaceOriginal = null) =>
        new(message.Text, message.Blocks) { ResponseType = responseType, ReplaceOriginal = replaceOriginal };
}

/// <summary><c>views.publish</c>: the App Home view of one user.</summary>
internal sealed record ViewsPublishRequest(string UserId, HomeView View);

/// <summary>An App Home tab: at most 100 blocks.</summary>
internal sealed record HomeView(IReadOnlyList<Block> Blocks)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Type { get; init; } = "home";

    public string? CallbackId { get; init; }
}

/// <summary><c>views.open</c>: a modal, opened with the <c>trigger_id</c> of the interaction that asked for it (valid 3 s).</summary>
internal sealed record ViewsOpenRequest(string TriggerId, ModalView View);

/// <summary>A modal: title at most 24 characters, at most 100 blocks; <c>private_metadata</c> at most 3000 characters.</summary>
internal sealed record ModalView(TextObject Title, IReadOnlyList<Block> Blocks)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Type { get; init; } = "modal";

    public TextObject? Submit { get; init; }

    public TextObject? Close { get; init; }

    public string? CallbackId { get; init; }

    public string? PrivateMetadata { get; init; }
}

/// <summary>The ack of a <c>view_submission</c> that keeps the modal open with a message under each refused field (by block id).</summary>
internal sealed record ViewErrorsAck(IReadOnlyDictionary<string, string> Errors)
{
    public string ResponseAction => "errors";
}

/// <summary>What a form modal remembers between opening and submission: the submit payload and where its card is.</summary>
internal sealed record FormModalContext(string Payload, string Channel, string? MessageTs, bool IsEphemeral, string? ResponseUrl);

/// <summary><c>apps.connections.open</c>: the WebSocket URL for one Socket Mode connection.</summary>
internal sealed record ConnectionsOpenResponse : SlackApiResponse
{
    public string? Url { get; init; }
}

/// <summary><c>oauth.v2.access</c>: a bot installation (or its refreshed token when rotation is on).</summary>
internal sealed record OAuthAccessResponse : SlackApiResponse
{
    public string? AccessToken { get; init; }

    public string? TokenType { get; init; }

    public string? Scope { get; init; }

    public string? BotUserId { get; init; }

    public string? AppId { get; init; }

    public OAuthEntity? Team { get; init; }

    public OAuthEntity? Enterprise { get; init; }

    public OAuthAuthedUser? AuthedUser { get; init; }

    public bool? IsEnterpriseInstall { get; init; }

    /// <summary>Seconds until the access token expires; present only when token rotation is on.</summary>
    public int? ExpiresIn { get; init; }

    public string? RefreshToken { get; init; }
}

internal sealed record OAuthEntity(string? Id, string? Name);

/// <summary><c>auth.test</c>: who a token is.</summary>
internal sealed record AuthTestResponse : SlackApiResponse
{
    public string? TeamId { get; init; }

    public string? EnterpriseId { get; init; }

    public string? UserId { get; init; }
}

internal sealed record OAuthAuthedUser(string? Id);
