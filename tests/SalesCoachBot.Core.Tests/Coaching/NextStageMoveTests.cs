using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// "move Hooli to the next stage", «انقل Hooli للمرحلة الجاية»: the stage after the deal's own on its map, not a
/// stage called "next"; moved as guarded as a move to a named stage.
/// </summary>
public sealed class NextStageMoveTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("move hooli to the next stage because the demo is booked")]
    [InlineData("push Hooli to the next stage because the demo is booked")]
    [InlineData("انقل Hooli للمرحلة الجاية لأن الديمو انحجز")]
    [InlineData("حرك Hooli للمرحلة التالية لأن الديمو انحجز")]
    [InlineData("انقل Hooli للمرحلة اللي بعدها لأن الديمو انحجز")]
    public async Task NextStage_ByManager_MovesToTheStageAfterTheDealsOwn(string text)
    {
        var deal = _bot.AddDeal("1012", "Hooli", "discovery");

        await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal(new StageId("demo"), deal.StageId);
        var entry = Assert.Single(_bot.Stores.History);
        Assert.Equal(new StageId("demo"), entry.StageId);
    }

    [Fact]
    public async Task NextStage_FollowsTheDealsOwnStage()
    {
        var deal = _bot.AddDeal("1012", "Hooli", "demo");

        await _bot.AskAsync("move hooli to the next stage because they signed", _bot.Manager);

        Assert.Equal(new StageId("contract-signed"), deal.StageId);
    }

    [Fact]
    public async Task NextStage_ByRep_IsRefusedAsAnyMove()
    {
        var deal = _bot.AddDeal("1012", "Hooli", "discovery");

        var answer = await _bot.AskAsync("move hooli to the next stage because the demo is booked");

        Assert.Equal(new StageId("discovery"), deal.StageId);
        Assert.Contains("manager", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextStage_WithoutReason_AsksForOneAndNamesTheStage()
    {
        var deal = _bot.AddDeal("1012", "Hooli", "discovery");

        var answer = await _bot.AskAsync("move hooli to the next stage", _bot.Manager);

        Assert.Equal(new StageId("discovery"), deal.StageId);
        Assert.Contains("demo", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("next\"", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextStage_AtTheLastStage_SaysThereIsNone()
    {
        var deal = _bot.AddDeal("1012", "Hooli", "contract-signed");

        var answer = await _bot.AskAsync("move hooli to the next stage because they signed", _bot.Manager);

        Assert.Equal(new StageId("contract-signed"), deal.StageId);
        Assert.Empty(_bot.Stores.History);
        Assert.Contains("Contract signed", answer.Text, StringComparison.Ordinal);
        Assert.Contains("no further stage", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextStage_AtTheLastStage_SaysThereIsNoneInArabic()
    {
        _bot.AddDeal("1012", "Hooli", "contract-signed");

        var answer = await _bot.AskAsync("انقل Hooli للمرحلة الجاية لأن العميل وقع", _bot.Manager);

        Assert.Empty(_bot.Stores.History);
        Assert.Contains("لا تليها مرحلة أخرى", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextStage_OfAClosedDeal_SaysToReopenIt()
    {
        // A closed deal is found by its number only.
        var deal = _bot.AddDeal("1012", "Hooli", "contract-signed");
        deal.Status = DealStatus.Won;

        var english = await _bot.AskAsync("move #1012 to the next stage because the buyer asked", _bot.Manager);
        var arabic = await _bot.AskAsync("انقل #1012 للمرحلة الجاية لأن العميل طلب", _bot.Manager);

        Assert.Equal((new StageId("contract-signed"), DealStatus.Won), (deal.StageId, deal.Status));
        Assert.Contains("is closed", english.Text, StringComparison.Ordinal);
        Assert.Contains("reopen #1012", english.Text, StringComparison.Ordinal);
        Assert.Contains("مغلقة", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextStage_SaidUnsure_IsAskedBackFirst()
    {
        var deal = _bot.AddDeal("1012", "Hooli", "discovery");

        var answer = await _bot.AskAsync("لازم ننقل Hooli للمرحلة الجاية؟", _bot.Manager);

        Assert.Equal(new StageId("discovery"), deal.StageId);
        Assert.Empty(_bot.Stores.History);
        Assert.NotNull(answer.Text);
    }
}
