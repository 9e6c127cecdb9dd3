using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// "notes on Initech", "what did we note on Initech": the deal's notes read back, newest first, with the form to add one.
/// They read as a note with no text, which was refused ("The note is empty").
/// </summary>
public sealed class ReadNotesTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("notes on tailwind")]
    [InlineData("show notes for tailwind")]
    [InlineData("what did we note on tailwind")]
    [InlineData("any notes on tailwind?")]
    [InlineData("note for tailwind:")]
    public async Task NotesOnADeal_NewestFirstWithAuthorsAndTheFormToAddOne(string asked)
    {
        var deal = _bot.AddDeal("1010", "Tailwind", "demo");
        await _bot.AskAsync("note for tailwind: CFO wants an ROI case by Q1");
        _bot.Clock.Advance(TimeSpan.FromDays(1));
        await _bot.AskAsync("note for tailwind: legal is reviewing the MSA", _bot.Manager);
        var stored = _bot.Stores.Notes.Count;

        var answer = await _bot.AskAsync(asked, _bot.TeamMate);

        var card = answer.Card!;
        Assert.Equal("Notes on Tailwind", card.Title);
        Assert.Equal(
            [$"Sat 28 Nov 2026 · {_bot.Manager.Name}: legal is reviewing the MSA", $"Fri 27 Nov 2026 · {_bot.Rep.Name}: CFO wants an ROI case by Q1"],
            card.Sections.Single().Lines.Select(l => l.Text));
        Assert.Single(card.Forms);
        Assert.Contains(card.Actions, a => a.Payload is ShowChecklistPayload { Deal: var id } && id == deal.Id);
        Assert.StartsWith("Notes on Tailwind, newest first (2):", answer.Text, StringComparison.Ordinal);
        Assert.EndsWith("Add one with \"note for Tailwind: what you learned\", or the \"Add note\" button.", answer.Text, StringComparison.Ordinal);
        Assert.Equal(stored, _bot.Stores.Notes.Count);
    }

    [Fact]
    public async Task NoNotes_SaysSoAndHowToAddOne()
    {
        _bot.AddDeal("1010", "Tailwind", "demo");

        var answer = await _bot.AskAsync("notes on tailwind");

        Assert.StartsWith("No notes on Tailwind yet.", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Card!.Sections);
        Assert.Empty(_bot.Stores.Notes);
    }

    [Fact]
    public async Task ManyNotes_TheNewestListedAndTheHistoryNamedForTheRest()
    {
        _bot.AddDeal("1010", "Tailwind", "demo");
        for (var i = 0; i < ListLimits.Deals + 2; i++)
        {
            await _bot.AskAsync($"note for tailwind: note number {i}");
            _bot.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        var answer = await _bot.AskAsync("notes on tailwind");

        var lines = answer.Card!.Sections.Single().Lines;
        Assert.Equal(ListLimits.Deals, lines.Count);
        Assert.EndsWith($"note number {ListLimits.Deals + 1}", lines[0].Text, StringComparison.Ordinal);
        Assert.Equal("Older notes are in the deal's history: \"history of Tailwind\".", answer.Card.Note);
    }

    [Fact]
    public async Task InArabic_TheNotesInArabic()
    {
        _bot.AddDeal("1010", "Tailwind", "demo");
        await _bot.AskAsync("note for tailwind: CFO wants an ROI case by Q1");

        var answer = await _bot.AskAsync("ملاحظات Tailwind");

        Assert.Equal("ملاحظات \u2068Tailwind\u2069", answer.Card!.Title);
        Assert.Contains("\u2068CFO wants an ROI case by Q1\u2069", answer.Card.Sections.Single().Lines.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherTeamsDeal_NoNoteReadOrStored()
    {
        _bot.AddDeal("2001", "Stark", "demo", owner: _bot.OtherRep, team: _bot.Americas);
        await _bot.AskAsync("note for stark: secret pricing", _bot.OtherRep);

        var answer = await _bot.AskAsync("notes on stark", _bot.Rep);

        Assert.DoesNotContain("secret pricing", answer.Text, StringComparison.Ordinal);
        Assert.Single(_bot.Stores.Notes);
    }
}
