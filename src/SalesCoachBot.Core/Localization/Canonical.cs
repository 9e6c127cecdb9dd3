namespace SalesCoachBot.Core.Localization;

/// <summary>
/// A chat command in its canonical English wording ("my deals", "move #1002 to discovery because re-engaged"), shown
/// as something to type or run by a button. It is parsed, not read as prose, and the parser understands English
/// whatever the reply language, so it is not a resource. Marks the literal for <c>NoHardCodedEnglishTests</c>.
/// </summary>
public static class Canonical
{
    public static string Command(string text) => text;
}
