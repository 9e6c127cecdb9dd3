using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Data.Hosts;

namespace SalesCoachBot.Data.Tests;

/// <summary>
/// The "try again" of a database outage (issue 19) in the person's language (issue 17): without the database their
/// stored language is out of reach, so the turn decides: a message written in Arabic or an Arabic chat locale gets the
/// Arabic answer; anything else the English one, word for word as before.
/// </summary>
public sealed class DatabaseOutageAnswerTests
{
    private sealed class DownBot : ICoachBot
    {
        public Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken) =>
            throw new TimeoutException("connection timed out");
    }

    private static DatabaseOutageCoachBot Bot() => new(
        new DownBot(), NullLogger<DatabaseOutageCoachBot>.Instance, ReplyTexts.Shared, new LanguageChoice(Options.Create(new LanguageOptions())));

    private static ChatTurn Turn(string text, string? locale = null) =>
        new(new ChatUser(ChatChannel.Slack, SlackUserId: "U1", Locale: locale), ConversationKey.For(ChatChannel.Slack, "C1"), new TextInput(text));

    [Fact]
    public async Task Outage_MessageInArabic_ArabicTryAgainOnARightToLeftCard()
    {
        var answer = await Bot().HandleAsync(Turn("تم تقديم العرض لصفقة Initech"), CancellationToken.None);

        Assert.Equal("لا أستطيع الوصول إلى قاعدة بياناتي الآن، فلم يُسجَّل شيء. حاول مرة أخرى بعد دقيقة.", answer.Text);
        Assert.Equal("حاول مرة أخرى", answer.Card!.Title);
        Assert.Equal(ReplyLanguage.ArabicCode, answer.Card.Language?.Code);
    }

    [Fact]
    public async Task Outage_ArabicChatLocale_ArabicTryAgain()
    {
        var answer = await Bot().HandleAsync(Turn("done demo-held for Initech", locale: "ar-SA"), CancellationToken.None);

        Assert.StartsWith("لا أستطيع الوصول إلى قاعدة بياناتي", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outage_English_AnswerUnchanged()
    {
        var answer = await Bot().HandleAsync(Turn("done demo-held for Initech", locale: "en-US"), CancellationToken.None);

        Assert.Equal("I can't reach my database just now, so nothing was recorded. Please try again in a minute.", answer.Text);
        Assert.Equal("Please try again", answer.Card!.Title);
        Assert.Null(answer.Card.Language);
    }
}
