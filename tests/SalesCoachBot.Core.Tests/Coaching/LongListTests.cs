using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// A manager's stalled and due lists over more deals than a card holds: the most pressing listed, every one counted, and
/// the answer says how many were left out and how to see them.
/// </summary>
public sealed class LongListTests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Stalled_MoreThanACardHolds_TheMostOverdueGroupedByOwnerAndTheRestCounted()
    {
        // 20 of the rep's and 12 of the teammate's, all long stalled in discovery; the teammate's are the most overdue.
        for (var i = 0; i < 20; i++)
        {
            _bot.AddDeal($"{5000 + i}", $"Rep deal {i:00}", "discovery", daysInStage: 100 + i);
        }

        for (var i = 0; i < 12; i++)
        {
            _bot.AddDeal($"{6000 + i}", $"Mate deal {i:00}", "discovery", owner: _bot.TeamMate, daysInStage: 200 + i);
        }

        var answer = await _bot.AskAsync("stalled deals", _bot.Manager);

        var card = answer.Card!;
        Assert.Equal(ListLimits.Deals, card.Sections.Sum(s => s.Lines.Count));
        Assert.Equal(12, card.Sections.Single(s => s.Heading == _bot.TeamMate.Name).Lines.Count);
        var repLines = card.Sections.Single(s => s.Heading == _bot.Rep.Name).Lines.Select(l => l.Text).ToList();
        Assert.Equal(13, repLines.Count);
        Assert.StartsWith("Rep deal 19 ", repLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(repLines, l => l.StartsWith("Rep deal 06 ", StringComparison.Ordinal));
        Assert.Contains("32", card.Subtitle!, StringComparison.Ordinal);
        var more = $"7 more stalled deals are not shown. Ask for one person's deals (\"{_bot.Rep.Name}'s deals\") to see all of theirs.";
        Assert.Equal(more, card.Note);
        Assert.EndsWith(more, answer.Text, StringComparison.Ordinal);

        // The hint's request is one the bot reads as that person's deals.
        var asked = Assert.IsType<MyDealsCommand>(new CommandParser().Parse($"{_bot.Rep.Name}'s deals"));
        Assert.Equal(_bot.Rep.Name, asked.OwnerName, ignoreCase: true);

        var arabic = await _bot.AskAsync("الصفقات المتعثرة", _bot.Manager);
        Assert.StartsWith("وهناك صفقات متعثرة أخرى لا تظهر هنا (عددها 7)", arabic.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_MoreStepsThanACardHolds_OverdueFirstTheRestCountedAndLongNameListsShortened()
    {
        var now = _bot.Clock.GetUtcNow();
        for (var i = 0; i < 30; i++)
        {
            var deal = _bot.AddDeal($"{7000 + i}", $"Late {i:00}", "discovery");
            (deal.NextStep, deal.NextStepAt) = ("call back", now.AddDays(-1 - i));
        }

        for (var i = 0; i < 14; i++)
        {
            _bot.AddDeal($"{8000 + i}", $"Bare {i:00}", "discovery");
        }

        var answer = await _bot.AskAsync("what's due this week", _bot.Rep);

        var card = answer.Card!;
        var overdue = card.Sections[0].Lines;
        Assert.Equal(ListLimits.Deals, overdue.Count);
        Assert.StartsWith("Late 29 ", overdue[0].Text, StringComparison.Ordinal);
        Assert.Equal("… and 5 more next steps.", card.Note);
        Assert.Contains("30 overdue", card.Subtitle!, StringComparison.Ordinal);
        var missing = card.Sections[^1].Lines[0].Text;
        Assert.StartsWith("Open deals with no next step (14): Bare 00, ", missing, StringComparison.Ordinal);
        Assert.EndsWith("Bare 09 and 4 more", missing, StringComparison.Ordinal);
        Assert.Contains("… and 5 more next steps.", answer.Text, StringComparison.Ordinal);
    }
}
