using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.WebApi;

/// <summary>
/// The Slack Web API methods the bot uses, plus answering on a <c>response_url</c>. Bot-token methods name the
/// workspace they act in; its token comes from <see cref="ISlackTokenProvider"/> on every call.
/// </summary>
internal interface ISlackApiClient
{
    Task<SlackApiResult<ChatMessageResponse>> PostMessageAsync(SlackWorkspace workspace, ChatPostMessageRequest request, CancellationToken cancellationToken);

    Task<SlackApiResult<ChatMessageResponse>> PostEphemeralAsync(SlackWorkspace workspace, ChatPostEphemeralRequest request, CancellationToken cancellationToken);

    Task<SlackApiResult<ChatMessageResponse>> UpdateMessageAsync(SlackWorkspace workspace, ChatUpdateRequest request, CancellationToken cancellationToken);

    Task<SlackApiResult<UserResponse>> GetUserInfoAsync(SlackWorkspace workspace, string userId, CancellationToken cancellationToken);

    Task<SlackApiResult<UserResponse>> LookupUserByEmailAsync(SlackWorkspace workspace, string email, CancellationToken cancellationToken);

    Task<SlackApiResult<ConversationOpenResponse>> OpenConversationAsync(SlackWorkspace workspace, string userId, CancellationToken cancellationToken);

    /// <summary>Every member of a conversation, following <c>response_metadata.next_cursor</c> page by page.</summary>
    Task<SlackListResult<string>> ListConversationMembersAsync(SlackWorkspace workspace, string channel, CancellationToken cancellationToken);

    /// <summary><c>views.publish</c>: replaces a person's App Home tab.</summary>
    Task<SlackApiResult<EmptyResponse>> PublishViewAsync(SlackWorkspace workspace, ViewsPublishRequest request, CancellationToken cancellationToken);

