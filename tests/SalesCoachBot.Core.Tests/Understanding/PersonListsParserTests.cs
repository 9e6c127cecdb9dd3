using Xunit;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// fix/owners46: a person's stalled deals and a person's won or lost deals. The name arrives where a team's would; the use
/// cases read it as a team first, then as an owner of deals the person may see (StalledDealsUseCase, ClosedDealsUseCase).
/// </summary>
public sealed class PersonListsParserTests
{
    [Theory]
    [InlineData("what's stalled for Dana", "stalled dana")]
    [InlineData("Dana's stalled deals", "stalled dana")]
    [InlineData("stalled deals for Dana", "stalled dana")]
    [InlineData("وش الصفقات المتعثرة عند Riley", "stalled riley")]
    [InlineData("صفقات Dana المتعثرة", "stalled dana")]
    [InlineData("Riley's wins", "closed won riley -")]
    [InlineData("what did Riley lose this quarter", "closed lost riley this-quarter")]
    [InlineData("Dana's losses", "closed lost dana -")]
    [InlineData("what has Riley won this year", "closed won riley this-year")]
    [InlineData("وش الصفقات اللي خسرها Riley", "closed lost riley -")]
    [InlineData("وش كسب Riley هالربع", "closed won riley this-quarter")]
    public void Parse_PersonsLists_NameWhereTheTeamIs(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }
}
