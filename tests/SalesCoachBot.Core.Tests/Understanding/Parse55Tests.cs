using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// fix/parse55: what reps type that was read wrong: what to chase, quota, «الحالية» as a team, an undo naming an email or a
/// meeting, and a team's summary with no team named.
/// </summary>
public sealed class Parse55Tests : IDisposable
{
    private readonly CommandParser _parser = new();
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("anything I should chase?")]
    [InlineData("what should I chase")]
    [InlineData("anything to chase")]
    [InlineData("who should I follow up with")]
    [InlineData("شو لازم أتابع")]
    [InlineData("إيش اللي لازم ألاحقه")]
    public async Task WhatToChase_IsWhatsDue_NotADealCalledChase(string text)
    {
        _bot.AddDeal("1002", "Initech", "demo", _bot.Rep);
        var english = !text.Any(c => c is >= '\u0600' and <= '\u06FF');

        var parsed = _parser.Parse(text);
        var answer = await _bot.AskAsync(text, _bot.Rep);
        var due = await _bot.AskAsync(english ? "what's due" : "إيش المستحق", _bot.Rep);

        // Was 'I can't find a deal matching "chase"' («لا أجد صفقة تطابق «أتابع»…»).
        Assert.Equal((DueFocus.All, 7, (string?)null), (Assert.IsType<DueCommand>(parsed).Focus, ((DueCommand)parsed).WithinDays, ((DueCommand)parsed).OwnerName));
        Assert.Equal(due.Text, answer.Text);
        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("am I on track for quota")]
    [InlineData("how far am I from quota")]
    [InlineData("هل أنا على المسار للكوتا")]
    [InlineData("كم باقي على التارجت")]
    public async Task QuotaAsked_NoAmount_IsTheQuotasProgress(string text)
    {
        _bot.AddDeal("1002", "Initech", "demo", _bot.Rep);

        var parsed = _parser.Parse(text);
        var answer = await _bot.AskAsync(text, _bot.Rep);

        // Was 'I can't find a deal matching "am I"', then the reverse funnel asking for the target; quota58 stores a quota,
        // so it is the team's progress, which says none is set and how to set it.
        Assert.Null(Assert.IsType<QuotaProgressCommand>(parsed).TeamName);
        Assert.True(
            answer.Text.Contains("No quota is set for EMEA", StringComparison.Ordinal) || answer.Text.Contains("لم يُحدَّد هدف لفريق", StringComparison.Ordinal),
            answer.Text);
    }

    [Fact]
    public void QuotaWithAnAmount_IsStillThatTarget()
    {
        var parsed = Assert.IsType<ReverseFunnelCommand>(_parser.Parse("our quota is 2M what do we need"));

        Assert.Equal("2M", parsed.AmountText);
    }

    [Theory]
    [InlineData("الأرقام الحالية", "خط المبيعات")]
    [InlineData("current numbers", "pipeline")]
    [InlineData("what's the current pipeline", "pipeline")] // was "You have no open deals." (a manager's own deals)
    [InlineData("current pipeline", "pipeline")]
    public async Task CurrentNumbers_IsThePipelineNow_NotATeamCalledCurrent(string text, string pipeline)
    {
        var parsed = Assert.IsType<PipelineCommand>(_parser.Parse(text));
        var answer = await _bot.AskAsync(text, _bot.Manager);
        var expected = await _bot.AskAsync(pipeline, _bot.Manager);

        // Was «لا أعرف فريقًا اسمه «الحالية»…», "I don't know a team called "current"".
        Assert.Equal((null, null, null), (parsed.TeamName, parsed.WindowDays, parsed.Period));
        Assert.Equal(expected.Text, answer.Text);
    }

    [Theory]
    [InlineData("أرقام هذا الشهر")]
    [InlineData("الأرقام الحالية لفريق EMEA")]
    public void CurrentNumbers_APeriodOrATeamSaid_KeepsThem(string text)
    {
        var parsed = Assert.IsType<PipelineCommand>(_parser.Parse(text));

        Assert.NotEqual("الحالية", parsed.TeamName);
        Assert.True(parsed.TeamName == "EMEA" || parsed.Period?.Code == "this-month", parsed.ToString());
    }

    [Theory]
    [InlineData("undo the email")]
    [InlineData("الغِ الإيميل")]
    public async Task UndoTheEmail_OnlyAMeetingLogged_NamesTheEmail_TheMeetingStays(string text)
    {
        _bot.AddDeal("1002", "Initech", "discovery", _bot.Rep);
        await _bot.AskAsync("met Initech today", _bot.Rep);

        var answer = await _bot.AskAsync(text, _bot.Rep);

        // Was "Withdrew a meeting on Initech" (English), a question «أعد فتح هذه الصفقة؟» (Arabic).
        Assert.Null(Assert.Single(_bot.Stores.Activities, a => a.Kind == ActivityKind.Meeting).WithdrawnAt);
        Assert.True(
            answer.Text.Contains("No logged email of yours from the last 24 hours", StringComparison.Ordinal)
                || answer.Text.Contains("رسالةَ بريد ما زالت قائمة", StringComparison.Ordinal),
            answer.Text);
    }

    [Theory]
    [InlineData("undo the email", ActivityKind.Email)]
    [InlineData("الغِ الإيميل", ActivityKind.Email)]
    [InlineData("undo the meeting", ActivityKind.Meeting)]
    [InlineData("تراجع عن الاجتماع", ActivityKind.Meeting)]
    [InlineData("undo the call", ActivityKind.Call)]
    public async Task UndoAKind_OneOfEachLogged_WithdrawsOnlyThatKind(string text, ActivityKind kind)
    {
        _bot.AddDeal("1002", "Initech", "discovery", _bot.Rep);
        await _bot.AskAsync("called Initech about pricing", _bot.Rep);
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("sent an email to Initech", _bot.Rep);
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("met Initech today", _bot.Rep);

        await _bot.AskAsync(text, _bot.Rep);

        Assert.Equal(3, _bot.Stores.Activities.Count);
        Assert.All(_bot.Stores.Activities, a => Assert.Equal(a.Kind == kind, a.WithdrawnAt is not null));
    }

    [Theory]
    [InlineData("undo the email", "Email")]
    [InlineData("undo my last meeting on Initech", "Meeting")]
    [InlineData("الغِ الإيميل", "Email")]
    [InlineData("تراجع عن الاجتماع", "Meeting")]
    [InlineData("الغِ الإيميل مع Initech", "Email")]
    [InlineData("undo that", "Any")]
    [InlineData("تراجع عن ذلك", "Any")]
    public void UndoAKind_IsReadAsThatKind_UndoThatStaysAny(string text, string target)
    {
        var parsed = _parser.Parse(text);

        Assert.Equal(target, Assert.IsType<UndoLastCommand>(parsed).Target.ToString());
    }

    [Theory]
    [InlineData("undo my last email", "en")]
    [InlineData("undo the meeting on Initech", "en")]
    [InlineData("تراجع عن الاجتماع", "ar")]
    [InlineData("الغِ الإيميل مع Initech", "ar")]
    public void UndoAKind_ItsWordingReadsBackAsTheSameCommand(string text, string language)
    {
        var parsed = _parser.Parse(text);
        var wording = CommandParser.CanonicalText(parsed, language);

        Assert.NotNull(wording);
        Assert.Equal(parsed with { Language = "en" }, _parser.Parse(wording) with { Language = "en" });
    }

    [Theory]
    [InlineData("team summary", "EMEA digest")]
    [InlineData("team summary for EMEA", "EMEA summary")]
    [InlineData("ملخص الفريق", "ملخص فريق EMEA")]
    [InlineData("ملخص الفريق", "ملخص EMEA")]
    public async Task TeamSummary_NoTeamOrTeamAfterIt_IsTheDigestAsEmeaSummaryIs(string text, string digest)
    {
        _bot.AddDeal("1002", "Initech", "demo", _bot.Rep, daysInStage: 40);

        var summary = await _bot.AskAsync(text, _bot.Manager);
        var expected = await _bot.AskAsync(digest, _bot.Manager);

        // Were the pipeline while "EMEA summary" is the digest. The manager manages EMEA alone here: the digest of the
        // teams one manages is that team's.
        Assert.IsType<StalledCommand>(_parser.Parse(text));
        Assert.Equal(expected.Card?.Kind, summary.Card?.Kind);
        Assert.Contains("Initech", summary.Text, StringComparison.Ordinal);
        if (!text.Contains("ملخص", StringComparison.Ordinal) || digest.Contains("ملخص", StringComparison.Ordinal))
        {
            Assert.Equal(expected.Text, summary.Text);
        }
    }

    [Theory]
    [InlineData("team summary this quarter")]
    [InlineData("pipeline summary")]
    [InlineData("ملخص خط المبيعات")]
    public void TeamSummary_WithAPeriodOrThePipelineNamed_StaysThePipeline(string text)
    {
        var parsed = Assert.IsType<PipelineCommand>(_parser.Parse(text));

        Assert.Null(parsed.TeamName);
    }
}
