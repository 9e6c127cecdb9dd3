using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Tests.Nudges;

public sealed class WorkWeekTests
{
    [Theory]
    [InlineData("mon-fri", "mon-fri")]
    [InlineData("sun-thu", "sun-thu")]
    [InlineData("Sunday-Thursday", "sun-thu")]
    [InlineData("mon,tue,wed,thu,sun", "sun-thu")]
    [InlineData("sat-wed", "sat-wed")]            // a range wraps past the week's end
    [InlineData(" MON , wed,fri ", "mon,wed,fri")]
    [InlineData("mon-wed,sat", "mon,tue,wed,sat")]
    [InlineData("mon-sun", "mon-sun")]
    [InlineData("fri", "fri")]
    public void TryParse_ReadableForms_ReadAndWriteBackCanonically(string text, string canonical)
    {
        Assert.True(WorkWeek.TryParse(text, out var week));
        Assert.Equal(canonical, week.ToString());
        Assert.Equal(week, WorkWeek.Parse(week.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("weekdays")]
    [InlineData("mon-")]
    [InlineData("mon-tue-wed")]
    [InlineData("mon,,fri")]
    [InlineData("1-5")]
    public void TryParse_NotAWeek_IsRefused(string text) => Assert.False(WorkWeek.TryParse(text, out _));

    [Fact]
    public void MondayToFriday_IsTheDefaultOfATeam()
    {
        Assert.Equal(WorkWeek.MondayToFriday, new SalesTeam { Name = "EMEA" }.Workdays);
        Assert.False(WorkWeek.MondayToFriday.Includes(DayOfWeek.Saturday));
        Assert.True(WorkWeek.MondayToFriday.Includes(DayOfWeek.Friday));
    }
}
