using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using static SalesCoachBot.Core.Tests.Localization.Isolates;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Arabic replies a reviewer found English or broken text in (session 48): each asked as the rep or the manager, with
/// the reply's exact words.
/// </summary>
public sealed class ArabicReplies48Tests : IDisposable
{

    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task NewDeal_ArabicAmountWithoutCurrency_EchoesTheTypedAmountAndOffersArabicCommands()
    {
        var answer = await _bot.AskAsync("صفقة جديدة نيوم بـ 20 ألف", _bot.Rep);

        Assert.Equal("«20 ألف» بلا عملة، ولا أحفظ مبلغًا إلا بعملته. اذكرها مع المبلغ، مثل «صفقة جديدة نيوم بـ 20 ألف يورو». لم يُنشأ شيء.", answer.Text);
        Assert.All(answer.Card!.Actions, a => Assert.StartsWith("صفقة جديدة نيوم بـ 20 ألف ", ((RunCommandPayload)a.Payload).Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewDeal_ArabicCommandOffered_IsUnderstoodAndCreatesTheDeal()
    {
        var answer = await _bot.AskAsync("صفقة جديدة نيوم بـ 20 ألف يورو", _bot.Rep);

        Assert.StartsWith("أُنشئت صفقة نيوم", answer.Text, StringComparison.Ordinal);
        Assert.Contains(Iso("20,000 EUR"), answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewDeal_EnglishAmountWithoutCurrency_KeepsTheEnglishCommand()
    {
        var answer = await _bot.AskAsync("new deal Vega 12.5k", _bot.Rep);

        Assert.Equal("\"12.5k\" has no currency, and I only store an amount with its currency. Say it with the amount, e.g. \"new deal Vega 12.5k EUR\". Nothing was created.", answer.Text);
    }

    [Fact]
    public async Task Branch_UnknownInArabic_QuotesTheWordsTyped()
    {
        _bot.AddDeal("7001", "Zenith", "discovery");

        var answer = await _bot.AskAsync("Zenith غير مناسبة", _bot.Rep);

        Assert.Equal($"ليس لمرحلة الاستكشاف مسار يناسب «غير مناسبة»؛ لم يتغيّر شيء في صفقة {Iso("Zenith")}. مساراتها: «المشتري يرفض» ← قيد الرعاية.", answer.Text);
    }

    [Fact]
    public async Task Explain_InArabic_NamesTheOwnerAndSubStagesInArabic()
    {
        var answer = await _bot.AskAsync("اشرح مرحلة الاكتشاف", _bot.Rep);

        Assert.Contains("\nمسؤول المرحلة: المبيعات\n", answer.Text, StringComparison.Ordinal);
        Assert.Contains("\nالمراحل الفرعية: أول مكالمة استكشاف، مكالمات استكشاف لاحقة.\n", answer.Text, StringComparison.Ordinal);
        Assert.Contains(answer.Card!.Facts, f => f.Value == "المبيعات");
    }

    [Fact]
    public void DefaultMap_EverySubStage_HasAnArabicName()
    {
        var subStages = ProcessMapLoader.Default.Stages.SelectMany(s => s.Substages).ToList();

        Assert.Equal(12, subStages.Count);
        Assert.All(subStages, s => Assert.True(Bidi.HasArabicLetter(s.NameFor("ar")), s.Id));
        Assert.All(subStages, s => Assert.Equal(s.Name, s.NameFor("en")));
    }

    [Theory]
    [InlineData("لصفقة Initech: عرض", "لصفقة \u2068Initech\u2069: عرض")]
    [InlineData("صفقات Initech, Globex و Hooli.", "صفقات \u2068Initech\u2069, \u2068Globex\u2069 و \u2068Hooli\u2069.")]
    [InlineData("أجّل Initech 3 أيام", "أجّل \u2068Initech\u2069 \u20683\u2069 أيام")]
    [InlineData("فريق Acme Corp؟ نعم", "فريق \u2068Acme Corp\u2069؟ نعم")]
    [InlineData("قل demo-held!", "قل \u2068demo-held\u2069!")]
    [InlineData("بقيمة 50,000 USD الآن", "بقيمة \u206850,000 USD\u2069 الآن")]
    public void IsolateLatinRuns_PunctuationAndNumbersAfterAName_StayOutsideTheIsolate(string text, string expected) =>
        Assert.Equal(expected, Bidi.IsolateLatinRuns(text));

    [Fact]
    public async Task ArabicHelp_ColonAfterADealName_IsOutsideTheIsolate()
    {
        var help = (await _bot.AskAsync("مساعدة", _bot.Rep)).Text;

        Assert.Contains($"«الخطوة التالية لصفقة {Iso("Initech")}: عرض مع المدير المالي", help, StringComparison.Ordinal);
        Assert.DoesNotContain(":" + Pdi, help, StringComparison.Ordinal);
    }

    [Fact]
    public void IsolateRightToLeft_ReasonAlreadyIsolatedAfterItsColon_IsLeftAsItIs()
    {
        var reason = $": {Iso("العميل وافق")}";

        Assert.Equal(reason, Bidi.IsolateRightToLeft(reason));
        Assert.Equal(Iso("العميل وافق"), Bidi.IsolateRightToLeft("العميل وافق"));
    }

    [Fact]
    public async Task History_InEnglish_WithAnArabicReason_KeepsTheColonOutsideTheIsolate()
    {
        _bot.AddDeal("7002", "Orbit", "discovery");
        await _bot.AskAsync("move Orbit to demo because العميل وافق", _bot.Manager);

        var history = (await _bot.AskAsync("history of Orbit", _bot.Manager)).Text;

        Assert.Contains($": {Iso("العميل وافق")}", history, StringComparison.Ordinal);
        Assert.DoesNotContain($"{Fsi}: ", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemWithoutDone_InArabic_AsksBackWithTheItemsId()
    {
        _bot.AddDeal("7003", "Zenith", "discovery");

        var answer = await _bot.AskAsync("حدد مناصر داخلي لـ Zenith", _bot.Rep);

        Assert.Equal(
            $"هل تقصد «تم {Iso("champion-named")} لصفقة {Iso("Zenith")}»؟ أرسل «نعم» للمتابعة، أو «إلغاء».",
            answer.Text);
        Assert.Equal("تم champion-named لصفقة Zenith", ((RunCommandPayload)answer.Card!.Actions[0].Payload).Text);
    }

    [Fact]
    public async Task UndoThat_NothingRecentOnADeal_ExampleNamesThisDealAndItsItem()
    {
        _bot.AddDeal("7004", "Zenith", "discovery");

        // «آخر واحد»: any kind, as "undo that" («آخر تأكيد» names a confirmation: undo54).
        var arabic = (await _bot.AskAsync("تراجع عن آخر واحد في Zenith", _bot.Manager)).Text;
        var english = (await _bot.AskAsync("undo that on Zenith", _bot.Manager)).Text;

        Assert.Equal(
            $"لا تأكيد ولا خطوة ولا ملاحظة ولا نشاط على صفقة {Iso("Zenith")} خلال آخر 24 ساعة ما زال قائمًا، فلا شيء حديث للتراجع عنه. لسحب تأكيد أقدم، سمِّه: «تراجع عن {Iso("requirements-listed")} في {Iso("Zenith")}».",
            arabic);
        Assert.Equal(
            "Nothing confirmed, set, noted or logged on Zenith in the last 24 hours is still in force, so there is nothing recent to undo. To withdraw an older confirmation, name it: \"undo requirements-listed for Zenith\".",
            english);
    }

    [Fact]
    public async Task Reopen_LostWithAReason_HasNoNestedParentheses()
    {
        _bot.AddDeal("7005", "Zenith", "discovery");
        await _bot.AskAsync("خسرنا Zenith بسبب السعر", _bot.Rep);

        var arabic = (await _bot.AskAsync("أعد فتح Zenith", _bot.Rep)).Text;

        Assert.StartsWith($"أُعيد فتح صفقة {Iso("Zenith")} في مرحلة الاستكشاف، وكانت خاسرة (السعر).", arabic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_ForAManagersTeams_HasNoNestedParentheses()
    {
        var arabic = (await _bot.AskAsync("كم نحتاج لتحقيق 2 مليون يورو", _bot.Manager)).Text;
        var english = (await _bot.AskAsync("what do we need to hit 2M EUR", _bot.Manager)).Text;

        Assert.DoesNotMatch(@"\([^()]*\(", arabic);
        Assert.DoesNotMatch(@"\([^()]*\(", english);
    }

    [Fact]
    public async Task Snooze_WithoutATime_GivesOneExampleInWesternDigits()
    {
        _bot.AddDeal("1011", "Zenith", "discovery");

        var answer = await _bot.AskAsync("أجل Zenith", _bot.Rep);

        Assert.Equal(
            $"قل إلى متى: عددًا من الأيام أو الأسابيع، أو يومًا ينتهي عنده التأجيل. لم يُؤجَّل شيء. مثال: «أجّل {Iso("Zenith")} 3 أيام لأن المشتري في إجازة».",
            answer.Text);
    }

    [Fact]
    public async Task Snooze_WithoutATime_ArabicDigitsOn_ExampleInArabicIndicDigits()
    {
        using var bot = new BotHarness(ProcessMapLoader.Default, s => s.Configure<LanguageOptions>(o => o.ArabicDigits = true));
        bot.AddDeal("1011", "Zenith", "discovery");

        var answer = await bot.AskAsync("أجل Zenith", bot.Rep);

        Assert.EndsWith($"مثال: «أجّل {Iso("Zenith")} ٣ أيام لأن المشتري في إجازة».", answer.Text, StringComparison.Ordinal);
    }
}
