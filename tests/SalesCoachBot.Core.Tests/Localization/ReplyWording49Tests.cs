using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Session 49 audit of the replies as a rep, a manager and the admin read them, on the shipped map: words that were
/// ids or awkward in one language.
/// </summary>
public sealed class ReplyWording49Tests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    private void Moved(Deal deal, string stage, int daysAgo, StageChangeKind kind) => _bot.Stores.History.Add(new StageHistoryEntry
    {
        Id = _bot.Stores.History.Count + 1,
        DealId = deal.Id,
        StageId = new StageId(stage),
        EnteredAt = _bot.Clock.GetUtcNow().AddDays(-daysAgo),
        Kind = kind,
    });

    private static List<string> Lines(string text) => [.. text.ReplaceLineEndings("\n").Split('\n')];

    [Fact]
    public async Task DealCard_StageRunByTheSalesEngineer_NamesTheRoleInWordsNotItsId()
    {
        _bot.AddDeal("1002", "Initech", "demo");

        var english = await _bot.AskAsync("what's next for Initech", _bot.Rep);
        var arabic = await _bot.AskAsync("ما التالي لصفقة Initech", _bot.Rep);

        Assert.Contains("Stage owner: sales engineer", Lines(english.Text));
        Assert.DoesNotContain("sales-engineer", english.Text, StringComparison.Ordinal);
        Assert.Contains("مسؤول المرحلة: مهندس المبيعات", Lines(arabic.Text));
    }

    [Fact]
    public async Task MapText_StagesOwnedByCustomerSuccess_NameTheRoleInWords()
    {
        var answer = await _bot.AskAsync("show the map", _bot.Manager);

        Assert.Contains("(customer success)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("(sales engineer)", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("customer-success", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StagePage_Arabic_BranchLineReadsAsArabicNotACalque()
    {
        var answer = await _bot.AskAsync("اشرح مرحلة الاستكشاف", _bot.Rep);

        Assert.Contains("عند «المشتري يرفض»: الرعاية", Lines(answer.Text));
        Assert.DoesNotContain("إذا المشتري يرفض", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Arabic_NamesDiscoveryAsTheMapDoes()
    {
        var help = await _bot.AskAsync("مساعدة", _bot.Manager);
        var page = await _bot.AskAsync("اشرح مرحلة الاستكشاف", _bot.Rep);

        // The stage page's title is the map's Arabic name; the help's examples use the same word.
        Assert.StartsWith("الاستكشاف (", page.Text, StringComparison.Ordinal);
        Assert.Contains("اشرح مرحلة الاستكشاف", help.Text, StringComparison.Ordinal);
        Assert.Contains("في مرحلة الاستكشاف", help.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("الاكتشاف", help.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DealNotFound_WholeLongMessageTakenForAName_QuotesOnlyItsStart()
    {
        _bot.AddDeal("1002", "Initech", "demo");
        var text = string.Concat(Enumerable.Repeat("please tell me what is next for Initech and also ", 13))[..600];

        var answer = await _bot.AskAsync(text, _bot.Rep);

        Assert.StartsWith("I can't find a deal matching \"", answer.Text, StringComparison.Ordinal);
        Assert.Contains("…\" among the deals you can see.", answer.Text, StringComparison.Ordinal);
        Assert.True(answer.Text.Length < 200, answer.Text);
    }

    [Theory]
    [InlineData("Initech", "Initech")]
    [InlineData("", "")]
    public void Quoted_ShortName_IsKeptWhole(string text, string expected) =>
        Assert.Equal(expected, SalesCoachBot.Core.Coaching.DealLocator.Quoted(text));

    [Fact]
    public void Quoted_LongNameEndingInAnEmoji_IsCutBeforeTheEmojiNotInsideIt()
    {
        var text = new string('a', 78) + "🔥🔥🔥";

        var quoted = SalesCoachBot.Core.Coaching.DealLocator.Quoted(text);

        Assert.Equal(new string('a', 78) + "…", quoted);
    }

    [Fact]
    public async Task UndoLast_NothingRecent_Arabic_IsolatesTheExamplesLatinWordsAsTheHelpDoes()
    {
        _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("تراجع عن آخر تأكيد", _bot.Rep);

        Assert.Contains("سمِّه: «تراجع عن \u2068demo-held\u2069 في \u2068Initech\u2069».", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdvancedMoves_Arabic_CallTheChecklistAsTheCardsDo()
    {
        var deal = _bot.AddDeal("1002", "Initech", "proposal");
        Moved(deal, "demo", 3, StageChangeKind.Advanced);
        Moved(deal, "proposal", 1, StageChangeKind.Override);

        var answer = await _bot.AskAsync("وش تحرك هالأسبوع", _bot.Manager);

        Assert.Contains("تقدّمت بإكمال قائمة البنود", answer.Text, StringComparison.Ordinal);
        Assert.Contains("نُقلت رغم قائمة بنود غير مكتملة", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("قائمة تحقق", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkLost_WithoutAReason_ExampleNamesTheDealAskedAbout()
    {
        _bot.AddDeal("1014", "Soylent", "proposal");

        var english = await _bot.AskAsync("mark Soylent lost", _bot.Manager);
        var arabic = await _bot.AskAsync("خسرنا Soylent", _bot.Manager);

        Assert.StartsWith("Say why Soylent was lost, e.g. \"mark Soylent lost because price", english.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", english.Text, StringComparison.Ordinal);
        Assert.StartsWith("قل سبب خسارة صفقة \u2068Soylent\u2069، مثلًا: «خسرنا \u2068Soylent\u2069 بسبب ", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", arabic.Text, StringComparison.Ordinal);
    }
}
