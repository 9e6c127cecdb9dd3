using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;
using static SalesCoachBot.Core.Tests.Localization.Isolates;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// Session 48 review, on the shipped map: each KPI gets the figure it names (stage-to-stage conversion measured over the
/// steps deals entered, stalled deals counted per stage); an admin's lists name "all teams" as the pipeline does; a rep's
/// help lists the figures that work for reps and everyone's lists "show the map"; a stage with no deals says so in words.
/// </summary>
public sealed class PipelineKpiAndAudience48Tests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    private Deal Deal(string id, params (string Stage, int DaysAgo)[] path)
    {
        var now = _bot.Clock.GetUtcNow();
        var deal = _bot.Stores.AddDeal(id, "Deal " + id, _bot.Rep, _bot.Emea, path[^1].Stage, now.AddDays(-path[^1].DaysAgo));
        deal.CreatedAt = now.AddDays(-path[0].DaysAgo);
        foreach (var (stage, daysAgo) in path)
        {
            _bot.Stores.History.Add(new StageHistoryEntry
            {
                Id = _bot.Stores.History.Count + 1,
                DealId = deal.Id,
                StageId = new StageId(stage),
                EnteredAt = now.AddDays(-daysAgo),
                Kind = StageChangeKind.Advanced,
            });
        }

        return deal;
    }

    /// <summary>
    /// Deals that start at sales engagement, as most teams' do: no deal entered the map's first three (marketing) stages.
    /// Steps: SE → SQL 5 of 6, SQL → Discovery 4 of 5, Discovery → Demo 3 of 4, Demo → Proposal 3 of 3, Proposal → Verbal
    /// 2 of 3, Verbal → Signed 2 of 2; from sales engagement to won 5/6 · 4/5 · 3/4 · 1 · 2/3 · 1 = 1/3. Open: four, three
    /// of them stalled (one each in sales engagement, discovery and proposal; the one in SQL entered it 3 days ago).
    /// </summary>
    private void StartAtSalesEngagement()
    {
        for (var i = 0; i < 2; i++)
        {
            var won = Deal($"w{i}", ("sales-engagement", 100), ("sql", 90), ("discovery", 80), ("demo", 70), ("proposal", 60), ("verbal-agreement", 50),
                ("contract-signed", 40));
            won.Status = DealStatus.Won;
            won.ClosedAt = won.StageEnteredAt;
        }

        Deal("o0", ("sales-engagement", 100), ("sql", 90), ("discovery", 85));
        Deal("o1", ("sales-engagement", 100));
        Deal("o2", ("sales-engagement", 5), ("sql", 3));
        Deal("o3", ("sales-engagement", 100), ("sql", 95), ("discovery", 90), ("demo", 85), ("proposal", 80));
    }

    private static List<string> Lines(string text) => [.. text.ReplaceLineEndings("\n").Split('\n')];

    [Fact]
    public async Task Pipeline_ShippedMapKpis_EachGetsTheFigureItNames_English()
    {
        StartAtSalesEngagement();

        var answer = await _bot.AskAsync("pipeline", _bot.Manager);

        var lines = Lines(answer.Text);
        Assert.Contains(
            "- stage-to-stage conversion rate: 6 steps measured, the weakest Proposal / quote → Verbal agreement: 67% (2 of 3); "
            + "Sales engagement to Contract signed overall: 33% (step by step under Conversion).",
            lines);
        Assert.Contains("- stalled deals per stage: 4 deals open, 3 of them stalled now: Sales engagement 1, Discovery 1, Proposal / quote 1.", lines);
        // "per stage" with the cycle still means time in each stage; with "stalled" or "conversion" it does not.
        var cycle = Assert.Single(lines, l => l.StartsWith("- sales cycle length, start to finish and per stage: ", StringComparison.Ordinal));
        Assert.Contains("median time in stage (deals that left it) Sales engagement ", cycle, StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("median time in stage", StringComparison.Ordinal));
        Assert.Contains("- days from MQL hand-off to first sales touch: no deal went from Marketing qualified lead to Sales engagement in the window.", lines);
        Assert.Contains("- win/loss with reasons: 100% won (2 won, 0 lost).", lines);
        Assert.Contains("- Not computed (the bot has no data for them): churn and net revenue retention of customers.", lines);
        Assert.DoesNotContain("no deals entered Brand awareness", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_ShippedMapKpis_EachGetsTheFigureItNames_Arabic()
    {
        StartAtSalesEngagement();
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync("خط المبيعات", _bot.Manager);

        var lines = Lines(answer.Text);
        Assert.Contains(
            $"- نسبة التحويل من كل مرحلة إلى التي تليها: أضعف خطوة من 6 خطوات مقيسة هي العرض / عرض السعر ← الموافقة الشفهية: {Iso("67%")} (2 من 3)"
            + $"؛ ومن التواصل البيعي إلى توقيع العقد إجمالًا: {Iso("33%")} (خطوة بخطوة تحت «التحويل»).",
            lines);
        Assert.Contains($"- الصفقات المتعثرة في كل مرحلة: 3 صفقات متعثرة الآن (المفتوحة: 4 صفقات): التواصل البيعي {Iso("1")}، الاستكشاف {Iso("1")}، العرض / عرض السعر {Iso("1")}.", lines);
        Assert.Single(lines, l => l.Contains("الوسيط للمدة في المرحلة", StringComparison.Ordinal));
        // The conversion KPI is not blanked by a start no deal entered (the cycle's KPI says so: Words49Tests).
        Assert.DoesNotContain("لم تدخل أي صفقة مرحلة الوعي", Assert.Single(lines, l => l.StartsWith("- نسبة التحويل", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_NoDealEnteredAnyStage_ConversionKpiSaysSo_NothingStalled()
    {
        var answer = await _bot.AskAsync("pipeline", _bot.Manager);

        var lines = Lines(answer.Text);
        Assert.Contains("- stage-to-stage conversion rate: no deal entered a stage on the way to Contract signed in the last 12 months.", lines);
        Assert.Contains("- stalled deals per stage: no deals open, none of them stalled now.", lines);
    }

    [Fact]
    public async Task Pipeline_StageWithNoDeals_SaysNoDealsInWords_EnglishAndArabic()
    {
        StartAtSalesEngagement();

        var english = Lines((await _bot.AskAsync("pipeline", _bot.Manager)).Text);
        _bot.Manager.Language = "ar";
        var arabic = Lines((await _bot.AskAsync("خط المبيعات", _bot.Manager)).Text);

        Assert.Contains("- Brand awareness: no deals", english);
        Assert.Contains("- Demo / solution: no deals", english);
        Assert.Contains("- Sales engagement: 1 deal · no amounts · median 100 days in stage · 1 stalled", english);
        Assert.Contains("- الوعي بالعلامة التجارية: لا صفقات", arabic);
        Assert.Contains("- التفاعل مع العلامة التجارية: لا صفقات", arabic);
        Assert.Contains("- التواصل البيعي: صفقة واحدة · بلا مبالغ · الوسيط 100 يوم في المرحلة · صفقة متعثرة واحدة", arabic);
        Assert.DoesNotContain(arabic, l => l.Contains("0 صفقة", StringComparison.Ordinal));
        // The counts that wrap a number keep it: «لم تُربح إلا صفقتان», never «إلا لا صفقات».
        Assert.DoesNotContain("إلا لا صفقات", string.Join('\n', arabic), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_Admin_NameAllTeamsAsThePipelineDoes_EnglishAndArabic()
    {
        StartAtSalesEngagement();

        var stalled = await _bot.AskAsync("stalled", _bot.Admin);
        var due = await _bot.AskAsync("what's due", _bot.Admin);
        var biggest = await _bot.AskAsync("biggest deals", _bot.Admin);
        var moves = await _bot.AskAsync("what moved this year", _bot.Admin);
        var won = await _bot.AskAsync("won deals this year", _bot.Admin);
        var pipeline = await _bot.AskAsync("pipeline", _bot.Admin);

        Assert.Equal("Stalled deals in all teams: 3", Lines(stalled.Text)[0]);
        Assert.Equal("3 in all teams", stalled.Card!.Subtitle);
        Assert.Equal("What's due in all teams: 4 with no next step", Lines(due.Text)[0]);
        Assert.Equal("Deals in all teams", biggest.Card!.Title);
        Assert.Equal("Deals in all teams: 4 open, 3 stalled", Lines(biggest.Text)[0]);
        Assert.Contains("· all teams, 2026 so far", Lines(moves.Text)[0], StringComparison.Ordinal);
        Assert.Equal("Deals won · all teams, 2026 so far", Lines(won.Text)[0]);
        Assert.StartsWith("Pipeline for all teams ", Lines(pipeline.Text)[0], StringComparison.Ordinal);
        Assert.DoesNotContain("your teams", string.Join('\n', stalled.Text, due.Text, biggest.Text, moves.Text, won.Text), StringComparison.Ordinal);

        _bot.Admin.Language = "ar";
        Assert.Equal("الصفقات المتعثرة في كل الفرق: 3", Lines((await _bot.AskAsync("stalled", _bot.Admin)).Text)[0]);
        Assert.StartsWith("المستحق في كل الفرق: ", Lines((await _bot.AskAsync("what's due", _bot.Admin)).Text)[0], StringComparison.Ordinal);
        Assert.Equal("صفقات كل الفرق", (await _bot.AskAsync("biggest deals", _bot.Admin)).Card!.Title);
    }

    [Fact]
    public async Task Lists_Manager_StillTheirTeams()
    {
        StartAtSalesEngagement();

        Assert.Equal("Stalled deals in EMEA: 3", Lines((await _bot.AskAsync("stalled", _bot.Manager)).Text)[0]);
        Assert.Equal("Deals in EMEA", (await _bot.AskAsync("biggest deals", _bot.Manager)).Card!.Title);
    }

    [Fact]
    public async Task Help_Rep_ListsTheFiguresThatWorkForReps_AndTheMap()
    {
        var answer = await _bot.AskAsync("help");

        var lines = Lines(answer.Text);
        Assert.Contains("- \"show the map\": the sales process as a flowchart, with the open deals and conversion at each stage", lines);
        Assert.Contains("- \"pipeline last 90 days\": your deals per stage, conversion, cycle time and a chart", lines);
        Assert.Contains("- \"lost deals last quarter\": your deals won or lost in a period, with amounts and reasons", lines);
        Assert.Contains("- \"what moved this week\": every stage change of your deals in a period: forward, back, won and lost", lines);
        Assert.DoesNotContain("pipeline EMEA", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("use this channel for", answer.Text, StringComparison.Ordinal);
        Assert.Single(answer.Card!.Sections);
    }

    [Fact]
    public async Task Help_ManagerAndAdmin_MapForEveryone_TeamFormsOnlyInTheTeamSection()
    {
        foreach (var person in new[] { _bot.Manager, _bot.Admin })
        {
            var answer = await _bot.AskAsync("help", person);

            var sections = answer.Card!.Sections;
            Assert.Contains(sections[0].Lines, l => l.Text.StartsWith("show the map", StringComparison.Ordinal));
            Assert.Contains(sections[1].Lines, l => l.Text.StartsWith("pipeline EMEA last 90 days", StringComparison.Ordinal));
            Assert.DoesNotContain("pipeline last 90 days", answer.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("your deals won or lost", answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Help_RepArabic_SameCommands()
    {
        _bot.Rep.Language = "ar";

        var answer = await _bot.AskAsync("مساعدة");

        foreach (var command in new[] { "اعرض الخريطة", $"خط المبيعات آخر {Iso("90")} يومًا", "الصفقات الخاسرة الربع الماضي", "ماذا تحرك هذا الأسبوع" })
        {
            Assert.Contains($"«{command}»", answer.Text, StringComparison.Ordinal);
        }

        Assert.Contains("صفقاتك في كل مرحلة، ونسب التحويل، ومدة الدورة، مع رسم بياني", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("EMEA", answer.Text, StringComparison.Ordinal);
    }

    /// <summary>What the help offers is what the parser reads, and a rep is answered about their own deals, not refused.</summary>
    [Theory]
    [InlineData("show the map", "map -")]
    [InlineData("اعرض الخريطة", "map -")]
    [InlineData("pipeline last 90 days", "pipeline - 90")]
    [InlineData("خط المبيعات آخر 90 يومًا", "pipeline - 90")]
    [InlineData("lost deals last quarter", "closed lost - ")]
    [InlineData("الصفقات الخاسرة الربع الماضي", "closed lost - ")]
    [InlineData("what moved this week", "moves - ")]
    [InlineData("وش تحرك هالأسبوع", "moves - ")]
    [InlineData("ماذا تحرك هذا الأسبوع", "moves - ")]
    public async Task Help_RepCommands_ParseAndAnswerForTheRepsDeals(string text, string reads)
    {
        StartAtSalesEngagement();

        Assert.StartsWith(reads, UnderstandingTestData.Read(text), StringComparison.Ordinal);
        var answer = await _bot.AskAsync(text);
        Assert.NotEqual(SalesCoachBot.Core.Cards.CardKind.Help, answer.Card?.Kind);
        Assert.DoesNotContain("for managers and admins", answer.Text, StringComparison.Ordinal);
    }
}
