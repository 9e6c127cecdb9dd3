using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// audit52 LEFT 6: "compare Dana and Riley", "Dana vs Sam", «قارن بين Dana و Riley» were not understood. Now two people's
/// figures are one answer, a line per figure, both values side by side.
/// </summary>
public sealed class CompareRepsParse53Tests
{
    [Theory]
    [InlineData("compare Dana and Riley", "compare dana | riley | - | -")]
    [InlineData("Dana vs Riley", "compare dana | riley | - | -")]
    [InlineData("Dana vs Sam", "compare dana | sam | - | -")]
    [InlineData("how does Dana compare to Riley", "compare dana | riley | - | -")]
    [InlineData("compare me and Sam", "compare me | sam | - | -")]
    [InlineData("compare Dana and Riley this quarter", "compare dana | riley | - | this-quarter")]
    [InlineData("Dana vs Riley last 90 days", "compare dana | riley | 90 | -")]
    [InlineData("قارن بين Dana و Riley", "compare dana | riley | - | -")]
    [InlineData("Dana مقابل Riley", "compare dana | riley | - | -")]
    [InlineData("مين أحسن Dana ولا Riley", "compare dana | riley | - | -")]
    [InlineData("قارن بيني وبين Sam", "compare me | sam | - | -")]
    [InlineData("قارن بين Dana و Riley هذا الربع", "compare dana | riley | - | this-quarter")]
    public void Parse_TwoPeople_IsTheComparison(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Theory]
    // "Dana vs Riley" is no deal's name; the neighbours keep their readings.
    [InlineData("what's next for Initech", "next 1002")]
    [InlineData("EMEA pipeline", "pipeline emea -")]
    public void Parse_Neighbours_Unchanged(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));
}

