using System.Collections.Frozen;
using System.Collections.Concurrent;

namespace SalesCoachBot.Core.Understanding;

/// <summary>The words the parser knows: command keywords (typo-corrected), shorthand, and filler.</summary>
internal static class Vocabulary
{
    /// <summary>Command words a typo is corrected to ("chekclist" → "checklist").</summary>
    public static readonly FrozenSet<string> Keywords = FrozenSet.ToFrozenSet(
    [
        "whats", "what", "next", "steps", "status", "checklist", "where", "wheres", "done", "finished", "completed",
        "complete", "ticked", "checked", "confirm", "confirmed", "mark", "marked", "undo", "untick", "uncheck",
        "unconfirm", "revert", "withdraw", "reopen", "link", "unlink", "chat", "channel", "conversation", "thread",
        "nudges", "digest", "alerts", "deals", "opportunities", "pipeline", "plate", "move", "advance", "push", "lost",
        "because", "said", "says", "passed", "declined", "interested", "happens", "explain", "describe", "define",
        "stage", "phase", "stalled", "stuck", "stale", "rotting", "need", "reverse", "funnel", "help", "hello", "days",
        "weeks", "months", "last", "past", "team", "forward", "update", "progress", "latest", "should", "doing",
        "going", "please", "thanks", "about", "tell", "show", "remaining", "outstanding", "missing", "quota", "target",
        "forecast", "overview", "summary", "report", "commands", "happening", "rejected", "between", "history", "timeline",
    ], StringComparer.Ordinal);

    /// <summary>Shorthand and short typos (too short for distance matching).</summary>
    public static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["nxt"] = "next",
        ["nex"] = "next",
        ["whatsnext"] = "next",
        ["nextsteps"] = "next",
        ["wat"] = "what",
        ["wht"] = "what",
        ["wut"] = "what",
        ["wats"] = "whats",
        ["whts"] = "whats",
        ["wuts"] = "whats",
        ["whatz"] = "whats",
        ["pls"] = "please",
        ["plz"] = "please",
        ["thx"] = "thanks",
        ["ty"] = "thanks",
        ["u"] = "you",
        ["r"] = "are",
        ["teh"] = "the",
        ["w"] = "with",
        ["abt"] = "about",
        ["bc"] = "because",
        ["cuz"] = "because",
        ["coz"] = "because",
        ["cause"] = "because",
        ["nudge"] = "nudges",
        ["hows"] = "hows",
        ["todo"] = "todo",
        ["todos"] = "todo",
        ["checklst"] = "checklist",
        ["stat"] = "status",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Ordinary words one typo away from a keyword ("list"/"lost", "here"/"where", "that"/"what"):
    /// known as themselves so they are never "corrected".
    /// </summary>
    public static readonly FrozenSet<string> Protected = FrozenSet.ToFrozenSet(
    [
        "that", "thats", "there", "here", "were", "text", "gone", "none", "node", "line", "lint", "list", "listed",
        "lots", "more", "mode", "love", "place", "held", "paid", "state", "stake", "chart", "slow", "fast", "east",
        "cost", "most", "post", "host", "best", "test", "west", "rest", "nest", "sent", "call", "with", "this",
        "they", "them", "then", "than", "when", "deal", "team", "teams", "mine", "said", "sales", "dome", "make",
        "made", "have", "does", "hold", "host", "stats", "close", "closed", "lose", "loss", "dead", "just", "mean",
        "means", "hope", "helps", "whose", "whom", "date", "data", "demo", "demos", "agreed", "signed", "booked",
        "named", "shared", "stored", "plan", "plans", "park", "dinner", "nested", "into", "onto", "over", "what",
    ], StringComparer.Ordinal);

    /// <summary>Words that describe stages in common sales maps: "tell me about discovery" asks about a stage.</summary>
    public static readonly FrozenSet<string> StageWords = FrozenSet.ToFrozenSet(
    [
        "awareness", "brand", "engagement", "mql", "sql", "sal", "lead", "leads", "qualified", "qualification",
        "marketing", "sales", "discovery", "needs", "analysis", "demo", "solution", "proposal", "estimate", "quote",
        "verbal", "agreement", "contract", "signed", "implementation", "onboarding", "go", "live", "golive",
        "go-live", "customer", "new", "existing", "negotiation", "closing", "won", "nurture", "prospecting",
        "evaluation", "trial", "poc", "pilot", "stage", "phase", "first", "touch",
    ], StringComparer.Ordinal);

    /// <summary>Words around a deal name that are not part of it ("the", "deal", "for", "please").</summary>
    public static readonly FrozenSet<string> DealLeadingFiller = FrozenSet.ToFrozenSet(
    [
        "the", "deal", "deals", "account", "opportunity", "opp", "for", "on", "with", "about", "of", "at", "in", "to",
        "a", "an", "our", "my", "is", "are", "we", "i", "me", "and", "regarding", "re", "from", "do", "does",
        "what", "whats", "please", "customer", "client", "company",
    ], StringComparer.Ordinal);

    public static readonly FrozenSet<string> DealTrailingFiller = FrozenSet.ToFrozenSet(
    [
        "deal", "account", "opportunity", "opp", "please", "thanks", "now", "today", "forward", "along", "ahead",
        "going", "doing", "looking", "stand", "at", "with", "the", "for", "on", "of", "in", "to", "a", "is", "are",
        "again", "then", "right", "currently", "card", "checklist", "stage", "status", "and", "pls", "mate",
        "coach", "bot", "anyway", "exactly", "one",
    ], StringComparer.Ordinal);

    /// <summary>Words that mean "the deal linked to this conversation".</summary>
    public static readonly FrozenSet<string> ThisDealWords = FrozenSet.ToFrozenSet(
        ["this", "it", "that", "here", "current", "one", "these", "same"], StringComparer.Ordinal);

    /// <summary>
    /// Canonical form of a lower-case word: shorthand expanded, keyword typos corrected,
    /// anything else unchanged. Exact for words under four letters.
    /// </summary>
    // Deal names and the same few phrasings come back turn after turn; the typo search over every
    // keyword is the costly part, so its answer is kept per word (bounded: cleared when it fills).
    private static readonly ConcurrentDictionary<string, string> Corrected = new(StringComparer.Ordinal);
    private const int MaxCorrected = 20_000;

    public static string Canonical(string lower)
    {
        if (Corrected.TryGetValue(lower, out var known))
        {
            return known;
        }

        var canonical = Correct(lower);
        if (Corrected.Count >= MaxCorrected)
        {
            Corrected.Clear();
        }

        Corrected[lower] = canonical;
        return canonical;
    }

    private static string Correct(string lower)
    {
        if (Aliases.TryGetValue(lower, out var alias))
        {
            return alias;
        }

        if (lower.Length < 4 || Keywords.Contains(lower) || Protected.Contains(lower)
            || DealLeadingFiller.Contains(lower) || DealTrailingFiller.Contains(lower) || !IsAllLetters(lower))
        {
            return lower;
        }

        string? best = null;
        var bestDistance = double.MaxValue;
        var maxEdits = WordMatch.MaxEdits(lower.Length);
        foreach (var keyword in Keywords)
        {
            if (keyword.Length < 4 || Math.Abs(keyword.Length - lower.Length) > maxEdits)
            {
                continue;
            }

            var distance = WordMatch.EditDistance(lower, keyword);
            if (distance <= maxEdits && distance < bestDistance)
            {
                best = keyword;
                bestDistance = distance;
            }
        }

        return best ?? lower;
    }

    private static bool IsAllLetters(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
