using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>"next step for DEAL: TEXT [DATE]" and the card's "Set next step" form. The harness clock is Friday 27 November 2026, 09:00 UTC.</summary>
public sealed class NextStepTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private static DateTimeOffset EndOfDay(int year, int month, int day) => new(year, month, day, 23, 59, 0, TimeSpan.Zero);

    [Fact]
    public async Task NextStep_WithWeekday_StoresTextAndDateAndShowsThemOnTheCard()
    {
        var deal = _bot.AddDeal("1002", "Initech", daysInStage: 20);

        var answer = await _bot.AskAsync("next step for Initech: demo with their CFO on Monday");

        Assert.Equal("demo with their CFO", deal.NextStep);
        Assert.Equal(EndOfDay(2026, 11, 30), deal.NextStepAt);
        Assert.Equal(_bot.Clock.GetUtcNow(), deal.NextStepSetAt);
        Assert.Equal(_bot.Clock.GetUtcNow(), deal.LastActivityAt);
        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
        Assert.Equal("Next step for Initech: demo with their CFO — Mon 30 Nov 2026.", answer.Card.Note);
        Assert.Contains(answer.Card.Facts, f => f.Label == "Next step" && f.Value == "demo with their CFO — Mon 30 Nov 2026");
        Assert.Contains("Next step: demo with their CFO — Mon 30 Nov 2026", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("next step for Initech: send pricing by end of week", 2026, 12, 3)]        // Thursday, the team's last working day
    [InlineData("next step for Initech: send pricing next week", 2026, 11, 29)]            // Sunday, its first
    [InlineData("الخطوة التالية لـ Initech: إرسال الأسعار نهاية الأسبوع", 2026, 12, 3)]
    public async Task NextStep_TeamWorkingSundayToThursday_WeekFollowsTheTeam(string text, int year, int month, int day)
    {
        _bot.Emea.Workdays = WorkWeek.Parse("sun-thu");
        var deal = _bot.AddDeal("1002", "Initech");

        await _bot.AskAsync(text);

        Assert.Equal(EndOfDay(year, month, day), deal.NextStepAt);
    }

    [Fact]
    public async Task NextStep_WithTimeAndId_StoresThatTime()
    {
        var deal = _bot.AddDeal("1010", "Tailwind");

        await _bot.AskAsync("Tailwind next step call back tomorrow 3pm");
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero), deal.NextStepAt);
        Assert.Equal("call back", deal.NextStep);

        await _bot.AskAsync("set next step for #1010 to 2026-12-10 send pricing");
        Assert.Equal(EndOfDay(2026, 12, 10), deal.NextStepAt);
        Assert.Equal("send pricing", deal.NextStep);
    }

    [Fact]
    public async Task NextStep_WithoutDate_StoresTextOnly()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("next step for Initech: send the ROI case");

        Assert.Equal("send the ROI case", deal.NextStep);
        Assert.Null(deal.NextStepAt);
        Assert.Contains("(no date)", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextStep_SaidTwice_WritesOnce()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("next step for Initech: demo on Monday");
        var setAt = deal.NextStepSetAt;

        _bot.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await _bot.AskAsync("next step for Initech: demo on Monday");

        Assert.Equal(setAt, deal.NextStepSetAt);
        Assert.Equal(setAt, deal.LastActivityAt);
        Assert.Equal("Next step for Initech: demo — Mon 30 Nov 2026.", again.Card!.Note);
    }

    [Theory]
    [InlineData("next step for Initech: call on 2026-11-20", "has passed")]
    [InlineData("next step for Initech: call yesterday", "has passed")]
    [InlineData("next step for Initech: call on 31/02", "31/02")]
    [InlineData("next step for Initech: call at 25:00 tomorrow", "25:00")]
    [InlineData("next step for Initech: demo on fridya", "friday")]
    [InlineData("next step for Initech: Monday", "What is the next step")]
    public async Task NextStep_BadDateOrText_RefusedNamingWhyAndNothingStored(string text, string reason)
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text);

        Assert.Contains(reason, answer.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", answer.Text, StringComparison.Ordinal);
        Assert.Equal(CardKind.Error, answer.Card!.Kind);
        Assert.Null(deal.NextStep);
        Assert.Null(deal.NextStepAt);
    }

    [Fact]
    public async Task NextStep_TooLong_Refused()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.TurnAsync(new ActionInput(new SetNextStepPayload(deal.Id, "2026-12-01", new string('x', 501)), []));

        Assert.Contains("at most 500 characters", answer.Text, StringComparison.Ordinal);
        Assert.Null(deal.NextStep);
    }

    [Fact]
    public async Task NextStep_DealOfAnotherTeam_NotFoundAndNothingStored()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("next step for #1002: demo on Monday", _bot.OtherRep);

        Assert.Contains("can't find", answer.Text, StringComparison.Ordinal);
        Assert.Null(deal.NextStep);
    }

    [Fact]
    public async Task NextStep_TeammateAndManager_MaySetIt()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        await _bot.AskAsync("next step for Initech: demo on Monday", _bot.TeamMate);
        Assert.Equal("demo", deal.NextStep);
        await _bot.AskAsync("next step for Initech: pricing on Tuesday", _bot.Manager);
        Assert.Equal("pricing", deal.NextStep);
    }

    [Fact]
    public async Task NextStep_LostDeal_Refused()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        deal.Status = DealStatus.Lost;

        var answer = await _bot.AskAsync("next step for #1002: demo on Monday");

        Assert.Contains("lost deal takes no next step", answer.Text, StringComparison.Ordinal);
        Assert.Null(deal.NextStep);
    }

    [Fact]
    public async Task NextStep_ReadInTheTeamsTimeZone()
    {
        _bot.Emea.TimeZoneId = "America/New_York";
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero)); // 22:00 on Friday 27th in New York
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("next step for Initech: call tomorrow");

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 23, 59, 0, TimeSpan.FromHours(-5)), deal.NextStepAt);
        Assert.Contains("Sat 28 Nov 2026", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextStep_ShortDateInAnEnUsChat_IsMonthFirst()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await using var scope = _bot.Services.CreateAsyncScope();
        var user = new ChatUser(ChatChannel.Cli, Email: _bot.Rep.Email, Locale: "en-US");
        var turn = new ChatTurn(user, ConversationKey.For(ChatChannel.Cli, "us"), new TextInput("next step for Initech: demo on 12/10"));

        await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);

        Assert.Equal(EndOfDay(2026, 12, 10), deal.NextStepAt);
    }

    [Fact]
    public async Task Card_OpenDeal_InputIdsUniqueAcrossItsForms()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("what's next for initech");

        // Teams holds every form of a card in one Adaptive Card, whose input ids must be unique (adaptivecards validator).
        var ids = answer.Card!.Forms.SelectMany(f => f.Inputs).Select(i => i.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Card_OpenDeal_HasSetNextStepFormWithDateAndText()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("what's next for initech");

        Assert.Equal(["Set next step", "Add note"], answer.Card!.Forms.Select(f => f.Label));
        var form = answer.Card.Forms[0];
        Assert.Equal([CardInputKind.Date, CardInputKind.Text], form.Inputs.Select(i => i.Kind));
        Assert.Equal(["date", "text"], form.Inputs.Select(i => i.Id));
        Assert.Equal("2026-11-27", form.Inputs[0].Min);
        Assert.IsType<SetNextStepPayload>(form.Submit.Payload);
        Assert.IsType<NextStepFormPayload>(form.Open);
    }

    [Fact]
    public async Task Form_Submitted_StoresAndReplacesTheCard()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.TurnAsync(new ActionInput(new SetNextStepPayload(deal.Id, "2026-12-01", "  send pricing "), []));

        Assert.True(answer.ReplacesCard);
        Assert.Null(answer.InputErrors);
        Assert.Equal("send pricing", deal.NextStep);
        Assert.Equal(EndOfDay(2026, 12, 1), deal.NextStepAt);
    }

    [Fact]
    public async Task Form_PastDate_RefusedWithTheDateInputsErrorAndNothingStored()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.TurnAsync(new ActionInput(new SetNextStepPayload(deal.Id, "2026-11-26", "send pricing"), []));

        Assert.True(answer.ReplacesCard);
        var error = Assert.Single(answer.InputErrors!);
        Assert.Equal("date", error.Key);
        Assert.Contains("has passed", error.Value, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", answer.Card!.Note, StringComparison.Ordinal);
        Assert.Null(deal.NextStep);
    }

    [Fact]
    public async Task Form_EmptyText_RefusedWithTheTextInputsError()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.TurnAsync(new ActionInput(new SetNextStepPayload(deal.Id, "2026-12-01", " "), []));

        Assert.Equal("text", Assert.Single(answer.InputErrors!).Key);
        Assert.Null(deal.NextStep);
    }

    [Fact]
    public async Task FormButton_AnswersWithTheFormAlone()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        deal.NextStep = "demo";
        deal.NextStepAt = EndOfDay(2026, 12, 1);

        var answer = await _bot.TurnAsync(new ActionInput(new NextStepFormPayload(deal.Id), []));

        Assert.Equal(CardKind.Form, answer.Card!.Kind);
        var form = Assert.Single(answer.Card.Forms);
        Assert.Equal("2026-12-01", form.Inputs[0].Value);
        Assert.Equal("demo", form.Inputs[1].Value);
    }

    [Fact]
    public async Task Card_NextStepBookedButTwiceTheStageLimit_StalledSayingBoth()
    {
        // Discovery's limit in the three-stage map is 14 days.
        var deal = _bot.AddDeal("1002", "Initech", daysInStage: 40);
        deal.NextStep = "demo";
        deal.NextStepAt = EndOfDay(2026, 12, 4);
        deal.LastActivityAt = _bot.Clock.GetUtcNow();

        var answer = await _bot.AskAsync("what's next for initech");

        Assert.Contains(answer.Card!.Facts, f => f.Label == "Status"
            && f.Value == "Stalled: 40 days in Discovery (limit 14), over twice the limit. Next step booked for Fri 4 Dec 2026, but that no longer holds off the stall.");
    }

    [Fact]
    public async Task Stalled_InArabic_NextStepBookedButOverTheLimit_NamesTheStageInArabic()
    {
        // «في مرحلة Discovery منذ 64 يومًا»: the reason named the stage in the map's language, not the reply's.
        using var bot = new BotHarness(ProcessMapLoader.Default);
        var deal = bot.AddDeal("1002", "Initech", "discovery", daysInStage: 64);
        deal.NextStep = "demo";
        deal.NextStepAt = EndOfDay(2026, 12, 4);
        deal.LastActivityAt = bot.Clock.GetUtcNow();

        var card = await bot.AskAsync("وش الخطوة الجاية مع Initech");
        var stalled = await bot.AskAsync("الصفقات المتعثرة");

        Assert.Contains(card.Card!.Facts, f => f.Value.Contains("الاستكشاف", StringComparison.Ordinal));
        Assert.Contains("الاستكشاف", stalled.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Discovery", stalled.Text, StringComparison.Ordinal);
    }
}
