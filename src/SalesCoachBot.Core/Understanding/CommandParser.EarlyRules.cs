namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// The rules <see cref="ParseSaid"/> runs before the examples are tried: help about a command ("help snooze"),
/// what the bot does not offer (<c>not_offered_*</c>), "what moved" alone, and a person's own or someone's acts
/// ("what have I done this week", "activities of Dana"), whose words other commands' examples would misread.
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>
    /// "help snooze", "help with next steps", «مساعدة الخطوة التالية»: a word of <c>help_words</c> first, then only words the
    /// examples use, so no deal is named: "help Initech" and "help me with this deal" are read as before.
    /// </summary>
    /// <summary>
    /// What the bot does not do in chat, by the words of <c>not_offered_*</c>: a reassign verb, or an owner word with a change
    /// word ("change the owner of Initech", «غيّر مالك صفقة Initech»); a closing word with a period or a date word ("deals
    /// closing this month"); "lint". Null for anything else.
    /// </summary>
    private static NotOffered? NotOfferedTopic(LanguagePack pack, List<Token> raw)
    {
        // "note for Globex: they have a new owner": what follows a colon is a note's or a step's own words, never a request.
        var tokens = pack.Canonicalize(raw).TakeWhile(t => t.Lower != ":").ToList();
        bool Any(string set) => tokens.Any(t => pack.Words(set).Contains(t.Lower) || pack.Words(set).Contains(t.Canon));
        if (Any("not_offered_lint"))
        {
            return NotOffered.MapLint;
        }

        if (Any("not_offered_reassign") || (Any("not_offered_owner") && Any("not_offered_owner_change")))
        {
            return NotOffered.Reassign;
        }

        // "change the amount of Globex to 120k": an amount word, a change word and a figure ("they want to change the price"
        // is what a buyer said); "set the close date", «تاريخ الإغلاق»: a close word with a date word (neither alone: "my
        // deals by value", "how many deals did we close").
        if (Any("not_offered_amount") && Any("not_offered_owner_change") && tokens.Any(t => t.Canon.Any(char.IsDigit)))
        {
            return NotOffered.Amounts;
        }

        if (Any("not_offered_close") && Any("not_offered_date"))
        {
            return NotOffered.CloseDates;
        }

        // The period is read only when a closing word asks for it: this check runs before every message's reading.
        if (!Any("not_offered_closing"))
        {
            return null;
        }

        var (days, period, _) = Window(tokens, pack);
        return days is not null || period is not null || Any("not_offered_closing_when") ? NotOffered.CloseDates : null;
    }

    /// <summary>
    /// "what moved", "anything moved?", «وش تحرك»: one word of <c>moves_asked</c> and only words of <c>moves_alone</c>
    /// around it. Any other word (a team, a period, a deal) is left to the templates.
    /// </summary>
    private static bool MovesAlone(LanguagePack pack, List<Token> raw)
    {
        var tokens = pack.Canonicalize(raw);
        bool In(string set, Token t) => pack.Words(set).Contains(t.Lower) || pack.Words(set).Contains(t.Canon);
        return tokens.Count is > 0 and <= 4 && tokens.Count(t => In("moves_asked", t)) == 1
            && tokens.All(t => In("moves_asked", t) || In("moves_alone", t));
    }

    /// <summary>
    /// "what have I done this week", "what did I confirm today", «شو عملت هالأسبوع», «إيه اللي عملته»: a question word
    /// (<c>acts_questions</c>), a word that asks what was done (<c>acts_asked</c>, or <c>acts_confirm</c> for the
    /// confirmations) and only words of <c>acts_alone</c> and <c>mine_words</c> beside a period. English says who ("I").
    /// Read before the examples: "done" and "confirm" are words of other commands, whose weights an example would lower.
    /// </summary>
    private static MyActsCommand? ActsAlone(IntentMatcher matcher, List<Token> raw, Typed folded)
    {
        var pack = matcher.Pack;
        var tokens = pack.Canonicalize(raw);
        bool In(string set, Token t) => pack.Words(set).Contains(t.Lower) || pack.Words(set).Contains(t.Canon);
        var (days, period, used) = Window(tokens, pack);
        var today = tokens.Where(t => In("due_today", t)).ToList();
        var yesterday = tokens.Where(t => In("day_yesterday", t)).ToList();
        var rest = tokens.Where(t => !used.Contains(t) && !today.Contains(t) && !yesterday.Contains(t)).ToList();
        // "what did Dana do this week", "what has Riley done": the words between "did" / "has" and "do" / "done" / "confirm"
        // name someone (up to three; "I" names no one).
        // «شو عمل Riley هالأسبوع», «شو عملت دانا اليوم»: a name after «عمل» / «عملت» / «فعل» / «أكد» to the end, in Latin
        // letters, or in Arabic ones that no example uses (people's names are in no example: «شو عملت على Initech» keeps «على»).
        string? person = null;
        var aux = rest.FindIndex(t => In("acts_aux", t));
        var verb = aux < 0 ? -1 : pack.IsArabic ? rest.Count : rest.FindIndex(aux + 1, t => In("acts_verbs", t));
        if (verb - aux is >= 2 and <= 4 && rest.Skip(aux + 1).Take(verb - aux - 1).ToList() is var named && !named.Any(t => In("mine_words", t))
            && (!pack.IsArabic || named.All(t => !t.Lower.Any(ArabicText.IsArabicLetter) || !(matcher.IsCommandWord(t.Canon) || In("acts_alone", t)))))
        {
            person = OwnerOf([.. named], pack, folded);
            if (person is null)
            {
                return null;
            }

            rest = [.. rest.Take(aux + 1), .. rest.Skip(verb)];
        }

        if (rest.Count is 0 or > 7 || !rest.Any(t => In("acts_questions", t)) || !rest.Any(t => In("acts_asked", t) || In("acts_confirm", t) || (person is not null && In("acts_aux", t)))
            || !rest.All(t => In("acts_alone", t) || In("acts_asked", t) || In("acts_confirm", t) || In("mine_words", t) || (person is not null && In("acts_aux", t)))
            || (!pack.IsArabic && person is null && !rest.Any(t => In("mine_words", t))))
        {
            return null;
        }

        ActsDay? day = days is not null || period is not null ? null : today.Count > 0 ? ActsDay.Today : yesterday.Count > 0 ? ActsDay.Yesterday : null;
        return new MyActsCommand(days, period, day, person, rest.Any(t => In("acts_confirm", t))) { Language = pack.Code };
    }

    /// <summary>
    /// "activities of Dana", "activity for Rita", "activity by Dana", "Dana's activity", "Initech activity", «نشاطات دانا»,
    /// «نشاط Initech», each with a period or none ("last week", «هذا الأسبوع», "since Monday"): a word of
    /// <c>acts_person_nouns</c>, in English after the name or before it with a word of <c>acts_owner_openers</c> between,
    /// and up to three words of a name. Whose acts they are, or (<see cref="MyActsCommand.Otherwise"/>) the history of the
    /// deal so called, in that period. Not when the name's words are light or all words of examples ("activity log for
    /// Initech", "deals with no activity", "team activity"), which the examples read.
    /// </summary>
    private static MyActsCommand? ActsOfNamed(IntentMatcher matcher, List<Token> raw, Typed folded)
    {
        var pack = matcher.Pack;
        var tokens = pack.Canonicalize(raw);
        bool In(string set, Token t) => pack.Words(set).Contains(t.Lower) || pack.Words(set).Contains(t.Canon);
        var noun = tokens.FindIndex(t => In("acts_person_nouns", t));
        if (noun < 0)
        {
            return null;
        }

        // The name: after the noun (and, in English, an opener) to a period or the end; or, in English, before the noun.
        var after = tokens.Skip(noun + 1).ToList();
        var opened = after is [var opener, _, ..] && In("acts_owner_openers", opener);
        var (named, period) = noun == 0 && (pack.IsArabic || opened)
            ? ActsNameAndPeriod(opened ? [.. after.Skip(1)] : after, pack)
            : noun > 0 && !pack.IsArabic && (after.Count == 0 || SaidPeriodOf(after, pack) is not null)
                ? ([.. tokens.Take(noun)], after.Count == 0 ? null : SaidPeriodOf(after, pack))
                : ([], null);
        if (named.Count is 0 or > 3 || named.Any(t => In("light", t) || In("mine_words", t)) || named.All(t => matcher.IsCommandWord(t.Canon))
            || OwnerOf(named, pack, folded) is not { } person)
        {
            return null;
        }

        var said = period ?? new SaidPeriod();
        var deal = named is [var one] && one.Original.EndsWith("'s", StringComparison.OrdinalIgnoreCase) ? new NameReference(person) : DealOf(named, pack, folded);
        return new MyActsCommand(said.WindowDays, said.Period, said.Day, person)
        {
            Weekday = said.Weekday,
            Onward = said.Onward,
            Otherwise = new HistoryCommand(deal) { Period = period, Language = pack.Code },
            Language = pack.Code,
        };
    }

    /// <summary>The words of a name to a period that ends them ("Dana last week", «دانا هذا الأسبوع»), and that period.</summary>
    private static (IReadOnlyList<Token> Name, SaidPeriod? Period) ActsNameAndPeriod(IReadOnlyList<Token> words, LanguagePack pack)
    {
        for (var start = 1; start < words.Count; start++)
        {
            if (SaidPeriodOf([.. words.Skip(start)], pack) is { } period)
            {
                return ([.. words.Take(start)], period);
            }
        }

        return (words, null);
    }

    private static HelpCommand? HelpAbout(IntentMatcher matcher, List<Token> raw, Typed folded)
    {
        var pack = matcher.Pack;
        var tokens = pack.Canonicalize(raw);
        bool In(string set, Token t) => pack.Words(set).Contains(t.Lower) || pack.Words(set).Contains(t.Canon);
        // "help what did I do", «مساعدة شو عملت»: the acts question after the help word asks about the acts diary ("I" and
        // «عملت» are no topic's words, and «عملت» alone reads as "done").
        if (tokens.Count > 1 && In("help_words", tokens[0]) && ActsAlone(matcher, raw[1..], folded) is not null)
        {
            return new HelpCommand { Topic = "Acts", Language = pack.Code };
        }

        return tokens.Count is > 1 and <= 5 && In("help_words", tokens[0])
            // "help dates": a topic (help_topics) that no command's words hold is asked about as one.
            && tokens.Skip(1).All(t => (matcher.IsCommandWord(t.Canon) || pack.HelpTopics.ContainsKey(t.Lower) || pack.HelpTopics.ContainsKey(t.Canon))
                && !In("help_words", t) && !In("this_deal", t) && !In("mine_words", t))
            ? new HelpCommand { Topic = HelpTopic(pack, tokens[1..]), Language = pack.Code }
            : null;
    }

    /// <summary>
    /// The command a "help …" names, through <c>help_topics</c>: two words before one ("next step" before "next"), each as
    /// typed and as its canonical word. Null when none names one: that help is the whole help.
    /// </summary>
    private static string? HelpTopic(LanguagePack pack, List<Token> words)
    {
        for (var length = Math.Min(2, words.Count); length >= 1; length--)
        {
            for (var i = 0; i + length <= words.Count; i++)
            {
                var span = words.GetRange(i, length);
                if (pack.HelpTopics.TryGetValue(string.Join(' ', span.Select(t => t.Lower)), out var typed)
                    || pack.HelpTopics.TryGetValue(string.Join(' ', span.Select(t => t.Canon)), out typed))
                {
                    return typed;
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="tokens"/> are one filler phrase and nothing else («ممكن», "please", «يا كوتش»).</summary>
    private static bool OnlyFiller(List<Token> tokens, LanguagePack pack) =>
        new[] { pack.LeadingFiller, pack.ShowFiller, pack.TrailingFiller }
            .Any(phrases => phrases.Any(p => p.Length == tokens.Count && Matches(tokens, 0, p)));
}
