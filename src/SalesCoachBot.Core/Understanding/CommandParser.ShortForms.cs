namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Short forms reps type that the examples cannot hold without taking other readings (session 53 audit): each a guarded
/// shape of the whole text, tried before or after the examples as its comment says.
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>At most this many words name the deal in a short form ("Acme Corp - EU rollout" is said with its id).</summary>
    private const int MaxWordsOfAShortName = 4;

    /// <summary>The highest checklist position a bare number after "done" is read as ("initech done 2").</summary>
    private const int MaxItemPosition = 30;

    /// <summary>
    /// "Stark won", "Acme Corp is won", «فزنا بصفقة Acme Corp», «كسبنا Globex»: a deal's name then only a word of
    /// <c>won_news</c>, or a verb of <c>won_verbs</c> then only the name (with <c>won_deal_words</c> such as «بصفقة» between):
    /// the won move, as "we won Acme Corp" is (a manager's). No word of the name may be an example's, so "mark Stark won",
    /// "Initech is closed won" and "close Initech as won" keep their readings.
    /// </summary>
    private static ChatCommand? WonAlone(List<Token> raw, Typed typed, LanguagePack pack)
    {
        var tokens = pack.Canonicalize(raw);
        var name = WonNews(tokens, pack) ?? WonVerb(tokens, pack);
        return name is null ? null : new MoveDealCommand(DealOf(name, pack, typed), WonStage, null) { Language = pack.Code };
    }

    /// <summary>The stage text of the won move, read by <see cref="StageMatcher.NamesWon"/> in either language.</summary>
    private const string WonStage = "won";

    private static List<Token>? WonNews(List<Token> tokens, LanguagePack pack)
    {
        var news = pack.Words("won_news");
        for (var words = 2; words >= 1; words--)
        {
            if (tokens.Count > words && news.Contains(Key(tokens[^words..]))
                && ShortName(tokens[..^words], pack) is { } name)
            {
                return name;
            }
        }

        return null;
    }

    private static List<Token>? WonVerb(List<Token> tokens, LanguagePack pack)
    {
        if (tokens is not [var verb, _, ..] || !(pack.Words("won_verbs").Contains(verb.Canon) || pack.Words("won_verbs").Contains(verb.Lower)))
        {
            return null;
        }

        var between = pack.Words("won_deal_words");
        var rest = tokens.Skip(1).SkipWhile(t => between.Contains(t.Lower)).ToList();
        // «بGlobex»: the preposition glued to the Latin name.
        rest = WithoutArabicPreposition(rest);
        return rest.Count > 0 && rest.All(IsLatinName) ? ShortName(rest, pack) : null;
    }

    /// <summary>
    /// "initech done 2": a deal's name, a word of <c>step_done</c>, then a bare number (no "#") is the item at that place in
    /// the deal's checklist, as "tick 2 for initech" is; the examples read the number as the deal ("#2").
    /// </summary>
    private static ConfirmItemsCommand? DoneByPosition(List<Token> raw, Typed typed, LanguagePack pack)
    {
        var tokens = pack.Canonicalize(raw);
        if (tokens is not [_, .., var done, var number]
            || !(pack.Words("step_done").Contains(done.Lower) || pack.Words("step_done").Contains(done.Canon))
            || !number.Original.All(char.IsAsciiDigit) || !int.TryParse(number.Original, out var at) || at is < 1 or > MaxItemPosition
            || ShortName(tokens[..^2], pack) is not { } name)
        {
            return null;
        }

        return new ConfirmItemsCommand(DealOf(name, pack, typed), [number.Original]) { Language = pack.Code };
    }

    /// <summary>
    /// "Tailwind is lost, they chose a competitor", "Tailwind lost - price": a deal's name, "lost" (or a phrase of
    /// <c>lost_news</c>), then a comma or a dash: the words after it are the loss's reason. A name never holds a comma.
    /// </summary>
    private static MarkLostCommand? LostThenReason(List<Token> raw, Typed typed, LanguagePack pack)
    {
        var tokens = pack.Canonicalize(raw);
        var lost = pack.Words("lost_words");
        var news = pack.Words("lost_news");
        for (var at = 1; at < tokens.Count - 1; at++)
        {
            var said = lost.Contains(tokens[at].Canon) ? 1
                : at + 1 < tokens.Count - 1 && news.Contains(Key(tokens[at..(at + 2)])) ? 2
                : 0;
            if (said == 0)
            {
                continue;
            }

            var after = at + said;
            var dash = tokens[after].Canon == ":";
            if (!dash && !tokens[after].CommaBefore)
            {
                return null;
            }

            var reason = tokens[(dash ? after + 1 : after)..];
            return reason.Count > 0 && ShortName(tokens[..at], pack) is { } name && Reason(reason, pack, typed) is { } why
                ? new MarkLostCommand(DealOf(name, pack, typed), why) { Language = pack.Code }
                : null;
        }

        return null;
    }

    /// <summary>
    /// "next step for Initech by Friday", "next step for #1011 next week": a phrase of <c>step_date_openers</c>, a deal, then
    /// only a date (no colon, no words of a step): the step's words are asked for with that date, nothing stored, never the
    /// card nor a deal called "Initech by".
    /// </summary>
    private static SetNextStepCommand? StepDateOnly(List<Token> raw, Typed typed, LanguagePack pack)
    {
        var tokens = pack.Canonicalize(raw);
        var openers = pack.Words("step_date_openers");
        var opener = Enumerable.Range(2, 3).FirstOrDefault(n => n < tokens.Count && openers.Contains(Key(tokens[..n])));
        if (opener == 0 || tokens.Skip(opener).Any(t => t.Canon == ":"))
        {
            return null;
        }

        var rest = tokens[opener..];
        var deal = WithoutEndingDate(rest);
        var leads = pack.Words("step_date_leads");
        while (deal.Count > 1 && leads.Contains(deal[^1].Canon))
        {
            deal = [.. deal.Take(deal.Count - 1)];
        }

        return deal.Count < rest.Count && ShortName(deal, pack) is { } name
            ? new SetNextStepCommand(DealOf(name, pack, typed), typed.Span([.. rest.Skip(deal.Count)])) { Language = pack.Code, AsksWords = true }
            : null;
    }

    /// <summary>
    /// The words of a short form that may be a deal's name: one to <see cref="MaxWordsOfAShortName"/> words, none an
    /// example's word (so "mark", "we", "next" never open one) unless it is an id ("#1011"). Null otherwise.
    /// </summary>
    private static List<Token>? ShortName(IReadOnlyList<Token> words, LanguagePack pack)
    {
        var matcher = Matchers.Value.First(m => m.Pack == pack);
        return words.Count is > 0 and <= MaxWordsOfAShortName
            && words.All(t => t.Original.StartsWith('#') || !matcher.IsCommandWord(t.Canon))
            ? [.. words]
            : null;
    }
}
