using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using static SalesCoachBot.Core.Tests.Localization.Isolates;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Session 51 audit wording, the last bare counts: the pipeline's stalled fact and lost-reason counts name the noun
/// («8 من 16 صفقة مفتوحة», "price (2 deals)"), the note form's Arabic title matches the replies, and a right-to-left mark
/// typed after a note's last word is not stored.
/// </summary>
public sealed class Wording51bTests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task PipelineStalledFact_OneOfThreeOpen_NamesTheNoun_EnglishAndArabic()
    {
        _bot.AddDeal("3001", "Alpha", "discovery", daysInStage: 60);
        _bot.AddDeal("3002", "Beta", "discovery", daysInStage: 2);
        _bot.AddDeal("3003", "Gamma", "discovery", daysInStage: 3);

        var english = await _bot.AskAsync("pipeline", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("خط المبيعات", _bot.Manager);

        Assert.Contains("Stalled: 1 of 3 open", english.Text, StringComparison.Ordinal);
        // Was «المتعثرة: 1 من 3 مفتوحة».
        Assert.Contains("المتعثرة: 1 من 3 صفقات مفتوحة", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("من 3 مفتوحة", arabic.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, "لا صفقات مفتوحة")]
    [InlineData(1, 1, "الصفقة المفتوحة الوحيدة")]
    [InlineData(1, 0, "لا شيء من الصفقة المفتوحة الوحيدة")]
    [InlineData(2, 0, "لا شيء من الصفقتين المفتوحتين")]
    [InlineData(5, 0, "لا شيء من 5 صفقات مفتوحة")]
    [InlineData(10, 2, "2 من 10 صفقات مفتوحة")]
    [InlineData(16, 8, "8 من 16 صفقة مفتوحة")]
    public void StalledOfOpen_Arabic_CountedNoun(int open, int stalled, string expected)
    {
        // Was «1 من صفقة مفتوحة واحدة» and «0 من صفقتين مفتوحتين»: none is said in words, one open deal is "the only one".
        Assert.Equal(expected, PipelineFormat.StalledOfOpen(open, stalled, ReplyTexts.Shared.In(ReplyLanguage.Arabic)));
    }

    [Theory]
    [InlineData(1, 0, "0 of 1 open")]
    [InlineData(1, 1, "1 of 1 open")]
    [InlineData(5, 0, "0 of 5 open")]
    public void StalledOfOpen_English_Unchanged(int open, int stalled, string expected) =>
        Assert.Equal(expected, PipelineFormat.StalledOfOpen(open, stalled, Phrases.English));

    [Fact]
    public async Task LostReasonCounts_TwoLostOnPrice_SayDeals_EnglishAndArabic()
    {
        var now = _bot.Clock.GetUtcNow();
        foreach (var (id, status) in new[] { ("W1", DealStatus.Won), ("L1", DealStatus.Lost), ("L2", DealStatus.Lost) })
        {
            var deal = _bot.Stores.AddDeal(id, "Deal " + id, _bot.Rep, _bot.Emea, status == DealStatus.Won ? "contract-signed" : "demo", now.AddDays(-5));
            deal.Amount = 10_000;
            deal.Currency = "EUR";
            deal.CreatedAt = now.AddDays(-30);
            deal.Status = status;
            deal.ClosedAt = now.AddDays(-5);
            deal.LostReason = status == DealStatus.Lost ? "price" : null;
        }

        var english = await _bot.AskAsync("pipeline", _bot.Manager);
        var closed = await _bot.AskAsync("lost deals this quarter", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("خط المبيعات", _bot.Manager);

        // Was "price (2)": the reasons line, the map's win/loss KPI and the closed-deals facts.
        Assert.Contains("Top lost reasons: price (2 deals).", english.Text, StringComparison.Ordinal);
        Assert.Contains("lost to price (2 deals)", english.Text, StringComparison.Ordinal);
        Assert.Contains("(2 deals)", closed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(2)", english.Text + closed.Text, StringComparison.Ordinal);
        // Was «(⁨2⁩)».
        Assert.Contains("(صفقتان).", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"({Iso("2")})", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(2)", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void NoteFormTitle_Arabic_SaysNoteForTheDeal()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        // Was «ملاحظة على صفقة Initech»; the help and the replies say «ملاحظة لصفقة».
        Assert.Equal($"ملاحظة لصفقة {Iso("Initech")}", DealCards.NoteForm(deal, ReplyTexts.Shared.In(ReplyLanguage.Arabic)).Title);
        Assert.Equal("Note for Initech", DealCards.NoteForm(deal).Title);
    }

    [Theory]
    [InlineData("ملاحظة لصفقة Initech: \u200Fمرحبا\u200F", "مرحبا")]
    [InlineData("ملاحظة لصفقة Initech: مرحبا\u200F \u200E", "مرحبا")]
    [InlineData("ملاحظة لصفقة Initech: مرحباً", "مرحباً")]
    [InlineData("note for Initech: ask about \u2068Acme\u2069", "ask about \u2068Acme\u2069")]
    public async Task Note_DirectionMarksAtTheEnds_TrimmedAsTyped(string said, string stored)
    {
        _bot.AddDeal("1002", "Initech", "demo");

        await _bot.AskAsync(said, _bot.Rep);

        Assert.Equal(stored, Assert.Single(_bot.Stores.Notes).Text);
    }
}
