using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Nudges;
using SalesCoachBot.Core.Understanding;
using static SalesCoachBot.Core.Tests.Localization.Isolates;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// The reverse funnel, its amount and period refusals, the pipeline's audience and KPI lines, and binding a channel
/// to a team's nudges, for a person who reads Arabic (issue 17, point 3). English stays as the pipeline tests pin it.
/// </summary>
public sealed class PipelineInTheirLanguageTests : IDisposable
{
    private readonly BotHarness _bot = new(MapWithKpis());

    public void Dispose() => _bot.Dispose();

    private static SalesCoachBot.Core.ProcessMaps.ProcessMap MapWithKpis()
    {
        var map = MapBuilder.ThreeStages();
        return map with
        {
            Kpis =
            [
                SalesCoachBot.Core.ProcessMaps.LocalizedText.Of("en", new Dictionary<string, string> { ["en"] = "Sales cycle length", ["ar"] = "طول دورة البيع" }),
                SalesCoachBot.Core.ProcessMaps.LocalizedText.Plain("Win rate and loss reasons"),
                SalesCoachBot.Core.ProcessMaps.LocalizedText.Of("en", new Dictionary<string, string> { ["en"] = "Churn", ["ar"] = "تسرب العملاء" }),
                // Written in Arabic only: recognised by its Arabic words, shown as written in either language.
                SalesCoachBot.Core.ProcessMaps.LocalizedText.Plain("الصفقات المتعثرة", "ar"),
            ],
            Outcomes = map.Outcomes with
            {
                LostReasonTexts = new Dictionary<string, SalesCoachBot.Core.ProcessMaps.LocalizedText>
                {
                    ["no-budget"] = SalesCoachBot.Core.ProcessMaps.LocalizedText.Of("en", new Dictionary<string, string> { ["en"] = "no-budget", ["ar"] = "لا توجد ميزانية" }),
                },
            },
        };
    }

    private Deal Deal(string id, decimal amount, params (string Stage, int DaysAgo)[] path)
    {
        var now = _bot.Clock.GetUtcNow();
        var deal = _bot.Stores.AddDeal(id, "Deal " + id, _bot.Rep, _bot.Emea, path[^1].Stage, now.AddDays(-path[^1].DaysAgo));
        deal.Amount = amount;
        deal.Currency = "EUR";
        deal.CreatedAt = now.AddDays(-path[0].DaysAgo);
        foreach (var (stage, daysAgo) in path)
        {
            _bot.Stores.History.Add(new StageHistoryEntry { Id = _bot.Stores.History.Count + 1, DealId = deal.Id, StageId = new StageId(stage), EnteredAt = now.AddDays(-daysAgo), Kind = StageChangeKind.Advanced });
        }

        return deal;
    }

    private void WonAndOpen()
    {
        // As PipelineUseCaseTests.ReverseFunnel_EnoughHistory_StageNeedsAndAssumptions: discovery 50% to won, demo 100%.
        for (var i = 0; i < 5; i++)
        {
            var won = Deal($"w{i}", 100_000, ("discovery", 100), ("demo", 90), ("contract-signed", 60));
            won.Status = DealStatus.Won;
            won.ClosedAt = won.StageEnteredAt;
            Deal($"o{i}", 10_000, ("discovery", 100));
        }
    }

