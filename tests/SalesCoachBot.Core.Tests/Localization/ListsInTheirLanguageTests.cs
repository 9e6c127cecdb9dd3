using SalesCoachBot.Core.Tests.Fakes;
using static SalesCoachBot.Core.Tests.Localization.Isolates;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// "my deals", "stalled" and "explain STAGE" (issue 17, point 3): English exactly as before; a person whose language is
/// Arabic gets Arabic, with deal names, ids and the map's words isolated.
/// </summary>
public sealed class ListsInTheirLanguageTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task MyDeals_English_Unchanged()
    {
        _bot.AddDeal("1002", "Initech", "discovery", daysInStage: 2);
        _bot.AddDeal("1003", "Globex", "discovery", daysInStage: 20);

        var answer = await _bot.AskAsync("my deals");

        Assert.Equal("My deals: 2 open, 1 stalled\n- Globex (#1003) — Discovery, 20 d in stage · stalled · no next step\n- Initech (#1002) — Discovery, 2 d in stage · no next step",
            answer.Text.ReplaceLineEndings("\n"));
        Assert.Equal("My deals", answer.Card!.Title);
        Assert.Equal("2 open, 1 stalled", answer.Card.Subtitle);
        Assert.Equal("Open deals", answer.Card.Sections[0].Heading);
        Assert.Equal("Checklist", answer.Card.Sections[0].Lines[0].Action!.Label);
    }

    [Fact]
    public async Task MyDeals_ArabicPerson_Arabic()
    {
        _bot.Rep.Language = "ar";
        _bot.AddDeal("1002", "Initech", "discovery", daysInStage: 2);
        _bot.AddDeal("1003", "Globex", "discovery", daysInStage: 20);

        var answer = await _bot.AskAsync("my deals");

        var lines = answer.Text.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("صفقاتي: صفقتان مفتوحتان، صفقة متعثرة واحدة", lines[0]);
        Assert.Equal($"- {Iso("Globex")} ({Iso("#1003")}) — {Iso("Discovery")}، في المرحلة منذ 20 يومًا · متعثرة · بلا خطوة تالية", lines[1]);
        Assert.Equal("صفقاتي", answer.Card!.Title);
        Assert.Equal("قائمة البنود", answer.Card.Sections[0].Lines[0].Action!.Label);
    }

    [Fact]
    public async Task NotUnderstood_ArabicVerbAndLatinName_ArabicHelpWithArabicClosest()
    {
        // One Arabic word, one Latin: the command's word decides, so an English-speaking setting still gets Arabic.
        _bot.AddDeal("1002", "Initech", "discovery", daysInStage: 2);

        var answer = await _bot.AskAsync("انقل Initech");

        Assert.StartsWith($"عذرًا، لم أفهم «انقل {Iso("Initech")}».", answer.Text, StringComparison.Ordinal);
        Assert.Contains("الأقرب: «انقل", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sorry", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyDeals_None_EnglishAndArabic()
    {
        Assert.Equal("You have no open deals.", (await _bot.AskAsync("my deals")).Text);

        _bot.Rep.Language = "ar";
        Assert.Equal("ليس لديك صفقات مفتوحة.", (await _bot.AskAsync("my deals")).Text);
    }

    [Fact]
    public async Task Stalled_English_Unchanged()
    {
        _bot.AddDeal("1003", "Globex", "discovery", daysInStage: 20);

        var answer = await _bot.AskAsync("stalled", _bot.Manager);

        var lines = answer.Text.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("Stalled deals in EMEA: 1", lines[0]);
        Assert.Equal("rita:", lines[1]);
        Assert.StartsWith("- Globex (#1003) — Discovery: 20 days in stage (limit 14)", lines[2], StringComparison.Ordinal);
        Assert.Equal("Stalled deals", answer.Card!.Title);
        Assert.Equal("1 in EMEA", answer.Card.Subtitle);
    }

    [Fact]
    public async Task Stalled_ArabicManager_ArabicWithArabicReason()
    {
        _bot.Manager.Language = "ar";
        _bot.AddDeal("1003", "Globex", "discovery", daysInStage: 20);

        var answer = await _bot.AskAsync("stalled", _bot.Manager);

        var lines = answer.Text.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal($"الصفقات المتعثرة في {Iso("EMEA")}: 1", lines[0]);
        Assert.StartsWith($"- {Iso("Globex")} ({Iso("#1003")}) — {Iso("Discovery")}: ", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("in stage", answer.Text, StringComparison.Ordinal);
        Assert.Equal("الصفقات المتعثرة", answer.Card!.Title);
    }

    [Fact]
    public async Task Stalled_NoneAndUnknownTeam_Arabic()
    {
        _bot.Manager.Language = "ar";

        Assert.Equal($"لا صفقات متعثرة في {Iso("EMEA")}.", (await _bot.AskAsync("stalled", _bot.Manager)).Text);
        var unknown = await _bot.AskAsync("stalled Narnia", _bot.Manager);
        Assert.Contains($"لا أعرف فريقًا اسمه «{Iso("Narnia")}»", unknown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_English_Unchanged()
    {
        var answer = await _bot.AskAsync("explain discovery");

        Assert.Equal(
            "Discovery (discovery)\nA deal is here when: Entry of Discovery.\nWhat happens: Work of Discovery.\nStage owner: sales\nStalls after: 14 days\nNext stage: Demo\n" +
            "If buyer says no: nurture\nExit checklist:\n- Requirements list shared with the buyer [requirements-listed]\n- Demo date agreed with the buyer [demo-booked]\n" +
            "- A champion is named (optional) [champion-named]",
            answer.Text.ReplaceLineEndings("\n"));
        Assert.Equal("Exit checklist", answer.Card!.Sections[0].Heading);
    }

    [Fact]
    public async Task Explain_ArabicPerson_ArabicLabelsMapWordsIsolated()
    {
        _bot.Rep.Language = "ar";

        var answer = await _bot.AskAsync("explain discovery");

        var text = answer.Text.ReplaceLineEndings("\n");
        Assert.StartsWith($"{Iso("Discovery")} ({Iso("discovery")})\nتكون الصفقة هنا عندما: {Iso("Entry of Discovery.")}", text, StringComparison.Ordinal);
        Assert.Contains($"مسؤول المرحلة: المبيعات\nتتعثر بعد: 14 يومًا\nالمرحلة التالية: {Iso("Demo")}", text, StringComparison.Ordinal);
        Assert.Contains("قائمة الخروج من المرحلة:", text, StringComparison.Ordinal);
        Assert.Contains($"- {Iso("A champion is named")} (اختياري) [{Iso("champion-named")}]", text, StringComparison.Ordinal);
        Assert.Equal("قائمة الخروج من المرحلة", answer.Card!.Sections[0].Heading);
    }

    [Fact]
    public async Task Explain_UnknownStage_Arabic()
    {
        _bot.Rep.Language = "ar";

        var answer = await _bot.AskAsync("explain negotiation");

        Assert.Contains("لا أعرف مرحلة اسمها", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"المراحل: {Iso("Discovery")}، {Iso("Demo")}، {Iso("Contract signed")}.", answer.Text, StringComparison.Ordinal);
    }
}
