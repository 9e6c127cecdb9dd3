using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Session 51 audit of what reps do between checklist items (next steps, notes, calls, snoozes, what's due) and the
/// help, as a rep, a manager and the admin read them in English and Arabic, on the shipped map.
/// </summary>
public sealed class ReplyWording51Tests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Due_Arabic_HeaderCountsNounsAndLeavesOutNone()
    {
        _bot.AddDeal("1002", "Initech", "demo").NextStep = "send ROI case";
        _bot.AddDeal("1003", "Globex", "proposal");

        var answer = await _bot.AskAsync("وش المستحق");

        // «0 متأخرة، 1 قادمة» put bare digits before feminine adjectives with no noun, and «متأخرة: 0، قادمة: 0، …» read as
        // a form: each count now counts its noun (steps or deals), and a count of none is left out.
        Assert.Equal("المستحق في صفقاتك: خطوة واحدة بلا موعد، صفقة واحدة بلا خطوة تالية", answer.Text.Split('\n')[0]);
        Assert.Equal("خطوة واحدة بلا موعد · صفقة واحدة بلا خطوة تالية", answer.Card!.Subtitle);
    }

    [Fact]
    public async Task Due_Arabic_ComingUpSectionNamesTheDaysInOrder()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        deal.NextStep = "send ROI case";
        deal.NextStepAt = _bot.Clock.GetUtcNow().AddDays(3);

        var answer = await _bot.AskAsync("وش المستحق");

        // Was «مستحقة خلال الأيام القادمة (7)», a count in brackets after the noun it counts.
        Assert.Equal("مستحقة خلال الأيام الـ7 القادمة", answer.Card!.Sections[0].Heading);
    }

    [Fact]
    public async Task HelpNotUnderstood_Arabic_ClosestLineIsolatesLatinAsTheCardDoes()
    {
        _bot.AddDeal("1002", "Initech", "demo");

        // «شو عملت على Initech» was the sample here until it became the history (fix/parse51b).
        var answer = await _bot.AskAsync("شو رأيك بالطقس في Initech");

        var closest = answer.Text.Split('\n')[1];
        Assert.StartsWith("الأقرب: «", closest, StringComparison.Ordinal);
        Assert.Contains("\u2068Initech\u2069", closest, StringComparison.Ordinal);
        Assert.DoesNotContain(" Initech", closest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("الخطوة التالية لـ Initech: اتصال بكرة الساعة ٢ الظهر", "14:00")]
    [InlineData("next step for Initech: call tomorrow at 12 noon", "12:00")]
    public async Task NextStep_HourBeforeNoonWord_IsThatHourOfTheAfternoon(string text, string time)
    {
        _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync(text);

        // «٢ الظهر» was read as «الظهر» alone: today 12:00, refused as past.
        var deal = _bot.Stores.Deals.Single(d => d.ExternalId == "1002");
        Assert.NotNull(deal.NextStepAt);
        Assert.Contains(time, answer.Text, StringComparison.Ordinal);
        Assert.Equal(_bot.Clock.GetUtcNow().AddDays(1).Date, deal.NextStepAt!.Value.UtcDateTime.Date);
    }

    [Fact]
    public async Task NextStep_EnglishSentenceWithArabicIndicDate_StoresTheDateInsteadOfThrowing()
    {
        _bot.AddDeal("1002", "Initech", "demo");

        // Threw FormatException (int.Parse of «١٥»): the turn failed with no answer.
        var answer = await _bot.AskAsync("next step for #١٠٠٢: call ١٥/١٢");

        Assert.StartsWith("Next step for Initech: call — Tue 15 Dec 2026", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Note_Arabic_EmptyNote_ExampleIsolatesTheDealName()
    {
        var answer = await _bot.AskAsync("ملاحظة");

        Assert.Contains("«ملاحظة لصفقة \u2068Initech\u2069: ", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogActivity_Arabic_TooLong_NamesTheNoteAsTheHelpDoes()
    {
        _bot.AddDeal("1003", "Globex", "proposal");

        var answer = await _bot.AskAsync("اتصلت بـ Globex بخصوص " + new string('ن', 520));

        Assert.Contains("«ملاحظة لصفقة \u2068Globex\u2069: …»", answer.Text, StringComparison.Ordinal);
    }
}
