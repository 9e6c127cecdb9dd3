using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 55: "yes" typed instead of pressed answers the last "did you mean …?" asked of that person in that chat, within
/// ten minutes, once. The EMEA team works in Dubai; the clock is Monday 7 December 2026, 10:00 UTC.
/// </summary>
public sealed class Answers55Tests : IDisposable
{
    private const string Asked = "next step for Initech demo prep";

    private readonly BotHarness _bot = new();

    public Answers55Tests()
    {
        _bot.Emea.TimeZoneId = "Asia/Dubai";
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    }

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("yes")]
    [InlineData("Yes please")]
    [InlineData("go ahead")]
    [InlineData("yes!")]
    [InlineData("نعم")]
    [InlineData("أيوه")]
    [InlineData("اي")]
    [InlineData("تمام")]
    public async Task TypedYes_AfterDidYouMean_RunsTheCommand(string yes)
    {
        var deal = _bot.AddDeal("1002", "Initech");
        var asked = await _bot.AskAsync(Asked);
        Assert.StartsWith("Did you mean \"next step for Initech: demo prep\"? Reply \"yes\" to go ahead, or \"cancel\".", asked.Text, StringComparison.Ordinal);
        Assert.Null(deal.NextStep);

        var answer = await _bot.AskAsync(yes);

        // Was "Sorry, I didn't understand "yes"" (and «تمام» a "you're welcome").
        Assert.Equal("demo prep", deal.NextStep);
        Assert.DoesNotContain("understand", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("لم أفهم", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("نعم")]
    [InlineData("أيوه")]
    [InlineData("yes")]
    public async Task ArabicQuestion_TypedYes_ConfirmsTheItem(string yes)
    {
        using var bot = new BotHarness(ProcessMapLoader.Default);
        var deal = bot.AddDeal("7003", "Zenith");
        var asked = await bot.AskAsync("حدد مناصر داخلي لـ Zenith");
        Assert.EndsWith("أرسل «نعم» للمتابعة، أو «إلغاء».", asked.Text, StringComparison.Ordinal);

        await bot.AskAsync(yes);

        Assert.Contains(bot.Stores.Confirmations, c => c.DealId == deal.Id && c.ItemId.Value == "champion-named");
    }

    [Fact]
    public async Task TypedYesTwice_RunsTheCommandOnce()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync(Asked);

        await _bot.AskAsync("yes");
        var again = await _bot.AskAsync("yes");

        Assert.Equal("demo prep", deal.NextStep);
        Assert.Single(_bot.Stores.NextStepEvents);
        Assert.StartsWith("Sorry, I didn't understand \"yes\"", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoYesAtOnce_OneRunsIt()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync(Asked);

        var answers = await Task.WhenAll(_bot.AskAsync("yes"), _bot.AskAsync("yes"));

        Assert.Single(_bot.Stores.NextStepEvents);
        Assert.Single(answers, a => a.Text.StartsWith("Sorry, I didn't understand", StringComparison.Ordinal));
    }

    [Fact]
    public async Task YesPressed_ThenTyped_RunsOnce()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        var asked = await _bot.AskAsync(Asked);
        var yes = asked.Card!.Actions[0].Payload;

        await _bot.TurnAsync(new ActionInput(yes, []));
        var typed = await _bot.AskAsync("yes");

        Assert.Single(_bot.Stores.NextStepEvents);
        Assert.StartsWith("Sorry, I didn't understand \"yes\"", typed.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no", "OK, nothing changed.")]
    [InlineData("cancel", "OK, nothing changed.")]
    [InlineData("لا", "حسنًا، لم يتغير شيء.")]
    public async Task TypedNo_DropsTheQuestion_AYesAfterRunsNothing(string no, string reply)
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync(Asked);

        var answer = await _bot.AskAsync(no);
        await _bot.AskAsync("yes");

        Assert.Equal(reply, answer.Text);
        Assert.Null(deal.NextStep);
        Assert.Empty(_bot.Stores.NextStepEvents);
    }

    [Fact]
    public async Task YesAfterTenMinutes_RunsNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync(Asked);
        _bot.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var answer = await _bot.AskAsync("yes");

        Assert.Null(deal.NextStep);
        Assert.StartsWith("Sorry, I didn't understand \"yes\"", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task YesWithinTenMinutes_RunsIt()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync(Asked);
        _bot.Clock.Advance(TimeSpan.FromMinutes(9));

        await _bot.AskAsync("yes");

        Assert.Equal("demo prep", deal.NextStep);
    }

    [Fact]
    public async Task YesFromAnotherPersonOrChat_RunsNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync(Asked, conversation: "channel");

        var otherPerson = await _bot.AskAsync("yes", _bot.TeamMate, conversation: "channel");
        var otherChat = await _bot.AskAsync("yes", conversation: "direct");

        Assert.Null(deal.NextStep);
        Assert.StartsWith("Sorry, I didn't understand \"yes\"", otherPerson.Text, StringComparison.Ordinal);
        Assert.StartsWith("Sorry, I didn't understand \"yes\"", otherChat.Text, StringComparison.Ordinal);
        await _bot.AskAsync("yes", conversation: "channel");
        Assert.Equal("demo prep", deal.NextStep);
    }

    [Theory]
    [InlineData("yes", "Sorry, I didn't understand \"yes\"")]
    [InlineData("نعم", "عذرًا، لم أفهم «نعم»")]
    [InlineData("تمام", "العفو!")]
    [InlineData("no", "OK, nothing changed.")]
    public async Task AnswerWithNoQuestion_KeepsTodaysReply(string said, string reply)
    {
        var answer = await _bot.AskAsync(said);

        Assert.StartsWith(reply, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    // The colon left out, with a clear date: a plain next step, not a question (was 'Did you mean "…: demo by Friday"?').
    [InlineData("next step for Initech demo by Friday", "demo", "Next step for Initech: demo — Fri 11 Dec 2026.")]
    [InlineData("الخطوة التالية لـ Initech عرض يوم الجمعة", "عرض", "الجمعة 11 ديسمبر 2026")]
    public async Task MissingColon_WithAClearDate_SetsTheStep(string said, string step, string note)
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(said);

        Assert.Equal(step, deal.NextStep);
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 23, 59, 0, TimeSpan.FromHours(4)), deal.NextStepAt);
        Assert.Contains(note, answer.Card!.Note ?? answer.Text, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Questions);
    }

    [Fact]
    public async Task MissingColon_NoDate_StillAsks()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        // Without a date the words might be the deal's name: asked back, as before. (Arabic splits at the Latin name's end.)
        var answer = await _bot.AskAsync("next step for Initech demo prep");

        Assert.Contains("Did you mean \"next step for Initech: demo prep\"?", answer.Text, StringComparison.Ordinal);
        Assert.Equal(CardKind.Info, answer.Card!.Kind);
        Assert.Null(deal.NextStep);
        Assert.Single(_bot.Stores.Questions);
    }
}
