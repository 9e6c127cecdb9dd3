using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Four list requests: "what's due for Dana" (only that owner's), "oldest deals" (open the longest first, with the age),
/// "biggest 5 deals" (that many), and "any deals in demo?" (the deals at that stage).
/// </summary>
public sealed class Lists47Tests : IDisposable
{
    // The shipped map: discovery, then demo, then proposal. Rep rita and teammate tom are in EMEA, which manager mia sees.
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    /// <summary>The deals listed, in order; an Arabic line's name is read without its direction isolates.</summary>
    private static List<string> Names(BotAnswer answer) =>
        [.. answer.Card!.Sections.Single().Lines.Where(l => l.Action is not null)
            .Select(l => l.Text[..l.Text.IndexOf(" (", StringComparison.Ordinal)].Trim('\u2066', '\u2067', '\u2068', '\u2069'))];

    [Theory]
    [InlineData("what's due for Dana", "Dana")]
    [InlineData("what is due for Dana Demo?", "Dana Demo")]
    [InlineData("وش المستحق على Dana", "Dana")]
    [InlineData("إيش المستحق على دانة", "دانة")]
    public void Parse_DueForAPerson_NamesTheOwner(string text, string owner)
    {
        var command = Assert.IsType<DueCommand>(new CommandParser().Parse(text));

        Assert.Equal((owner, DueFocus.All), (command.OwnerName, command.Focus));
    }

    [Theory]
    [InlineData("what's due")]
    [InlineData("what's due for me")]
    [InlineData("whats due for me this week")]
    [InlineData("what's due for today")]
    [InlineData("وش المستحق علي هالأسبوع")]
    [InlineData("إيش مستحق علي اليوم من خطوات")]
    public void Parse_DueWithoutAnotherPerson_NoOwner(string text)
    {
        var command = Assert.IsType<DueCommand>(new CommandParser().Parse(text));

        Assert.Null(command.OwnerName);
    }

    [Theory]
    [InlineData("what's the oldest deal", false)]
    [InlineData("oldest deals", false)]
    [InlineData("which deals have been open longest", false)]
    [InlineData("my oldest deals", true)]
    [InlineData("اقدم صفقة", false)]
    [InlineData("أقدم الصفقات", false)]
    [InlineData("وش أقدم صفقاتنا", false)]
    [InlineData("أقدم صفقاتي", true)]
    public void Parse_Oldest(string text, bool mine)
    {
        var command = Assert.IsType<MyDealsCommand>(new CommandParser().Parse(text));

        Assert.Equal((DealOrder.Oldest, mine, (int?)null), (command.Order, command.Mine, command.Count));
    }

    [Theory]
    [InlineData("biggest 5 deals", DealOrder.Biggest, 5, false)]
    [InlineData("top 3 deals", DealOrder.Biggest, 3, false)]
    [InlineData("my 2 biggest deals", DealOrder.Biggest, 2, true)]
    [InlineData("oldest 5 deals", DealOrder.Oldest, 5, false)]
    [InlineData("اكبر ٥ صفقات عندنا", DealOrder.Biggest, 5, false)]
    [InlineData("أكبر 3 صفقات", DealOrder.Biggest, 3, false)]
    [InlineData("biggest 0 deals", DealOrder.Biggest, null, false)]
    [InlineData("biggest deals", DealOrder.Biggest, null, false)]
    public void Parse_HowMany(string text, DealOrder order, int? count, bool mine)
    {
        var command = Assert.IsType<MyDealsCommand>(new CommandParser().Parse(text));

        Assert.Equal((order, count, mine), (command.Order, command.Count, command.Mine));
    }

    [Theory]
    [InlineData("any deals in demo?")]
    [InlineData("anything in proposal?")]
    [InlineData("فيه صفقات في العرض؟")]
    public void Parse_AnyDealsInAStage_TheVisibleDealsThere(string text)
    {
        var command = Assert.IsType<MyDealsCommand>(new CommandParser().Parse(text));

        Assert.NotNull(command.StageText);
        Assert.False(command.Mine);
    }

    [Fact]
    public async Task DueForAPerson_Manager_OnlyThatOwnersSteps()
    {
        _bot.AddDeal("5001", "Rita's deal", "demo");
        _bot.AddDeal("5002", "Tom's deal", "demo", owner: _bot.TeamMate).NextStep = "send pricing";
        _bot.AddDeal("5003", "Tom's other", "demo", owner: _bot.TeamMate);

        var answer = await _bot.AskAsync("what's due for Tom", _bot.Manager);

        Assert.StartsWith("What's due in tom's deals: 1 with no day booked, 1 with no next step", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Tom's deal (#5002): send pricing — no day booked", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Open deals with no next step (1): Tom's other", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Rita's deal", answer.Text, StringComparison.Ordinal);
        Assert.Equal("What's due for tom", answer.Card!.Title);

        var arabic = await _bot.AskAsync("وش المستحق على tom", _bot.Manager);
        Assert.Contains("Tom's other", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Rita's deal", arabic.Text, StringComparison.Ordinal);
        Assert.StartsWith("المستحق في", arabic.Text, StringComparison.Ordinal);

        // Without a name, the teams' as before.
        Assert.Contains("Rita's deal", (await _bot.AskAsync("what's due", _bot.Manager)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DueForAPerson_NoVisibleOwnerCalledSo_SaysSoInTheAskersLanguage()
    {
        _bot.AddDeal("5001", "Rita's deal", "demo");
        _bot.AddDeal("5002", "Olga's deal", "demo", owner: _bot.OtherRep, team: _bot.Americas);

        var answer = await _bot.AskAsync("what's due for Zed", _bot.Manager);
        // Olga's deals are in Americas, which mia does not see.
        var hidden = await _bot.AskAsync("what's due for olga", _bot.Manager);
        var arabic = await _bot.AskAsync("وش المستحق على Zed", _bot.Manager);

        Assert.Equal("I don't know anyone called \"Zed\" who owns open deals you can see. Try \"what's due\" for all that is due.", answer.Text);
        Assert.Equal("Unknown person", answer.Card!.Title);
        Assert.DoesNotContain("Olga's deal", hidden.Text, StringComparison.Ordinal);
        Assert.StartsWith("I don't know anyone called \"olga\"", hidden.Text, StringComparison.Ordinal);
        Assert.StartsWith("لا أعرف أحدًا اسمه «", arabic.Text, StringComparison.Ordinal);
        Assert.Contains("Zed", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oldest_ByCreationNotByStage_WithTheAge()
    {
        // Created 90 days ago but moved yesterday: open the longest, though newest in its stage.
        var first = _bot.AddDeal("5101", "Long open", "proposal", daysInStage: 1);
        first.CreatedAt = _bot.Clock.GetUtcNow().AddDays(-90);
        var second = _bot.AddDeal("5102", "Middle", "demo", daysInStage: 20);
        second.CreatedAt = _bot.Clock.GetUtcNow().AddDays(-30);
        _bot.AddDeal("5103", "New one", "discovery", daysInStage: 2);
        _bot.AddDeal("5104", "Tom's", "discovery", owner: _bot.TeamMate, daysInStage: 60);

        var mine = await _bot.AskAsync("my oldest deals", _bot.Rep);

        Assert.Equal(["Long open", "Middle", "New one"], Names(mine));
        Assert.EndsWith("· open 90 days", mine.Card!.Sections.Single().Lines[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("· open 2 days", mine.Card.Sections.Single().Lines[2].Text, StringComparison.Ordinal);
        Assert.Equal("Open the longest first.", mine.Card.Note);

        // Without "my": every visible deal, with owners.
        var teams = await _bot.AskAsync("what's the oldest deal", _bot.Manager);
        Assert.Equal(["Long open", "Tom's", "Middle", "New one"], Names(teams));
        Assert.EndsWith("· open 60 days · owner: tom", teams.Card!.Sections.Single().Lines[1].Text, StringComparison.Ordinal);

        var arabic = await _bot.AskAsync("أقدم صفقاتي", _bot.Rep);
        var lines = arabic.Card!.Sections.Single().Lines;
        Assert.Contains("مفتوحة منذ 90 يومًا", lines[0].Text, StringComparison.Ordinal);
        Assert.Contains("مفتوحة منذ يومين", lines[2].Text, StringComparison.Ordinal);
        Assert.Contains("الأقدم أولًا", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HowMany_ListsThatManyBiggestFirst()
    {
        for (var i = 1; i <= 6; i++)
        {
            var deal = _bot.AddDeal($"{5200 + i}", $"Deal {i}", "demo");
            (deal.Amount, deal.Currency) = (i * 1_000m, "EUR");
        }

        var two = await _bot.AskAsync("my 2 biggest deals", _bot.Rep);
        var arabic = await _bot.AskAsync("اكبر ٣ صفقات عندنا", _bot.Manager);
        var none = await _bot.AskAsync("biggest 0 deals", _bot.Manager);

        Assert.Equal(["Deal 6", "Deal 5"], Names(two));
        Assert.Equal(2, two.Card!.Sections.Single().Lines.Count);
        Assert.StartsWith("My deals: 6 open", two.Text, StringComparison.Ordinal);
        Assert.Equal(["Deal 6", "Deal 5", "Deal 4"], Names(arabic));
        Assert.Equal(6, Names(none).Count);
    }

    [Fact]
    public async Task HowMany_MoreThanACardHolds_CappedWithTheRestCounted()
    {
        var total = ListLimits.Deals + 5;
        for (var i = 0; i < total; i++)
        {
            var deal = _bot.AddDeal($"{5300 + i}", $"Deal {i:00}", "demo");
            deal.CreatedAt = _bot.Clock.GetUtcNow().AddDays(-200 + i);
        }

        var answer = await _bot.AskAsync($"oldest {ListLimits.Deals + 20} deals", _bot.Manager);

        var lines = answer.Card!.Sections.Single().Lines;
        Assert.Equal(ListLimits.Deals + 1, lines.Count);
        Assert.StartsWith("Deal 00 (#5300)", lines[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("… and 5 more.", lines[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyDealsInAStage_ListsTheVisibleDealsThere()
    {
        _bot.AddDeal("5401", "In demo", "demo");
        _bot.AddDeal("5402", "Tom in demo", "demo", owner: _bot.TeamMate);
        _bot.AddDeal("5403", "In proposal", "proposal");
        _bot.AddDeal("5404", "Olga in demo", "demo", owner: _bot.OtherRep, team: _bot.Americas);

        var english = await _bot.AskAsync("any deals in demo?", _bot.Manager);
        var arabic = await _bot.AskAsync("في صفقات في العرض التوضيحي؟", _bot.Manager);
        // «العرض» alone is the shipped map's proposal («العرض / عرض السعر»), as in «الصفقات اللي في العرض».
        var offer = await _bot.AskAsync("فيه صفقات في العرض؟", _bot.Manager);
        var proposal = await _bot.AskAsync("anything in proposal?", _bot.Rep);

        Assert.Equal(["In demo", "Tom in demo"], Names(english).Order(StringComparer.Ordinal));
        Assert.StartsWith("Deals in Demo", english.Text, StringComparison.Ordinal);
        Assert.Equal(["In demo", "Tom in demo"], Names(arabic).Order(StringComparer.Ordinal));
        Assert.Equal(["In proposal"], Names(offer));
        Assert.Equal(["In proposal"], Names(proposal));
    }
}
