using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Home;
using SalesCoachBot.Slack.Installs;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Processing;

/// <summary>
/// Calls the core for a Slack turn and delivers its answer the Slack way: a new message, a response_url answer,
/// or an update of the card in place (response_url for ephemeral cards, chat.update for channel messages).
/// Every Web API call uses the token of the workspace the work came from.
/// </summary>
internal sealed class SlackTurnProcessor(
    IServiceScopeFactory scopes,
    BlockKitRenderer renderer,
    ISlackApiClient api,
    SlackUserDirectory users,
    SlackHomePublisher home,
    SlackInstallations installations,
    ILogger<SlackTurnProcessor> logger)
{
    /// <summary>One core call in its own DI scope (the core's stores may be scoped).</summary>
    public async Task<BotAnswer> AskAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var bot = scope.ServiceProvider.GetRequiredService<ICoachBot>();
        return await bot.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
    }

    public async Task ProcessAsync(SlackWork work, CancellationToken cancellationToken)
    {
        switch (work)
        {
            case MessageWork message:
                await AnswerMessageAsync(message, cancellationToken).ConfigureAwait(false);
                break;
            case DeferredCommandWork deferred:
                var answer = await deferred.Answer.ConfigureAwait(false);
                await api.RespondAsync(deferred.ResponseUrl, ResponseMessage.From(renderer.Render(answer), deferred.ResponseType), cancellationToken).ConfigureAwait(false);
                break;
            case InteractionWork interaction:
                await AnswerInteractionAsync(interaction, cancellationToken).ConfigureAwait(false);
                break;
            case FormAnswerWork form:
                var formAnswer = await form.Answer.ConfigureAwait(false);
                await DeliverAsync(form.Workspace, formAnswer, form.Channel, form.MessageTs, form.IsEphemeral, form.ResponseUrl, cancellationToken).ConfigureAwait(false);
                break;
            case NoticeWork notice:
                await api.RespondAsync(notice.ResponseUrl, new ResponseMessage(SlackText.Escape(notice.Text), [new SectionBlock(TextObject.Markdown(SlackText.Escape(notice.Text)))])
                {
                    ResponseType = "ephemeral",
                    ReplaceOriginal = false,
                }, cancellationToken).ConfigureAwait(false);
                break;
            case HomeOpenedWork opened:
                await home.PublishAsync(opened.Workspace, opened.UserId, cancellationToken).ConfigureAwait(false);
                break;
            case HomeActionWork action:
                await AnswerHomeActionAsync(action, cancellationToken).ConfigureAwait(false);
                break;
            case UninstallWork uninstall:
                await installations.RemoveAsync(uninstall.Workspace, uninstall.EnterpriseInstall, uninstall.Reason, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task AnswerMessageAsync(MessageWork work, CancellationToken cancellationToken)
    {
        var turn = work.Turn with { User = await users.DescribeAsync(work.Workspace, work.Turn.User, cancellationToken).ConfigureAwait(false) };
        var answer = await AskAsync(turn, cancellationToken).ConfigureAwait(false);
        var message = renderer.Render(answer);
        await api.PostMessageAsync(work.Workspace, new ChatPostMessageRequest(work.Channel, message.Text, message.Blocks) { ThreadTs = work.ThreadTs }, cancellationToken).ConfigureAwait(false);
        await ShareInlineChartAsync(work.Workspace, work.Channel, work.ThreadTs, answer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Without a public URL a chart arrives as a PNG data URI, which Block Kit cannot show: it follows the answer as
    /// a file through Slack's external upload. The answer's text already carries the figures, so a failure is logged only.
    /// </summary>
    private async Task ShareInlineChartAsync(SlackWorkspace workspace, string channel, string? threadTs, BotAnswer answer, CancellationToken cancellationToken)
    {
        if (answer.Card is not { Image: { } image } card || InlinePng(image.Url) is not { } png)
        {
            return;
        }

        var shared = await api.UploadFileAsync(workspace, new SlackFileUpload(channel, "chart.png", png)
        {
            Title = card.Title,
            AltText = image.AltText,
            ThreadTs = threadTs,
        }, cancellationToken).ConfigureAwait(false);
        if (!shared.Ok)
        {
            SlackLog.ChartUploadFailed(logger, shared.Error!);
        }
    }

    private static byte[]? InlinePng(string url)
    {
        const string Prefix = "data:image/png;base64,";
        if (!url.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var base64 = url.AsSpan(Prefix.Length);
        var bytes = new byte[base64.Length * 3 / 4];
        return Convert.TryFromBase64Chars(base64, bytes, out var written) && written > 0 ? bytes[..written] : null;
    }

    private async Task AnswerInteractionAsync(InteractionWork work, CancellationToken cancellationToken)
    {
        // The person's Slack locale decides the answer's language when they set none of their own.
        var turn = work.Turn with { User = await users.DescribeAsync(work.Workspace, work.Turn.User, cancellationToken).ConfigureAwait(false) };
        var answer = await AskAsync(turn, cancellationToken).ConfigureAwait(false);
        if (answer.Card is { Kind: CardKind.Form, Forms: [var form, ..] } && work.TriggerId is { Length: > 0 } triggerId
            && turn.Input is ActionInput)
        {
            // The form opens as a modal; it remembers its submit payload and the card it belongs to, for the submission.
            var context = new FormModalContext(form.Submit.Payload.ToJson(), work.Channel, work.MessageTs, work.IsEphemeral, work.ResponseUrl?.ToString());
            var metadata = SlackWireJson.Serialize(context, SlackJsonContext.Wire.FormModalContext);
            if (metadata.Length <= BlockKitLimits.PrivateMetadata)
            {
                var opened = await api.OpenViewAsync(work.Workspace, new ViewsOpenRequest(triggerId, renderer.RenderModal(form, metadata, answer.Card.Language)), cancellationToken).ConfigureAwait(false);
                if (opened.Ok)
                {
                    return;
                }

                SlackLog.ModalNotOpened(logger, opened.Error ?? "unknown");
            }
        }

        await DeliverAsync(work.Workspace, answer, work.Channel, work.MessageTs, work.IsEphemeral, work.ResponseUrl, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An answer to a card: in place of the card when it replaces it, in its thread when it belongs under it, else beside it (ephemeral).</summary>
    private async Task DeliverAsync(SlackWorkspace workspace, BotAnswer answer, string channel, string? messageTs, bool isEphemeral, Uri? responseUrl, CancellationToken cancellationToken)
    {
        var message = renderer.Render(answer);
        if (answer.ReplacesCard)
        {
            // Channel messages are the bot's own and can be edited with chat.update; ephemeral ones only via response_url.
            if (!isEphemeral && messageTs is { } ts)
            {
                var updated = await api.UpdateMessageAsync(workspace, new ChatUpdateRequest(channel, ts, message.Text, message.Blocks), cancellationToken).ConfigureAwait(false);
                if (updated.Ok || responseUrl is null)
                {
                    return;
                }
            }

            if (responseUrl is { } replaceUrl)
            {
                await api.RespondAsync(replaceUrl, ResponseMessage.From(message, replaceOriginal: true), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (answer.InThread && !isEphemeral && messageTs is { } parent)
        {
            // Details of a channel message go under it, in its thread, for everyone who sees the message.
            var posted = await api.PostMessageAsync(workspace, new ChatPostMessageRequest(channel, message.Text, message.Blocks) { ThreadTs = parent }, cancellationToken).ConfigureAwait(false);
            if (posted.Ok || responseUrl is null)
            {
                return;
            }
        }

        if (responseUrl is { } url)
        {
            await api.RespondAsync(url, ResponseMessage.From(message, "ephemeral", replaceOriginal: false), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An App Home button: open the DM with the person and post the answer there (a normal message, so its Confirm updates in place).</summary>
    private async Task AnswerHomeActionAsync(HomeActionWork work, CancellationToken cancellationToken)
    {
        var userId = work.User.SlackUserId!;
        var dm = await api.OpenConversationAsync(work.Workspace, userId, cancellationToken).ConfigureAwait(false);
        if (!dm.Ok || dm.Value!.Channel?.Id is not { } channel)
        {
            SlackLog.HomeActionFailed(logger, dm.Error ?? "no channel");
            return;
        }

        var user = await users.DescribeAsync(work.Workspace, work.User, cancellationToken).ConfigureAwait(false);
        var teamId = work.Workspace.TeamId ?? work.Workspace.EnterpriseId ?? string.Empty;
        var turn = SlackTurns.Action(user, SlackTurns.Conversation(teamId, channel), work.Payload, []);
        var answer = await AskAsync(turn, cancellationToken).ConfigureAwait(false);
        var message = renderer.Render(answer);
        await api.PostMessageAsync(work.Workspace, new ChatPostMessageRequest(channel, message.Text, message.Blocks), cancellationToken).ConfigureAwait(false);
    }
}
