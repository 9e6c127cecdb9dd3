namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>
/// Whether a checklist item names a result someone can confirm afterwards: a verb and its object ("Agenda sent to
/// every attendee", "Book the demo with the CFO"), not an intention ("Understand needs", "Qualify the lead properly",
/// "Do stuff"). A heuristic for English maps: it only warns, and a word it does not know is given the benefit of the doubt.
/// </summary>
internal static class ItemOutcome
{
    /// <summary>Verbs that name an effort, not a result: nobody can tick "understand needs" and be checked.</summary>
    public static readonly HashSet<string> VagueVerbs = new(StringComparer.Ordinal)
    {
        "do", "understand", "know", "learn", "qualify", "handle", "manage", "work", "look", "think", "consider", "discuss",
        "explore", "engage", "support", "help", "try", "get", "improve", "focus", "continue", "keep", "deal", "move",
        "push", "drive", "progress", "advance", "nurture", "build", "develop", "be",
    };

    /// <summary>Words that stand for "something, somehow": whatever they qualify cannot be checked.</summary>
    public static readonly HashSet<string> VagueWords = new(StringComparer.Ordinal)
    {
        "stuff", "things", "thing", "something", "everything", "anything", "properly", "appropriately", "adequately",
        "somehow", "whatever", "necessary",
    };

    // Past participles and finite verbs that do not end in -ed; a result written as "X held", "Y is live", "CFO said yes".
    private static readonly HashSet<string> KnownVerbs = new(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "has", "have", "had", "held", "sent", "written", "done", "known", "given", "taken",
        "shown", "met", "run", "set", "chosen", "seen", "built", "paid", "won", "lost", "begun", "made", "said", "told",
        "read", "sold", "bought", "spent", "got", "gotten", "signed", "meets", "matches", "maps", "covers", "includes",
        "lists", "shows", "names", "says", "exists", "runs", "works", "attends", "signs", "agrees", "approves",
        "confirms", "knows", "owns", "pays", "uses",
    };

    // Imperatives whose result is visible: "Send the agenda", "Book the demo".
    private static readonly HashSet<string> ConcreteVerbs = new(StringComparer.Ordinal)
    {
        "send", "book", "record", "sign", "write", "schedule", "hold", "name", "share", "agree", "store", "confirm",
        "log", "add", "assign", "attach", "deliver", "upload", "set", "run", "list", "call", "email", "meet", "invite",
        "publish", "approve", "close", "create", "enter", "fill", "file", "submit", "map", "test", "train", "demo",
        "present", "quote", "price", "ask", "collect", "receive", "obtain", "document", "update", "complete", "pay",
    };

    /// <summary>Why the item has no verifiable outcome, or null when it names one.</summary>
    public static MapPhrase? Check(string text)
    {
        var words = ProcessMapRules.Words(text).ToList();
        if (words.Count == 0)
        {
            return new("Outcome.Empty");
        }

        if (words.FirstOrDefault(VagueWords.Contains) is { } filler)
        {
            return new("Outcome.Filler", filler);
        }

        var resultVerb = words.Any(IsResultVerb);
        if (VagueVerbs.Contains(words[0]) && !resultVerb)
        {
            return new("Outcome.Effort", words[0]);
        }

        var hasVerb = resultVerb || ConcreteVerbs.Contains(words[0]);
        var hasObject = words.Count >= 2;
        return hasVerb && hasObject
            ? null
            : new MapPhrase("Outcome.NoActionOrObject");
    }

    private static bool IsResultVerb(string word) =>
        KnownVerbs.Contains(word) || (word.Length > 3 && word.EndsWith("ed", StringComparison.Ordinal) && !word.EndsWith("eed", StringComparison.Ordinal));
}
