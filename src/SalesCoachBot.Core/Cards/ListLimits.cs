namespace SalesCoachBot.Core.Cards;

/// <summary>
/// How much one list answer shows; its counts always cover everything. Teams refuses a card over about 28 KB, and a
/// listed deal with its button takes about half a kilobyte of Adaptive Card; Slack keeps 50 blocks a message.
/// </summary>
public static class ListLimits
{
    /// <summary>Deals listed, each on its own line: the first in the list's order, the rest counted under it.</summary>
    public const int Deals = 25;

    /// <summary>Deal names run together on one line ("no next step: Acme, Globex, …"), the rest counted after them.</summary>
    public const int NamesInLine = 10;
}
