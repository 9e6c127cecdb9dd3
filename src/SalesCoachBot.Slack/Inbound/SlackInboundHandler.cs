using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Processing;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Inbound;

/// <summary>How an inbound request was taken: the transport (HTTP or Socket Mode) turns this into its own ack.</summary>
internal enum SlackAckStatus
{
    /// <summary>Taken (or deliberately ignored): acknowledge.</summary>
    Accepted,

    /// <summary>From a workspace the bot does not serve.</summary>
    Forbidden,

    /// <summary>Not a shape Slack sends.</summary>
    Malformed,

    /// <summary>The work queue is full: do not acknowledge, so Slack delivers it again later.</summary>
    Busy,
}

/// <summary>The ack: a status, plus the message for a slash command answered in the ack or the url_verification challenge.</summary>
internal sealed record SlackAck(SlackAckStatus Status, ResponseMessage? Message = null, string? Challenge = null, ViewErrorsAck? ViewErrors = null)
{
    public static readonly SlackAck Accepted = new(SlackAckStatus.Accepted);
    public static readonly SlackAck Forbidden = new(SlackAckStatus.Forbidden);
    public static readonly SlackAck Busy = new(SlackAckStatus.Busy);
    public static readonly SlackAck Malformed = new(SlackAckStatus.Malformed);
}

