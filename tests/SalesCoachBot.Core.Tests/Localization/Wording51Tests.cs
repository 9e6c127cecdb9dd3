using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using static SalesCoachBot.Core.Tests.Localization.Isolates;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Session 50 audit wording, second part: a flat pipeline header, the won stage's page says it is the won stage, a rep
/// asking about another person, closing quotes outside a Latin isolate, and counted nouns beside Arabic adjectives.
/// </summary>
public sealed class Wording51Tests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    private static string FirstLine(string text) => text.ReplaceLineEndings("\n").Split('\n')[0];

    // A. The pipeline header reads flat: one " · " between whose pipeline and which period, no brackets inside brackets.

    [Fact]
    public async Task PipelineHeader_ManagerOfTwoTeamsThisWeek_FlatNoNesting_EnglishAndArabic()
    {
        var both = _bot.Stores.AddPerson("max@example.com", PersonRole.Manager, _bot.Emea, _bot.Americas);

        var english = await _bot.AskAsync("weekly pipeline", both);
        both.Language = "ar";
        var arabic = await _bot.AskAsync("خط المبيعات الأسبوعي", both);

        // Was "Pipeline for your teams (EMEA, Americas) (history: this week (since Mon 23 Nov))".
        Assert.Equal("Pipeline for your teams EMEA, Americas · this week, since Mon 23 Nov", FirstLine(english.Text));
        Assert.Equal($"خط المبيعات: فرقك {Iso("EMEA")}، {Iso("Americas")} · هذا الأسبوع، منذ الاثنين 23 نوفمبر", FirstLine(arabic.Text));
    }

    [Fact]
    public async Task PipelineHeader_OneTeamLastWeek_FlatNoNesting()
    {
        var answer = await _bot.AskAsync("pipeline last week", _bot.Manager);

        Assert.Equal("Pipeline for EMEA · last week, Mon 16 – Sun 22 Nov", FirstLine(answer.Text));
        Assert.DoesNotContain("(", FirstLine(answer.Text), StringComparison.Ordinal);
    }

    // B. The won stage's page says it is the won stage.

    [Fact]
    public async Task StagePage_WonStageOfTheDefaultMap_SaysItIsTheWonStage_EnglishAndArabic()
    {
        var english = await _bot.AskAsync("what happens in won");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("اشرح مرحلة الفوز");

        Assert.StartsWith("Contract signed (contract-signed)\nThis is the map's won stage: a deal that reaches it is won.\n", english.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("This is the map's won stage: a deal that reaches it is won.", english.Card!.Body);
        Assert.Contains("هذه مرحلة الفوز في الخريطة: كل صفقة تبلغها تُحسب رابحة.", arabic.Card!.Body);
    }

    [Fact]
    public async Task StagePage_StageFlaggedWonInAnotherMap_SaysIt_OthersDoNot()
    {
        var map = new MapBuilder()
            .Stage("discovery", "Discovery", 14, "demo", [("a", "A", true)])
            .Stage("demo", "Demo", 10, "onboarding", [("b", "B", true)])
            .Stage("onboarding", "Onboarding", 30, null, [("c", "C", true)])
            .Won("demo")
            .Build();
        using var bot = new BotHarness(map);

        var won = await bot.AskAsync("explain demo");
        var after = await bot.AskAsync("explain onboarding");
        var before = await bot.AskAsync("explain discovery");

        Assert.Contains("This is the map's won stage: a deal that reaches it is won.", won.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("won stage", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("won stage", before.Text, StringComparison.Ordinal);
    }

    // C. A rep asking about another person's wins or losses: they see only their own, not "team figures are for managers".

    private Deal Closed(string id, string name, DealStatus status, Person owner, SalesTeam team, int daysAgo)
    {
        var deal = _bot.AddDeal(id, name, status == DealStatus.Won ? "contract-signed" : "proposal", owner, team, daysAgo);
        deal.Status = status;
        deal.ClosedAt = _bot.Clock.GetUtcNow().AddDays(-daysAgo);
        deal.LostReason = status == DealStatus.Lost ? "price" : null;
        return deal;
    }

    [Fact]
    public async Task PersonsWins_RepAsksAboutATeamMate_OnlyTheirOwn_EnglishAndArabic()
    {
        Closed("3101", "Vehement", DealStatus.Won, _bot.TeamMate, _bot.Emea, 4);
        Closed("3102", "Hooli", DealStatus.Lost, _bot.TeamMate, _bot.Emea, 4);

        var wins = await _bot.AskAsync($"{_bot.TeamMate.Name}'s wins");
        var losses = await _bot.AskAsync($"what did {_bot.TeamMate.Name} lose this quarter");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync($"وش الصفقات اللي خسرها {_bot.TeamMate.Name}");

        // Was "Team figures are for managers and admins. Say "won deals" without a team to see your own deals."
        Assert.Equal("You can see only your own wins. Say \"my wins\" to list them.", wins.Text);
        Assert.Equal("You can see only your own lost deals. Say \"my lost deals\" to list them.", losses.Text);
        Assert.Equal("لا يمكنك الاطلاع إلا على صفقاتك الخاسرة. اكتب «صفقاتي الخاسرة» لعرضها.", arabic.Text);
        Assert.DoesNotContain("Vehement", wins.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonsWins_SuggestedCommand_ListsTheRepsOwn()
    {
        Closed("3111", "Initrode", DealStatus.Won, _bot.Rep, _bot.Emea, 4);

        var mine = await _bot.AskAsync("my wins");

        Assert.Contains("Initrode", mine.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonsWins_RepNamesAnotherTeam_StillTeamFiguresAreForManagers()
    {
        var answer = await _bot.AskAsync("won deals Americas");

        Assert.StartsWith("Team figures are for managers and admins.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonsWins_ManagerAsksAboutTheirRep_ThatPersonsList()
    {
        Closed("3121", "Initrode", DealStatus.Won, _bot.Rep, _bot.Emea, 4);
        Closed("3122", "Vehement", DealStatus.Won, _bot.TeamMate, _bot.Emea, 5);

        var answer = await _bot.AskAsync($"{_bot.TeamMate.Name}'s wins", _bot.Manager);

        Assert.Equal($"Deals won · {_bot.TeamMate.Name}", answer.Card!.Title);
        Assert.Contains("Vehement", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initrode", answer.Text, StringComparison.Ordinal);
    }

    // D. Bidi.IsolateLatinRuns: quotes and an unmatched ")" around a Latin run are the sentence's, outside the isolate.

    [Theory]
    [InlineData("انقل «Initech» الآن", "انقل «\u2068Initech\u2069» الآن")]
    [InlineData("انقل “Initech” الآن", "انقل “\u2068Initech\u2069” الآن")]
    [InlineData("راجع (انظر «Initech»)، ثم", "راجع (انظر «\u2068Initech\u2069»)، ثم")]
    [InlineData("الصفقة (رقم «#1002»)، ثم", "الصفقة (رقم «\u2068#1002\u2069»)، ثم")]
    [InlineData("الصفقة (Initech) مفتوحة", "الصفقة (\u2068Initech\u2069) مفتوحة")]
    [InlineData("الصفقة Acme (EU) مفتوحة", "الصفقة \u2068Acme (EU)\u2069 مفتوحة")]
    [InlineData("صفقة Initech: مفتوحة", "صفقة \u2068Initech\u2069: مفتوحة")]
    public void IsolateLatinRuns_QuotesAndBrackets_OutsideTheIsolate(string text, string expected)
    {
        Assert.Equal(expected, Bidi.IsolateLatinRuns(text));
    }

    [Fact]
    public void IsolateLatinRuns_ClosingQuote_EndsTheRun()
    {
        // "«Initech» Acme" are two runs: the quote closed the first.
        Assert.Equal("بين «\u2068Initech\u2069» \u2068Acme\u2069 فرق", Bidi.IsolateLatinRuns("بين «Initech» Acme فرق"));
    }

    // E. Arabic counts the noun beside "won", "lost", "open" and "stalled": no bare digit beside an adjective.

    [Fact]
    public async Task WinRate_ThreeWonOneLost_CountedNouns_EnglishAndArabic()
    {
        using var bot = new BotHarness();
        var now = bot.Clock.GetUtcNow();
        foreach (var (id, status) in new[] { ("W1", DealStatus.Won), ("W2", DealStatus.Won), ("W3", DealStatus.Won), ("L1", DealStatus.Lost) })
        {
            var deal = bot.Stores.AddDeal(id, "Deal " + id, bot.Rep, bot.Emea, status == DealStatus.Won ? "contract-signed" : "demo", now.AddDays(-5));
            deal.Amount = 10_000;
            deal.Currency = "EUR";
            deal.CreatedAt = now.AddDays(-30);
            deal.Status = status;
            deal.ClosedAt = now.AddDays(-5);
            deal.LostReason = status == DealStatus.Lost ? "price" : null;
            bot.Stores.History.Add(new StageHistoryEntry
            {
                Id = bot.Stores.History.Count + 1,
                DealId = deal.Id,
                StageId = new StageId("discovery"),
                EnteredAt = now.AddDays(-30),
                Kind = StageChangeKind.Advanced,
            });
        }

        var english = await bot.AskAsync("pipeline", bot.Manager);
        bot.Manager.Language = "ar";
        var arabic = await bot.AskAsync("خط المبيعات", bot.Manager);

        Assert.Contains("75% (3 won, 1 lost)", english.Text, StringComparison.Ordinal);
        Assert.Contains("Won 3, lost 1: win rate 75%", english.Text, StringComparison.Ordinal);
        // Was «(3 رابحة، 1 خاسرة)» and «رابحة 3، خاسرة 1».
        Assert.Contains($"{Iso("75%")} (3 صفقات رابحة، صفقة خاسرة واحدة)", arabic.Text, StringComparison.Ordinal);
        Assert.Contains($"3 صفقات رابحة، صفقة خاسرة واحدة: نسبة الفوز {Iso("75%")}", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("3 رابحة", arabic.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "لا صفقات رابحة")]
    [InlineData(1, "صفقة رابحة واحدة")]
    [InlineData(2, "صفقتان رابحتان")]
    [InlineData(3, "3 صفقات رابحة")]
    [InlineData(11, "11 صفقة رابحة")]
    public void WonCount_Arabic_CountedNoun(int count, string expected)
    {
        Assert.Equal(expected, PipelineFormat.WonCount(count, ReplyTexts.Shared.In(ReplyLanguage.Arabic)));
    }

    [Fact]
    public async Task MapPicture_OpenAndStalled_CountedNouns_EnglishAndArabic()
    {
        using var bot = new BotHarness();
        bot.AddDeal("3001", "Alpha", "discovery", daysInStage: 60);
        bot.AddDeal("3002", "Beta", "discovery", daysInStage: 2);
        bot.AddDeal("3003", "Gamma", "discovery", daysInStage: 3);

        var english = await bot.AskAsync("show the map", bot.Manager);
        bot.Manager.Language = "ar";
        var arabic = await bot.AskAsync("اعرض الخريطة", bot.Manager);

        var englishFirst = english.Card!.Sections[0].Lines[0].Text;
        var arabicFirst = arabic.Card!.Sections[0].Lines[0].Text;
        Assert.Contains("3 open", englishFirst, StringComparison.Ordinal);
        Assert.Contains("1 stalled", englishFirst, StringComparison.Ordinal);
        // Was «3 مفتوحة» and «1 متعثرة».
        Assert.Contains("3 صفقات مفتوحة", arabicFirst, StringComparison.Ordinal);
        Assert.Contains("صفقة متعثرة واحدة", arabicFirst, StringComparison.Ordinal);
    }
}
