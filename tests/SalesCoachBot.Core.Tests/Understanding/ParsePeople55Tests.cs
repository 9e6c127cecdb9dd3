using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// people55: someone else's acts said as "Dana's activity this week", "activity for Dana this month", "what did Dana log",
/// «نشاط دانا هالأسبوع», «شو عملت دانا اليوم» (a name in Arabic letters that no example holds); "help what did I do" and
/// «مساعدة شو عملت» are help about the acts diary, not a deal's card or "done".
/// </summary>
public sealed class ParsePeople55Tests
{
    [Theory]
    [InlineData("Dana's activity this week", "acts dana | this-week")]
    [InlineData("activity for Dana this month", "acts dana | this-month")]
    [InlineData("what did Dana log this week", "acts dana | this-week")]
    [InlineData("show me Dana's week", "acts dana | -")]
    [InlineData("what has Dana done today", "acts dana | today")]
    [InlineData("recap Riley's week", "acts riley | -")]
    [InlineData("نشاط دانا هالأسبوع", "acts دانا | this-week")]
    [InlineData("شو عملت دانا اليوم", "acts دانا | today")]
    [InlineData("ماذا فعلت دانا هذا الأسبوع", "acts دانا | this-week")]
    [InlineData("شو عملت ميغان هالأسبوع", "acts ميغان | this-week")]
    [InlineData("شو عملت Dana اليوم", "acts dana | today")]
    public void Parse_SomeoneElsesActs_ThatPersonsActs(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }

    [Theory]
    [InlineData("what did I log this week", "acts me | this-week")]
    [InlineData("my activity for this week", "acts me | this-week")]
    [InlineData("شو عملت هالأسبوع", "acts me | this-week")]
    [InlineData("شو عملت على Initech", "history 1002")]
    [InlineData("we've got the signed contract for Initech", "confirm? done 1002 | signed contract")]
    public void Parse_OwnActsAndNeighbours_ReadAsBefore(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }

    [Theory]
    [InlineData("help what did I do", "en")]
    [InlineData("help what did I do this week", "en")]
    [InlineData("help acts", "en")]
    [InlineData("مساعدة شو عملت", "ar")]
    [InlineData("مساعدة ماذا فعلت", "ar")]
    [InlineData("مساعدة نشاطي", "ar")]
    public void Parse_HelpAboutWhatIDid_IsTheActsTopic(string text, string language)
    {
        var help = Assert.IsType<HelpCommand>(new CommandParser().Parse(text));

        Assert.Equal("Acts", help.Topic);
        Assert.Equal(language, help.Language);
    }

    [Theory]
    [InlineData("help done", "Done")]
    [InlineData("مساعدة تم", "Done")]
    [InlineData("help stalled", "Stalled")]
    public void Parse_HelpAboutOtherCommands_KeepTheirTopic(string text, string topic)
    {
        Assert.Equal(topic, Assert.IsType<HelpCommand>(new CommandParser().Parse(text)).Topic);
    }
}
