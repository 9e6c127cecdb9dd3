using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 50b: a date that belongs to an object ("the minutes of Dec 10", "… from Dec 3", «محضر ١٠ ديسمبر») stays the step's
/// words also at the end; a reminder keeps "10/12" whole and reads it in the chat's order; "deals in phase mars" and
/// "Dana's deals at stage mars" name the map's stages. The harness clock is Friday 27 November 2026.
/// </summary>
public sealed class Parse50bTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private static DateTimeOffset December(int day) => new(2026, 12, day, 23, 59, 0, TimeSpan.Zero);

    // 1 and 2. A date after "of", "from", «محضر», «عن», «من» is which minutes, never when the step is due.

    [Theory]
    [InlineData("remind me to send the minutes of Dec 10 to Globex", "send the minutes of Dec 10")]
    [InlineData("next step for Globex: send the minutes from Dec 3", "send the minutes from Dec 3")]
    [InlineData("next step for Globex: send the notes from Nov 20", "send the notes from Nov 20")]
    [InlineData("next step for Globex: send the report since Dec 1", "send the report since Dec 1")]
    [InlineData("الخطوة التالية لـ Globex: إرسال محضر ١٠ ديسمبر", "إرسال محضر ١٠ ديسمبر")]
    [InlineData("الخطوة التالية لـ Globex: إرسال الملخص عن ٣ ديسمبر", "إرسال الملخص عن ٣ ديسمبر")]
    [InlineData("الخطوة التالية لـ Globex: إرسال الملاحظات من ٢٠ نوفمبر", "إرسال الملاحظات من ٢٠ نوفمبر")]
    public async Task NextStep_DateOfAnObjectAtTheEnd_StaysText_NoDueDate(string text, string step)
    {
        var deal = _bot.AddDeal("1003", "Globex");

        var answer = await _bot.AskAsync(text);

        Assert.Equal(step, deal.NextStep);
        Assert.Null(deal.NextStepAt);
        Assert.DoesNotContain("passed", answer.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("next step for Globex: send the minutes of the meeting by Dec 10", "send the minutes of the meeting", 10)]
    [InlineData("next step for Globex: send the minutes from the call on Dec 3", "send the minutes from the call", 3)]
    [InlineData("remind me to send the minutes to Globex by Dec 10", "send the minutes", 10)]
    [InlineData("الخطوة التالية لـ Globex: إرسال محضر الاجتماع قبل ١٠ ديسمبر", "إرسال محضر الاجتماع", 10)]
    [InlineData("الخطوة التالية لـ Globex: اجتماع بعد ٣ أيام", "اجتماع", 30)]
    public async Task NextStep_DateSaidAsDue_AfterAnObjectsWords_IsStillTheDueDate(string text, string step, int day)
    {
        var deal = _bot.AddDeal("1003", "Globex");

        await _bot.AskAsync(text);

        Assert.Equal(step, deal.NextStep);
        Assert.Equal(day == 30 ? new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero) : December(day), deal.NextStepAt);
    }

    [Theory]
    [InlineData("send the minutes of Dec 10")]
    [InlineData("send the minutes from Nov 20")]
    [InlineData("إرسال محضر ١٠ ديسمبر")]
    [InlineData("إرسال الملاحظات من ٢٠ نوفمبر")]
    public void Find_DateAfterAnObjectsWord_IsNone_WithTheWordsAsTyped(string text)
    {
        var context = new DateContext(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

        var reading = DateInWords.Find(text, context);

        Assert.Equal(new DateReading.None(text), reading);
    }

    // 3. "10/12" in a reminder stays one word, read in the chat's order.

    [Theory]
    [InlineData("remind me to call Globex on 10/12 about pricing", "nextstep 1003 | call about pricing on 10/12")]
    [InlineData("remind me to call Globex 10/12", "nextstep 1003 | call 10/12")]
    [InlineData("remind me to call Globex about pricing on 10/12/2026", "nextstep 1003 | call about pricing on 10/12/2026")]
    [InlineData("ذكرني أتصل بـ Globex يوم 10/12 بخصوص العقد", "nextstep 1003 | اتصال بخصوص العقد يوم 10/12")]
    public void Parse_Reminder_NumericDateKeptWhole(string text, string reads) =>
        Assert.Equal(reads, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("remind me to call Globex on 10/12 about pricing", "call about pricing")]
    [InlineData("remind me to call Globex 10/12", "call")]
    [InlineData("ذكرني أتصل بـ Globex يوم 10/12 بخصوص العقد", "اتصال بخصوص العقد")]
    public async Task Reminder_NumericDate_IsTheDueDate_DayFirst(string text, string step)
    {
        var deal = _bot.AddDeal("1003", "Globex");

        await _bot.AskAsync(text);

        Assert.Equal(step, deal.NextStep);
        Assert.Equal(December(10), deal.NextStepAt);
    }

    [Fact]
    public async Task Reminder_NumericDate_InAnEnUsChat_IsMonthFirst()
    {
        var deal = _bot.AddDeal("1003", "Globex");
        await using var scope = _bot.Services.CreateAsyncScope();
        var user = new ChatUser(ChatChannel.Cli, Email: _bot.Rep.Email, Locale: "en-US");
        var turn = new ChatTurn(user, ConversationKey.For(ChatChannel.Cli, "us"), new TextInput("remind me to call Globex on 12/13 about pricing"));

        await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);

        Assert.Equal("call about pricing", deal.NextStep);
        Assert.Equal(December(13), deal.NextStepAt);
    }

    // 4. "deals in phase mars", "Dana's deals at stage mars".

    [Theory]
    [InlineData("deals in phase mars", "deals stage?(mars:NotFound)")]
    [InlineData("deals at phase mars", "deals stage?(mars:NotFound)")]
    [InlineData("Dana's deals at stage mars", "owner dana | stage?(mars:NotFound)")]
    [InlineData("Dana's deals in stage mars", "owner dana | stage?(mars:NotFound)")]
    [InlineData("Dana's deals at stage demo", "owner dana | demo")]
    [InlineData("Dana's deals", "owner dana")]
    [InlineData("صفقات سارة بمرحلة المريخ", "owner سارة | stage?(المريخ:NotFound)")]
    [InlineData("صفقات سارة في مرحلة المريخ", "owner سارة | stage?(المريخ:NotFound)")]
    [InlineData("الصفقات في مرحلة المريخ", "deals stage?(المريخ:NotFound)")]
    public void Parse_DealsAtAStageNoMapHas_KeepsTheOwner(string text, string reads) =>
        Assert.Equal(reads, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("en", "deals in phase mars", "I don't know a stage called \"mars\". Stages: Discovery, Demo, Contract signed.")]
    [InlineData("en", "Dana's deals at stage mars", "I don't know a stage called \"mars\". Stages: Discovery, Demo, Contract signed.")]
    [InlineData("ar", "صفقات سارة بمرحلة المريخ", "لا أعرف مرحلة اسمها «المريخ». المراحل:")]
    public async Task DealsAtAStageNoMapHas_NamesTheMapsStages(string language, string text, string expected)
    {
        _bot.Rep.Language = language;
        _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync(text);

        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Which deal", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", answer.Text, StringComparison.Ordinal);
    }
}
