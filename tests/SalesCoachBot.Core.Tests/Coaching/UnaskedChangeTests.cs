using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Sentences that read like a change but do not ask for one (a suggestion, a contrast, someone else's words) change no
/// deal: the bot asks first, or answers as words not understood.
/// </summary>
public sealed class UnaskedChangeTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("we could mark Initech lost because price")]
    [InlineData("I suggest we mark Initech lost because price")]
    [InlineData("Initech said no to the price, but they still want it")]
    [InlineData("Initech رفضوا بسبب السعر بس لسه مهتمين")]
    [InlineData("Sam: mark Initech lost because price")]
    [InlineData("Sam: Initech said no because price")]
    public async Task ChangeOnlySuggestedOrContrasted_AsksFirstAndChangesNothing(string text)
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync(text);

        Assert.Equal(2, answer.Card!.Actions.Count);
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Empty(_bot.Stores.History);
    }

    [Theory]
    [InlineData("can we snooze Initech a week")]
    [InlineData("ممكن نأجل Initech أسبوع")]
    [InlineData("هل نقدر نأجل Initech أسبوع؟")]
    public async Task SnoozeAskedAmongTheTeam_AsksFirstAndSnoozesNothing(string text)
    {
        // «ممكن نأجل Initech أسبوع» ("can we postpone Initech a week") snoozed it at once; English asked back.
        _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync(text);

        Assert.Equal(2, answer.Card!.Actions.Count);
        Assert.Empty(_bot.Stores.Snoozes);
    }

    [Fact]
    public async Task SnoozeAskedAmongTheTeamInArabic_AskedInArabicAndTheQuotedWordsSnooze()
    {
        // «ممكن نأجل Initech أسبوع» was asked back as «هل تقصد «snooze deal Initech week»؟»: English to type in an
        // Arabic reply. The Arabic wording quoted (the deal's name isolated) is what Yes runs, and typing it snoozes.
        _bot.AddDeal("1002", "Initech", "demo");

        var asked = await _bot.AskAsync("ممكن نأجل Initech أسبوع");

        Assert.Contains("هل تقصد «أجّل \u2068Initech\u2069 أسبوع»؟", asked.Text, StringComparison.Ordinal);
        Assert.Contains(asked.Card!.Actions, a => a.Payload is RunCommandPayload { Text: "أجّل Initech أسبوع" });
        Assert.Empty(_bot.Stores.Snoozes);

        await _bot.AskAsync("أجّل Initech أسبوع");

        Assert.Single(_bot.Stores.Snoozes);
    }

    [Theory]
    [InlineData("أجّل Initech أسبوع")]
    [InlineData("snooze Initech a week")]
    public async Task SnoozeSaid_Snoozed(string text)
    {
        _bot.AddDeal("1002", "Initech", "demo");

        await _bot.AskAsync(text);

        Assert.Single(_bot.Stores.Snoozes);
    }

    [Theory]
    [InlineData("هل أجلت Initech؟")]
    [InlineData("did Initech say no because of price?")]
    [InlineData("هل أعتبر Initech خاسرة؟")]
    public async Task QuestionAboutAChange_AnsweredWithTheHistoryOfTheDeal(string text)
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync(text);

        Assert.Contains("Initech", answer.Card!.Title, StringComparison.Ordinal);
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Empty(_bot.Stores.History);
    }

    [Theory]
    [InlineData("should I mark Initech lost?", "Nothing changed: this is where Initech stands")]
    [InlineData("should I mark Initech lost because of price?", "Nothing changed: this is where Initech stands")]
    [InlineData("should we move Initech to contract signed?", "Nothing changed: this is where Initech stands")]
    [InlineData("هل أسجل Initech خاسرة؟", "لم يتغير شيء: هذا وضع \u2068Initech\u2069")]
    [InlineData("أسجل Initech خاسرة؟", "لم يتغير شيء: هذا وضع \u2068Initech\u2069")]
    [InlineData("هل أنقل Initech إلى مرحلة العرض التوضيحي؟", "لم يتغير شيء: هذا وضع \u2068Initech\u2069")]
    public async Task AskedWhetherToChangeADeal_ItsChecklistAndNothingChanges(string text, string note)
    {
        // "should I mark Initech lost?" was the help answer while «هل أسجل Initech خاسرة؟» looked for a deal called «أسجل
        // Initech» and «أسجل Initech خاسرة؟» asked to confirm a loss: in both languages the advice is where the deal
        // stands and what its stage still needs.
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Contains(note, answer.Text, StringComparison.Ordinal);
        Assert.Contains("Initech", answer.Card!.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(answer.Card.Actions, a => a.Payload is RunCommandPayload);
        Assert.Equal((DealStatus.Open, "demo"), (deal.Status, deal.StageId.Value));
        Assert.Empty(_bot.Stores.History);
    }

    [Fact]
    public async Task AskedAboutMarkingItLost_NoDealNamed_HelpAndNothingChanges()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("أسجلها خاسرة؟");

        Assert.StartsWith("عذرًا، لم أفهم", answer.Text, StringComparison.Ordinal);
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Empty(_bot.Stores.History);
    }

    [Theory]
    [InlineData("could you move Initech to contract signed because they signed early?")]
    [InlineData("can you move Initech to contract signed because they signed early?")]
    [InlineData("please move Initech to contract signed because they signed early?")]
    [InlineData("لو سمحت انقل Initech إلى مرحلة توقيع العقد لأن العميل وقع مبكرا؟")]
    [InlineData("ممكن تنقل Initech إلى مرحلة توقيع العقد لأن العميل وقع مبكرا؟")]
    [InlineData("تقدر تنقل Initech إلى مرحلة توقيع العقد لأن العميل وقع مبكرا؟")]
    public async Task PoliteRequestToTheBot_WithAQuestionMark_Done(string text)
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal("contract-signed", deal.StageId.Value);
    }

    [Theory]
    [InlineData("could we move Initech to contract signed?")]
    [InlineData("can we move Initech to contract signed?")]
    [InlineData("could we move Initech to contract signed")]
    public async Task ChangeAskedAmongTheTeam_AskedFirstAndNothingChanges(string text)
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Contains("Did you mean \"move deal Initech to contract signed\"?", answer.Text, StringComparison.Ordinal);
        Assert.Equal("demo", deal.StageId.Value);
        Assert.Empty(_bot.Stores.History);
    }

    [Theory]
    [InlineData("Initech: move to contract signed because they signed early", "contract-signed")]
    [InlineData("Initech: move it to contract signed because they signed early", "contract-signed")]
    [InlineData("Initech: انقل إلى مرحلة توقيع العقد لأن العميل وقع مبكرا", "contract-signed")]
    public async Task DealNamedBeforeAColon_MovedLikeMoveDealToStage(string text, string stage)
    {
        // "Initech: move to demo" was not understood; "Initech: move it to demo" asked to confirm "move to demo" for the
        // chat's linked deal, whichever that was.
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal(stage, deal.StageId.Value);
    }

    [Theory]
    [InlineData("Initech: done demo-held")]
    [InlineData("Initech: done demo held")]
    [InlineData("Initech: تم demo-held")]
    public async Task DealNamedBeforeAColon_ItemConfirmedOnThatDeal(string text)
    {
        // "Globex: done demo held" looked for a deal called "demo held".
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        await _bot.AskAsync(text);

        Assert.Contains(_bot.Stores.Confirmations, c => c.DealId == deal.Id);
    }

    [Fact]
    public async Task SpeakerBeforeAColon_NoDealOfThatName_NothingChanges()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("Sam: move it to contract signed", _bot.Manager);

        Assert.Contains("can't find a deal matching \"Sam\"", answer.Text, StringComparison.Ordinal);
        Assert.Equal("demo", deal.StageId.Value);
    }

    [Fact]
    public async Task HoldOffOnMarkingLost_ChangesNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("hold off on marking Initech lost");

        Assert.StartsWith("Sorry, I didn't understand", answer.Text, StringComparison.Ordinal);
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Empty(_bot.Stores.Snoozes);
    }

    [Theory]
    [InlineData("done Initech", "Which item of Initech is done?")]
    [InlineData("تم Initech", "أي بند من بنود \u2068Initech\u2069 أُنجز؟")]
    public async Task DoneWithOnlyADealsName_ItsChecklistAsksWhichItem(string text, string question)
    {
        // In a chat linked to no deal, "done Initech" took "Initech" for an item and asked which deal.
        _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync(text);

        Assert.Contains(question, answer.Text, StringComparison.Ordinal);
        Assert.Contains("Initech", answer.Card!.Title, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Confirmations);
    }

    [Fact]
    public async Task StillInterested_NotReadAsANo()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("Initech is still interested");

        Assert.StartsWith("Sorry, I didn't understand", answer.Text, StringComparison.Ordinal);
        Assert.Equal(DealStatus.Open, deal.Status);
    }

    /// <summary>Presses the Yes button of a change asked back, which runs the wording it quoted.</summary>
    private async Task<BotAnswer> YesAsync(BotAnswer asked)
    {
        var yes = Assert.Single(asked.Card!.Actions, a => a.Payload is RunCommandPayload { Text: not "cancel" });
        return await _bot.TurnAsync(new ActionInput(yes.Payload, []));
    }

    [Theory]
    [InlineData("ممكن نسكت التنبيهات عن Initech أسبوع", "أجّل Initech أسبوع")]
    [InlineData("ممكن نوقف التنبيهات عن Initech أسبوع", "أجّل Initech أسبوع")]
    [InlineData("can we mute alerts for Initech for a week?", "snooze deal Initech a week")]
    public async Task SilenceTheAlertsAskedAmongTheTeam_AsksFirstThenYesSnoozes(string text, string wording)
    {
        // «ممكن نسكت التنبيهات عن Initech» ("can we silence the alerts about Initech") got the help answer.
        _bot.AddDeal("1002", "Initech", "demo");

        var asked = await _bot.AskAsync(text);

        Assert.Contains(asked.Card!.Actions, a => a.Payload is RunCommandPayload { Text: var said } && said == wording);
        Assert.Empty(_bot.Stores.Snoozes);

        await YesAsync(asked);

        Assert.Equal(_bot.Clock.GetUtcNow().AddDays(7), Assert.Single(_bot.Stores.Snoozes).Until);
    }

    [Theory]
    // Friday 27 November 2026 in a UTC team: Monday is the 30th, Sunday the 29th.
    [InlineData("could we silence Initech until Monday?", "\"snooze deal Initech until Monday\"", "snooze deal Initech until Monday", "2026-11-30")]
    [InlineData("can we snooze Initech until MONDAY", "\"snooze deal Initech until MONDAY\"", "snooze deal Initech until MONDAY", "2026-11-30")]
    [InlineData("هل نقدر نسكت تنبيهات Initech لحد الأحد؟", "«أجّل \u2068Initech\u2069 لحد الأحد»", "أجّل Initech لحد الأحد", "2026-11-29")]
    public async Task SnoozeUntilADayAskedBack_QuotesTheDayAsTypedAndYesSnoozesToIt(string text, string quoted, string yes, string day)
    {
        // "could we silence Initech until Monday?" was asked back as "Did you mean "snooze deal Initech until monday"?".
        _bot.AddDeal("1002", "Initech", "demo");

        var asked = await _bot.AskAsync(text);

        Assert.Contains(quoted, asked.Text, StringComparison.Ordinal);
        Assert.Contains(asked.Card!.Actions, a => a.Payload is RunCommandPayload { Text: var said } && said == yes);
        await YesAsync(asked);
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), Assert.Single(_bot.Stores.Snoozes).Until.UtcDateTime);
    }

    [Theory]
    [InlineData("ممكن نسكت التنبيهات عن Initech", "en", "قل إلى متى")]
    [InlineData("can we mute alerts for Initech?", "en", "Say for how long")]
    [InlineData("can we mute alerts for Initech?", "ar", "قل إلى متى")]
    public async Task SilenceTheAlertsAskedWithoutATime_YesAsksHowLong(string text, string language, string hint)
    {
        // Yes runs the ask-back's words: Arabic words are answered in Arabic even for a person whose setting is English
        // (they used to be answered in the setting's language); English words in the person's setting.
        _bot.AddDeal("1002", "Initech", "demo");
        _bot.Rep.Language = language;

        var answer = await YesAsync(await _bot.AskAsync(text));

        Assert.Contains(hint, answer.Text, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Snoozes);
    }

    [Theory]
    [InlineData("أسكت التنبيهات عن Initech أسبوع")]
    [InlineData("أوقف تنبيهات Initech أسبوع")]
    [InlineData("stop nudging me about Initech for a week")]
    [InlineData("silence the alerts on Initech for a week")]
    public async Task SilenceTheAlertsSaid_Snoozed(string text)
    {
        _bot.AddDeal("1002", "Initech", "demo");

        await _bot.AskAsync(text);

        Assert.Equal(_bot.Clock.GetUtcNow().AddDays(7), Assert.Single(_bot.Stores.Snoozes).Until);
    }

    [Theory]
    [InlineData("ممكن نعيد فتح Initech")]
    [InlineData("can we reopen Initech")]
    public async Task ReopenAskedAmongTheTeam_AsksFirstThenYesReopens(string text)
    {
        // «ممكن نعيد فتح Initech» ("can we reopen Initech") got the help answer.
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        await _bot.AskAsync("initech said no because price");

        var asked = await _bot.AskAsync(text);

        Assert.Equal(DealStatus.Lost, deal.Status);

        await YesAsync(asked);

        Assert.Equal((DealStatus.Open, "demo"), (deal.Status, deal.StageId.Value));
    }

    [Theory]
    [InlineData("snooze Initech 1 week but only if no reply", "only if no reply")]
    [InlineData("أجّل Initech أسبوع بس لو ما ردوا", "لو ما ردوا")]
    [InlineData("أجّل Initech أسبوع كون المدير مسافر", "المدير مسافر")]
    public async Task SnoozeWithAReasonAfterTheTime_SnoozedWithThatReason(string text, string reason)
    {
        // "snooze Initech 1 week but only if no reply" answered that no deal matches "Initech 1 week but only if no reply".
        _bot.AddDeal("1002", "Initech", "demo");

        await _bot.AskAsync(text);

        var snooze = Assert.Single(_bot.Stores.Snoozes);
        Assert.Equal((_bot.Clock.GetUtcNow().AddDays(7), reason), (snooze.Until, snooze.Reason));
    }

    [Theory]
    [InlineData("Initech said no to the price, but they still want it", "price, but they still want it")]
    [InlineData("Initech رفضوا بسبب السعر بس لسه مهتمين", "السعر بس لسه مهتمين")]
    [InlineData("can we mark Initech lost because they still like us", "they still like us")]
    [InlineData("Initech lost? because they still like us", "they still like us")]
    public async Task ReasonWithAContrastAskedBack_YesClosesTheDealNotAskedAgain(string text, string reason)
    {
        // Yes ran "deal Initech said no because price, but they still want it", which was asked back again, and again.
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var asked = await _bot.AskAsync(text);
        Assert.Equal(DealStatus.Open, deal.Status);

        var done = await YesAsync(asked);

        Assert.DoesNotContain(done.Card?.Actions ?? [], a => a.Payload is RunCommandPayload { Text: "cancel" });
        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Contains(reason, Assert.Single(_bot.Stores.History).Reason, StringComparison.Ordinal);
    }
}