    /// <summary><c>views.open</c>: opens a modal for the person whose interaction gave the trigger id.</summary>
    Task<SlackApiResult<EmptyResponse>> OpenViewAsync(SlackWorkspace workspace, ViewsOpenRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Shares a file without a public URL (Slack's external upload, scope <c>files:write</c>):
    /// <c>files.getUploadURLExternal</c>, the bytes POSTed to the upload URL it returns, then
    /// <c>files.completeUploadExternal</c> into the channel.
    /// </summary>
    Task<SlackApiResult<FilesCompleteUploadResponse>> UploadFileAsync(SlackWorkspace workspace, SlackFileUpload upload, CancellationToken cancellationToken);

    /// <summary>Posts to a <c>response_url</c> taken from a verified request (no token needed there).</summary>
    Task<SlackApiResult<EmptyResponse>> RespondAsync(Uri responseUrl, ResponseMessage message, CancellationToken cancellationToken);

    /// <summary><c>apps.connections.open</c> with the app-level token: a fresh Socket Mode WebSocket URL.</summary>
    Task<SlackApiResult<ConnectionsOpenResponse>> OpenSocketConnectionAsync(CancellationToken cancellationToken);

    /// <summary><c>oauth.v2.access</c> with the client credentials: exchanges a code (install) or a refresh token (rotation).</summary>
    Task<SlackApiResult<OAuthAccessResponse>> OAuthAccessAsync(IReadOnlyList<KeyValuePair<string, string>> grant, CancellationToken cancellationToken);

    /// <summary><c>auth.test</c> with <c>Slack:BotToken</c>: the workspace that token belongs to.</summary>
    Task<SlackApiResult<AuthTestResponse>> AuthTestAsync(CancellationToken cancellationToken);
}

/// <summary>All items of a paged list, or the error that stopped the paging.</summary>
internal sealed record SlackListResult<T>(IReadOnlyList<T> Items, string? Error)
{
    public bool Ok => Error is null;
}

/// <summary>
/// Typed Web API client over one named HttpClient, whose resilience handler does the retries
/// (<see cref="SlackResilience.AddSlackWebApiResilience"/>: 429 after its Retry-After, 5xx and connection failures
/// with backoff). What is still a failure after them, and <c>ok:false</c>, becomes a typed error with Slack's code.
/// </summary>
internal sealed class SlackApiClient(
    SlackWebApiTransport transport,
    SlackOAuthClient oauth,
    IOptions<SlackOptions> options,
    ISlackTokenProvider tokens,
    ChannelPacer pacer,
    ILogger<SlackApiClient> logger) : ISlackApiClient
{
    public const string HttpClientName = SlackWebApiTransport.HttpClientName;
    private const int PageLimit = 200;
    private const int MaxAltText = 1000;

    private static SlackJsonContext Json => SlackJsonContext.Wire;

    public async Task<SlackApiResult<ChatMessageResponse>> PostMessageAsync(SlackWorkspace workspace, ChatPostMessageRequest request, CancellationToken cancellationToken)
    {
        await pacer.WaitTurnAsync($"{workspace}:{request.Channel}", cancellationToken).ConfigureAwait(false);
        return await CallJsonAsync(workspace, "chat.postMessage", request, Json.ChatPostMessageRequest, Json.ChatMessageResponse, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SlackApiResult<ChatMessageResponse>> PostEphemeralAsync(SlackWorkspace workspace, ChatPostEphemeralRequest request, CancellationToken cancellationToken)
    {
        await pacer.WaitTurnAsync($"{workspace}:{request.Channel}", cancellationToken).ConfigureAwait(false);
        return await CallJsonAsync(workspace, "chat.postEphemeral", request, Json.ChatPostEphemeralRequest, Json.ChatMessageResponse, cancellationToken).ConfigureAwait(false);
    }

    public Task<SlackApiResult<ChatMessageResponse>> UpdateMessageAsync(SlackWorkspace workspace, ChatUpdateRequest request, CancellationToken cancellationToken) =>
        CallJsonAsync(workspace, "chat.update", request, Json.ChatUpdateRequest, Json.ChatMessageResponse, cancellationToken);

    public Task<SlackApiResult<UserResponse>> GetUserInfoAsync(SlackWorkspace workspace, string userId, CancellationToken cancellationToken) =>
        CallFormAsync(workspace, "users.info", [new("user", userId), new("include_locale", "true")], Json.UserResponse, cancellationToken);

    public Task<SlackApiResult<UserResponse>> LookupUserByEmailAsync(SlackWorkspace workspace, string email, CancellationToken cancellationToken) =>
        CallFormAsync(workspace, "users.lookupByEmail", [new("email", email)], Json.UserResponse, cancellationToken);

    public Task<SlackApiResult<ConversationOpenResponse>> OpenConversationAsync(SlackWorkspace workspace, string userId, CancellationToken cancellationToken) =>
        CallJsonAsync(workspace, "conversations.open", new ConversationsOpenRequest(userId), Json.ConversationsOpenRequest, Json.ConversationOpenResponse, cancellationToken);

    public Task<SlackApiResult<EmptyResponse>> PublishViewAsync(SlackWorkspace workspace, ViewsPublishRequest request, CancellationToken cancellationToken) =>
        CallJsonAsync(workspace, "views.publish", request, Json.ViewsPublishRequest, Json.EmptyResponse, cancellationToken);

    public Task<SlackApiResult<EmptyResponse>> OpenViewAsync(SlackWorkspace workspace, ViewsOpenRequest request, CancellationToken cancellationToken) =>
        CallJsonAsync(workspace, "views.open", request, Json.ViewsOpenRequest, Json.EmptyResponse, cancellationToken);

    public async Task<SlackListResult<string>> ListConversationMembersAsync(SlackWorkspace workspace, string channel, CancellationToken cancellationToken)
    {
        var members = new List<string>();
        string? cursor = null;
        do
        {
            List<KeyValuePair<string, string>> form = [new("channel", channel), new("limit", PageLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            if (cursor is not null)
            {
                form.Add(new("cursor", cursor));
            }

            var page = await CallFormAsync(workspace, "conversations.members", form, Json.ConversationMembersResponse, cancellationToken).ConfigureAwait(false);
            if (!page.Ok)
            {
                return new SlackListResult<string>(members, page.Error);
            }

            members.AddRange(page.Value!.Members);
            cursor = page.Value.ResponseMetadata?.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor));

        return new SlackListResult<string>(members, null);
    }

    public async Task<SlackApiResult<FilesCompleteUploadResponse>> UploadFileAsync(SlackWorkspace workspace, SlackFileUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        List<KeyValuePair<string, string>> ask =
            [new("filename", upload.FileName), new("length", upload.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        if (upload.AltText is { Length: > 0 } alt)
        {
            ask.Add(new("alt_txt", alt.Length <= MaxAltText ? alt : alt[..MaxAltText]));
        }

        var target = await CallFormAsync(workspace, "files.getUploadURLExternal", ask, Json.FilesUploadUrlResponse, cancellationToken).ConfigureAwait(false);
        if (!target.Ok)
        {
            return SlackApiResult<FilesCompleteUploadResponse>.Failure(target.Error!);
        }

        if (!Uri.TryCreate(target.Value!.UploadUrl, UriKind.Absolute, out var uploadUrl) || uploadUrl.Scheme is not ("https" or "http")
            || string.IsNullOrEmpty(target.Value.FileId))
        {
            return transport.Fail<FilesCompleteUploadResponse>("files.getUploadURLExternal", "invalid_response");
        }

        // The upload URL is pre-signed for this one file: the bot token is not sent there.
        var content = upload.Content;
        var sent = await transport.SendAsync("files.upload_url", uploadUrl, authorization: null, () => BinaryContent(content), Json.EmptyResponse, cancellationToken, webApi: false)
            .ConfigureAwait(false);
        if (!sent.Ok)
        {
            return SlackApiResult<FilesCompleteUploadResponse>.Failure(sent.Error!);
        }

        // Completing shares the file as a message in the channel, so it waits its turn like chat.postMessage.
        await pacer.WaitTurnAsync($"{workspace}:{upload.Channel}", cancellationToken).ConfigureAwait(false);
        List<KeyValuePair<string, string>> complete =
        [
            new("files", SlackWireJson.Serialize<IReadOnlyList<SlackFileReference>>([new SlackFileReference(target.Value.FileId, upload.Title)], Json.IReadOnlyListSlackFileReference)),
            new("channel_id", upload.Channel),
        ];
        if (upload.ThreadTs is { Length: > 0 } thread)
        {
            complete.Add(new("thread_ts", thread));
        }

        if (upload.Blocks is { Count: > 0 } blocks)
        {
            complete.Add(new("blocks", SlackWireJson.Serialize(blocks, Json.IReadOnlyListBlock)));
        }
        else if (upload.InitialComment is { Length: > 0 } comment)
        {
            complete.Add(new("initial_comment", comment));
        }

        return await CallFormAsync(workspace, "files.completeUploadExternal", complete, Json.FilesCompleteUploadResponse, cancellationToken).ConfigureAwait(false);
    }

    public Task<SlackApiResult<ConnectionsOpenResponse>> OpenSocketConnectionAsync(CancellationToken cancellationToken)
    {
        var appToken = options.Value.AppToken;
        if (string.IsNullOrWhiteSpace(appToken))
        {
            return Task.FromResult(SlackApiResult<ConnectionsOpenResponse>.Failure("not_authed"));
        }

        return transport.SendAsync("apps.connections.open", transport.MethodUri("apps.connections.open"), new AuthenticationHeaderValue("Bearer", appToken),
            () => new FormUrlEncodedContent([]), Json.ConnectionsOpenResponse, cancellationToken, webApi: true);
    }

    public Task<SlackApiResult<OAuthAccessResponse>> OAuthAccessAsync(IReadOnlyList<KeyValuePair<string, string>> grant, CancellationToken cancellationToken) =>
        oauth.AccessAsync(grant, cancellationToken);

    public Task<SlackApiResult<AuthTestResponse>> AuthTestAsync(CancellationToken cancellationToken)
    {
        var botToken = options.Value.BotToken;
        return string.IsNullOrWhiteSpace(botToken)
            ? Task.FromResult(SlackApiResult<AuthTestResponse>.Failure("not_authed"))
            : transport.SendAsync("auth.test", transport.MethodUri("auth.test"), new AuthenticationHeaderValue("Bearer", botToken),
                () => new FormUrlEncodedContent([]), Json.AuthTestResponse, cancellationToken, webApi: true);
    }

    public Task<SlackApiResult<EmptyResponse>> RespondAsync(Uri responseUrl, ResponseMessage message, CancellationToken cancellationToken)
    {
        var body = SlackWireJson.SerializeToUtf8Bytes(message, Json.ResponseMessage);
        return transport.SendAsync("response_url", responseUrl, authorization: null, () => JsonContent(body), Json.EmptyResponse, cancellationToken, webApi: false);
    }

    private async Task<SlackApiResult<TResponse>> CallJsonAsync<TRequest, TResponse>(
        SlackWorkspace workspace, string method, TRequest request, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
        where TResponse : SlackApiResponse
    {
        if (await BotAuthorizationAsync(workspace, method, cancellationToken).ConfigureAwait(false) is not { } authorization)
        {
            return SlackApiResult<TResponse>.Failure("not_authed");
        }

        var body = SlackWireJson.SerializeToUtf8Bytes(request, requestInfo);
        return await transport.SendAsync(method, transport.MethodUri(method), authorization, () => JsonContent(body), responseInfo, cancellationToken, webApi: true).ConfigureAwait(false);
    }

    private async Task<SlackApiResult<TResponse>> CallFormAsync<TResponse>(
        SlackWorkspace workspace, string method, IReadOnlyList<KeyValuePair<string, string>> form, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
        where TResponse : SlackApiResponse
    {
        if (await BotAuthorizationAsync(workspace, method, cancellationToken).ConfigureAwait(false) is not { } authorization)
        {
            return SlackApiResult<TResponse>.Failure("not_authed");
        }

        return await transport.SendAsync(method, transport.MethodUri(method), authorization, () => new FormUrlEncodedContent(form), responseInfo, cancellationToken, webApi: true).ConfigureAwait(false);
    }

    /// <summary>The token of the workspace the call acts in; never another workspace's.</summary>
    private async ValueTask<AuthenticationHeaderValue?> BotAuthorizationAsync(SlackWorkspace workspace, string method, CancellationToken cancellationToken)
    {
        var token = await tokens.GetBotTokenAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(token))
        {
            SlackLog.NoBotToken(logger, method);
            return null;
        }

        return new AuthenticationHeaderValue("Bearer", token);
    }

    private static ReadOnlyMemoryContent BinaryContent(ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static ByteArrayContent JsonContent(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
