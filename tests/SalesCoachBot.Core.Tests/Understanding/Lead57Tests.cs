using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// Session 57: what a manager typed that was read wrong. A sorted list "in" a team listed every team's deals; "which deals
/// did we win" and "how many deals did we win" gave the win rate while their "lose" twins (and the Arabic) listed the
/// deals; "median" and «أي» were read as a team's name.
/// </summary>
public sealed class Lead57Tests : IDisposable
{
    private readonly CommandParser _parser = new();
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("biggest deals in Americas", DealOrder.Biggest, null)]
    [InlineData("largest deals in Americas", DealOrder.Biggest, null)]
    [InlineData("oldest deals in Americas", DealOrder.Oldest, null)]
    [InlineData("top 3 deals at Americas", DealOrder.Biggest, 3)]
    [InlineData("which deals are closest to closing in Americas", DealOrder.ClosestToClosing, null)]
    public async Task SortedListInATeam_ListsThatTeamsDealsOnly(string text, DealOrder order, int? count)
    {
        _bot.AddDeal("1001", "Initech", "discovery", _bot.Rep, _bot.Emea);
        _bot.AddDeal("2001", "Oscorp", "discovery", _bot.OtherRep, _bot.Americas);

        var parsed = Assert.IsType<MyDealsCommand>(_parser.Parse(text));
        var answer = await _bot.AskAsync(text, _bot.Admin);

        // Was every team's list ("Deals in all teams"), Initech of EMEA included.
        Assert.Equal("Americas", parsed.StageText);
        Assert.Equal(order, parsed.Order);
        Assert.Equal(count, parsed.Count);
        Assert.Contains("Oscorp", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Americas", answer.Text.Split('\n')[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("biggest deals this quarter")]
    [InlineData("oldest deals")]
    [InlineData("top 5 deals")]
    public void SortedListWithoutAPlace_StaysEveryVisibleDeal(string text) =>
        Assert.Null(Assert.IsType<MyDealsCommand>(_parser.Parse(text)).StageText);

    [Theory]
    [InlineData("which deals did we win last month", false)]
    [InlineData("how many deals did we win this quarter", false)]
    [InlineData("how many deals did we win", false)]
    [InlineData("how many deals did we lose this quarter", true)]
    [InlineData("أي الصفقات ربحناها الشهر الماضي", false)]
    [InlineData("أي الصفقات خسرناها", true)]
    public void DealsWonOrLostAskedAsAQuestion_AreTheClosedList(string text, bool lost)
    {
        var closed = Assert.IsType<ClosedDealsCommand>(_parser.Parse(text));

        // Was the pipeline's win rate (English "win"), or a team called «أي» (Arabic).
        Assert.Equal(lost, closed.Lost);
        Assert.Null(closed.TeamName);
    }

    [Theory]
    [InlineData("median cycle time", PipelineFocus.CycleTime)]
    [InlineData("mean cycle time", PipelineFocus.CycleTime)]
    [InlineData("typical win rate", PipelineFocus.WinRate)]
    public void HowAFigureIsSummedUp_IsNoTeam(string text, PipelineFocus focus)
    {
        var pipeline = Assert.IsType<PipelineCommand>(_parser.Parse(text));

        // Was a team called "median".
        Assert.Null(pipeline.TeamName);
        Assert.Equal(focus, pipeline.Focus);
    }

    [Theory]
    [InlineData("reverse funnel")]
    [InlineData("show me the reverse funnel")]
    [InlineData("القمع العكسي")]
    public async Task ReverseFunnelWithoutAnAmount_AsksForTheTarget(string text)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);
        var target = await _bot.AskAsync(text.Any(c => c > 0x600) ? "كم نحتاج لتحقيق الهدف" : "what do we need to hit quota", _bot.Manager);

        // Was the pipeline report (English) or a team called «العكسي» (Arabic). No quota is stored (quota58): it asks for the target.
        Assert.Equal(string.Empty, Assert.IsType<ReverseFunnelCommand>(_parser.Parse(text)).AmountText);
        Assert.Equal(target.Text, answer.Text);
    }

    [Theory]
    [InlineData("quota 500k EUR", null)]
    [InlineData("quota of 2M", null)]
    [InlineData("quota 500k EUR for EMEA", "EMEA")]
    public void QuotaSaidFirst_IsTheReverseFunnelForThatAmount(string text, string? team)
    {
        var funnel = Assert.IsType<ReverseFunnelCommand>(_parser.Parse(text));

        // Was "Sorry, I didn't understand".
        Assert.NotEqual(string.Empty, funnel.AmountText);
        Assert.Equal(team, funnel.TeamName);
    }

    [Theory]
    [InlineData("checklist for proposal")]
    [InlineData("what's the checklist for proposal")]
    [InlineData("what's the checklist for the proposal")]
    public async Task ChecklistForAStageWordThatTrailsDealNames_IsThatStage(string text)
    {
        using var bot = new BotHarness(new MapBuilder()
            .Stage("discovery", "Discovery", 14, "proposal", [("pain-confirmed", "Pain confirmed with the buyer", true)])
            .Stage("proposal", "Proposal", 10, null, [("proposal-sent", "Proposal sent to the buyer", true)])
            .Build());
        bot.AddDeal("1002", "Initech", "discovery", bot.Rep);

        var answer = await bot.AskAsync(text, bot.Rep);
        var stage = await bot.AskAsync("what's the checklist for the proposal stage", bot.Rep);

        // Was "Which deal do you mean?": "proposal" trails deal names ("the Initech proposal") and was dropped.
        Assert.Equal("proposal", Assert.IsType<NameReference>(Assert.IsType<WhatsNextCommand>(_parser.Parse(text)).Deal).Text);
        Assert.Contains("Proposal sent to the buyer", stage.Text, StringComparison.Ordinal);
        Assert.Equal(stage.Text, answer.Text);
    }

    [Theory]
    [InlineData("what's next for this proposal")]
    [InlineData("checklist for this deal")]
    public void ThisDealSaidWithATrailingWord_StaysTheLinkedDeal(string text) =>
        Assert.IsType<LinkedDealReference>(Assert.IsType<WhatsNextCommand>(_parser.Parse(text)).Deal);

    [Theory]
    [InlineData("change the amount of Globex to 120k", "I don't change deal amounts")]
    [InlineData("update Globex amount to 50000 EUR", "I don't change deal amounts")]
    [InlineData("غير مبلغ Globex إلى 120 ألف", "لا أغيّر مبلغ الصفقة")]
    [InlineData("set the close date for Globex to the end of the month", "I don't track close dates")]
    [InlineData("ما تاريخ الإغلاق المتوقع لـ Globex", "لا أتابع تواريخ الإغلاق")]
    public async Task AmountOrCloseDateChanged_SaysWhereItIsDone(string text, string said)
    {
        _bot.AddDeal("1003", "Globex renewal", "demo", _bot.Rep);

        var answer = await _bot.AskAsync(text, _bot.Manager);

        // Was a move of "amount of Globex" to the stage "120k", or of "close date" to "Globex to".
        Assert.IsType<NotOfferedCommand>(_parser.Parse(text));
        Assert.StartsWith(said, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("note for Globex: they have a new owner", "they have a new owner")]
    [InlineData("note for Globex: their CFO wants to change the price by 10%", "their CFO wants to change the price by 10%")]
    [InlineData("next step for Globex: set the close date with their CFO", "set the close date with their CFO")]
    public async Task WordsAfterTheColon_AreTheNotesOwn_NeverARequest(string text, string kept)
    {
        _bot.AddDeal("1003", "Globex renewal", "demo", _bot.Rep);

        var parsed = _parser.Parse(text);
        await _bot.AskAsync(text, _bot.Rep);
        var history = await _bot.AskAsync("history of Globex", _bot.Rep);

        // The first was refused as a reassignment ("I don't change deal owners") and the note was lost.
        Assert.IsNotType<NotOfferedCommand>(parsed);
        Assert.Contains(kept, history.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WinRateStillAskedByItsName()
    {
        var answer = await _bot.AskAsync("what's our win rate", _bot.Manager);

        Assert.Equal(PipelineFocus.WinRate, Assert.IsType<PipelineCommand>(_parser.Parse("what's our win rate")).Focus);
        Assert.StartsWith("Win rate", answer.Text, StringComparison.Ordinal);
    }
}