public sealed class CompareReps53Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public CompareReps53Tests()
    {
        _bot.Rep.Name = "Rita Rep";
        _bot.TeamMate.Name = "Tom Mate";
        _bot.OtherRep.Name = "Olga Other";
        _bot.Manager.Name = "Mia Manager";
    }

    public void Dispose() => _bot.Dispose();

    /// <summary>
    /// Rita: five won (discovery 100 days ago to contract signed 60 days ago: 40-day cycles), five open at discovery for
    /// 10,000 EUR each, 100 days in stage (stalled). Tom: one won (discovery 30 days ago, signed 10 days ago: 20 days),
    /// one lost 5 days ago, one open at demo for 20,000 USD entered 2 days ago (not stalled).
    /// </summary>
    private void Seed()
    {
        _bot.SeedWonAndOpen();
        var now = _bot.Clock.GetUtcNow();
        var won = _bot.Stores.AddDeal("t1", "Tom Won", _bot.TeamMate, _bot.Emea, "contract-signed", now.AddDays(-10));
        won.Status = DealStatus.Won;
        won.ClosedAt = now.AddDays(-10);
        won.Amount = 30_000;
        won.Currency = "USD";
        foreach (var (stage, daysAgo) in new[] { ("discovery", 30), ("contract-signed", 10) })
        {
            _bot.Stores.History.Add(new StageHistoryEntry { Id = _bot.Stores.History.Count + 1, DealId = won.Id, StageId = new StageId(stage), EnteredAt = now.AddDays(-daysAgo), Kind = StageChangeKind.Advanced });
        }

        var lost = _bot.Stores.AddDeal("t2", "Tom Lost", _bot.TeamMate, _bot.Emea, "demo", now.AddDays(-20));
        lost.Status = DealStatus.Lost;
        lost.ClosedAt = now.AddDays(-5);
        lost.LostReason = "price";
        var open = _bot.Stores.AddDeal("t3", "Tom Open", _bot.TeamMate, _bot.Emea, "demo", now.AddDays(-2));
        open.Amount = 20_000;
        open.Currency = "USD";
        open.LastActivityAt = now.AddDays(-1);
    }

    [Fact]
    public async Task CompareRitaAndTom_Manager_EachFigureSideBySideCheckedByHand()
    {
        Seed();

        var answer = await _bot.AskAsync("compare Rita and Tom", _bot.Manager);

        Assert.Equal(CardKind.Pipeline, answer.Card!.Kind);
        Assert.Equal("Rita Rep vs Tom Mate", answer.Card.Title);
        // A column each, the person's name over their figures.
        Assert.Empty(answer.Card.Facts);
        Assert.Equal(["Rita Rep", "Tom Mate"], answer.Card.Columns.Select(c => c.Heading));
        Assert.Equal(
            ["Open|5 deals, 50,000 EUR", "Stalled|5 of 5 open", "Won / lost|5 won, 0 lost", "Win rate|100%", "Median cycle|40 days over 5 deals won"],
            answer.Card.Columns[0].Facts.Select(f => f.Label + "|" + f.Value));
        Assert.Equal(
            ["Open|1 deal, 20,000 USD", "Stalled|0 of 1 open", "Won / lost|1 won, 1 lost", "Win rate|50%", "Median cycle|20 days over 1 deal won"],
            answer.Card.Columns[1].Facts.Select(f => f.Label + "|" + f.Value));
        // The pipeline's rule: fewer than 5 won is too thin to trust, said for Tom only.
        Assert.Equal("Tom Mate won fewer than 5 deals in the last 12 months: their rates and cycle times are too thin to trust yet.", answer.Card.Note);
        Assert.StartsWith("Rita Rep vs Tom Mate · the last 12 months\n" + answer.Card.Note + "\nOpen: Rita Rep: 5 deals, 50,000 EUR · Tom Mate: 1 deal, 20,000 USD\n", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareRitaAndTom_NobodyWonEnough_BothNamedAsThin()
    {
        var answer = await _bot.AskAsync("Rita vs Tom", _bot.Manager);

        // The two named as a pair, not joined by a comma as a list of one sentence's parts.
        Assert.Equal("Rita Rep and Tom Mate each won fewer than 5 deals in the last 12 months: their rates and cycle times are too thin to trust yet.", answer.Card!.Note);
        Assert.All(answer.Card.Columns, c => Assert.Equal("Win rate|no deals closed", c.Facts[3].Label + "|" + c.Facts[3].Value));
        Assert.All(answer.Card.Columns, c => Assert.Equal("Median cycle|no deal won", c.Facts[4].Label + "|" + c.Facts[4].Value));
    }

    [Fact]
    public async Task CompareRitaAndTom_Rep_RefusedAsTeamFigures()
    {
        Seed();

        var answer = await _bot.AskAsync("compare Rita and Tom", _bot.Rep);
        var team = await _bot.AskAsync("pipeline EMEA", _bot.Rep);

        Assert.Equal(CardKind.Error, answer.Card!.Kind);
        Assert.Equal(team.Card!.Title, answer.Card.Title);
        Assert.DoesNotContain("Tom Mate", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareRitaAndOlga_ManagerOfAnotherTeam_OlgaIsUnknown()
    {
        Seed();

        var seen = await _bot.AskAsync("compare Rita and Olga", _bot.Manager);
        var unknown = await _bot.AskAsync("compare Rita and Zed", _bot.Manager);

        Assert.Equal(CardKind.Error, seen.Card!.Kind);
        Assert.Equal("I don't know anyone called \"Olga\" in the teams you can see. Ask \"who is on EMEA\" to see who is in one.", seen.Text);
        Assert.Equal(unknown.Text.Replace("Zed", "Olga", StringComparison.Ordinal), seen.Text);
    }

    [Fact]
    public async Task CompareRitaAndOlga_Admin_AnyTwoPeople()
    {
        Seed();

        var answer = await _bot.AskAsync("compare Rita and Olga", _bot.Admin);

        Assert.Equal("Rita Rep vs Olga Other", answer.Card!.Title);
        Assert.Equal(["5 deals, 50,000 EUR", "no deals"], answer.Card.Columns.Select(c => c.Facts[0].Value));
    }

    [Fact]
    public async Task CompareMeAndTom_RepOwnerAsManager_MeIsTheAsker()
    {
        Seed();
        _bot.Rep.Role = PersonRole.Manager;

        var answer = await _bot.AskAsync("compare me and Tom", _bot.Rep);

        Assert.Equal("Rita Rep vs Tom Mate", answer.Card!.Title);
    }

    [Fact]
    public async Task CompareMeAndTom_ManagerWithNoDeals_SaysSo()
    {
        Seed();

        var answer = await _bot.AskAsync("compare me and Tom", _bot.Manager);

        Assert.Equal("You own no deals to compare. Name two people, as in \"compare Dana and Riley\".", answer.Text);
    }

    [Fact]
    public async Task CompareInArabic_ArabicWordsAndIsolatedNames()
    {
        Seed();

        var answer = await _bot.AskAsync("قارن بين Rita و Tom", _bot.Manager);

        var iso = ReplyLanguage.Arabic.Isolate;
        Assert.Equal($"{iso("Rita Rep")} مقابل {iso("Tom Mate")}", answer.Card!.Title);
        Assert.Equal([iso("Rita Rep"), iso("Tom Mate")], answer.Card.Columns.Select(c => c.Heading));
        Assert.Equal([$"نسبة الفوز|{iso("100%")}", $"نسبة الفوز|{iso("50%")}"], answer.Card.Columns.Select(c => c.Facts[3].Label + "|" + c.Facts[3].Value));
        Assert.Equal($"لدى {iso("Tom Mate")} أقل من 5 من الصفقات الرابحة خلال آخر 12 شهرًا: النسب ومدد الدورة أقل من أن يُعتمد عليها بعد.", answer.Card.Note);
        Assert.Contains(iso("Tom Mate"), answer.Card.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(iso("Rita Rep"), answer.Card.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpCompare_Manager_TheTopicLine()
    {
        var answer = await _bot.AskAsync("help compare", _bot.Manager);

        Assert.StartsWith("compare Dana and Riley [this quarter]", answer.Card!.Body[0], StringComparison.Ordinal);
    }
}
