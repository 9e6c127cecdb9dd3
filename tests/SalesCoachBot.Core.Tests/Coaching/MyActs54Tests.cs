using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// diary54: "what did I do this week", «شو عملت هالأسبوع»: the asker's own acts of a period, grouped by deal, newest first,
/// counted in a header; a manager may ask it for a person of their teams; "what did I confirm" only the confirmations.
/// The harness's now is Fri 27 Nov 2026, 09:00 UTC; its teams work in UTC from Monday.
/// </summary>
public sealed class MyActs54Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private static List<string> Headings(BotAnswer answer) => [.. answer.Card!.Sections.Select(s => s.Heading)];

    private static List<string> Lines(BotAnswer answer, int section) => [.. answer.Card!.Sections[section].Lines.Select(l => l.Text)];

    /// <summary>Rita confirms an item and sets a step on Initech, logs a call on Globex an hour later, notes on Initech an hour after.</summary>
    private async Task SeedWeekAsync()
    {
        _bot.AddDeal("1002", "Initech");
        _bot.AddDeal("1003", "Globex");
        await _bot.AskAsync("done requirements listed for Initech");
        await _bot.AskAsync("next step for Initech: send ROI case on Friday");
        _bot.Clock.Advance(TimeSpan.FromHours(1));
        await _bot.AskAsync("called Globex, they want a discount");
        _bot.Clock.Advance(TimeSpan.FromHours(1));
        await _bot.AskAsync("note for Initech: CFO wants ROI");
        // A teammate's note is theirs, not Rita's.
        await _bot.AskAsync("note for Globex: legal is slow", _bot.TeamMate);
    }

    [Fact]
    public async Task WhatDidIDoThisWeek_Rep_OwnActsGroupedByDealNewestFirstWithCounts()
    {
        await SeedWeekAsync();

        var answer = await _bot.AskAsync("what did I do this week");

        Assert.Equal("What you did", answer.Card!.Title);
        Assert.Equal("This week (since Mon 23 Nov)", answer.Card.Subtitle);
        Assert.Equal("This week (since Mon 23 Nov), you confirmed 1 item on 1 deal, set 1 next step, wrote 1 note, logged 1 call.", answer.Card.Body.Single());
        Assert.Equal(["Initech (#1002)", "Globex (#1003)"], Headings(answer));
        var initech = Lines(answer, 0);
        Assert.Equal(3, initech.Count);
        Assert.StartsWith("Fri 27 Nov 2026, 11:00 · Note: CFO wants ROI", initech[0], StringComparison.Ordinal);
        Assert.Contains(initech, l => l.Contains("Next step set: send ROI case", StringComparison.Ordinal));
        Assert.Contains(initech, l => l.Contains("Confirmed \"Requirements list shared with the buyer\"", StringComparison.Ordinal));
        // The subject is the asker: no name on each line.
        Assert.DoesNotContain(initech, l => l.Contains("rita", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["Fri 27 Nov 2026, 10:00 · A call (they want a discount)"], Lines(answer, 1));
        Assert.Null(answer.Card.Note);
    }

    [Fact]
    public async Task WhatDidIDo_NoPeriod_IsThisWeek()
    {
        await SeedWeekAsync();

        var answer = await _bot.AskAsync("what did I do");

        Assert.Equal("This week (since Mon 23 Nov)", answer.Card!.Subtitle);
        Assert.Equal(2, answer.Card.Sections.Count);
    }

    [Fact]
    public async Task WhatDidIDoYesterday_CallSaidForYesterday_IsYesterdaysNotTodays()
    {
        _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("called Initech yesterday");

        var yesterday = await _bot.AskAsync("what did I do yesterday");
        var today = await _bot.AskAsync("what did I do today");

        Assert.Equal("Yesterday (Thu 26 Nov 2026), you logged 1 call.", yesterday.Card!.Body.Single());
        Assert.Equal("You recorded nothing today (Fri 27 Nov 2026): no confirmations, next steps, notes, calls or stage moves. For a longer time, ask \"what did I do this month\".", today.Text);
    }

    [Fact]
    public async Task WhatDidIDoLastWeek_NothingThen_SaysSoNamingThePeriod()
    {
        await SeedWeekAsync();

        var answer = await _bot.AskAsync("what did I do last week");

        Assert.StartsWith("You recorded nothing last week (Mon 16 – Sun 22 Nov)", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Card!.Sections);
    }

    [Fact]
    public async Task WhatDidIDo_WithdrawnNoteAndUndoneConfirmation_AreLeftOut()
    {
        _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("done requirements listed for Initech");
        await _bot.AskAsync("undo requirements listed for Initech");
        await _bot.AskAsync("note for Initech: wrong deal");
        await _bot.AskAsync("undo that");
        await _bot.AskAsync("called Initech");

        var answer = await _bot.AskAsync("what did I do this week");

        Assert.Equal("This week (since Mon 23 Nov), you logged 1 call.", answer.Card!.Body.Single());
        Assert.Single(Lines(answer, 0));
    }

    [Fact]
    public async Task WhatDidIConfirm_OnlyTheConfirmations()
    {
        await SeedWeekAsync();

        var answer = await _bot.AskAsync("what did I confirm");

        Assert.Equal("What you confirmed", answer.Card!.Title);
        Assert.Equal("This week (since Mon 23 Nov), you confirmed 1 item on 1 deal.", answer.Card.Body.Single());
        Assert.Equal(["Initech (#1002)"], Headings(answer));
        Assert.Single(Lines(answer, 0));
    }

    [Fact]
    public async Task WhatDidIDo_MovesAndCloses_AreCounted()
    {
        _bot.AddDeal("1002", "Initech");
        _bot.AddDeal("1003", "Globex");
        await _bot.AskAsync("move Initech to demo because the buyer asked", _bot.Manager);
        await _bot.AskAsync("mark Globex lost because price", _bot.Manager);

        var answer = await _bot.AskAsync("what did I do this week", _bot.Manager);

        Assert.Equal("This week (since Mon 23 Nov), you moved a deal 1 time, closed 1 deal.", answer.Card!.Body.Single());
    }

    [Fact]
    public async Task WhatDidIDo_MoreActsThanTheList_CountsTheRest()
    {
        _bot.AddDeal("1002", "Initech");
        for (var i = 0; i < ListLimits.Deals + 5; i++)
        {
            await _bot.AskAsync($"note for Initech: point {i}");
            _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var answer = await _bot.AskAsync("what did I do this week");

        Assert.Equal(ListLimits.Deals, Lines(answer, 0).Count);
        Assert.Contains("point 29", Lines(answer, 0)[0], StringComparison.Ordinal);
        Assert.Equal("… and 5 more, the newest shown", answer.Card!.Note);
        Assert.Contains("wrote 30 notes", answer.Card.Body.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatDidPersonDo_Manager_ThatPersonsActs()
    {
        await SeedWeekAsync();

        var answer = await _bot.AskAsync("what did rita do this week", _bot.Manager);

        Assert.Equal("What rita did", answer.Card!.Title);
        Assert.Equal("This week (since Mon 23 Nov), rita confirmed 1 item on 1 deal, set 1 next step, wrote 1 note, logged 1 call.", answer.Card.Body.Single());
    }

    [Fact]
    public async Task WhatDidPersonDo_Rep_AboutSomeoneElse_IsRefused()
    {
        await SeedWeekAsync();

        var answer = await _bot.AskAsync("what did tom do this week");

        Assert.Equal("Someone else's activity is for managers", answer.Card!.Title);
        Assert.Equal("What other people did is for managers and admins of their teams. Say \"what did I do this week\" to see your own.", answer.Text);
    }

    [Fact]
    public async Task WhatDidPersonDo_ManagerAboutAnotherTeamsRep_IsUnknown()
    {
        var answer = await _bot.AskAsync("what did olga do this week", _bot.Manager);

        Assert.Equal("Unknown person", answer.Card!.Title);
    }

    [Fact]
    public async Task WhatDidPersonDo_Admin_AnyTeam()
    {
        _bot.AddDeal("2001", "Umbrella", owner: _bot.OtherRep, team: _bot.Americas);
        await _bot.AskAsync("called Umbrella", _bot.OtherRep);

        var answer = await _bot.AskAsync("what did olga do today", _bot.Admin);

        Assert.Equal("Today (Fri 27 Nov 2026), olga logged 1 call.", answer.Card!.Body.Single());
    }

    [Fact]
    public async Task WhatDidIDo_Arabic_HeaderAndIsolatedNames()
    {
        await SeedWeekAsync();
        _bot.Rep.Language = "ar";

        var answer = await _bot.AskAsync("شو عملت هالأسبوع");

        Assert.Equal("نشاطك", answer.Card!.Title);
        Assert.Equal(
            "نشاطك هذا الأسبوع (منذ الاثنين 23 نوفمبر): تأكيد بند واحد في صفقة واحدة، تحديد خطوة تالية واحدة، كتابة ملاحظة واحدة، تسجيل مكالمة واحدة.",
            answer.Card.Body.Single());
        Assert.Equal("\u2068Initech\u2069 (\u2068#1002\u2069)", answer.Card.Sections[0].Heading);
    }
}