    /// <summary>
    /// Two is the Arabic dual, and «صفقتان» is its subject form: the sentences put a count of deals where it stays the
    /// subject or follows a colon, never after a preposition («على صفقتان») or before an adjective («صفقتان رابحة»).
    /// </summary>
    [Fact]
    public async Task PipelineAndReverseFunnel_ArabicTwoWonDeals_DualOnlyWhereItIsTheSubject()
    {
        _bot.Manager.Language = "ar";
        for (var i = 0; i < 2; i++)
        {
            var won = Deal($"w{i}", 100_000, ("discovery", 100), ("demo", 90), ("contract-signed", 60));
            won.Status = DealStatus.Won;
            won.ClosedAt = won.StageEnteredAt;
        }

        Deal("o0", 10_000, ("discovery", 100));
        Deal("o1", 10_000, ("discovery", 100));

        var pipeline = await _bot.AskAsync("pipeline emea", _bot.Manager);
        var funnel = await _bot.AskAsync("what do we need to hit €2M this year", _bot.Manager);

        var cycle = pipeline.Card!.Facts.Single(f => f.Label == "وسيط مدة الدورة").Value;
        // After «من» the dual is genitive: «(من صفقتين رابحتين)», not a label over «صفقتان».
        Assert.EndsWith("(من صفقتين رابحتين)", cycle, StringComparison.Ordinal);
        Assert.Contains("(الرابحة خلال آخر 12 شهرًا: صفقتان)", funnel.Text, StringComparison.Ordinal);
        Assert.Contains($"فوق ما لديك: يلزم أن تدخل مرحلة {Iso("Discovery")} ", funnel.Text, StringComparison.Ordinal);
        foreach (var text in new[] { pipeline.Text, funnel.Text })
        {
            Assert.DoesNotContain("على صفقتان", text, StringComparison.Ordinal);
            Assert.DoesNotContain("من صفقتان", text, StringComparison.Ordinal);
            Assert.DoesNotContain("بـصفقتان", text, StringComparison.Ordinal);
            Assert.DoesNotContain("صفقتان رابحة", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("كم نحتاج لتحقيق 2 مليون بحلول المريخ لفريق EMEA", "بحلول المريخ")]
    [InlineData("كم نحتاج لتحقيق 2 مليون الربع الخامس", "الربع الخامس")]
    public async Task ReverseFunnel_ArabicPeriodNotKnown_RefusedByNameInArabic(string text, string period)
    {
        WonAndOpen();

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal("أي فترة؟", answer.Card!.Title);
        Assert.StartsWith($"لم أفهم «{period}» كفترة.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_ArabicManager_ArabicSentencesAmountsIsolated()
    {
        _bot.Manager.Language = "ar";
        WonAndOpen();

        var answer = await _bot.AskAsync("what do we need to hit €2M this year", _bot.Manager);

        Assert.Equal($"لإغلاق {Iso("2,000,000 EUR")} بحلول 31 ديسمبر 2026", answer.Card!.Title);
        Assert.StartsWith($"{Iso("EMEA")}: لإغلاق {Iso("2,000,000 EUR")} بحلول 31 ديسمبر 2026 يلزم أن تدخل", answer.Text, StringComparison.Ordinal);
        // Every count written one way (no isolate), and what is held said «في مرحلة …» as what is needed «إلى مرحلة …».
        Assert.Contains($"يلزم أن تدخل 15 صفقة إلى مرحلة {Iso("Demo")}، و30 إلى مرحلة {Iso("Discovery")} — ولديك الآن ", answer.Text, StringComparison.Ordinal);
        Assert.Matches($"— ولديك الآن \\d+ في مرحلة {Iso("Demo")}، \\d+ في مرحلة {Iso("Discovery")}\\.", answer.Text);
        Assert.Contains($"رُبح حتى الآن في الفترة: {Iso("500,000 EUR")}، والمتبقي {Iso("1,500,000 EUR")}.", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"{Iso("Discovery")}: يلزم دخول 30 · لديك الآن 5 · يُربح {Iso("50%")} من الصفقات التي تدخلها", answer.Text, StringComparison.Ordinal);
        Assert.Contains("الافتراضات:", answer.Text, StringComparison.Ordinal);
        Assert.Equal("المتبقي", answer.Card.Facts[0].Label);
        Assert.DoesNotContain("to enter", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Period", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_ArabicNoPeriod_SaysTheQuarterInArabic()
    {
        _bot.Manager.Language = "ar";
        WonAndOpen();

        var answer = await _bot.AskAsync("what do we need to hit 1M", _bot.Manager);

        Assert.Contains($"الفترة: هذا الربع (الربع الرابع من 2026، حتى 31 ديسمبر 2026) — لم تُحدَّد فترة", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"{Iso("EMEA")} · هذا الربع (الربع", answer.Card!.Subtitle, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what do we need to hit 2 bananas", "ما الهدف؟", "لم أفهم «\u20682 bananas\u2069» كمبلغ. جرّب «كم نحتاج لتحقيق 2 مليون»")]
    [InlineData("reverse funnel 0", "ما الهدف؟", "لا يحتاج إلى صفقات. اذكر هدفًا أكبر من الصفر")]
    [InlineData("ما المطلوب لتحقيق -5M هذا الربع", "ما الهدف؟", "لا يمكن أن يكون الهدف سالبًا («\u2068-5M\u2069»)")]
    [InlineData("what do we need to hit 2M by 31 feb", "أي فترة؟", "ليس تاريخًا أعرفه. جرّب «هذا الربع»")]
    public async Task ReverseFunnel_ArabicBadInput_ArabicRefusal(string text, string title, string expected)
    {
        _bot.Manager.Language = "ar";
        WonAndOpen();

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal(title, answer.Card!.Title);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_English_PeriodLabelAndRefusalUnchanged()
    {
        WonAndOpen();

        var answer = await _bot.AskAsync("what do we need to hit 1M", _bot.Manager);
        var period = await _bot.AskAsync("what do we need to hit 2M by 31 feb", _bot.Manager);

        Assert.Contains("Period: this quarter (Q4 2026, until 31 Dec 2026) — no period was given; say \"this year\", \"in Q1\" or \"by March\" for another.", answer.Text, StringComparison.Ordinal);
        Assert.Equal("EMEA · this quarter (Q4 2026)", answer.Card!.Subtitle);
        Assert.Equal("Which period?", period.Card!.Title);
        Assert.EndsWith("\" is not a date I know. Try \"this quarter\", \"in Q1\", \"by March\", \"by 31 Dec\" or \"this year\".", period.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineKpis_EnglishAndArabic()
    {
        WonAndOpen();
        var lost = Deal("l1", 5_000, ("discovery", 50));
        lost.Status = DealStatus.Lost;
        lost.ClosedAt = lost.StageEnteredAt;

        var english = await _bot.AskAsync("pipeline", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("pipeline", _bot.Manager);

        Assert.Contains("- Win rate and loss reasons: 83% won (5 won, 1 lost); lost to no reason given (1 deal).", english.Text, StringComparison.Ordinal);
        Assert.Contains("Not computed (the bot has no data for them): Churn.", english.Text, StringComparison.Ordinal);
        Assert.Contains($"- {Iso("Win rate and loss reasons")}: نسبة الفوز {Iso("83%")} (5 صفقات رابحة، صفقة خاسرة واحدة)؛ أسباب الخسارة: دون سبب مذكور (صفقة واحدة).", arabic.Text, StringComparison.Ordinal);
        Assert.Contains("- طول دورة البيع: الوسيط ", arabic.Text, StringComparison.Ordinal);
        Assert.Contains("- Sales cycle length: median ", english.Text, StringComparison.Ordinal);
        Assert.Contains("تسرب العملاء.", arabic.Text, StringComparison.Ordinal);
        Assert.Contains($"- {Iso("الصفقات المتعثرة")}: ", english.Text, StringComparison.Ordinal);
        Assert.Contains("- الصفقات المتعثرة: ", arabic.Text, StringComparison.Ordinal);
        Assert.Contains("أبرز أسباب الخسارة: دون سبب مذكور (صفقة واحدة).", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("median", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_ArabicLostReason_IsTheMapsTranslationNotTheKebabId()
    {
        WonAndOpen();
        var lost = Deal("l1", 5_000, ("discovery", 50));
        lost.Status = DealStatus.Lost;
        lost.ClosedAt = lost.StageEnteredAt;
        lost.LostReason = "no-budget";
        _bot.Manager.Language = "ar";

        var arabic = await _bot.AskAsync("pipeline", _bot.Manager);
        _bot.Rep.Language = "ar";
        var card = await _bot.AskAsync("what's next for l1", _bot.Rep);

        Assert.Contains("أبرز أسباب الخسارة: لا توجد ميزانية (صفقة واحدة).", arabic.Text, StringComparison.Ordinal);
        Assert.Contains("أسباب الخسارة: لا توجد ميزانية (", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("no-budget", arabic.Text, StringComparison.Ordinal);
        Assert.Contains("لا توجد ميزانية", card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("no-budget", card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineAudience_ArabicRepAndUnknownTeam()
    {
        _bot.Rep.Language = "ar";
        _bot.Manager.Language = "ar";
        WonAndOpen();

        var own = await _bot.AskAsync("pipeline", _bot.Rep);
        var refused = await _bot.AskAsync("pipeline emea", _bot.Rep);
        var unknown = await _bot.AskAsync("pipeline narnia", _bot.Manager);

        Assert.Equal("خط المبيعات · صفقاتك", own.Card!.Title);
        Assert.Equal("أرقام الفرق للمديرين", refused.Card!.Title);
        Assert.Contains($"لا أعرف فريقًا اسمه «{Iso("narnia")}» ضمن ما يمكنك رؤيته. الفرق التي تراها: {Iso("EMEA")}. مثال: «خط المبيعات لفريق {Iso("EMEA")} آخر 90 يومًا».", unknown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FunnelChartAltText_InTheChartsLanguage()
    {
        FunnelStep[] steps = [new("Discovery", 2, "2 EUR", null), new("Demo", 1, "1 EUR", "33% (1 of 3)")];

        var english = new FunnelChart("Pipeline funnel — EMEA", "s", steps).AltText;
        var arabic = new FunnelChart("قمع خط المبيعات — EMEA", "s", steps) { Language = ReplyLanguage.Arabic }.AltText;

        Assert.Equal("Pipeline funnel — EMEA: Discovery 2 open, 2 EUR; Demo 1 open, 1 EUR, 33% (1 of 3) converted from the stage before.", english);
        // Counted nouns, as the other Arabic replies say them (was «⁨2⁩ مفتوحة», an adjective beside a digit).
        Assert.Equal($"قمع خط المبيعات — EMEA: {Iso("Discovery")}: صفقتان مفتوحتان، {Iso("2 EUR")}؛ {Iso("Demo")}: صفقة مفتوحة واحدة، {Iso("1 EUR")}، وتحوّل إليها {Iso("33% (1 of 3)")} من المرحلة السابقة.", arabic);
    }

    [Fact]
    public async Task UseChannelForNudges_ArabicManager_ArabicAnswers()
    {
        var nudges = new InMemoryNudgeStore();
        var boss = _bot.Stores.AddPerson("boss@example.com", PersonRole.Manager, _bot.Emea);
        _bot.Emea.TimeZoneId = "Europe/Berlin";
        var useCase = new UseChannelForNudgesUseCase(_bot.Stores, nudges);
        var channel = ConversationKey.Parse("slack:T1:C42");

        async Task<BotAnswer> SayAsync(Person person, ConversationKey where)
        {
            var view = (await _bot.Stores.FindPersonByEmailAsync(person.Email, CancellationToken.None))!;
            var turn = new ChatTurn(new ChatUser(ChatChannel.Slack, Email: person.Email), where, new TextInput("use this channel for emea nudges"));
            var context = new TurnContext(view, turn, _bot.Map, _bot.Clock.GetUtcNow()) { Say = ReplyTexts.Shared.In(ReplyLanguage.Arabic) };
            return await useCase.HandleAsync(new UseChannelForNudgesCommand("emea"), context, CancellationToken.None);
        }

        var rep = await SayAsync(_bot.Rep, channel);
        var cli = await SayAsync(boss, ConversationKey.For(ChatChannel.Cli, "demo"));
        var bound = await SayAsync(boss, channel);
        var again = await SayAsync(boss, channel);

        Assert.Equal("غير مسموح", rep.Card!.Title);
        Assert.Contains($"لـ«{Iso("emea")}»", rep.Text, StringComparison.Ordinal);
        Assert.Equal("ليست قناة محادثة", cli.Card!.Title);
        Assert.Equal($"صار ملخص الصفقات المتعثرة لفريق {Iso("EMEA")} يصل إلى هذه القناة الساعة {Iso("09:00")} بتوقيت برلين في أيام العمل.", bound.Text);
        Assert.StartsWith($"ملخص الصفقات المتعثرة لفريق {Iso("EMEA")} يصل إلى هذه القناة أصلًا", again.Text, StringComparison.Ordinal);
        Assert.Equal("التنبيهات", bound.Card!.Title);
    }
}
