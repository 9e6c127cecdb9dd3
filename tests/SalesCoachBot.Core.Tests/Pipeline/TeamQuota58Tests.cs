using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// quota58: a team's quota stored (set in chat by a manager or an admin, never a rep) and read back: progress in the
/// team's own calendar, other currencies left out, and the reverse funnel with no amount planning what is left of it.
/// </summary>
public sealed class TeamQuota58Tests : IDisposable
{
    private static readonly CommandParser Parser = new();
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("set the EMEA quota to 500k EUR this quarter", "500k", QuotaPeriod.Quarter, "EMEA")]
    [InlineData("our quota is 2M EUR a year", "2M", QuotaPeriod.Year, null)]
    [InlineData("set quota for EMEA to 300k EUR monthly", "300k", QuotaPeriod.Month, "EMEA")]
    [InlineData("هدف فريق EMEA هذا الربع 500 ألف يورو", null, QuotaPeriod.Quarter, "EMEA")]
    public void Parse_SetQuota_AmountPeriodAndTeam(string text, string? amount, QuotaPeriod period, string? team)
    {
        var command = Assert.IsType<SetQuotaCommand>(Parser.Parse(text));

        if (amount is not null)
        {
            Assert.StartsWith(amount, command.AmountText, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal((period, team), (command.Period ?? QuotaPeriod.Quarter, command.TeamName));
    }

    [Theory]
    [InlineData("how are we doing against quota", null)]
    [InlineData("am I on track for quota", null)]
    [InlineData("quota attainment", null)]
    [InlineData("what's the quota for EMEA", "EMEA")]
    [InlineData("how far from quota", null)]
    [InlineData("وين وصلنا من الهدف", null)]
    [InlineData("كم باقي على الهدف", null)]
    [InlineData("نسبة تحقيق الهدف", null)]
    public void Parse_QuotaAsked_IsItsProgress(string text, string? team)
    {
        Assert.Equal(team, Assert.IsType<QuotaProgressCommand>(Parser.Parse(text)).TeamName);
    }

    [Theory]
    [InlineData("reverse funnel")]
    [InlineData("what do we need to hit quota")]
    [InlineData("reverse funnel for EMEA")]
    public void Parse_PlanWithNoAmount_IsTheReverseFunnel(string text)
    {
        Assert.Equal(string.Empty, Assert.IsType<ReverseFunnelCommand>(Parser.Parse(text)).AmountText);
    }

    [Fact]
    public async Task SetQuota_Manager_StoresItWithWhoAndWhen()
    {
        var answer = await _bot.AskAsync("set the EMEA quota to 500k EUR this quarter", _bot.Manager);

        Assert.Equal((500_000m, "EUR", QuotaPeriod.Quarter), (_bot.Emea.QuotaAmount, _bot.Emea.QuotaCurrency, _bot.Emea.QuotaPeriod));
        Assert.Equal(((long?)_bot.Manager.Id, (DateTimeOffset?)_bot.Clock.GetUtcNow()), (_bot.Emea.QuotaSetByPersonId, _bot.Emea.QuotaSetAt));
        Assert.Equal("The quota of EMEA is now 500,000 EUR a quarter. The current period is Q4 2026, until 31 Dec 2026. See progress with \"how is EMEA doing against quota\", or the deals it takes with \"reverse funnel for EMEA\".", answer.Text);
    }

    [Fact]
    public async Task SetQuota_Admin_NamesTheTeamAndAYear()
    {
        await _bot.AskAsync("set quota for Americas to 2M USD yearly", _bot.Admin);

        Assert.Equal((2_000_000m, "USD", QuotaPeriod.Year, (long?)_bot.Admin.Id), (_bot.Americas.QuotaAmount, _bot.Americas.QuotaCurrency, _bot.Americas.QuotaPeriod, _bot.Americas.QuotaSetByPersonId));
    }

    [Theory]
    [InlineData("set the EMEA quota to 500k EUR this quarter", "Only a manager of EMEA or an admin can set its quota.")]
    [InlineData("هدف فريق EMEA هذا الربع 500 ألف يورو", "لا يحدد هدف")]
    public async Task SetQuota_Rep_RefusedAndNothingStored(string text, string expected)
    {
        var answer = await _bot.AskAsync(text, _bot.Rep);

        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.Null(_bot.Emea.QuotaAmount);
    }

    [Fact]
    public async Task SetQuota_BadAmount_AskedAgainAndNothingStored()
    {
        var zero = await _bot.AskAsync("set the EMEA quota to 0 EUR", _bot.Manager);
        var none = await _bot.AskAsync("set the EMEA quota to lots", _bot.Manager);

        Assert.Equal(("Which quota?", "Which quota?"), (zero.Card!.Title, none.Card!.Title));
        Assert.StartsWith("Tell me the target amount", none.Text, StringComparison.Ordinal);
        Assert.Null(_bot.Emea.QuotaAmount);
    }

    [Fact]
    public async Task Progress_WinsInTheTeamsQuarter_CountedInItsZone()
    {
        // Dubai is UTC+4: 23:45 on 31 Dec there. A win at 23:30 local that day counts; one at 23:30 local on 30 Sep is the
        // quarter before (though 19:30 UTC), one at 00:30 local on 1 Oct is this quarter's (though 30 Sep in UTC).
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 19, 45, 0, TimeSpan.Zero));
        _bot.Emea.TimeZoneId = "Asia/Dubai";
        (_bot.Emea.QuotaAmount, _bot.Emea.QuotaCurrency, _bot.Emea.QuotaPeriod) = (500_000m, "EUR", QuotaPeriod.Quarter);
        Won("last-day", 100_000m, "EUR", new DateTimeOffset(2026, 12, 31, 19, 30, 0, TimeSpan.Zero));
        Won("quarter-before", 70_000m, "EUR", new DateTimeOffset(2026, 9, 30, 19, 30, 0, TimeSpan.Zero));
        Won("first-hour", 50_000m, "EUR", new DateTimeOffset(2026, 9, 30, 20, 30, 0, TimeSpan.Zero));
        Won("dollars", 90_000m, "USD", new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));

        var answer = await _bot.AskAsync("how are we doing against quota", _bot.Manager);

        Assert.Contains("150,000 EUR won of the 500,000 EUR quota for Q4 2026 (30%): 350,000 EUR to go, 1 day left (until 31 Dec 2026).", answer.Text, StringComparison.Ordinal);
        Assert.Contains("1 deal won in another currency is left out: it is not converted to EUR.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_TeamWithNoQuota_SaysHowToSetIt()
    {
        var answer = await _bot.AskAsync("am I on track for quota", _bot.Rep);

        Assert.Contains("No quota is set for EMEA. A manager can say \"set the EMEA quota to 500k EUR this quarter\", or RevOps can load it in teams.csv", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_InArabic_SaysTheShareAndWhatIsLeft()
    {
        (_bot.Emea.QuotaAmount, _bot.Emea.QuotaCurrency) = (500_000m, "EUR");
        Won("one", 100_000m, "EUR", _bot.Clock.GetUtcNow().AddDays(-3));

        var answer = await _bot.AskAsync("وين وصلنا من الهدف", _bot.Manager);

        Assert.Contains("20%", answer.Text, StringComparison.Ordinal);
        Assert.Contains("يتبقى", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_NoAmountAndAStoredQuota_PlansWhatIsLeft()
    {
        _bot.SeedWonAndOpen();
        (_bot.Emea.QuotaAmount, _bot.Emea.QuotaCurrency, _bot.Emea.QuotaPeriod) = (2_000_000m, "EUR", QuotaPeriod.Year);

        var answer = await _bot.AskAsync("reverse funnel", _bot.Manager);

        // 500,000 EUR won this year (the five seeded wins, 60 days ago): 1,500,000 EUR is left.
        Assert.Equal("To close the 1,500,000 EUR left of the 2,000,000 EUR quota by 31 Dec 2026", answer.Card!.Title);
        Assert.Contains("Won so far in the period: 500,000 EUR, so 1,500,000 EUR to go.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_NoAmountAndNoQuota_StillAsksForTheTarget()
    {
        var answer = await _bot.AskAsync("reverse funnel", _bot.Manager);

        Assert.Contains("Tell me the target amount", answer.Text, StringComparison.Ordinal);
    }

    private void Won(string id, decimal amount, string currency, DateTimeOffset at)
    {
        var deal = _bot.Stores.AddDeal(id, "Won " + id, _bot.Rep, _bot.Emea, "contract-signed", at);
        (deal.Amount, deal.Currency, deal.Status, deal.ClosedAt) = (amount, currency, DealStatus.Won, at);
    }
}
