using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;

namespace SalesCoachBot.Core.Tests.Cards;

public sealed class BotAnswerTests
{
    private static readonly Card Card = new() { Kind = CardKind.Checklist, Title = "Initech — Demo" };

    [Fact]
    public void ComposedText_ComposedOnFirstReadOnlyAndKept()
    {
        var composed = 0;
        var answer = new BotAnswer(() => $"the whole checklist {++composed}", "Initech — Demo", Card);

        Assert.Equal("Initech — Demo", answer.NotificationText);
        Assert.Equal(0, composed);
        Assert.Equal("the whole checklist 1", answer.Text);
        Assert.Equal("the whole checklist 1", answer.Text);
        Assert.Equal(1, composed);
    }

    [Fact]
    public void ComposedText_EqualsTheSameAnswerWithItsTextGiven()
    {
        var composed = new BotAnswer(() => "text", "summary", Card) { ReplacesCard = true };
        var given = new BotAnswer("text", Card) { Summary = "summary", ReplacesCard = true };

        Assert.Equal(given, composed);
        Assert.Equal(given.GetHashCode(), composed.GetHashCode());
        Assert.NotEqual(given, composed with { InThread = true });
    }

    [Fact]
    public void TextSetByWith_ReplacesTheComposedOne()
    {
        var answer = new BotAnswer(() => throw new InvalidOperationException("not composed when replaced"), "summary", Card);

        var changed = answer with { Text = "undo how" };

        Assert.Equal("undo how", changed.Text);
        Assert.Equal("summary", changed.NotificationText);
    }

    [Fact]
    public void NoSummary_TextStandsForTheAnswer() =>
        Assert.Equal("Confirmed.", new BotAnswer("Confirmed.", Card).NotificationText);
}
