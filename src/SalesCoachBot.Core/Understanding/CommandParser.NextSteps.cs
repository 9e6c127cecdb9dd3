using SalesCoachBot.Core.Dates;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// What's next, next steps and the checklist: a deal's next item or step ("what's next for Initech"), setting a
/// step with its date ("next step for Initech: demo Friday"), a reminder read before the examples ("remind me to
/// call Initech tomorrow"), items confirmed done, and undo (the latest act, or one of a kind).
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>
    /// "remind me to call Initech tomorrow", "remind me to send Globex the proposal on Friday", «ذكرني أتصل بـ Initech
    /// بكرة»: what a rep asks to be reminded of is the deal's next step, as "next step for Initech: call tomorrow". The
    /// deal is the words after the verb (<c>remind_step_verbs</c>, with its particle: "follow up with"), up to a word of
    /// <c>remind_deal_stops</c> (in Arabic, where a Latin name ends) and a date; when the verb's object comes first ("send
    /// the proposal to Globex"), the words after the next word of <c>remind_deal_openers</c>. The step is the other
    /// words, the date last, where the use case reads it. Null for anything else: "remind me to mark Globex lost" is a
    /// change to make later (not now), and "remind me what Globex needs" asks.
    /// </summary>
    private static SetNextStepCommand? Reminder(List<Token> raw, Typed folded, LanguagePack pack)
    {
        var tokens = pack.Canonicalize(WholeNumericDates(raw, folded.Folded));
        bool In(string set, Token t) => pack.Words(set).Contains(t.Lower) || pack.Words(set).Contains(t.Canon);
        var remind = tokens.FindIndex(t => In("remind_words", t));
        if (remind < 0 || tokens.Take(remind).Any(t => !In("remind_before", t)))
        {
            return null;
        }

        var verb = remind + 1;
        while (verb < tokens.Count && In("remind_after", tokens[verb]))
        {
            verb++;
        }

        if (verb >= tokens.Count || !In("remind_step_verbs", tokens[verb]))
        {
            return null;
        }

        var after = verb + 1;
        while (after < tokens.Count && In("remind_particles", tokens[after]))
        {
            after++;
        }

        // The first opener after the verb's words: "to" in "send the proposal to Globex", «ل» in «أرسل العرض لـ Globex».
        var opener = after < tokens.Count ? tokens.FindIndex(after, t => In("remind_deal_openers", t)) : -1;
        int start;
        if (after < tokens.Count && In("remind_deal_openers", tokens[after]))
        {
            start = after + 1;
        }
        else if (after < tokens.Count && !In("remind_deal_stops", tokens[after]) && !(pack.IsArabic && !IsLatinName(tokens[after]) && opener > after))
        {
            start = after;
        }
        else if (opener > after)
        {
            start = opener + 1;
        }
        else
        {
            return null;
        }

        // A Latin name inside an Arabic sentence ends where the Arabic words start again (its date, «بكرة»).
        var latin = start < tokens.Count && IsLatinName(tokens[start]);
        var end = start;
        while (end < tokens.Count && !In("remind_deal_stops", tokens[end]) && !(end > start && tokens[end].CommaBefore)
            && !(pack.IsArabic && latin && !IsLatinName(tokens[end])))
        {
            end++;
        }

        var named = tokens[start..end];
        var name = WithoutEndingDate(named);
        if (name.Count is 0 or > MaxWordsOfANameAlone)
        {
            return null;
        }

        var between = start > after ? tokens[after..Math.Max(after, start - 1)] : [];
        string Said(List<Token> words) => words.Count == 0 ? string.Empty : folded.Span(words);
        // "… on Friday about pricing": the date said inside the step goes last, where the use case reads it, so it is the
        // step's date and not its words ("call about pricing", as "… on Friday" alone stores "call").
        var (words, day) = DateInside(tokens[end..]);
        // «أتصل» ("I call") is what the rep says, not what a step reads; the step takes its noun («اتصال»), as "call" is stored.
        var said = pack.StepNouns.TryGetValue(tokens[verb].Canon, out var noun) || pack.StepNouns.TryGetValue(tokens[verb].Lower, out noun)
            ? string.Join(' ', [noun, .. tokens[(verb + 1)..after].Select(t => t.Original)]) : Said(tokens[verb..after]);
        var text = string.Join(' ', new[] { said, Said(between), Said(words[0]), Said(words[1]), Said(day), Said(named[name.Count..]) }
            .Where(w => w.Length > 0));
        return new SetNextStepCommand(DealOf(name, pack, folded), text);
    }

    /// <summary>
    /// "10/12", "10/12/2026" as one word: the words split at "/", so a reminder stored "on 10 12", which no reader takes. Kept
    /// whole, the use case reads it in the team's order.
    /// </summary>
    private static List<Token> WholeNumericDates(List<Token> tokens, string folded)
    {
        var whole = new List<Token>(tokens.Count);
        foreach (var token in tokens)
        {
            var slash = whole.Count == 0 ? -1 : whole[^1].Start + whole[^1].Original.Length;
            if (slash >= 0 && slash < folded.Length && folded[slash] == '/' && token.Start == slash + 1 && token.Original.All(char.IsDigit)
                && whole[^1].Original.All(c => char.IsDigit(c) || c == '/'))
            {
                var date = whole[^1];
                whole[^1] = date with { Original = $"{date.Original}/{token.Original}", Lower = $"{date.Lower}/{token.Lower}", Canon = $"{date.Canon}/{token.Canon}" };
            }
            else
            {
                whole.Add(token);
            }
        }

        return whole;
    }

    /// <summary>
    /// Whether <paramref name="words"/> are a date. Only the use case knows the team's order of a numeric date, so "12/13"
    /// (month first) and "13/12" (day first) are both dates here.
    /// </summary>
    private static bool SaysADate(string words) =>
        DateInWords.IsDate(words, AnyDay) || DateInWords.IsDate(words, AnyDay with { Order = DateOrder.MonthDay });

    /// <summary>
    /// The words before and after a date said inside <paramref name="rest"/> ("on Friday" in "on Friday about pricing",
    /// «يوم الخميس» in «يوم الخميس بخصوص السعر»), and the date; the words unchanged when they end in a date or hold none.
    /// The longest date of at most six words is taken, first from the left; a date needs a word ("Phase 2" has none), and
    /// must be said as the due date (<see cref="DateInWords.SaysWhenDue"/>): "the Dec 10 minutes" are the step's words.
    /// </summary>
    private static (List<Token>[] Words, List<Token> Day) DateInside(List<Token> rest)
    {
        if (WithoutEndingDate(rest).Count < rest.Count)
        {
            return ([rest, []], []);
        }

        for (var from = 0; from < rest.Count - 1; from++)
        {
            for (var to = Math.Min(rest.Count - 1, from + 6); to > from; to--)
            {
                var said = Join(rest[from..to]);
                if (said.Any(char.IsLetter) && DateInWords.SaysWhenDue(said, rightAfterName: from == 0) && SaysADate(said))
                {
                    return ([rest[..from], rest[to..]], rest[from..to]);
                }
            }
        }

        return ([rest, []], []);
    }

    private static SetNextStepCommand? NextStep(IntentMatch m, IReadOnlyList<Token> tokens, Typed folded, LanguagePack pack)
    {
        // "next steps pls: umbrella" asks; a deal slot of only "please" is no deal.
        var deal = m.Slot("deal");
        var step = m.Slot("step");
        var filler = pack.Words("free_text_filler");
        if (deal.Count > 0 && deal.All(t => filler.Contains(t.Canon)))
        {
            return null;
        }

        // «الخطوة التالية لـ Initech إرسال العقد» («… ل {deal} {step}», or the colon before the step left out): the step
        // starts where the Latin name ends. «الخطوة التالية لصفقة مؤسسة الأفق» has no such place, so it sets no step.
        if (pack.IsArabic && !SeparatorTyped(m, "step", tokens, pack))
        {
            if (SplitAfterLatinName(deal, step) is not { } split)
            {
                return null;
            }

            (deal, step) = split;
            // «الخطوة التالية لـ Initech يوم الجمعة» ("next step for Initech on Friday"): only a date after the name, so the
            // step's words are asked for, as "next step for Initech by Friday" (StepDateOnly). Not after a verb typed before
            // the example («غير الخطوة التالية لـ Initech ليوم الخميس», "change … to Thursday"): that moves the booked step.
            if (SlotsAdjacent(m, "step") && ExampleOpensText(m, tokens, pack) && step.Count > 0 && SaysADate(Join(step)) && FreeText(step, folded, pack) is { } onlyDate)
            {
                return new SetNextStepCommand(DealOf(deal, pack, folded), onlyDate) { AsksWords = true };
            }
        }
        else if (WordsAfterLatinName(deal, pack) is not null)
        {
            // «الخطوة التالية لصفقة Hooli مكالمة مع القانونية» fits «… مع {deal} هي {step}» with «Hooli مكالمة» for the deal:
            // Arabic words after a Latin name are no part of it, so another reading is tried.
            return null;
        }

        // "next step for Initech on Monday: send the deck": the day said after the name is the step's.
        var named = WithoutEndingDate(deal);
        if (named.Count < deal.Count && named.Count > 0 && FreeText(step, folded, pack) is { } beforeDay && folded.Span([.. deal.Skip(named.Count)]) is { Length: > 0 } day)
        {
            return new SetNextStepCommand(DealOf(named, pack, folded), beforeDay + " " + day);
        }

        return FreeText(step, folded, pack) is { } text ? new SetNextStepCommand(DealOf(deal, pack, folded), text) : null;
    }

    /// <summary>
    /// True when the word the example writes right before the slot <paramref name="name"/> («:», «هي» before a step,
    /// «بسبب» before a reason) was typed there; false when the example writes the slot right after another
    /// («… ل {deal} {step}») or that word was left out.
    /// </summary>
    private static bool SeparatorTyped(IntentMatch m, string name, IReadOnlyList<Token> tokens, LanguagePack pack) =>
        ExampleWordBefore(m, name) is { } word && TypedBefore(m.Slot(name), tokens) is { } typed
        && string.Equals(typed.Canon, pack.Canonical(LanguagePack.Lower(word)), StringComparison.Ordinal);

    /// <summary>True when the text opens with the example's first word (no verb or filler typed before it).</summary>
    private static bool ExampleOpensText(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack) =>
        m.Example.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] && !first.StartsWith('{') && tokens.Count > 0
        && string.Equals(tokens[0].Canon, pack.Canonical(LanguagePack.Lower(first)), StringComparison.Ordinal);

    /// <summary>The word the example writes right before the slot <paramref name="name"/>; null when it writes another slot there or none.</summary>
    private static string? ExampleWordBefore(IntentMatch m, string name)
    {
        var parts = m.Example.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(parts, "{" + name + "}");
        return at > 0 && !parts[at - 1].StartsWith('{') ? parts[at - 1] : null;
    }

    /// <summary>The typed word right before a slot's first; null for an empty slot or one that opens the text.</summary>
    private static Token? TypedBefore(IReadOnlyList<Token> slot, IReadOnlyList<Token> tokens) =>
        slot.Count > 0 && IndexOf(tokens, slot[0]) is > 0 and var at ? tokens[at - 1] : (Token?)null;

    /// <summary>True when the example writes the slot <paramref name="name"/> right after its deal's («… ل {deal} {step}»).</summary>
    private static bool SlotsAdjacent(IntentMatch m, string name) => m.Example.Contains("{deal} {" + name + "}", StringComparison.Ordinal);

    /// <summary>
    /// Two slots the example writes one after the other («الخطوة التالية ل {deal} {step}», «أرسلت ل {deal} {about}»): in
    /// Arabic a deal's name in Latin letters ends where Arabic words start, so the slots are cut there, wherever the
    /// aligner cut them. Null when the words have no such place: an Arabic name may go on in Arabic words («مؤسسة
    /// الأفق»), and nothing is guessed.
    /// </summary>
    private static (IReadOnlyList<Token> Deal, IReadOnlyList<Token> Tail)? SplitAfterLatinName(IReadOnlyList<Token> deal, IReadOnlyList<Token> rest)
    {
        List<Token> both = [.. deal, .. rest];
        for (var i = 1; i < both.Count; i++)
        {
            if (both[i].Original.Any(ArabicText.IsArabicLetter) && IsLatinName(both[i - 1]))
            {
                return (both[..i], both[i..]);
            }
        }

        return null;
    }

    /// <summary>
    /// «أرسلت لمؤسسة الأفق العرض»: an Arabic name may go on in Arabic words, but not in one of <c>activity_sent_things</c>
    /// (the offer, the contract, the quote…), with or without its article; the slots are cut before the first such word
    /// after the name's first. With none, all the words are the name's («أرسلت لشركة النخبة للتجارة»): where the aligner
    /// cut two slots of Arabic words is a guess. Null unless every word is Arabic.
    /// </summary>
    private static (IReadOnlyList<Token> Deal, IReadOnlyList<Token> Tail)? SplitBeforeSentThing(IReadOnlyList<Token> deal, IReadOnlyList<Token> rest, LanguagePack pack)
    {
        var things = pack.Words("activity_sent_things");
        List<Token> both = [.. deal, .. rest];
        if (!pack.IsArabic || !both.All(t => t.Original.All(ArabicText.IsArabicLetter)))
        {
            return null;
        }

        for (var i = 1; i < both.Count; i++)
        {
            if (things.Contains(both[i].Canon) || ArabicText.WithoutPrefixes(both[i].Lower, 3).Any(things.Contains))
            {
                return (both[..i], both[i..]);
            }
        }

        return (both, []);
    }

    /// <summary>
    /// An Arabic deal slot cut where its name in Latin letters ends, when what follows is more than words that end a
    /// deal's slot («… Initech الحين»); null otherwise.
    /// </summary>
    private static (IReadOnlyList<Token> Deal, IReadOnlyList<Token> Tail)? WordsAfterLatinName(IReadOnlyList<Token> deal, LanguagePack pack) =>
        pack.IsArabic && SplitAfterLatinName(deal, []) is { } split && split.Tail.Any(t => !pack.Words("deal_trailing").Contains(t.Canon)) ? split : null;

    private static bool IsLatinName(Token token) => token.Original.Any(char.IsAsciiLetterOrDigit) && !token.Original.Any(ArabicText.IsArabicLetter);

    /// <summary>
    /// «الخطوة التالية لـ Initech إرسال العقد يوم الاثنين» fits «الخطوة التالية ل {deal}» with the step in the deal's slot:
    /// a reading that names the step (<c>step_nouns</c>) with Arabic words after a Latin name, not a question and not only
    /// words that end a deal's slot («… Initech الحين»), sets the step; another reading («… ل {deal} {step}») is tried.
    /// An Arabic name may go on in Arabic words, so it keeps them.
    /// </summary>
    private static bool StepAfterLatinName(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var nouns = pack.Words("step_nouns");
        if (!pack.IsArabic || nouns.Count == 0 || SplitAfterLatinName(m.Slot("deal"), []) is not { } split
            || !ExampleWords(m).Any(w => nouns.Contains(pack.Canonical(w))))
        {
            return false;
        }

        // «… Initech الحين», «… Initech اليوم» ("now", "today") ask what is next; they set no step.
        var questions = pack.Words("change_questions");
        var trailing = pack.Words("deal_trailing");
        var days = pack.Words("due_today").Concat(pack.Words("due_tomorrow")).ToHashSet(StringComparer.Ordinal);
        return !OutsideSlots(m, tokens).Any(t => questions.Contains(t.Lower) || questions.Contains(t.Canon))
            && split.Tail.Any(t => !trailing.Contains(t.Canon) && !days.Contains(t.Lower));
    }

    /// <summary>
    /// "which deals went quiet", "deals that went dark" fit "{deal} went quiet" with "which deals" for the deal: asked about
    /// deals in general (<c>which_deals</c>), so another reading is tried.
    /// </summary>
    private static bool AsksWhichDeals(IReadOnlyList<Token> deal, LanguagePack pack)
    {
        var which = pack.Words("which_deals");
        return deal.SkipWhile(t => which.Contains(t.Canon)).FirstOrDefault() is { Canon: { } noun } && pack.Words("deals_nouns").Contains(noun);
    }

    /// <summary>
    /// "Oceanic is not now, maybe next year" fits "{deal} next": when every "next" typed comes before a period's unit
    /// ("next year", "next week") it is a time, not the command's word, so another reading is tried.
    /// </summary>
    private static bool NextIsATime(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        // The typed words first: almost every "next" is followed by a deal, and the example need not be read then.
        var next = pack.Words("next_as_time");
        var said = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (next.Contains(tokens[i].Canon))
            {
                if (i + 1 == tokens.Count || !pack.PeriodUnits.ContainsKey(tokens[i + 1].Canon))
                {
                    return false;
                }

                said = true;
            }
        }

        return said && Sentence.Tokenize(m.Example).Any(t => next.Contains(t.Lower));
    }

    /// <summary>
    /// What's next for the deal, its name without a period typed after it («كيف حال Initech هالشهر», "what's next for
    /// Oceanic tomorrow"). The period, or one among the words the example had no place for ("how's EMEA looking this
    /// quarter" read as "how's {deal} looking"), is kept for when the name is a team's (<see cref="WhatsNextCommand.TeamPeriod"/>).
    /// </summary>
    private static WhatsNextCommand NextWithItsPeriod(IReadOnlyList<Token> deal, IntentMatch m, LanguagePack pack, Typed folded)
    {
        var (slot, end) = WithoutEndingPeriod(WithoutEndingDate(WithoutMeeting(deal, pack)), pack);
        var period = m.Extras.Count > 0 && Window(m.Extras, pack) is { Used.Count: > 0 } outside ? outside : default;
        period = period.Used is { Count: > 0 } || end.Count == 0 ? period : Window(end, pack);
        return new WhatsNextCommand(DealOf(slot, pack, folded))
        {
            TeamPeriod = period.Used is { Count: > 0 } ? new PipelineCommand(null, period.Days, period.Period) : null,
        };
    }

    /// <summary>"that", "the last one", «آخر تأكيد»: an undo's item made only of words pointing at the latest confirmation.</summary>
    private static bool PointsAtTheLatest(IReadOnlyList<Token> item, LanguagePack pack)
    {
        var pointers = pack.Words("undo_last_words");
        return item.Count > 0 && item.All(t => pointers.Contains(t.Canon) || pointers.Contains(t.Lower));
    }

    /// <summary>
    /// "the next step", "my last note", «المكالمة»: an undo's item made of words naming one kind of act (a next step, a note, a
    /// logged activity) and words pointing at the latest; null when it names an item, or no kind, or more than one. With
    /// <paramref name="anyWord"/>, the whole sentence less its deal: the kind its words name, other words ignored.
    /// </summary>
    private static UndoTarget? UndoKind(IReadOnlyList<Token> item, LanguagePack pack, bool anyWord = false)
    {
        var pointers = pack.Words("undo_last_words");
        // A call, a meeting, an email is also an activity: their own lists come first, so "my last call" names only calls
        // and "undo the email" only emails (it withdrew a meeting logged after it).
        (string Words, UndoTarget Target)[] kinds =
        [
            ("undo_confirmation_words", UndoTarget.Confirmation), ("undo_step_words", UndoTarget.NextStep), ("undo_note_words", UndoTarget.Note),
            ("undo_call_words", UndoTarget.Call), ("undo_meeting_words", UndoTarget.Meeting), ("undo_email_words", UndoTarget.Email),
            ("undo_activity_words", UndoTarget.Activity),
        ];
        var named = new HashSet<UndoTarget>();
        foreach (var token in item)
        {
            var kind = kinds.Where(k => pack.Words(k.Words).Contains(token.Canon) || pack.Words(k.Words).Contains(token.Lower)).Select(k => (UndoTarget?)k.Target).FirstOrDefault();
            if (kind is { } k)
            {
                named.Add(k);
            }
            else if (!anyWord && !pointers.Contains(token.Canon) && !pointers.Contains(token.Lower))
            {
                return null;
            }
        }

        return named.Count == 1 ? named.Single() : null;
    }

    /// <summary>"demo held and requirements listed", "#1, #2": one text per item.</summary>
    private static List<string> Items(IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var separators = pack.Words("item_separators");
        var filler = pack.Words("item_filler");
        var items = new List<string>();
        var current = new List<Token>();
        foreach (var token in tokens)
        {
            var separator = separators.Contains(token.Canon);
            if (separator || (token.CommaBefore && current.Count > 0))
            {
                Add();
            }

            if (!separator)
            {
                current.Add(token);
            }
        }

        Add();
        return items;

        void Add()
        {
            var item = Join(Trim(current, filler, filler));
            if (item.Length > 0)
            {
                items.Add(item);
            }

            current.Clear();
        }
    }
}
