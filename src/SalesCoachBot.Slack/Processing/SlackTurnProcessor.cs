using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.Processing;

/// <summary>
/// Calls the core for a Slack turn and delivers its answer the Slack way: a new message, a response_url answer,
/// or an update of the card in place (response_url for ephemeral cards, chat.update for channel messages).
/// </summary>
public sealed class SlackTurnProcessor(
    IServiceScopeFactory scopes,
    BlockKitRenderer renderer,
    ISlackApiClient api,
    IOptions<SlackOptions> options,
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
            case NoticeWork notice:
                await api.RespondAsync(notice.ResponseUrl, new ResponseMessage(notice.Text, [new SectionBlock(TextObject.Markdown(SlackText.Escape(notice.Text)))])
                {
                    ResponseType = "ephemeral",
                    ReplaceOriginal = false,
                }, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task AnswerMessageAsync(MessageWork work, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(work.Turn, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(options.Value.BotToken))
        {
            SlackLog.NoBotToken(logger, "answer a message");
            return;
        }

        var message = renderer.Render(answer);
        await api.PostMessageAsync(new ChatPostMessageRequest(work.Channel, message.Text, message.Blocks) { ThreadTs = work.ThreadTs }, cancellationToken).ConfigureAwait(false);
    }

    private async Task AnswerInteractionAsync(InteractionWork work, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(work.Turn, cancellationToken).ConfigureAwait(false);
        var message = renderer.Render(answer);
        if (answer.ReplacesCard)
        {
            // Channel messages are the bot's own and can be edited with chat.update; ephemeral ones only via response_url.
            if (!work.IsEphemeral && work.MessageTs is { } ts && !string.IsNullOrWhiteSpace(options.Value.BotToken))
            {
                var updated = await api.UpdateMessageAsync(new ChatUpdateRequest(work.Channel, ts, message.Text, message.Blocks), cancellationToken).ConfigureAwait(false);
                if (updated.Ok || work.ResponseUrl is null)
                {
                    return;
                }
            }

            if (work.ResponseUrl is { } replaceUrl)
            {
                await api.RespondAsync(replaceUrl, ResponseMessage.From(message, replaceOriginal: true), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (work.ResponseUrl is { } url)
        {
            await api.RespondAsync(url, ResponseMessage.From(message, "ephemeral", replaceOriginal: false), cancellationToken).ConfigureAwait(false);
        }
    }
}
