using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// fix/parse51: phrasings still misread after session 50: the previous stage, "in phase" after an owner, a team typed in
/// lower case after a funnel's amount.
/// </summary>
public sealed class Parse51Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("move Initech to the previous stage", "move 1002 | previous | -")]
    [InlineData("move Initech back one stage", "move 1002 | previous | -")]
    [InlineData("move Initech to the previous stage because the buyer wants another demo", "move 1002 | previous | buyer wants another demo")]
    [InlineData("move Initech back one stage because the buyer wants another demo", "move 1002 | previous | buyer wants another demo")]
    [InlineData("move Initech one step back", "move 1002 | previous | -")]
    [InlineData("رجّع Initech للمرحلة اللي قبل", "move 1002 | previous | -")]
    [InlineData("أرجع صفقة Initech إلى المرحلة السابقة", "move 1002 | previous | -")]
    [InlineData("رجّع Hooli خطوة لورا", "move 1012 | previous | -")]
    [InlineData("move Hooli back a stage", "move 1012 | previous | -")]
    [InlineData("move Initech back to discovery", "move 1002 | discovery | -")]
    [InlineData("move Initech to the next stage", "move 1002 | next | -")]
    public void Parse_PreviousStage(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }

    [Theory]
    [InlineData("Dana's deals in phase mars", "owner dana | stage?(mars:NotFound)")]
    [InlineData("Dana's deals at stage mars", "owner dana | stage?(mars:NotFound)")]
    [InlineData("Dana's deals in phase demo", "owner dana | demo")]
    public void Parse_OwnerDealsInPhase(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }

    [Theory]
    [InlineData("reverse funnel 2m mars", "funnel 2m | - | mars")]
    [InlineData("reverse funnel 2M Mars", "funnel 2m | - | mars")]
    public void Parse_FunnelTeamInLowerCase(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }

    [Theory]
    [InlineData("move hooli to the previous stage because the buyer wants another demo")]
    [InlineData("move hooli back one stage because the buyer wants another demo")]
    [InlineData("رجّع Hooli للمرحلة اللي قبل لأن العميل طلب عرض ثاني")]
    [InlineData("أرجع صفقة Hooli إلى المرحلة السابقة لأن العميل طلب عرض ثاني")]
    public async Task PreviousStage_ByManager_MovesBackOneStageWithTheReason(string text)
    {
        var deal = _bot.AddDeal("1012", "Hooli", "demo");

        await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal(new StageId("discovery"), deal.StageId);
        var entry = Assert.Single(_bot.Stores.History);
        Assert.Equal(new StageId("discovery"), entry.StageId);
        Assert.Contains(_bot.Stores.History, h => h.Reason is { Length: > 0 });
    }

    [Fact]
    public async Task PreviousStage_WithoutReason_AsksForOneAndNamesTheStage()
    {
        var deal = _bot.AddDeal("1012", "Hooli", "demo");

        var answer = await _bot.AskAsync("move hooli to the previous stage", _bot.Manager);

        Assert.Equal(new StageId("demo"), deal.StageId);
        Assert.Empty(_bot.Stores.History);
        Assert.Contains("discovery", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviousStage_ByRep_IsRefusedAsAnyMove()
    {
        var deal = _bot.AddDeal("1012", "Hooli", "demo");

        var answer = await _bot.AskAsync("move hooli to the previous stage because the buyer asked");

        Assert.Equal(new StageId("demo"), deal.StageId);
        Assert.Contains("manager", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviousStage_AtTheFirstStage_SaysThereIsNone()
    {
        var deal = _bot.AddDeal("1012", "Hooli", "brand-awareness");

        var english = await _bot.AskAsync("move hooli to the previous stage because the buyer asked", _bot.Manager);
        var arabic = await _bot.AskAsync("رجّع Hooli للمرحلة اللي قبل لأن العميل طلب", _bot.Manager);

        Assert.Equal(new StageId("brand-awareness"), deal.StageId);
        Assert.Empty(_bot.Stores.History);
        Assert.Contains("first stage", english.Text, StringComparison.Ordinal);
        Assert.Contains("أول مرحلة", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviousStage_OfAClosedDeal_SaysToReopenIt()
    {
        var deal = _bot.AddDeal("1012", "Hooli", "contract-signed");
        deal.Status = DealStatus.Won;

        var answer = await _bot.AskAsync("move #1012 to the previous stage because the buyer asked", _bot.Manager);

        Assert.Equal((new StageId("contract-signed"), DealStatus.Won), (deal.StageId, deal.Status));
        Assert.Contains("reopen #1012", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunnelTeamInLowerCase_RefusedByNameAsTheCapitalisedOne()
    {
        var lower = await _bot.AskAsync("reverse funnel 2m mars", _bot.Manager);

        Assert.DoesNotContain("as an amount", lower.Text, StringComparison.Ordinal);
        Assert.Contains("mars", lower.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("كم نحتاج لتحقيق مليون لفريق EMEA", "«كم صفقة نحتاج لتحقيق مليون»")]
    [InlineData("كم نحتاج لتحقيق مليون دولار لفريق EMEA", "«كم صفقة نحتاج لتحقيق مليون دولار»")]
    [InlineData("القمع العكسي لمليون لفريق EMEA", "«كم صفقة نحتاج لتحقيق مليون»")]
    public async Task FunnelRefusedToARep_RepeatsTheArabicAmountAsTyped(string text, string example)
    {
        var answer = await _bot.AskAsync(text);

        Assert.Contains(example, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1,000,000", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("للعرض", "proposal")]
    [InlineData("بالعرض", "proposal")]
    [InlineData("العرض", "proposal")]
    public void StageAfterAGluedPreposition_NamesTheStage(string text, string stage)
    {
        var match = new StageMatcher().Match(ProcessMapLoader.Default, text);

        Assert.Equal(new StageId(stage), Assert.IsType<StageMatch.Found>(match).Stage.Id);
    }

    [Theory]
    [InlineData("لجدول الأعمال", "agenda-sent")]
    [InlineData("بجدول الأعمال", "agenda-sent")]
    public void ItemAfterAGluedPreposition_NamesTheItem(string text, string item)
    {
        var sql = ProcessMapLoader.Default.FindStage(new StageId("sql"))!;

        var match = new ChecklistItemMatcher().Match(sql, text);

        Assert.Equal(new ChecklistItemId(item), Assert.IsType<ItemMatch.Found>(match).Item.Id);
    }
}
