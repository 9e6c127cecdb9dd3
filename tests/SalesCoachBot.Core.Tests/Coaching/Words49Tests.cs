using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;
using static SalesCoachBot.Core.Tests.Localization.Isolates;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 49, what reps and managers say that the bot got wrong: a team's name where a stage goes ("my deals in EMEA"),
/// a date inside a reminder ("… on Friday about pricing"), the reverse funnel in a rep's help, "your teams" without their
/// names, and "weekly" as a period (the cycle KPI: <see cref="Pipeline.CycleKpiStart49Tests"/>). English and Arabic each.
/// </summary>
public sealed class Words49Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private static List<string> Lines(string text) => [.. text.ReplaceLineEndings("\n").Split('\n')];

    private void RepAndTeamMateDeals()
    {
        _bot.AddDeal("2001", "Rita Deal", "discovery", _bot.Rep, _bot.Emea);
        _bot.AddDeal("2002", "Tom Deal", "discovery", _bot.TeamMate, _bot.Emea);
        _bot.AddDeal("2003", "Olga Deal", "discovery", _bot.OtherRep, _bot.Americas);
    }

    // 1. A team's name where a stage goes.

    [Fact]
    public async Task MyDealsInTeam_RepOfTheTeam_OwnDealsInIt_EnglishAndArabic()
    {
        RepAndTeamMateDeals();

        var english = await _bot.AskAsync("my deals in EMEA");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("صفقاتي في EMEA");

        Assert.StartsWith("My deals in EMEA: 1 open, 0 stalled", english.Text, StringComparison.Ordinal);
        Assert.Contains("Rita Deal", english.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tom Deal", english.Text, StringComparison.Ordinal);
        Assert.Equal(CardKind.DealList, english.Card?.Kind);
        Assert.StartsWith($"صفقاتي في {Iso("EMEA")}: صفقة مفتوحة واحدة، لا صفقات متعثرة", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tom Deal", arabic.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deals in EMEA")]
    [InlineData("my deals in EMEA")]
    [InlineData("which deals are in EMEA")]
    public async Task DealsInTeam_Manager_TheTeamsDealsWithOwners(string text)
    {
        RepAndTeamMateDeals();

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.StartsWith("Deals in EMEA: 2 open, 0 stalled", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Rita Deal", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Tom Deal", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Olga Deal", answer.Text, StringComparison.Ordinal);
        Assert.Contains("owner: tom", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DealsInTeam_ManagerArabic_TheTeamsDeals()
    {
        RepAndTeamMateDeals();
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync("صفقاتي في EMEA", _bot.Manager);

        Assert.StartsWith($"الصفقات في {Iso("EMEA")}: صفقتان مفتوحتان، لا صفقات متعثرة", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Tom Deal", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyDealsInTeam_TeamNotVisible_AnsweredAsNoTeamTheyCanSee_EnglishAndArabic()
    {
        RepAndTeamMateDeals();

        var english = await _bot.AskAsync("my deals in Americas");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("صفقاتي في Americas");

        Assert.Equal("I don't know a team called \"Americas\" that you can see. Try \"my deals\" for your own deals.", english.Text);
        Assert.DoesNotContain("Olga Deal", english.Text, StringComparison.Ordinal);
        Assert.Equal($"لا أعرف فريقًا اسمه «{Iso("Americas")}» ضمن ما يمكنك رؤيته. جرّب «صفقاتي» لصفقاتك أنت.", arabic.Text);
    }

    [Fact]
    public async Task MyDealsIn_NeitherTeamNorStage_StillNoStageCalledSo()
    {
        RepAndTeamMateDeals();

        var answer = await _bot.AskAsync("my deals in mars");

        Assert.StartsWith("I don't know a stage called \"mars\". Stages: ", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deals in EMEA", "deals stage?(emea:NotFound)")]
    [InlineData("which deals are in EMEA", "deals stage?(emea:NotFound)")]
    [InlineData("stalled deals in EMEA", "stalled emea")]
    [InlineData("what's stuck in EMEA", "stalled emea")]
    public void Parse_DealsInATeam_TheTeamsDealsUnlessStalledAsked(string text, string reads)
    {
        Assert.Equal(reads, UnderstandingTestData.Read(text));
    }

    // 2. A date inside a reminder.

    [Fact]
    public async Task Reminder_DateInTheMiddle_IsTheStepsDate_AsAtTheEnd()
    {
        var middle = _bot.AddDeal("1002", "Initech");
        var end = _bot.AddDeal("1001", "Globex");

        var answer = await _bot.AskAsync("remind me to call Initech on Friday about pricing");
        await _bot.AskAsync("remind me to call Globex about pricing on Friday");

        Assert.Equal("call about pricing", middle.NextStep);
        Assert.NotNull(middle.NextStepAt);
        Assert.Equal(DayOfWeek.Friday, middle.NextStepAt!.Value.DayOfWeek);
        Assert.Equal(end.NextStep, middle.NextStep);
        Assert.Equal(end.NextStepAt, middle.NextStepAt);
        Assert.StartsWith("Next step for Initech: call about pricing — Fri ", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminder_DateInTheMiddle_Arabic()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        _bot.Rep.Language = "ar";

        var answer = await _bot.AskAsync("ذكرني أتصل بـ Initech يوم الخميس بخصوص السعر");

        Assert.Equal("اتصال بخصوص السعر", deal.NextStep);
        Assert.Equal(DayOfWeek.Thursday, deal.NextStepAt!.Value.DayOfWeek);
        Assert.StartsWith($"الخطوة التالية لصفقة {Iso("Initech")}: اتصال بخصوص السعر — الخميس ", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remind me to call Initech on Friday about pricing", "nextstep 1002 | call about pricing on friday")]
    [InlineData("remind me to call Initech on Friday", "nextstep 1002 | call on friday")]
    [InlineData("remind me to call Initech about pricing", "nextstep 1002 | call about pricing")]
    [InlineData("ذكرني أتصل بـ Initech يوم الخميس بخصوص السعر", "nextstep 1002 | اتصال بخصوص السعر يوم الخميس")]
    public void Parse_Reminder_DateSaidInsideGoesLast(string text, string reads)
    {
        Assert.Equal(reads, UnderstandingTestData.Read(text));
    }

    // 3. The reverse funnel in a rep's help.

    [Fact]
    public async Task Help_Rep_ListsTheReverseFunnelOfTheirDeals_EnglishAndArabic()
    {
        var english = await _bot.AskAsync("help");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("مساعدة");

        Assert.Contains("- \"what do I need to hit 500k\": the reverse funnel of your deals: deals needed per stage to reach a target", Lines(english.Text));
        Assert.Contains($"«كم أحتاج لتحقيق {Iso("500")} ألف»: القمع العكسي لصفقاتك: عدد الصفقات اللازمة في كل مرحلة لبلوغ الهدف", arabic.Text, StringComparison.Ordinal);
        var manager = await _bot.AskAsync("help", _bot.Manager);
        Assert.DoesNotContain("what do I need to hit 500k", manager.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what do I need to hit 500k", "funnel 500k", "for your deals")]
    [InlineData("كم أحتاج لتحقيق 500 ألف", "funnel 500 thousand", "في نطاق صفقاتك")]
    public async Task Help_RepFunnelCommand_ParsesAndAnswersForTheRepsDeals(string text, string reads, string scope)
    {
        Assert.Equal(reads, UnderstandingTestData.Read(text));

        var answer = await _bot.AskAsync(text);

        // No deal won yet: the plan's own answer, about the rep's deals, not the help or a refusal.
        Assert.NotEqual(CardKind.Help, answer.Card?.Kind);
        Assert.Contains(scope, answer.Text, StringComparison.Ordinal);
    }

    // 5. "your teams" named for a manager of several.

    [Fact]
    public async Task StalledAndDue_ManagerOfTwoTeams_NamesThem_EnglishAndArabic()
    {
        var both = _bot.Stores.AddPerson("max@example.com", PersonRole.Manager, _bot.Emea, _bot.Americas);
        _bot.AddDeal("2001", "Rita Deal", "discovery", _bot.Rep, _bot.Emea, daysInStage: 60);
        _bot.AddDeal("2003", "Olga Deal", "discovery", _bot.OtherRep, _bot.Americas, daysInStage: 60);

        var stalled = await _bot.AskAsync("stalled", both);
        var due = await _bot.AskAsync("what's due", both);
        both.Language = "ar";
        var stalledAr = await _bot.AskAsync("الصفقات المتعثرة", both);
        var dueAr = await _bot.AskAsync("وش المستحق", both);

        Assert.StartsWith("Stalled deals in your teams (Americas, EMEA): 2", stalled.Text, StringComparison.Ordinal);
        Assert.Contains("your teams (Americas, EMEA)", due.Text, StringComparison.Ordinal);
        Assert.Contains($"فرقك ({Iso("Americas")}، {Iso("EMEA")})", stalledAr.Text, StringComparison.Ordinal);
        Assert.Contains($"فرقك ({Iso("Americas")}، {Iso("EMEA")})", dueAr.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalled_ManagerOfOneTeam_NamesTheTeam()
    {
        _bot.AddDeal("2001", "Rita Deal", "discovery", _bot.Rep, _bot.Emea, daysInStage: 60);

        var answer = await _bot.AskAsync("stalled", _bot.Manager);

        Assert.StartsWith("Stalled deals in EMEA: 1", answer.Text, StringComparison.Ordinal);
    }

    // 6. "weekly" as this week.

    [Theory]
    [InlineData("weekly pipeline", "pipeline - this-week")]
    [InlineData("weekly pipeline for EMEA", "pipeline emea this-week")]
    [InlineData("خط المبيعات الأسبوعي", "pipeline - this-week")]
    public void Parse_Weekly_IsThisWeek(string text, string reads)
    {
        Assert.Equal(reads, UnderstandingTestData.Read(text));
    }

    [Fact]
    public async Task Weekly_PipelineAndMoves_ThisWeek_EnglishAndArabic()
    {
        var english = await _bot.AskAsync("weekly pipeline", _bot.Manager);
        var won = await _bot.AskAsync("weekly won deals", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("التحركات الأسبوعية", _bot.Manager);

        Assert.Contains("this week, since Mon 23 Nov", english.Text, StringComparison.Ordinal);
        Assert.Contains("this week (since Mon 23 Nov)", won.Text, StringComparison.Ordinal);
        Assert.Contains("هذا الأسبوع (منذ الاثنين 23 نوفمبر)", arabic.Text, StringComparison.Ordinal);
    }
}
