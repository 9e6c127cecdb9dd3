using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// "what's due": overdue next steps, those due soon, and the deals with none. The team works in Dubai (UTC+4) and the
/// clock is Friday 27 November 2026, 22:00 UTC, which is already Saturday 28 November 02:00 in Dubai: a step due
/// "Friday" is overdue there though UTC still reads Friday.
/// </summary>
public sealed class DueTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public DueTests()
    {
        _bot.Emea.TimeZoneId = "Asia/Dubai";
        _bot.Americas.TimeZoneId = "America/New_York";
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 22, 0, 0, TimeSpan.Zero));
    }

    public void Dispose() => _bot.Dispose();

    /// <summary>The end of a day in Dubai, as a next step "on that day" is stored.</summary>
    private static DateTimeOffset EndOfDubaiDay(int month, int day) => new DateTimeOffset(2026, month, day, 23, 59, 0, TimeSpan.FromHours(4));

    private Deal Step(string id, string name, string? text, DateTimeOffset? at, Person? owner = null, SalesTeam? team = null)
    {
        var deal = _bot.AddDeal(id, name, owner: owner, team: team);
        deal.NextStep = text;
        deal.NextStepAt = at;
        return deal;
    }

    [Fact]
    public async Task Due_Rep_OverdueFirstThenDueSoonThenDealsWithoutAStep_InTheTeamsZone()
    {
        Step("1001", "Acme", "send pricing", EndOfDubaiDay(11, 27));            // Friday in Dubai: 1 day overdue
        Step("1002", "Initech", "demo with CFO", EndOfDubaiDay(11, 28));        // Saturday: today in Dubai
        Step("1003", "Globex", "send revised quote", EndOfDubaiDay(12, 3));     // Thursday
        Step("1004", "Wonka", "renewal call", EndOfDubaiDay(12, 20));           // beyond the week
        Step("1005", "Hooli", null, null);
        Step("1006", "Umbrella", null, null);

        var answer = await _bot.AskAsync("what's due this week");

        var card = answer.Card!;
        Assert.Equal(CardKind.DealList, card.Kind);
        Assert.Equal("What's due", card.Title);
        Assert.Equal(["Overdue", "Due in the next 7 days", "No next step"], card.Sections.Select(s => s.Heading));
        Assert.Equal("Acme (#1001): send pricing — 1 d overdue (was due Fri 27 Nov 2026)", card.Sections[0].Lines.Single().Text);
        Assert.Equal(
            ["Initech (#1002): demo with CFO — today, Sat 28 Nov 2026", "Globex (#1003): send revised quote — Thu 3 Dec 2026"],
            card.Sections[1].Lines.Select(l => l.Text));
        Assert.Equal("Open deals with no next step (2): Hooli, Umbrella", card.Sections[2].Lines[0].Text);
        Assert.DoesNotContain("Wonka", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith("What's due in your deals: 1 overdue, 2 coming up, 2 with no next step", answer.Text, StringComparison.Ordinal);
        Assert.IsType<ShowChecklistPayload>(card.Sections[0].Lines[0].Action!.Payload);
    }

    [Fact]
    public async Task Due_Today_NarrowsToOverdueAndToday()
    {
        Step("1001", "Acme", "send pricing", EndOfDubaiDay(11, 27));
        Step("1002", "Initech", "demo with CFO", EndOfDubaiDay(11, 28));
        Step("1003", "Globex", "send revised quote", EndOfDubaiDay(11, 29));

        var answer = await _bot.AskAsync("what's due today");

        Assert.Contains("Acme", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Globex", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_NoStepMissingAndNothingDue_OneFriendlyLine()
    {
        Step("1003", "Globex", "renewal call", EndOfDubaiDay(12, 20));

        var answer = await _bot.AskAsync("what's due");

        Assert.Equal("Nothing is overdue or due in the next 7 days, and every open deal has a next step booked.", answer.Text);
    }

    [Fact]
    public async Task Due_WithoutANextStep_ListsOnlyThoseDeals()
    {
        Step("1001", "Acme", "send pricing", EndOfDubaiDay(11, 27));
        Step("1005", "Hooli", null, null);

        var answer = await _bot.AskAsync("which deals have no next step");

        Assert.DoesNotContain("Acme", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Open deals with no next step (1): Hooli", answer.Text, StringComparison.Ordinal);
        Assert.Contains("next step for DEAL", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's due", "Globex (#1003): next step — today, Sat 28 Nov 2026")]
    [InlineData("وش عندي هالأسبوع", "\u2068Globex\u2069 (\u2068#1003\u2069): خطوة تالية — اليوم، السبت 28 نوفمبر 2026")]
    public async Task Due_StepWithADayButNoWords_ReadsAsANextStep(string question, string line)
    {
        Step("1003", "Globex", null, EndOfDubaiDay(11, 28));

        var answer = await _bot.AskAsync(question);

        Assert.Equal(line, Assert.Single(answer.Card!.Sections).Lines.Single().Text);
    }

    [Theory]
    [InlineData("which deals have no next step", "What's due in your deals: 2 with no next step", "2 with no next step")]
    [InlineData("الصفقات بلا خطوة تالية", "المستحق في صفقاتك: صفقتان بلا خطوة تالية", "صفقتان بلا خطوة تالية")]
    [InlineData("what's overdue", "What's due in your deals: 1 overdue", "1 overdue")]
    [InlineData("الخطوات المتأخرة", "المستحق في صفقاتك: خطوة متأخرة واحدة", "خطوة متأخرة واحدة")]
    public async Task Due_OnlyOverdueOrOnlyMissingAsked_HeaderAndSubtitleCountOnlyThose(string question, string header, string subtitle)
    {
        Step("1001", "Acme", "send pricing", EndOfDubaiDay(11, 27));        // overdue in Dubai
        Step("1002", "Initech", "demo with CFO", EndOfDubaiDay(11, 28));    // today in Dubai
        Step("1005", "Hooli", null, null);
        Step("1006", "Umbrella", null, null);

        var answer = await _bot.AskAsync(question);

        Assert.Equal(header, answer.Text.Split('\n')[0]);
        Assert.Equal(subtitle, answer.Card!.Subtitle);
    }

    [Fact]
    public async Task Due_InArabic_AnswersInArabicWithLatinNamesIsolated()
    {
        Step("1001", "Acme", "send pricing", EndOfDubaiDay(11, 27));
        Step("1005", "Hooli", null, null);

        var answer = await _bot.AskAsync("وش عندي هالأسبوع");

        Assert.Equal("المستحق", answer.Card!.Title);
        Assert.Contains("أيام التأخير", answer.Text, StringComparison.Ordinal);
        Assert.Contains("بلا خطوة تالية", answer.Text, StringComparison.Ordinal);
        Assert.Contains("\u2068Hooli\u2069", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_StepWithWordsButNoDay_ListedToBeGivenADay()
    {
        // It was listed nowhere: not due at any time, and not "no next step" either.
        Step("1001", "Acme", "send pricing", EndOfDubaiDay(11, 27));
        Step("1003", "Globex", "send revised quote", null);
        Step("1005", "Hooli", null, null);

        var answer = await _bot.AskAsync("what's due this week");
        var overdueOnly = await _bot.AskAsync("what's overdue");

        var card = answer.Card!;
        Assert.Equal(["Overdue", "No day booked", "No next step"], card.Sections.Select(s => s.Heading));
        Assert.Equal("Globex (#1003): send revised quote — no day booked", card.Sections[1].Lines[0].Text);
        Assert.IsType<ShowChecklistPayload>(card.Sections[1].Lines[0].Action!.Payload);
        Assert.Contains("next step for DEAL: what on Friday", card.Sections[1].Lines[1].Text, StringComparison.Ordinal);
        // None coming up: left out of the counts rather than said as "0 coming up".
        Assert.Equal("What's due in your deals: 1 overdue, 1 with no day booked, 1 with no next step", answer.Text.Split('\n')[0]);
        Assert.Equal("1 overdue · 1 with no day · 1 with no next step", card.Subtitle);
        Assert.DoesNotContain("Globex", overdueOnly.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_StepWithWordsButNoDay_InArabicAndForAManager()
    {
        Step("1003", "Globex", "send revised quote", null);
        Step("1002", "Initech", "call the CFO", null, owner: _bot.TeamMate);

        var arabic = await _bot.AskAsync("وش عندي هالأسبوع");
        var manager = await _bot.AskAsync("what's due this week", _bot.Manager);

        Assert.Equal("بلا موعد", arabic.Card!.Sections.Single().Heading);
        Assert.Contains("\u2068Globex\u2069", arabic.Card.Sections[0].Lines[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("— بلا موعد", arabic.Card.Sections[0].Lines[0].Text, StringComparison.Ordinal);
        Assert.Equal(2, manager.Card!.Sections.Count);
        Assert.Contains(manager.Card.Sections, s => s.Lines.Any(l => l.Text == "Initech (#1002): call the CFO — no day booked"));
        Assert.Contains("next step for DEAL: what on Friday", manager.Card.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_RepSeesOnlyTheirOwnDeals_ManagerTheirTeamsByOwner_NeverAnotherTeam()
    {
        Step("1001", "Acme", "send pricing", EndOfDubaiDay(11, 27));
        Step("1002", "Initech", "demo", EndOfDubaiDay(11, 27), owner: _bot.TeamMate);
        Step("2001", "Oceanic", "call", EndOfDubaiDay(11, 27), owner: _bot.OtherRep, team: _bot.Americas);
        Step("2002", "Soylent", null, null, owner: _bot.OtherRep, team: _bot.Americas);

        var rep = await _bot.AskAsync("what's overdue");
        var manager = await _bot.AskAsync("what's due this week", _bot.Manager);

        Assert.Contains("Acme", rep.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", rep.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Oceanic", rep.Text, StringComparison.Ordinal);
        Assert.Equal(2, manager.Card!.Sections.Count);
        Assert.Contains(manager.Card.Sections, s => s.Lines.Any(l => l.Text.StartsWith("Acme", StringComparison.Ordinal)));
        Assert.Contains(manager.Card.Sections, s => s.Lines.Any(l => l.Text.StartsWith("Initech", StringComparison.Ordinal)));
        Assert.DoesNotContain("Oceanic", manager.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Soylent", manager.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyDeals_ShowsEachDealsNextStepDay_OrThatThereIsNone()
    {
        Step("1003", "Globex", "send revised quote", EndOfDubaiDay(12, 3));
        Step("1005", "Hooli", null, null);

        var answer = await _bot.AskAsync("my deals");
        var arabic = await _bot.AskAsync("صفقاتي");

        Assert.Contains("Globex (#1003) — Discovery, 2 d in stage · next: Thu 3 Dec 2026", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Hooli (#1005) — Discovery, 2 d in stage · no next step", answer.Text, StringComparison.Ordinal);
        Assert.Contains("التالية: الخميس 3 ديسمبر 2026", arabic.Text, StringComparison.Ordinal);
        Assert.Contains("بلا خطوة تالية", arabic.Text, StringComparison.Ordinal);
    }
}