/// <summary>
/// Events, slash commands and interactions after the transport authenticated them (HTTP: signature; Socket Mode:
/// the app token that opened the socket). Maps to a core turn, acks, and queues slow work. Both transports share it.
/// </summary>
internal sealed partial class SlackInboundHandler(
    SlackWorkQueue queue,
    SlackTurnProcessor processor,
    SlackUserDirectory users,
    BlockKitRenderer renderer,
    SlackWorkspaceGate gate,
    IOptions<SlackOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    LanguageChoice languages,
    ILogger<SlackInboundHandler> logger,
    ReplyTexts? replyTexts = null)
{
    private readonly ReplyTexts _texts = replyTexts ?? ReplyTexts.Shared;

    public const string Ephemeral = "ephemeral";
    public const string InChannel = "in_channel";

    /// <summary>
    /// The answer to a slash command from a workspace the bot does not serve, in the deployment's default language
    /// (nobody there is a known person with a language of their own).
    /// </summary>
    public string NotServedText => _texts.In(languages.Default).Errors("Slack.NotServed");

    /// <param name="source">For log lines: the HTTP path or <c>socket</c>.</param>
    public async ValueTask<SlackAck> HandleEventAsync(SlackEventEnvelope envelope, string source, string? retryNum, string? retryReason, CancellationToken cancellationToken)
    {
        if (envelope.Type == "url_verification")
        {
            if (envelope.Challenge is { Length: > 0 and <= 1024 } challenge)
            {
                return new SlackAck(SlackAckStatus.Accepted, Challenge: challenge);
            }

            SlackLog.Malformed(logger, source, "url_verification without a challenge");
            return SlackAck.Malformed;
        }

        var workspace = SlackWorkspace.Of(envelope.TeamId, envelope.EnterpriseId);
        if (!await IsServedAsync(source, workspace, cancellationToken).ConfigureAwait(false))
        {
            return SlackAck.Forbidden;
        }

        if (envelope.Type != "event_callback" || envelope.Event is not { } ev || string.IsNullOrEmpty(envelope.EventId))
        {
            SlackLog.EventIgnored(logger, envelope.Type);
            return SlackAck.Accepted;
        }

        var work = ToWork(envelope, ev, workspace);
        if (work is null)
        {
            SlackLog.EventIgnored(logger, ev.Type);
            return SlackAck.Accepted;
        }

        // A retry is recognised by the worker (SlackWorker claims the event id); a full queue lets Slack's retry bring it back.
        return queue.TryEnqueue(work with { Delivery = new SlackDelivery(envelope.EventId, retryNum, retryReason) }) ? SlackAck.Accepted : SlackAck.Busy;
    }

    public async Task<SlackAck> HandleCommandAsync(SlashCommand command, string source, CancellationToken cancellationToken)
    {
        if (command is not { UserId: { Length: > 0 } userId, TeamId: { Length: > 0 } teamId, ChannelId: { Length: > 0 } channelId })
        {
            SlackLog.Malformed(logger, source, "slash command without user, team or channel");
            return SlackAck.Malformed;
        }

        var workspace = SlackWorkspace.Of(teamId, command.EnterpriseId);
        if (!await IsServedAsync(source, workspace, cancellationToken).ConfigureAwait(false))
        {
            // The person typed a command and waits for an answer: a polite one, with nothing read or looked up.
            var notServed = NotServedText;
            return new SlackAck(SlackAckStatus.Accepted, new ResponseMessage(notServed, [new SectionBlock(TextObject.Markdown(notServed))]) { ResponseType = Ephemeral });
        }

        var (text, responseType) = ReadVisibility(command.Text ?? string.Empty);
        var found = await users.FindAsync(workspace, userId, cancellationToken).ConfigureAwait(false);
        var user = new ChatUser(ChatChannel.Slack, SlackUserId: userId, Email: found.Email, Locale: found.Locale, DisplayName: string.IsNullOrEmpty(command.UserName) ? null : command.UserName,
            SlackTeamId: teamId, SlackEnterpriseId: workspace.EnterpriseId);
        var turn = new ChatTurn(user, SlackTurns.Conversation(teamId, channelId), new TextInput(text.Length == 0 ? "help" : text));

        // The answer keeps going after the ack when it is slow, so it runs on the app's lifetime, not the request's.
        // WaitAsync hands back an already finished answer (the usual case) as is: no budget timer, no extra task.
        var answering = processor.AskAsync(turn, lifetime.ApplicationStopping);
        try
        {
            var answer = await answering.WaitAsync(options.Value.AckBudget, time, cancellationToken).ConfigureAwait(false);
            return Answered(answer, responseType);
        }
        catch (TimeoutException) when (ResponseUrl(command.ResponseUrl) is { } responseUrl && queue.TryEnqueue(new DeferredCommandWork(answering, responseUrl, responseType)))
        {
            SlackLog.CommandDeferred(logger, options.Value.AckBudget);
            return new SlackAck(SlackAckStatus.Accepted, new ResponseMessage(_texts.In(languages.Default).Errors("Slack.WorkingOnIt"), []) { ResponseType = Ephemeral });
        }
    }

    private SlackAck Answered(BotAnswer answer, string responseType) =>
        new(SlackAckStatus.Accepted, ResponseMessage.From(renderer.Render(answer), responseType));

    private static Uri? ResponseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;

    public async ValueTask<SlackAck> HandleInteractionAsync(InteractionPayload payload, string source, CancellationToken cancellationToken)
    {
        var teamId = payload.Team?.Id ?? payload.User?.TeamId;
        var workspace = SlackWorkspace.Of(teamId, payload.Enterprise?.Id);
        if (!await IsServedAsync(source, workspace, cancellationToken).ConfigureAwait(false))
        {
            return SlackAck.Forbidden;
        }

        if (payload.Type == "view_submission")
        {
            return await HandleViewSubmissionAsync(payload, workspace, teamId, cancellationToken).ConfigureAwait(false);
        }

        var action = payload.Actions is [var first, ..] ? first : null;
        if (payload.Type != "block_actions" || action?.ActionId is not { } actionId)
        {
            SlackLog.InteractionIgnored(logger, payload.Type, action?.ActionId, "not a block action");
            return SlackAck.Accepted;
        }

        // Ticking a box records nothing (confirmations happen on Confirm), so the tick itself is only acknowledged.
        if (actionId.StartsWith(BlockKitRenderer.TickActionPrefix, StringComparison.Ordinal))
        {
            return SlackAck.Accepted;
        }

        var responseUrl = ResponseUrl(payload.ResponseUrl);
        if (actionId != BlockKitRenderer.ConfirmActionId && !actionId.StartsWith(BlockKitRenderer.ButtonActionPrefix, StringComparison.Ordinal))
        {
            SlackLog.InteractionIgnored(logger, payload.Type, actionId, "unknown action id");
            return SlackAck.Accepted;
        }

        // A button press redelivered (a proxy's retry, or to another host) is answered once: the trigger id is unique per
        // press, and the worker claims it before doing the work (SlackWorker), so the ack waits for no database.
        var delivery = payload.TriggerId is { Length: > 0 } trigger ? new SlackDelivery("action:" + trigger) : null;

        // Slack caps a button's value at 2,000 characters, so a longer one was not written by us.
        var typed = action.Value is { Length: <= BlockKitLimits.ButtonValue } value ? ActionPayload.TryParse(value) : null;
        var channelId = payload.Channel?.Id ?? payload.Container?.ChannelId;
        if (typed is not null && payload.User?.Id is { } homeUser && teamId is not null && channelId is null && payload.Container?.Type == "view")
        {
            // App Home: no channel, no response_url; the answer goes to the person's DM.
            var person = new ChatUser(ChatChannel.Slack, SlackUserId: homeUser, DisplayName: payload.User.Name ?? payload.User.Username,
                SlackTeamId: payload.User.TeamId ?? teamId, SlackEnterpriseId: workspace.EnterpriseId);
            return queue.TryEnqueue(new HomeActionWork(workspace, person, typed) { Delivery = delivery }) ? SlackAck.Accepted : SlackAck.Busy;
        }

        if (typed is null || payload.User?.Id is not { } userId || teamId is null || channelId is null)
        {
            SlackLog.InteractionIgnored(logger, payload.Type, actionId, "button value is not one of ours");
            if (responseUrl is not null)
            {
                queue.TryEnqueue(new NoticeWork(responseUrl, _texts.In(languages.Default).Errors("Slack.ButtonNotOurs")) { Delivery = delivery });
            }

            return SlackAck.Accepted;
        }

        var selected = typed is ConfirmItemsPayload ? SelectedItems(payload) : [];
        var user = new ChatUser(ChatChannel.Slack, SlackUserId: userId, DisplayName: payload.User.Name ?? payload.User.Username,
            SlackTeamId: payload.User.TeamId ?? teamId, SlackEnterpriseId: workspace.EnterpriseId);
        var turn = SlackTurns.Action(user, SlackTurns.Conversation(teamId, channelId), typed, selected);
        var work = new InteractionWork(workspace, turn, channelId, payload.Container?.MessageTs ?? payload.Message?.Ts, payload.Container?.IsEphemeral == true, responseUrl,
            payload.TriggerId)
        { Delivery = delivery };
        return queue.TryEnqueue(work) ? SlackAck.Accepted : SlackAck.Busy;
    }

    /// <summary>
    /// A form modal submitted (the card's "Set next step"): its inputs fill the submit payload it remembered, the core
    /// answers within the ack budget, and a refused input keeps the modal open with the reason under that field
    /// (<c>response_action: errors</c>). Accepted, the modal closes and the answer replaces the card it came from.
    /// </summary>
    private async Task<SlackAck> HandleViewSubmissionAsync(InteractionPayload payload, SlackWorkspace workspace, string? teamId, CancellationToken cancellationToken)
    {
        if (payload.View is not { CallbackId: BlockKitRenderer.FormCallbackId, PrivateMetadata: { Length: > 0 } metadata } view
            || payload.User?.Id is not { } userId || teamId is null
            || ReadFormContext(metadata) is not { } context
            || FormPayload(context.Payload, view.State) is not { } typed)
        {
            SlackLog.ViewSubmissionIgnored(logger, "not one of our forms");
            return SlackAck.Accepted;
        }

        var user = new ChatUser(ChatChannel.Slack, SlackUserId: userId, DisplayName: payload.User.Name ?? payload.User.Username,
            SlackTeamId: payload.User.TeamId ?? teamId, SlackEnterpriseId: workspace.EnterpriseId);
        user = await users.DescribeAsync(workspace, user, cancellationToken).ConfigureAwait(false);
        var turn = SlackTurns.Action(user, SlackTurns.Conversation(teamId, context.Channel), typed, []);
        var answering = processor.AskAsync(turn, lifetime.ApplicationStopping);
        try
        {
            var answer = await answering.WaitAsync(options.Value.AckBudget, time, cancellationToken).ConfigureAwait(false);
            if (answer.InputErrors is { Count: > 0 } errors)
            {
                return new SlackAck(SlackAckStatus.Accepted, ViewErrors: new ViewErrorsAck(errors));
            }
        }
        catch (TimeoutException)
        {
            // Slow: the modal closes now and the answer follows where the card is.
        }

        var work = new FormAnswerWork(workspace, answering, context.Channel, context.MessageTs, context.IsEphemeral, ResponseUrl(context.ResponseUrl));
        return queue.TryEnqueue(work) ? SlackAck.Accepted : SlackAck.Busy;
    }

    private static FormModalContext? ReadFormContext(string metadata)
    {
        if (metadata.Length > BlockKitLimits.PrivateMetadata)
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(metadata, SlackJsonContext.Wire.FormModalContext) is { Payload.Length: > 0, Channel.Length: > 0 } context ? context : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The remembered submit payload with the modal's values merged in (block id = action id = the payload's property),
    /// as Teams merges a card's inputs into its data; null when the result is not one of our payloads.
    /// </summary>
    internal static ActionPayload? FormPayload(string payloadJson, InteractionState? state)
    {
        System.Text.Json.Nodes.JsonObject data;
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(payloadJson) is not System.Text.Json.Nodes.JsonObject parsed)
            {
                return null;
            }

            data = parsed;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        foreach (var (blockId, elements) in state?.Values ?? new Dictionary<string, IReadOnlyDictionary<string, InteractionStateValue>>())
        {
            // Only fields the form has: the payload's own properties (kind, deal) are never overwritten from input.
            if (elements is null || !elements.TryGetValue(blockId, out var element) || element is null || data.ContainsKey(blockId)
                || blockId.Length > BlockKitLimits.Id)
            {
                continue;
            }

            var value = element.Type == "datepicker" ? element.SelectedDate : element.Value;
            if (value is not null)
            {
                data[blockId] = value;
            }
        }

        return ActionPayload.TryParse(data.ToJsonString());
    }

    /// <summary>The ticked item ids: the current selection of every checklist group on the card.</summary>
    internal static IReadOnlyList<ChecklistItemId> SelectedItems(InteractionPayload payload)
    {
        if (payload.State?.Values is not { } values)
        {
            return [];
        }

        // JSON nulls where Slack sends objects (a block, an element, an option) are skipped, not dereferenced.
        return values
            .Where(block => block.Key.StartsWith(BlockKitRenderer.ChecklistBlockPrefix, StringComparison.Ordinal) && block.Value is not null)
            .SelectMany(block => block.Value.Values)
            .Where(element => element is { Type: "checkboxes", SelectedOptions: not null })
            .SelectMany(element => element.SelectedOptions!)
            .Select(option => option?.Value)
            .Where(value => !string.IsNullOrWhiteSpace(value) && value.Length <= BlockKitLimits.OptionText)
            .Distinct(StringComparer.Ordinal)
            .Select(value => new ChecklistItemId(value!))
            .ToList();
    }

    /// <summary>
    /// Answers are private (ephemeral) unless the text ends with <c>public</c> or <c>share</c>
    /// (<c>/coach next acme public</c>): then the whole channel sees them.
    /// </summary>
    internal static (string Text, string ResponseType) ReadVisibility(string text)
    {
        var trimmed = text.Trim();
        var match = ShareSuffix().Match(trimmed);
        return match.Success ? (trimmed[..match.Index].TrimEnd(), InChannel) : (trimmed, Ephemeral);
    }

    /// <summary>The words addressed to the bot: mentions stripped; null for anything the bot should not answer.</summary>
    internal static string? ConversationalText(SlackEvent ev, string? botUserId)
    {
        // The bot's own posts, other bots and edits/joins (subtypes) are never answered.
        if (ev.BotId is not null || ev.Subtype is not null || ev.Text is null || (botUserId is not null && ev.User == botUserId))
        {
            return null;
        }

        var isMention = ev.Type == "app_mention";
        var isDirect = ev.Type == "message" && ev.ChannelType == "im";
        if (!isMention && !isDirect)
        {
            return null;
        }

        var text = Mention().Replace(ev.Text, " ").Trim();
        return text.Length == 0 ? "help" : System.Net.WebUtility.HtmlDecode(text);
    }

    /// <summary>The work an event asks for, or null when the bot does nothing with it.</summary>
    private static SlackWork? ToWork(SlackEventEnvelope envelope, SlackEvent ev, SlackWorkspace workspace)
    {
        switch (ev.Type)
        {
            case SlackEventTypes.AppHomeOpened:
                return ev.Tab == "home" && ev.User is { Length: > 0 } homeUser ? new HomeOpenedWork(workspace, homeUser) : null;
            case SlackEventTypes.AppUninstalled:
                return new UninstallWork(workspace, envelope.IsEnterpriseInstall == true, ev.Type);
            case SlackEventTypes.TokensRevoked:
                // Only the bot token matters: a revoked user token leaves the bot working.
                return ev.Tokens?.Bot is { Count: > 0 } ? new UninstallWork(workspace, envelope.IsEnterpriseInstall == true, ev.Type) : null;
        }

        var botUserId = envelope.Authorizations?.FirstOrDefault(a => a is { IsBot: true })?.UserId;
        if (ConversationalText(ev, botUserId) is not { } text || ev.User is null || ev.Channel is null || envelope.TeamId is null)
        {
            return null;
        }

        // In a channel shared with another organisation the sender's own workspace is the event's team.
        var user = new ChatUser(ChatChannel.Slack, SlackUserId: ev.User, SlackTeamId: ev.Team ?? envelope.TeamId, SlackEnterpriseId: workspace.EnterpriseId);
        var turn = new ChatTurn(user, SlackTurns.Conversation(envelope.TeamId, ev.Channel), new TextInput(text));
        return new MessageWork(workspace, turn, ev.Channel, ev.ThreadTs);
    }

    private async ValueTask<bool> IsServedAsync(string source, SlackWorkspace workspace, CancellationToken cancellationToken)
    {
        if (await gate.IsAllowedAsync(workspace, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        SlackLog.ForeignWorkspace(logger, source, workspace.ToString());
        return false;
    }

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    [GeneratedRegex(@"(^|\s)(public|share|--public)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShareSuffix();
}
