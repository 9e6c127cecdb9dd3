using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>"what moved this week", «وش تحرك هالأسبوع»: the stage changes of a period, for whom the pipeline is.</summary>
public sealed class StageMoves47Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    /// <summary>A history row <paramref name="daysAgo"/> days before the harness's now (Fri 27 Nov 2026, 09:00 UTC).</summary>
    private void Entry(Deal deal, string stage, double daysAgo, StageChangeKind kind)
    {
        _bot.Stores.History.Add(new StageHistoryEntry
        {
            Id = _bot.Stores.History.Count + 1,
            DealId = deal.Id,
            StageId = new StageId(stage),
            EnteredAt = _bot.Clock.GetUtcNow().AddDays(-daysAgo),
            Kind = kind,
        });
        deal.StageId = new StageId(stage);
    }

    /// <summary>
    /// EMEA: Hooli forward then back, Wonka past an unfinished checklist then won, Stark lost, Oceanic's move too old and
    /// its map change no move; Americas: Umbrella forward.
    /// </summary>
    private void SeedWeek()
    {
        var hooli = _bot.AddDeal("3001", "Hooli", owner: _bot.Rep);
        Entry(hooli, "discovery", 20, StageChangeKind.Entered);
        Entry(hooli, "demo", 5, StageChangeKind.Advanced);
        Entry(hooli, "discovery", 1, StageChangeKind.Moved);

        var wonka = _bot.AddDeal("3002", "Wonka", owner: _bot.TeamMate);
        Entry(wonka, "discovery", 10, StageChangeKind.Entered);
        Entry(wonka, "demo", 3, StageChangeKind.Override);
        Entry(wonka, "contract-signed", 2, StageChangeKind.Advanced);
        wonka.Status = DealStatus.Won;

        var stark = _bot.AddDeal("3003", "Stark", "demo", owner: _bot.Rep);
        Entry(stark, "demo", 6, StageChangeKind.Entered);
        Entry(stark, "demo", 4, StageChangeKind.Closed);
        stark.Status = DealStatus.Lost;

        var oceanic = _bot.AddDeal("3004", "Oceanic", owner: _bot.Rep);
        Entry(oceanic, "discovery", 30, StageChangeKind.Entered);
        Entry(oceanic, "demo", 9, StageChangeKind.Advanced);
        Entry(oceanic, "demo", 1, StageChangeKind.MapChange);

        var umbrella = _bot.AddDeal("3005", "Umbrella", owner: _bot.OtherRep, team: _bot.Americas);
        Entry(umbrella, "discovery", 12, StageChangeKind.Entered);
        Entry(umbrella, "demo", 1.5, StageChangeKind.Advanced);
    }

    private static List<string> Lines(BotAnswer answer) => [.. answer.Card!.Sections.Single().Lines.Select(l => l.Text)];

    [Fact]
    public async Task WhatMovedThisWeek_Manager_TheTeamsChangesNewestFirstCountedByKind()
    {
        SeedWeek();

        var answer = await _bot.AskAsync("what moved this week", _bot.Manager);

        Assert.Equal(CardKind.DealList, answer.Card!.Kind);
        Assert.Equal("Stage changes · EMEA", answer.Card.Title);
        // This week is the calendar week so far (since Monday): Hooli's move on Sunday 22 November was last week's.
        Assert.Equal("this week (since Mon 23 Nov)", answer.Card.Subtitle);
        Assert.Equal(
        [
            "Hooli (#3001) · Demo → Discovery · moved by hand · Thu 26 Nov 2026 · owner: rita",
            "Wonka (#3002) · Demo → Contract signed · won, advanced by its checklist · Wed 25 Nov 2026 · owner: tom",
            "Wonka (#3002) · Discovery → Demo · moved past an unfinished checklist · Tue 24 Nov 2026 · owner: tom",
            "Stark (#3003) · at Demo · lost · Mon 23 Nov 2026 · owner: rita",
        ], Lines(answer));
        Assert.StartsWith("4 stage changes · EMEA, this week (since Mon 23 Nov): 1 forward, 1 back, 1 won, 1 lost\n- Hooli (#3001)", answer.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.All(answer.Card.Sections.Single().Lines, l => Assert.IsType<ShowChecklistPayload>(l.Action!.Payload));
        Assert.Null(answer.Card.Note);
    }

    [Fact]
    public async Task WhatMoved_RepAndMyMoves_OwnDealsOnlyWithoutOwners()
    {
        SeedWeek();

        var asRep = await _bot.AskAsync("which deals advanced this week", _bot.Rep);
        var mine = await _bot.AskAsync("my moves", _bot.Manager);

        Assert.Equal("Stage changes · your deals", asRep.Card!.Title);
        Assert.Equal(
        [
            "Hooli (#3001) · Demo → Discovery · moved by hand · Thu 26 Nov 2026",
            "Stark (#3003) · at Demo · lost · Mon 23 Nov 2026",
        ], Lines(asRep));
        // The manager owns no deal: their own moves are none, and said so.
        Assert.Equal("No stage changes for your deals in the last 7 days. For a longer time, ask \"what moved last 90 days\".", mine.Text);
    }

    [Fact]
    public async Task WhatMoved_Admin_EveryTeam()
    {
        SeedWeek();

        var answer = await _bot.AskAsync("stage changes this week", _bot.Admin);

        Assert.Equal("Stage changes · all teams", answer.Card!.Title);
        Assert.Equal(5, Lines(answer).Count);
        Assert.Equal("Umbrella (#3005) · Discovery → Demo · advanced by its checklist · Wed 25 Nov 2026 · owner: olga", Lines(answer)[1]);
        Assert.StartsWith("5 stage changes · all teams, this week (since Mon 23 Nov): 2 forward, 1 back, 1 won, 1 lost", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatMoved_TeamTheManagerMayNotSee_RefusedAsThePipelineIs()
    {
        SeedWeek();

        var moves = await _bot.AskAsync("what moved in Americas this week", _bot.Manager);
        var pipeline = await _bot.AskAsync("pipeline Americas", _bot.Manager);

        Assert.Equal("Unknown team", moves.Card!.Title);
        Assert.StartsWith("I don't know a team called \"Americas\" that you can see. Teams you can see: EMEA.", moves.Text, StringComparison.Ordinal);
        Assert.Contains("\"what moved in EMEA this week\"", moves.Text, StringComparison.Ordinal);
        Assert.Equal(pipeline.Card!.Title, moves.Card.Title);
        Assert.DoesNotContain("Umbrella", moves.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StageChangesThisMonth_CalendarMonthInTheTeamsZone_OlderMovesIncluded()
    {
        SeedWeek();
        var globex = _bot.AddDeal("3006", "Globex", owner: _bot.Rep);
        Entry(globex, "discovery", 40, StageChangeKind.Entered);
        Entry(globex, "demo", 28, StageChangeKind.Advanced); // 30 October: last month

        var answer = await _bot.AskAsync("stage changes this month", _bot.Manager);

        Assert.Equal("November so far", answer.Card!.Subtitle);
        Assert.Equal("Oceanic (#3004) · Discovery → Demo · advanced by its checklist · Wed 18 Nov 2026 · owner: rita", Lines(answer)[^1]);
        Assert.Equal(6, Lines(answer).Count);
        Assert.DoesNotContain(Lines(answer), l => l.StartsWith("Globex", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhatMoved_NothingInThePeriod_SaysSoWithALongerExample()
    {
        var answer = await _bot.AskAsync("what progressed last week", _bot.Manager);

        Assert.Equal("No stage changes for EMEA last week (Mon 16 – Sun 22 Nov). For a longer time, ask \"what moved last 90 days\".", answer.Text);
        Assert.Equal(CardKind.DealList, answer.Card!.Kind);
        Assert.Empty(answer.Card.Sections);
    }

    [Fact]
    public async Task WhatMoved_MoreThanTheListHolds_NewestShownAndTheRestCounted()
    {
        for (var i = 0; i < 27; i++)
        {
            var deal = _bot.AddDeal((4000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), $"Deal {i}");
            Entry(deal, "discovery", 20, StageChangeKind.Entered);
            Entry(deal, "demo", 6 - (i * 0.2), StageChangeKind.Advanced);
        }

        var answer = await _bot.AskAsync("what moved last 7 days", _bot.Manager);

        Assert.Equal(ListLimits.Deals, Lines(answer).Count);
        Assert.StartsWith("Deal 26 (#4026)", Lines(answer)[0], StringComparison.Ordinal);
        Assert.Equal("… and 2 more, the newest shown", answer.Card!.Note);
        Assert.StartsWith("27 stage changes · EMEA, the last 7 days: 27 forward", answer.Text, StringComparison.Ordinal);
        Assert.EndsWith("… and 2 more, the newest shown", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arabic_WhatMovedThisWeek_InArabicWithPluralAndLatinIsolated()
    {
        SeedWeek();

        var answer = await _bot.AskAsync("وش تحرك هالأسبوع", _bot.Manager);
        var one = await _bot.AskAsync("الصفقات اللي تقدمت هذا الأسبوع", _bot.Rep);

        Assert.Equal("تغييرات المراحل · \u2068EMEA\u2069", answer.Card!.Title);
        Assert.Equal("4 تغييرات في المراحل · \u2068EMEA\u2069، هذا الأسبوع (منذ الاثنين 23 نوفمبر) — إلى الأمام: 1، إلى الخلف: 1، رابحة: 1، خاسرة: 1", answer.Text.ReplaceLineEndings("\n").Split('\n')[0]);
        var first = Lines(answer)[0];
        Assert.StartsWith("\u2068Hooli\u2069 (\u2068#3001\u2069) · من \u2068Demo\u2069 إلى \u2068Discovery\u2069 · نُقلت يدويًا · ", first, StringComparison.Ordinal);
        Assert.EndsWith("المالك: \u2068rita\u2069", first, StringComparison.Ordinal);
        Assert.Contains("خُسرت", Lines(answer)[3], StringComparison.Ordinal);
        Assert.StartsWith("تغييران في المراحل", one.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arabic_OneAndTwoChanges_TheirOwnNounForms()
    {
        var hooli = _bot.AddDeal("3001", "Hooli");
        Entry(hooli, "discovery", 20, StageChangeKind.Entered);
        Entry(hooli, "demo", 2, StageChangeKind.Advanced);

        var one = await _bot.AskAsync("التحركات هذا الشهر", _bot.Manager);
        Entry(hooli, "contract-signed", 1, StageChangeKind.Advanced);
        var two = await _bot.AskAsync("التحركات هذا الشهر", _bot.Manager);
        var english = await _bot.AskAsync("stage changes this month", _bot.Manager);

        Assert.StartsWith("تغيير واحد في المراحل · ", one.Text, StringComparison.Ordinal);
        Assert.StartsWith("تغييران في المراحل · ", two.Text, StringComparison.Ordinal);
        Assert.StartsWith("2 stage changes · EMEA, November so far: 1 forward, 1 won", english.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what moved this week", "moves - this-week")]
    [InlineData("which deals advanced this week", "moves - this-week")]
    [InlineData("what changed in the pipeline this week", "moves - this-week")]
    [InlineData("what progressed last week", "moves - last-week")]
    [InlineData("stage changes this month", "moves - this-month")]
    [InlineData("what moved in EMEA this week", "moves emea this-week")]
    [InlineData("my moves", "moves mine - -")]
    [InlineData("وش تحرك هالأسبوع", "moves - this-week")]
    [InlineData("الصفقات اللي تقدمت هذا الأسبوع", "moves - this-week")]
    [InlineData("ايش اللي تغير في خط المبيعات هالاسبوع", "moves - this-week")]
    [InlineData("التحركات هذا الشهر", "moves - this-month")]
    [InlineData("وش تحرك في فريق EMEA", "moves emea -")]
    // audit52 LEFT 3: "today" pulled the due list, "what moved" alone was not understood.
    [InlineData("what moved today", "moves - 1")]
    [InlineData("what moved", "moves - -")]
    [InlineData("وش تحرك اليوم", "moves - 1")]
    [InlineData("وش تحرك", "moves - -")]
    public void Parser_MovesPhrasings_TheStageMovesCommand(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("Example.Moves", "moves - this-week")]
    [InlineData("Example.Moves.Window", "moves - 30")]
    [InlineData("Example.Moves.LongWindow", "moves - 90")]
    public void ExampleRequests_BothLanguages_ReadAsTheMovesTheyName(string key, string expected)
    {
        foreach (var say in new[] { SalesCoachBot.Core.Localization.Phrases.English, SalesCoachBot.Core.Localization.ReplyTexts.Shared.In(SalesCoachBot.Core.Localization.ReplyLanguage.Arabic) })
        {
            Assert.Equal(expected, UnderstandingTestData.Read(say.Pipeline(key)));
            Assert.Equal("moves emea this-week", UnderstandingTestData.Read(say.Pipeline("Example.Moves.Team", "EMEA")));
        }
    }

    [Fact]
    public void Classify_NurtureAndReopenAndUnknownStage_NotCountedAsLossOrDirection()
    {
        StageChangeLine Line(string stage, string? previous, StageChangeKind kind, DealStatus status = DealStatus.Open) =>
            new(new DealId(1), "1", "Hooli", "rita", 1, "EMEA", null, stage, previous, kind, DateTimeOffset.UnixEpoch, status);

        Assert.Equal(MoveKind.Nurture, StageMovesUseCase.Classify(Line("demo", "demo", StageChangeKind.Closed, DealStatus.Nurture), _bot.Map));
        Assert.Equal(MoveKind.Lost, StageMovesUseCase.Classify(Line("demo", "demo", StageChangeKind.ClosedInCrm, DealStatus.Nurture), _bot.Map));
        Assert.Equal(MoveKind.Reopened, StageMovesUseCase.Classify(Line("demo", "demo", StageChangeKind.Reopened), _bot.Map));
        Assert.Equal(MoveKind.Other, StageMovesUseCase.Classify(Line("gone-stage", "demo", StageChangeKind.Moved), _bot.Map));
        Assert.Equal(MoveKind.Back, StageMovesUseCase.Classify(Line("discovery", "demo", StageChangeKind.MovedInCrm), _bot.Map));
        Assert.Equal(MoveKind.Won, StageMovesUseCase.Classify(Line("contract-signed", null, StageChangeKind.Moved), _bot.Map));
    }

    [Fact]
    public void Classify_ReopenedInCrm_ReopenedWhateverTheDirection()
    {
        StageChangeLine Line(string? reason) =>
            new(new DealId(1), "1", "Hooli", "rita", 1, "EMEA", null, "discovery", "demo", StageChangeKind.MovedInCrm, DateTimeOffset.UnixEpoch, DealStatus.Open, DealStatus.Open, reason);

        Assert.Equal(MoveKind.Reopened, StageMovesUseCase.Classify(Line("reopened in HubSpot"), _bot.Map));
        Assert.Equal(MoveKind.Reopened, StageMovesUseCase.Classify(Line("reopened in Salesforce; skipped unconfirmed required items: pain-written"), _bot.Map));
        Assert.Equal(MoveKind.Back, StageMovesUseCase.Classify(Line("moved in HubSpot"), _bot.Map));
        // A person's own words that happen to start the same are not the CRM's.
        Assert.Equal(MoveKind.Back, StageMovesUseCase.Classify(Line("reopened in pricing talks"), _bot.Map));
    }

    [Fact]
    public void Classify_ClosedRowOfAWonOrLostDeal_WonOrLost()
    {
        // An import that closes an open deal writes a Closed row whatever the status (misc49).
        StageChangeLine Line(DealStatus status) =>
            new(new DealId(1), "1", "Hooli", "rita", 1, "EMEA", null, "demo", "discovery", StageChangeKind.Closed, DateTimeOffset.UnixEpoch, status);

        Assert.Equal(MoveKind.Won, StageMovesUseCase.Classify(Line(DealStatus.Won), _bot.Map));
        Assert.Equal(MoveKind.Lost, StageMovesUseCase.Classify(Line(DealStatus.Lost), _bot.Map));
    }
}
