using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Localization;

/// <summary>
/// Small pieces the coaching answers share, in the reply's language: a deal's state as a word inside a sentence
/// ("is already lost"), and lists joined the way the language joins them, each Latin item isolated in Arabic.
/// </summary>
public static class CoachingWording
{
    /// <summary>"open", "won", "lost", "nurture" as said inside a sentence.</summary>
    public static string State(DealStatus status, Phrases say) => status switch
    {
        DealStatus.Open => say.Coaching("State.Open"),
        DealStatus.Won => say.Coaching("State.Won"),
        DealStatus.Lost => say.Coaching("State.Lost"),
        DealStatus.Nurture => say.Coaching("State.Nurture"),
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>"a, b, c" / «a، b، c».</summary>
    public static string List(IEnumerable<string> items, Phrases say, string separator = ", ") =>
        string.Join(say.Language.IsRightToLeft ? ArabicSeparator(separator) : separator, items.Select(say.Language.Isolate));

    /// <summary>"a or b" / «a أو b».</summary>
    public static string Or(IEnumerable<string> items, Phrases say) =>
        string.Join(" " + say.Coaching("Word.Or") + " ", items.Select(say.Language.Isolate));

    /// <summary>"a and b" / «a وb» (Arabic "and" is written joined to the word after it).</summary>
    public static string And(IEnumerable<string> items, Phrases say) =>
        string.Join(say.Language.IsRightToLeft ? " " + say.Coaching("Word.And") : " " + say.Coaching("Word.And") + " ", items.Select(say.Language.Isolate));

    // The Arabic comma and semicolon (U+060C, U+061B) in place of the Latin ones.
    private static string ArabicSeparator(string separator) => separator.Replace(',', '\u060C').Replace(';', '\u061B');
}
