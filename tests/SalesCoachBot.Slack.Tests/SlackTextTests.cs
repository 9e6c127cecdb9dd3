using SalesCoachBot.Slack.BlockKit;

namespace SalesCoachBot.Slack.Tests;

/// <summary>Packing lines into Block Kit text chunks: whole lines, in order, within the limit, nothing lost.</summary>
public sealed class SlackTextTests
{
    public static TheoryData<string[], int, string[]> Packings => new()
    {
        { ["a", "b"], 10, ["a\nb"] },
        { ["aaaa", "bbbb", "cccc"], 9, ["aaaa\nbbbb", "cccc"] },
        { ["aaaa", "bbbb"], 9, ["aaaa\nbbbb"] },
        { [], 10, [] },
        { [""], 10, [] },
        { ["", "a"], 10, ["a"] },                       // an empty first line adds no separator
        { ["a", "", "b"], 10, ["a\n\nb"] },
        { ["one two three"], 7, ["one two", "three"] },  // a line over the limit splits at a space
    };

    [Theory]
    [MemberData(nameof(Packings))]
    public void Pack_Lines_ChunksAsExpected(string[] lines, int max, string[] expected)
    {
        Assert.Equal(expected, SlackText.Pack(lines, max));
    }

    [Fact]
    public void Pack_AnyLines_KeepsEveryCharacterInOrderWithinTheLimit()
    {
        var random = new Random(7);
        for (var round = 0; round < 500; round++)
        {
            var lines = Enumerable.Range(0, random.Next(0, 8))
                .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(0, 6)).Select(_ => new string('w', random.Next(1, 9)))))
                .ToList();
            var max = random.Next(9, 40);

            var chunks = SlackText.Pack(lines, max, "\n\n");

            Assert.All(chunks, c => Assert.InRange(c.Length, 1, max));
            // Words may be cut where a line has no space in the second half of the limit; no letter is lost.
            Assert.Equal(
                string.Concat(lines).Replace(" ", string.Empty, StringComparison.Ordinal),
                string.Concat(chunks).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
        }
    }
}
