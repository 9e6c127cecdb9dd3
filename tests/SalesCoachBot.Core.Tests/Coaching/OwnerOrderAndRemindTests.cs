using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// fix/lists48: a person's list sorted and counted ("Dana's 3 biggest deals"), "remind me to call Initech tomorrow" as the
/// deal's next step, "undo that" in the help, and "undo that" once the confirmation moved the deal on. The harness clock
/// is Friday 27 November 2026, 09:00 UTC.
/// </summary>
public sealed class OwnerOrderAndRemindTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private static DateTimeOffset EndOfDay(int year, int month, int day) => new(year, month, day, 23, 59, 0, TimeSpan.Zero);

    /// <summary>The deals listed, in order; an Arabic line's name is read without its direction isolates.</summary>
    private static List<string> Names(BotAnswer answer) =>
        [.. answer.Card!.Sections.Single().Lines.Where(l => l.Action is not null)
            .Select(l => Bidi.WithoutIsolates(l.Text[..l.Text.IndexOf(" (", StringComparison.Ordinal)]))];

    [Theory]
    [InlineData("Dana's oldest deals", "Dana", DealOrder.Oldest, null)]
    [InlineData("Dana's 3 biggest deals", "Dana", DealOrder.Biggest, 3)]
    [InlineData("Sam's biggest deals", "Sam", DealOrder.Biggest, null)]
    [InlineData("أكبر 3 صفقات عند Dana", "Dana", DealOrder.Biggest, 3)]
    [InlineData("أقدم صفقات Sam", "Sam", DealOrder.Oldest, null)]
    [InlineData("Dana's deals", "Dana", DealOrder.StalledFirst, null)]
    public void Parse_OwnersListWithAnOrder_KeepsTheOwnerTheOrderAndTheCount(string text, string owner, DealOrder order, int? count)
    {
        var command = Assert.IsType<MyDealsCommand>(new CommandParser().Parse(text));

        Assert.Equal((owner, order, count), (command.OwnerName, command.Order, command.Count));
    }

    [Theory]
    [InlineData("my oldest deals", DealOrder.Oldest, null)]
    [InlineData("my 5 biggest deals", DealOrder.Biggest, 5)]
    [InlineData("biggest 5 deals", DealOrder.Biggest, 5)]
    public void Parse_OwnListWithAnOrder_StillNoOwner(string text, DealOrder order, int? count)
    {
        var command = Assert.IsType<MyDealsCommand>(new CommandParser().Parse(text));

        Assert.Equal(((string?)null, order, count), (command.OwnerName, command.Order, command.Count));
    }

    [Fact]
    public async Task OwnersList_Oldest_ThatOwnersDealsOpenTheLongestFirst()
    {
        AddTomsDeals();
        _bot.AddDeal("6009", "Rita's oldest", "demo").CreatedAt = _bot.Clock.GetUtcNow().AddDays(-300);

        var english = await _bot.AskAsync("Tom's oldest deals", _bot.Manager);
        var arabic = await _bot.AskAsync("أقدم صفقات tom", _bot.Manager);

        Assert.Equal(["Tom old", "Tom middle", "Tom new"], Names(english));
        Assert.EndsWith("· open 90 days", english.Card!.Sections.Single().Lines[0].Text, StringComparison.Ordinal);
        Assert.Equal("Open the longest first.", english.Card.Note);
        Assert.Equal(["Tom old", "Tom middle", "Tom new"], Names(arabic));
        Assert.Contains("الأقدم أولًا", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnersList_BiggestWithACount_ThatManyBiggestFirst()
    {
        AddTomsDeals();
        var ritas = _bot.AddDeal("6009", "Rita's biggest", "demo");
        (ritas.Amount, ritas.Currency) = (1_000_000m, "EUR");

        var two = await _bot.AskAsync("Tom's 2 biggest deals", _bot.Manager);
        var all = await _bot.AskAsync("tom's biggest deals", _bot.Manager);
        var arabic = await _bot.AskAsync("أكبر 2 صفقات عند tom", _bot.Manager);

        Assert.Equal(["Tom middle", "Tom new"], Names(two));
        Assert.StartsWith("tom's deals: 3 open", two.Text, StringComparison.Ordinal);
        Assert.Equal(["Tom middle", "Tom new", "Tom old"], Names(all));
        Assert.Equal(["Tom middle", "Tom new"], Names(arabic));
    }

    [Fact]
    public async Task OwnersList_BiggestWithACount_SeveralCurrencies_ThatManyOfEach()
    {
        AddTomsDeals();
        var dollars = _bot.AddDeal("6004", "Tom dollars", "demo", owner: _bot.TeamMate);
        (dollars.Amount, dollars.Currency) = (500m, "USD");
        var more = _bot.AddDeal("6005", "Tom more dollars", "demo", owner: _bot.TeamMate);
        (more.Amount, more.Currency) = (700m, "USD");

        var answer = await _bot.AskAsync("Tom's 1 biggest deals", _bot.Manager);

        Assert.Equal(["Tom middle", "Tom more dollars"], Names(answer));
        Assert.Equal("The 1 biggest in each currency; amounts are not converted.", answer.Card!.Note);
    }

    /// <summary>Three of tom's deals: opened 90, 30 and 2 days ago, worth 1,000, 9,000 and 5,000 EUR.</summary>
    private void AddTomsDeals()
    {
        foreach (var (id, name, days, amount) in new[] { ("6001", "Tom old", 90, 1_000m), ("6002", "Tom middle", 30, 9_000m), ("6003", "Tom new", 2, 5_000m) })
        {
            var deal = _bot.AddDeal(id, name, "demo", owner: _bot.TeamMate);
            deal.CreatedAt = _bot.Clock.GetUtcNow().AddDays(-days);
            (deal.Amount, deal.Currency) = (amount, "EUR");
        }
    }

    [Theory]
    [InlineData("remind me to call Initech tomorrow", "nextstep 1002 | call tomorrow")]
    [InlineData("remind me to send Globex the proposal on Friday", "nextstep 1003 | send the proposal on friday")]
    [InlineData("remind me to send the proposal to Globex on Friday", "nextstep 1003 | send the proposal on friday")]
    [InlineData("remind me to follow up with Hooli next week", "nextstep 1012 | follow up next week")]
    [InlineData("please remind me to call Acme Corp tomorrow about pricing", "nextstep 1001 | call about pricing tomorrow")]
    [InlineData("remind me to call Wonka", "nextstep 1019 | call")]
    [InlineData("ذكرني أتصل بـ Initech بكرة", "nextstep 1002 | اتصال بكرة")]
    [InlineData("ذكرني أرسل العرض لـ Globex يوم الأحد", "nextstep 1003 | إرسال العرض يوم الأحد")]
    public void Parse_RemindMeToDoSomethingForADeal_IsTheDealsNextStep(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("remind me what Globex needs", "next 1003")]
    [InlineData("remind me to mark Globex lost tomorrow", "unknown")]
    [InlineData("remind me to snooze Globex 3 days", "unknown")]
    [InlineData("ذكرني أأجل Globex ٣ أيام", "unknown")]
    public void Parse_RemindMeOfAnythingElse_AsBefore(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Fact]
    public async Task RemindMe_StoresTheStepAndItsDay_AsTheNextStepCommandDoes()
    {
        var initech = _bot.AddDeal("1002", "Initech");
        var globex = _bot.AddDeal("1003", "Globex renewal");

        var answer = await _bot.AskAsync("remind me to call Initech tomorrow");
        await _bot.AskAsync("remind me to send Globex the proposal on Friday");

        Assert.Equal(("call", EndOfDay(2026, 11, 28)), (initech.NextStep, initech.NextStepAt));
        Assert.Equal(("send the proposal", EndOfDay(2026, 12, 4)), (globex.NextStep, globex.NextStepAt));
        Assert.Equal("Next step for Initech: call — Sat 28 Nov 2026.", answer.Card!.Note);
    }

    [Fact]
    public async Task RemindMe_InArabic_StoresTheStepAndItsDay()
    {
        var initech = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("ذكرني أتصل بـ Initech بكرة");

        Assert.Equal(("اتصال", EndOfDay(2026, 11, 28)), (initech.NextStep, initech.NextStepAt));
        Assert.StartsWith("الخطوة التالية لصفقة", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemindMe_NoDealCalledSo_AsksWhichDeal_StoresNothing()
    {
        var initech = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("remind me to call Zebulon tomorrow");

        Assert.Contains("Zebulon", answer.Text, StringComparison.Ordinal);
        Assert.Null(initech.NextStep);
        Assert.Null(initech.NextStepAt);
    }

    [Fact]
    public async Task Help_UndoLine_MentionsUndoThat_InBothLanguages()
    {
        var english = await _bot.AskAsync("help");
        var arabic = await _bot.AskAsync("مساعدة");

        Assert.Contains("- \"undo demo held for Initech\": withdraw a confirmation; \"undo that\" withdraws your latest confirmation, next step, note or logged call, within 24 hours", english.Text, StringComparison.Ordinal);
        Assert.Contains("سحب تأكيد سابق؛ و«تراجع عن ذلك» يسحب آخر ما سجّلته خلال 24 ساعة: تأكيدًا أو خطوة تالية أو ملاحظة أو اتصالًا", arabic.Text, StringComparison.Ordinal);
        // The phrase the help gives is the one the parser reads as "undo that" («آخر تأكيد» takes back only confirmations).
        Assert.Equal("undolast this", UnderstandingTestData.Read("تراجع عن ذلك"));
        Assert.Equal(UndoTarget.Any, Assert.IsType<UndoLastCommand>(new CommandParser().Parse("تراجع عن ذلك")).Target);
    }

    [Fact]
    public async Task UndoThat_AfterTheDealMovedOn_SaysWhichAndHowToMoveBack_NeverMovesIt()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        await _bot.AskAsync("done demo booked for initech");
        Assert.Equal(new StageId("demo"), deal.StageId);

        var rep = await _bot.AskAsync("undo that");
        var manager = await _bot.AskAsync("undo that for initech", _bot.Manager);

        Assert.Equal(new StageId("demo"), deal.StageId);
        Assert.Equal(2, deal.StageVersion);
        Assert.All(_bot.Stores.Confirmations, c => Assert.Null(c.WithdrawnAt));
        Assert.Equal("The deal has moved on", rep.Card!.Title);
        Assert.Equal(
            "The latest confirmation was \"Demo date agreed with the buyer\" on Initech, at Discovery, and Initech has since moved on to Demo. "
            + "\"Undo that\" never moves a deal back, so nothing was withdrawn. "
            + "To take it back to Discovery, ask a manager of EMEA to say: \"move Initech back to Discovery because …\".",
            rep.Text);
        Assert.EndsWith("To take it back to Discovery, say: \"move Initech back to Discovery because …\".", manager.Text, StringComparison.Ordinal);

        // The words offered do move it back, with the reason.
        await _bot.AskAsync("move Initech back to Discovery because the demo date fell through", _bot.Manager);
        Assert.Equal(new StageId("discovery"), deal.StageId);
    }

    [Fact]
    public async Task UndoThat_DealMovedOnThenBackToThatStage_OffersNoMove_WithdrawsNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        await _bot.AskAsync("done demo booked for initech");
        await _bot.AskAsync("move Initech back to Discovery because the demo date fell through", _bot.Manager);

        var answer = await _bot.AskAsync("undo that");
        var arabic = await _bot.AskAsync("تراجع عن آخر تأكيد");

        Assert.Equal((new StageId("discovery"), 3), (deal.StageId, deal.StageVersion));
        Assert.All(_bot.Stores.Confirmations, c => Assert.Null(c.WithdrawnAt));
        Assert.Equal(
            "The latest confirmation was \"Demo date agreed with the buyer\" on Initech, at Discovery; Initech has left Discovery since and is "
            + "back there now, its checklist started afresh, so that confirmation no longer counts. \"Undo that\" withdraws only a "
            + "confirmation of the deal's stage as it is now, so nothing was withdrawn.",
            answer.Text);
        Assert.DoesNotContain("move", answer.Text, StringComparison.Ordinal);
        Assert.Contains("ثم عادت إليها وبدأت قائمتها من جديد", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoThat_AfterTheDealMovedOn_InArabic_SaysSoWithTheArabicMoveBack()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        await _bot.AskAsync("done demo booked for initech");

        var rep = await _bot.AskAsync("تراجع عن آخر تأكيد");
        var manager = await _bot.AskAsync("تراجع عن آخر تأكيد في Initech", _bot.Manager);

        Assert.Equal(new StageId("demo"), deal.StageId);
        Assert.All(_bot.Stores.Confirmations, c => Assert.Null(c.WithdrawnAt));
        var text = Bidi.WithoutIsolates(rep.Text);
        Assert.StartsWith("آخر تأكيد هو «Demo date agreed with the buyer» على صفقة Initech في مرحلة Discovery", text, StringComparison.Ordinal);
        Assert.Contains("لا يُرجع صفقة إلى الوراء أبدًا، فلم يُسحب شيء", text, StringComparison.Ordinal);
        Assert.Contains("اطلب من مدير فريق EMEA أن يقول: «رجّع Initech إلى Discovery لأن …»", text, StringComparison.Ordinal);
        Assert.EndsWith("قل: «رجّع Initech إلى Discovery لأن …».", Bidi.WithoutIsolates(manager.Text), StringComparison.Ordinal);

        await _bot.AskAsync("رجّع Initech إلى Discovery لأن موعد العرض ألغي", _bot.Manager);
        Assert.Equal(new StageId("discovery"), deal.StageId);
    }
}
