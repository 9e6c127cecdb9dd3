using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Session 51: an emoji-only note, a next step done, and only a next step's date changed.</summary>
public sealed class Steps51Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("note for Initech: 👍", "👍")]
    [InlineData("ملاحظة لصفقة Initech: 👍", "👍")]
    public async Task Note_OnlyAnEmoji_IsStored(string said, string note)
    {
        _bot.AddDeal("1002", "Initech");

        await _bot.AskAsync(said);

        Assert.Equal(note, Assert.Single(_bot.Stores.Notes).Text);
    }
}
