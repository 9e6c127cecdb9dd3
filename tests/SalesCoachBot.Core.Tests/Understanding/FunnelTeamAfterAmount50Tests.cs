using SalesCoachBot.Core.Tests.Fakes;
using Xunit;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// fix/parse50c: "reverse funnel 2M Mars" — a team's name after the amount that resembles a command word ("mark") is the
/// team, refused by name, not glued to the amount as its unit.
/// </summary>
public sealed class FunnelTeamAfterAmount50Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("reverse funnel 2M Mars", "funnel 2m | - | mars")]
    [InlineData("reverse funnel 2M EMEA", "funnel 2m | - | emea")]
    [InlineData("reverse funnel 2M", "funnel 2m")]
    public void Parse_TeamAfterAmount(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }

    [Fact]
    public async Task UnknownTeamAfterAmount_NamedAsATeamNotAnAmount()
    {
        var answer = await _bot.AskAsync("reverse funnel 2M Mars", _bot.Manager);

        Assert.DoesNotContain("as an amount", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Mars", answer.Text, StringComparison.Ordinal);
    }
}
