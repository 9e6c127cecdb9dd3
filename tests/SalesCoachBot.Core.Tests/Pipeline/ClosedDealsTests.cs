using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>"won deals", "what did we lose this month", «الصفقات الخاسرة»: the deals closed in a period, for whom the pipeline is.</summary>
public sealed class ClosedDealsTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    /// <summary>A deal closed <paramref name="daysAgo"/> days before the harness's now (Fri 27 Nov 2026, 09:00 UTC).</summary>
    private Deal Closed(string id, string name, DealStatus status, Person owner, SalesTeam team, int daysAgo, decimal? amount = null, string? reason = null)
    {
        var deal = _bot.AddDeal(id, name, status == DealStatus.Won ? "contract-signed" : "proposal", owner, team, daysAgo);
        deal.Status = status;
        deal.ClosedAt = _bot.Clock.GetUtcNow().AddDays(-daysAgo);
        deal.Amount = amount;
        deal.Currency = amount is null ? null : "EUR";
        deal.LostReason = reason;
        return deal;
    }

    [Fact]
    public async Task LostDeals_Manager_TheTeamsLossesThisQuarterNewestFirstWithReasonsAndTotals()
    {
        Closed("2001", "Hooli", DealStatus.Lost, _bot.Rep, _bot.Emea, 3, 40_000, "price");
        Closed("2002", "Wonka", DealStatus.Lost, _bot.TeamMate, _bot.Emea, 10, 10_000, "price");
        Closed("2003", "Stark", DealStatus.Lost, _bot.Rep, _bot.Emea, 20, null, "timing");
        Closed("2004", "Oceanic", DealStatus.Lost, _bot.Rep, _bot.Emea, 70, 99_000, "price"); // September: last quarter
        Closed("2005", "Umbrella", DealStatus.Lost, _bot.OtherRep, _bot.Americas, 2, 5_000, "price"); // another team
        Closed("2006", "Initrode", DealStatus.Won, _bot.Rep, _bot.Emea, 1, 70_000);
        _bot.AddDeal("2007", "Massive Dynamic");

        var answer = await _bot.AskAsync("lost deals", _bot.Manager);

        Assert.Equal(CardKind.DealList, answer.Card!.Kind);
        Assert.Equal("Deals lost · EMEA", answer.Card.Title);
        Assert.Equal("Q4 2026 so far", answer.Card.Subtitle);
        var lines = answer.Card.Sections.Single().Lines.Select(l => l.Text).ToList();
        Assert.Equal(
        [
            "Hooli (#2001) · 40,000 EUR · lost Tue 24 Nov 2026 · price · owner: rita",
            "Wonka (#2002) · 10,000 EUR · lost Tue 17 Nov 2026 · price · owner: tom",
            "Stark (#2003) · no amount · lost Sat 7 Nov 2026 · timing · owner: rita",
        ], lines);
        Assert.Contains(answer.Card.Facts, f => f.Label == "Total" && f.Value == "3 deals, 50,000 EUR");
        Assert.Contains(answer.Card.Facts, f => f.Label == "Reasons" && f.Value == "price (2 deals) · timing (1 deal)");
        Assert.All(answer.Card.Sections.Single().Lines, l => Assert.IsType<ShowChecklistPayload>(l.Action!.Payload));
    }

    [Fact]
    public async Task WonDeals_LastQuarter_OnlyThoseClosedThen()
    {
        Closed("2101", "Initrode", DealStatus.Won, _bot.Rep, _bot.Emea, 70, 25_000);
        Closed("2102", "Vehement", DealStatus.Won, _bot.Rep, _bot.Emea, 5, 30_000);

        var answer = await _bot.AskAsync("what did we win last quarter", _bot.Manager);

        Assert.Equal("Deals won · EMEA", answer.Card!.Title);
        Assert.Equal("Q3 2026", answer.Card.Subtitle);
        Assert.Equal(["Initrode (#2101) · 25,000 EUR · won Fri 18 Sep 2026 · owner: rita"], answer.Card.Sections.Single().Lines.Select(l => l.Text));
    }

    [Fact]
    public async Task MyWins_Rep_OwnDealsOnlyAndNoOwnerOnEachLine()
    {
        Closed("2201", "Initrode", DealStatus.Won, _bot.Rep, _bot.Emea, 4, 25_000);
        Closed("2202", "Vehement", DealStatus.Won, _bot.TeamMate, _bot.Emea, 5, 30_000);

        var mine = await _bot.AskAsync("my wins", _bot.Rep);
        var asRep = await _bot.AskAsync("won deals", _bot.Rep);

        Assert.Equal(["Initrode (#2201) · 25,000 EUR · won Mon 23 Nov 2026"], mine.Card!.Sections.Single().Lines.Select(l => l.Text));
        Assert.Equal("Deals won · your deals", mine.Card.Title);
        Assert.Equal(mine.Card.Sections.Single().Lines.Select(l => l.Text), asRep.Card!.Sections.Single().Lines.Select(l => l.Text));
    }

    [Fact]
    public async Task WonDeals_ForATeamTheyCannotSee_RefusedLikeAnUnknownTeam()
    {
        Closed("2301", "Umbrella", DealStatus.Won, _bot.OtherRep, _bot.Americas, 2, 5_000);

        var manager = await _bot.AskAsync("won deals for americas", _bot.Manager);
        var rep = await _bot.AskAsync("won deals for emea", _bot.Rep);

        Assert.Equal("Unknown team", manager.Card!.Title);
        Assert.DoesNotContain("Umbrella", manager.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Umbrella", rep.Text, StringComparison.Ordinal);
        Assert.Equal("Team figures are for managers and admins. Say \"won deals\" without a team to see your own deals.", rep.Text);
    }

    [Fact]
    public async Task NoneInThePeriod_SaysSoAndHowToAskForLonger()
    {
        var answer = await _bot.AskAsync("what did we lose this month", _bot.Manager);

        Assert.Equal("No deals were lost in November so far. For a longer time, ask \"lost deals last 6 months\".", answer.Text);
    }

    [Theory]
    [InlineData("won deals in January 2027", "January 2027 has not begun yet")]
    [InlineData("lost deals last 4000 days", "Give between 1 day and 10 years")]
    public async Task APeriodWithNoHistory_Refused(string text, string said)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal("Pick another window", answer.Card!.Title);
        Assert.Contains(said, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyLosses_TheNewestAndHowManyMore()
    {
        for (var i = 0; i < ListLimits.Deals + 3; i++)
        {
            Closed((2400 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "Lost deal " + i, DealStatus.Lost, _bot.Rep, _bot.Emea, i + 1, 1_000, "price");
        }

        var answer = await _bot.AskAsync("lost deals", _bot.Manager);

        Assert.Equal(ListLimits.Deals, answer.Card!.Sections.Single().Lines.Count);
        Assert.StartsWith("Lost deal 0 (#2400)", answer.Card.Sections.Single().Lines[0].Text, StringComparison.Ordinal);
        Assert.Equal("… and 3 more, the newest shown", answer.Card.Note);
        Assert.Contains(answer.Card.Facts, f => f.Value == "28 deals, 28,000 EUR");
    }

    [Fact]
    public async Task DidWeWinADeal_ShowsThatDealsCard()
    {
        Closed("2501", "Initrode", DealStatus.Won, _bot.Rep, _bot.Emea, 4, 25_000);

        var answer = await _bot.AskAsync("did we win Initrode", _bot.Manager);

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
        Assert.Contains("Initrode", answer.Card.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arabic_LostDeals_InArabicWithTheLatinNamesIsolated()
    {
        Closed("2601", "Hooli", DealStatus.Lost, _bot.Rep, _bot.Emea, 3, 40_000, "price");

        var answer = await _bot.AskAsync("الصفقات الخاسرة", _bot.Manager);

        Assert.StartsWith("الصفقات الخاسرة · ", answer.Card!.Title, StringComparison.Ordinal);
        var line = answer.Card.Sections.Single().Lines.Single().Text;
        Assert.Contains("\u2068Hooli\u2069", line, StringComparison.Ordinal);
        Assert.Contains("خُسرت", line, StringComparison.Ordinal);
    }
}
