using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Nudges;
using SalesCoachBot.Core.Understanding;
using static SalesCoachBot.Core.Tests.Localization.Isolates;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Session 55 Arabic: "still in force" agreeing with the kind undone, the median cycle saying what it is measured on,
/// none stalled said in words, plain figures without isolates, and the digest channel naming its zone as the team
/// directory does.
/// </summary>
public sealed class ArabicAgreement55Tests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("تراجع عن آخر ملاحظة", "لم تدوّن خلال آخر 24 ساعة ملاحظةً ما زالت قائمة، فلا شيء للتراجع عنه.")]
    [InlineData("الغِ آخر خطوة", "لم تحدّد خلال آخر 24 ساعة خطوةً تالية ما زالت قائمة، فلا شيء للتراجع عنه.")]
    [InlineData("الغِ آخر مكالمة", "لم تسجّل خلال آخر 24 ساعة مكالمةً ما زالت قائمة، فلا شيء للتراجع عنه.")]
    public async Task UndoNothingOfKind_Arabic_FeminineKindsAgree(string ask, string expected)
    {
        _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await _bot.AskAsync(ask);

        // Was «لا ملاحظة لك خلال آخر 24 ساعة ما زال قائمًا»: one sentence for every kind, masculine whatever the noun.
        Assert.Equal(expected, answer.Text);
    }

    [Fact]
    public async Task UndoNothingOfKind_ArabicConfirmation_MasculineAndNamesTheOlderWay()
    {
        _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await _bot.AskAsync("تراجع عن آخر تأكيد");

        Assert.StartsWith("لم تؤكّد خلال آخر 24 ساعة بندًا ما زال تأكيده قائمًا، فلا شيء للتراجع عنه. لسحب تأكيد أقدم، سمِّه: «", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoNothingOfKind_ArabicOnADeal_AgreesAndNamesTheDeal()
    {
        _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await _bot.AskAsync("تراجع عن آخر ملاحظة في Initech");

        Assert.Equal($"لم تُدوَّن على صفقة {Iso("Initech")} خلال آخر 24 ساعة ملاحظة ما زالت قائمة، فلا شيء للتراجع عنه.", answer.Text);
    }

    [Theory]
    [InlineData("undo my last note", "No note of yours from the last 24 hours is still in force, so there is nothing to undo.")]
    [InlineData("undo my last call", "No logged call of yours from the last 24 hours is still in force, so there is nothing to undo.")]
    public async Task UndoNothingOfKind_English_Unchanged(string ask, string expected)
    {
        _bot.AddDeal("1002", "Initech", "discovery");

        Assert.Equal(expected, (await _bot.AskAsync(ask)).Text);
    }

    [Theory]
    [InlineData(28, 1, "28 يومًا (من صفقة رابحة واحدة)")]
    [InlineData(20, 2, "20 يومًا (من صفقتين رابحتين)")]
    [InlineData(9, 3, "9 أيام (من 3 صفقات رابحة)")]
    [InlineData(12, 11, "12 يومًا (من 11 صفقةً رابحة)")]
    public void MedianCycle_Arabic_SaysWhatItIsMeasuredOn(double days, int won, string expected)
    {
        var say = ReplyTexts.Shared.In(ReplyLanguage.Arabic);

        // Was «20 يومًا (الصفقات الرابحة: صفقتان)»: a label over a count that repeated its noun.
        Assert.Equal(expected, say.Pipeline("Fact.MedianCycle.Value", PipelineFormat.Days(days, say), PipelineFormat.CycleDeals(won, say)));
    }

    [Theory]
    [InlineData(28, 1, "28 days over 1 deal won")]
    [InlineData(20, 2, "20 days over 2 deals won")]
    public void MedianCycle_English_Unchanged(double days, int won, string expected) =>
        Assert.Equal(expected, Phrases.English.Pipeline("Fact.MedianCycle.Value", PipelineFormat.Days(days, Phrases.English), PipelineFormat.CycleDeals(won, Phrases.English)));

    [Fact]
    public void DecimalDays_Arabic_FigureNotIsolated()
    {
        // Was «⁨5.1⁩ يوم»: the figure came as text, and every Latin-looking text argument was isolated.
        Assert.Equal("5.1 يوم", PipelineFormat.Days(5.1, ReplyTexts.Shared.In(ReplyLanguage.Arabic)));
        Assert.Equal("٥٫١ يوم", PipelineFormat.Days(5.1, ReplyTexts.Shared.In(ReplyLanguage.Arabic.WithArabicDigits(true))));
        Assert.Equal("5.1 days", PipelineFormat.Days(5.1, Phrases.English));
    }

    [Theory]
    [InlineData("5.1", true)]
    [InlineData("1,250", true)]
    [InlineData("1,250.75", true)]
    [InlineData("", false)]
    [InlineData("5", false)]
    [InlineData("1002", false)]
    [InlineData("+2", false)]
    [InlineData("−1", false)]
    [InlineData("67%", false)]
    [InlineData("09:00", false)]
    [InlineData("#1004", false)]
    [InlineData("5.", false)]
    [InlineData("1,,2", false)]
    [InlineData("2026-12-02", false)]
    public void IsFormattedFigure_DigitsWithAnInnerPointOrComma(string text, bool expected) =>
        Assert.Equal(expected, Bidi.IsFormattedFigure(text));

    [Fact]
    public void TextArguments_Arabic_FigureBareIdsAndAmountsIsolated()
    {
        var say = ReplyTexts.Shared.In(ReplyLanguage.Arabic);

        // "{0} · {1}" is a layout text; its arguments show the rule: bare digits may be an id ("1004"), so they stay isolated.
        Assert.Equal($"1,250.5 · {Iso("1004")}", say.Pipeline("Fact.Open.Value", "1,250.5", "1004"));
        Assert.Equal($"5.1 · {Iso("#1004")}", say.Pipeline("Fact.Open.Value", "5.1", "#1004"));
        Assert.Equal($"{Iso("+2")} · {Iso("50,000 USD")}", say.Pipeline("Fact.Open.Value", "+2", say.Language.Money(50_000m, "USD")));
    }

    [Fact]
    public async Task BindChannel_UnknownZoneId_StaysAsWritten()
    {
        var nudges = new InMemoryNudgeStore();
        var boss = _bot.Stores.AddPerson("boss@example.com", PersonRole.Manager, _bot.Emea);
        _bot.Emea.TimeZoneId = "Mars/Olympus";
        var view = (await _bot.Stores.FindPersonByEmailAsync(boss.Email, CancellationToken.None))!;
        var turn = new ChatTurn(new ChatUser(ChatChannel.Slack, Email: boss.Email), ConversationKey.Parse("slack:T1:C42"), new TextInput("use this channel for emea nudges"));

        var bound = await new UseChannelForNudgesUseCase(_bot.Stores, nudges)
            .HandleAsync(new UseChannelForNudgesCommand("emea"), new TurnContext(view, turn, _bot.Map, _bot.Clock.GetUtcNow()), CancellationToken.None);

        Assert.Equal("This channel now gets the EMEA stalled-deal digest at 09:00 Mars/Olympus on weekdays.", bound.Text);
    }

    [Fact]
    public async Task Help_Arabic_OneDialectThroughout()
    {
        _bot.Rep.Language = "ar";

        var help = (await _bot.AskAsync("مساعدة")).Text;

        // Was «إيش المستحق», «وش تحرك هالأسبوع», «مين في فريقي» and «شو عملت» beside «ما التالي لصفقة …».
        foreach (var colloquial in new[] { "إيش", "وش ", "شو ", "مين ", "هال" })
        {
            Assert.DoesNotContain(colloquial, help, StringComparison.Ordinal);
        }

        foreach (var command in new[] { "«ما المستحق»", "«ماذا تحرك هذا الأسبوع»", "«من في فريقي»", "«ماذا فعلت هذا الأسبوع»" })
        {
            Assert.Contains(command, help, StringComparison.Ordinal);
        }
    }
}
