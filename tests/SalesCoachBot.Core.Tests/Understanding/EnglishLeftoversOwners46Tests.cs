using Xunit;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>fix/owners46: English left over by batch 46, each read as shown; changes never guessed.</summary>
public sealed class EnglishLeftoversOwners46Tests
{
    [Theory]
    // "reason" opens the loss's reason, as the colon does.
    [InlineData("lost tailwind reason: budget", "lost 1010 | budget")]
    [InlineData("lost tailwind: budget", "lost 1010 | budget")]
    // "a couple of weeks" is two weeks.
    [InlineData("snooze hooli for a couple of weeks", "snooze 1012 | a couple of weeks | -")]
    [InlineData("snooze hooli for 2 weeks", "snooze 1012 | 2 weeks | -")]
    // What we closed is what we won.
    [InlineData("what did we close last month", "closed won - last-month")]
    [InlineData("what did we win last month", "closed won - last-month")]
    // A time to come is no rep's name: what is due.
    [InlineData("deals for next week", "due all 7")]
    [InlineData("what's due next week", "due all 7")]
    [InlineData("deals for Riley", "owner riley")]
    public void Parse_EnglishLeftovers_ReadAsMeant(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }
}
