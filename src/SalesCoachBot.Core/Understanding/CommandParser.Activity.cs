using SalesCoachBot.Core.Dates;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Logged calls and meetings ("called Initech yesterday about pricing", «اتصلت بـ Initech أمس»): the kind of
/// activity, its day and time read off the end, the buyer and meeting words taken out of the deal's name, and
/// what the call was about.
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>"called Initech", "met Globex today", "emailed the proposal to Acme yesterday": the verb says the kind.</summary>
    private static LogActivityCommand? Activity(IntentMatch m, IReadOnlyList<Token> tokens, Typed folded, LanguagePack pack)
    {
        // «أرسلت إيميل لـ Initech» ("sent an e-mail to …"): a call, meeting or e-mail named anywhere says the kind; a bare
        // "sent" or "shared" is another activity only when none is.
        var kind = (Domain.ActivityKind?)null;
        var other = false;
        foreach (var token in tokens)
        {
            var named = ActivityKindOf(token, pack);
            other |= named == Domain.ActivityKind.Other;
            kind ??= named == Domain.ActivityKind.Other ? null : named;
        }

        kind ??= other ? Domain.ActivityKind.Other : null;

        // "called Acme: left a voicemail" fits "left {deal} a voicemail" with the deal "called Acme: left": an example's
        // opening words are typed before its deal, so a deal taken from the very first word is another reading's.
        if (m.Slot("deal") is [var opens, ..] && opens.Start == tokens[0].Start && !m.Example.StartsWith('{'))
        {
            return null;
        }

        // "when's the next meeting with Globex": a meeting to come is the deal's next step, not one to log.
        if (OutsideSlots(m, tokens).Any(t => pack.Words("next_as_time").Contains(t.Canon)))
        {
            return null;
        }

        var dealSlot = m.Slot("deal");
        var aboutSlot = m.Slot("about");
        // «أرسلت لـ Acme العرض» («أرسلت ل {deal} {about}»): what was sent starts where the Latin name ends, or, after an
        // Arabic name, at a word naming a thing sent («أرسلت لمؤسسة الأفق العرض»).
        if (SlotsAdjacent(m, "about") && (SplitAfterLatinName(dealSlot, aboutSlot) ?? SplitBeforeSentThing(dealSlot, aboutSlot, pack)) is { } split)
        {
            (dealSlot, aboutSlot) = split;
        }

        // "called Initech yesterday at 3pm", «اتصلت بـ Initech امبارح الساعة 3 العصر»: a clock time ending the deal's words is
        // when it happened, not part of the name (nor, after "at", a place).
        var dealWords = WithoutBuyer(dealSlot, pack);
        var clock = EndsWithOpenedPart(dealWords, pack) ? null : TakeTrailingTime(dealWords);
        ActivityDay? dayAfterClock = null;
        if (clock is null && dealWords.ToList() is var trial && TakeTrailingDay(trial, pack) is { } after && TakeTrailingTime(trial) is { } before)
        {
            (clock, dayAfterClock, dealWords) = (before, after, trial); // "… at 3pm yesterday"
        }

        var (deal, said) = ActivitySummary(dealWords, folded, pack);
        // «بعثت لـ Initech إيميل امس» fits «بعثت إيميل ل {deal}» with «امس» ("yesterday") for the deal: a day is no deal.
        if (deal is [var only] && DayWord(only, pack) is not null)
        {
            return null;
        }

        Dates.DayPart? part = null;
        var day = dayAfterClock ?? TakeTrailingDay(deal, pack, out part) ?? EndingDay(m, tokens, pack) ?? ActivityDay.Now;
        var aboutWords = aboutSlot.ToList();
        clock ??= EndsWithOpenedPart(aboutWords, pack) ? null : TakeTrailingTime(aboutWords);
        var about = ActivityObject(aboutWords, tokens, folded, pack, ref day, ref part);
        return kind is null || deal.Count == 0 ? null : new LogActivityCommand(DealOf(deal, pack, folded), kind.Value, day, about ?? said)
        {
            Clock = clock,
            Part = clock is null ? part : null, // "this morning at 9:30": the time says more
        };
    }

    /// <summary>
    /// "… at 3pm", "… 15:30", «… الساعة 3 العصر» ending words that keep at least one: taken off them, as the clock time said.
    /// The longest run of up to four words that is only a time (<see cref="DateInWords.ReadTime"/>).
    /// </summary>
    private static TimeOnly? TakeTrailingTime(List<Token> words)
    {
        for (var start = Math.Max(1, words.Count - 4); start < words.Count; start++)
        {
            if (DateInWords.ReadTime(Join(words.Skip(start))) is { } time)
            {
                words.RemoveRange(start, words.Count - start);
                return time;
            }
        }

        return null;
    }

    private static ActivityDay? TakeTrailingDay(List<Token> words, LanguagePack pack) => TakeTrailingDay(words, pack, out _);

    /// <summary>
    /// "… today", "… yesterday" ending a slot of more than one word: taken off it, as the activity's day. So is a part of
    /// a day after its day ("… yesterday afternoon") or after a word of <c>day_part_today</c> ("… this morning": today),
    /// given as <paramref name="part"/> (<c>day_part_morning</c>, <c>…_afternoon</c>, <c>…_evening</c>).
    /// </summary>
    private static ActivityDay? TakeTrailingDay(List<Token> words, LanguagePack pack, out Dates.DayPart? part)
    {
        part = null;
        if (words.Count >= 3 && pack.Words("day_parts").Contains(words[^1].Lower))
        {
            var dayOfPart = pack.Words("day_part_today").Contains(words[^2].Lower) ? ActivityDay.Today : DayWord(words[^2], pack);
            if (dayOfPart is not null)
            {
                part = PartOf(words[^1], pack);
                words.RemoveRange(words.Count - 2, 2);
                // "… earlier this morning"
                if (words.Count >= 2 && pack.Words("day_part_today").Contains(words[^1].Lower))
                {
                    words.RemoveAt(words.Count - 1);
                }

                return dayOfPart;
            }
        }

        var day = words.Count < 2 ? null : DayWord(words[^1], pack);
        // «اتصلت على Wonka الصبح» ("… in the morning"), "met Globex tonight": a part of the day said alone is today's.
        if (day is null && words.Count >= 2 && pack.Words("day_parts_alone").Contains(words[^1].Lower))
        {
            day = ActivityDay.Today;
            part = PartOf(words[^1], pack);
        }

        if (day is not null)
        {
            words.RemoveAt(words.Count - 1);
            // «… بعد الظهر» ("after noon"): the word that opens the part goes with it, and a day said before them is its day.
            if (part is not null && words.Count >= 2 && pack.Words("day_part_openers").Contains(words[^1].Lower))
            {
                words.RemoveAt(words.Count - 1);
            }

            if (part is not null && words.Count >= 2 && DayWord(words[^1], pack) is { } before)
            {
                words.RemoveAt(words.Count - 1);
                day = before;
            }
        }

        return day ?? TakeThisWeek(words, pack);
    }

    /// <summary>«… بعد الظهر» ("after noon"): a part of the day, though «الظهر» alone reads as the clock time noon.</summary>
    private static bool EndsWithOpenedPart(List<Token> words, LanguagePack pack) =>
        words.Count >= 3 && pack.Words("day_part_openers").Contains(words[^2].Lower) && PartOf(words[^1], pack) is not null;

    /// <summary>The part of the day a word says: <c>day_part_morning</c>, <c>day_part_afternoon</c>, <c>day_part_evening</c>.</summary>
    private static Dates.DayPart? PartOf(Token token, LanguagePack pack) =>
        pack.Words("day_part_morning").Contains(token.Lower) ? Dates.DayPart.Morning
        : pack.Words("day_part_afternoon").Contains(token.Lower) ? Dates.DayPart.Afternoon
        : pack.Words("day_part_evening").Contains(token.Lower) ? Dates.DayPart.Evening
        : null;

    /// <summary>
    /// "met with Hooli this week", «قابلت Initech هذا الأسبوع»: a day this week but not which one. Taken off the deal's
    /// words; the activity is logged now, as one said without a day is. "last week" is left alone: logged now, it would
    /// count as activity the deal did not have this week.
    /// </summary>
    private static ActivityDay? TakeThisWeek(List<Token> words, LanguagePack pack)
    {
        bool Week(Token t) => (pack.PeriodUnits.TryGetValue(t.Canon, out var days) || pack.PeriodUnits.TryGetValue(ArabicText.WithoutArticle(t.Canon), out days)) && days == 7;
        var current = pack.Words("window_current");
        if (words.Count < 3 || !Week(words[^1]) || !current.Contains(words[^2].Canon))
        {
            return null;
        }

        words.RemoveRange(words.Count - 2, 2);
        if (words.Count >= 2 && pack.Words("day_part_today").Contains(words[^1].Lower))
        {
            words.RemoveAt(words.Count - 1); // "… earlier this week"
        }

        return ActivityDay.Now;
    }

    /// <summary>
    /// "what's next for Oceanic next week", «وش التالي لـ Oceanic بكرة»: a date ending the deal's slot is no part of its name
    /// (a deal's checklist is the same whichever day it is asked about). Read against any day: only whether the words
    /// are a date matters.
    /// </summary>
    /// <summary>
    /// "when's the next meeting with Globex" fits "what's next {deal?}" with "meeting with Globex" for the deal: a call or
    /// meeting "with" or "at" someone names what is next with them, not part of their name.
    /// </summary>
    private static IReadOnlyList<Token> WithoutMeeting(IReadOnlyList<Token> slot, LanguagePack pack) =>
        slot is [var kind, var with, _, ..] && ActivityKindOf(kind, pack) is Domain.ActivityKind.Call or Domain.ActivityKind.Meeting
            && pack.Words("activity_meeting_with").Contains(with.Canon)
            ? [.. slot.Skip(2)]
            : slot;

    private static IReadOnlyList<Token> WithoutEndingDate(IReadOnlyList<Token> slot)
    {
        for (var start = Math.Max(1, slot.Count - 4); start < slot.Count; start++)
        {
            // A number alone may end a name ("Phase 2"); a date said after a deal has a word ("tomorrow", "next week") or a
            // slash (a reminder's "10/12", kept whole by WholeNumericDates).
            var words = Join(slot.Skip(start));
            if ((words.Any(char.IsLetter) || words.Contains('/', StringComparison.Ordinal)) && SaysADate(words))
            {
                return [.. slot.Take(start)];
            }
        }

        return slot;
    }

    private static Domain.ActivityKind? ActivityKindOf(Token token, LanguagePack pack) =>
        pack.Words("activity_call").Contains(token.Canon) ? Domain.ActivityKind.Call
        : pack.Words("activity_meeting").Contains(token.Canon) ? Domain.ActivityKind.Meeting
        : pack.Words("activity_email").Contains(token.Canon) ? Domain.ActivityKind.Email
        : pack.Words("activity_other").Contains(token.Canon) ? Domain.ActivityKind.Other
        : null;

    /// <summary>
    /// "the buyer at Globex said no", "called the CFO at Initech": the people of the deal before its name (<c>buyer_words</c>)
    /// are no part of it. Nothing else ("they said no", "called the buyer") is the chat's deal.
    /// </summary>
    private static List<Token> WithoutBuyer(IReadOnlyList<Token> slot, LanguagePack pack) =>
        [.. slot.SkipWhile(t => pack.Words("buyer_words").Contains(t.Canon))];

    /// <summary>"gave Lamna a demo yesterday": a day word ending the text after the example's own words, in no slot.</summary>
    private static ActivityDay? EndingDay(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack) =>
        tokens is [.., var last] && !InASlot(m, last) ? DayWord(last, pack) : null;

    private static ActivityDay? DayWord(Token token, LanguagePack pack) =>
        pack.Words("day_today").Contains(token.Lower) ? ActivityDay.Today
        : pack.Words("day_yesterday").Contains(token.Lower) ? ActivityDay.Yesterday
        : null;

    /// <summary>
    /// What was sent, as typed: "emailed the proposal to Acme", "emailed Acme the proposal" (its determiner kept, though the
    /// example holds it as a word); a day word ending it ("… the deck yesterday") is the activity's day.
    /// </summary>
    private static string? ActivityObject(
        IReadOnlyList<Token> slot, IReadOnlyList<Token> tokens, Typed folded, LanguagePack pack, ref ActivityDay day, ref Dates.DayPart? part)
    {
        var about = slot.ToList();
        if (about.Count == 0)
        {
            return null;
        }

        if (TakeTrailingDay(about, pack, out var said) is { } ending)
        {
            (day, part) = (ending, said);
        }
        // "gave Lamna a demo": the demo is the meeting being logged, not something sent.
        if (about.All(t => ActivityKindOf(t, pack) is not null))
        {
            return null;
        }

        var first = IndexOf(tokens, about[0]);
        if (first > 0 && pack.Words("activity_object_openers").Contains(tokens[first - 1].Canon))
        {
            about.Insert(0, tokens[first - 1]);
        }

        var text = folded.Span(about);
        return text.Length > 0 ? text : null;
    }

    /// <summary>
    /// "called Globex, they want a discount", "met Initech: demo went well", "spoke with Globex about pricing",
    /// «اتصلت بـ Globex بخصوص الخصم»: what was said follows the deal after a comma, a colon or a word of
    /// <c>activity_about</c>, and is kept as typed. A dash does not split: deal names carry dashes ("Acme Corp - EU rollout").
    /// «كلمت Globex وطلبوا خصم»: an Arabic word with «و» ("and") glued on, right after a name in Latin letters, opens what
    /// was said too, without its «و»; an Arabic name may hold such a word («الأمل والنور»), so only a Latin one ends there.
    /// </summary>
    private static (List<Token> Deal, string? Said) ActivitySummary(IReadOnlyList<Token> slot, Typed folded, LanguagePack pack)
    {
        var about = pack.Words("activity_about");
        for (var i = 1; i < slot.Count; i++)
        {
            var token = slot[i];
            // «… وطلبوا عرض» ("and they asked for …"): a verb of "they" (ending «وا») glued to «و» starts what was said after an
            // Arabic name too; a name's own words are not said by "they".
            if (pack.IsArabic && token.Original.Length > 2 && token.Original[0] == '\u0648' && ArabicText.IsArabicLetter(token.Original[1])
                && (LatinNameEndsBefore(slot, i, pack) || (token.Lower.Length >= 5 && token.Lower.EndsWith("\u0648\u0627", StringComparison.Ordinal))))
            {
                return ([.. slot.Take(i)], folded.From(token.Start + 1));
            }

            // «شفت ناس Fabrikam في المعرض» ("… at the fair"): after a name in Latin letters, «في» says where it was.
            if (pack.Words("activity_place_openers").Contains(token.Lower) && i + 1 < slot.Count && LatinNameEndsBefore(slot, i, pack))
            {
                return ([.. slot.Take(i)], folded.From(token.Start));
            }

            // "met the Initech team for lunch", "spoke to the Fabrikam CFO about pricing": the deal's people after its name
            // end it (activity_people); the words after them, less an "about", are what was said. Only a day or the
            // activity's kind after them ("met the Soylent team onsite today") is read as before.
            var from = i + 1 < slot.Count && about.Contains(slot[i + 1].Canon) ? i + 2 : i + 1;
            if (pack.Words("activity_people").Contains(token.Canon) && (from >= slot.Count || !slot.Skip(from).All(t => ActivityKindOf(t, pack) is not null
                || DayWord(t, pack) is not null || pack.Words("day_parts").Contains(t.Lower) || pack.Words("day_part_today").Contains(t.Lower))))
            {
                return ([.. slot.Take(i)], FreeText([.. slot.Skip(from)], folded, pack));
            }

            var colon = token.Canon == ":" && token.Original == ":";
            if (!colon && !token.CommaBefore && !about.Contains(token.Canon))
            {
                continue;
            }

            var rest = colon || about.Contains(token.Canon) ? i + 1 : i;
            var said = rest < slot.Count ? FreeText([.. slot.Skip(rest)], folded, pack) : null;
            return ([.. slot.Take(i)], said);
        }

        return ([.. slot], null);
    }

    /// <summary>The word before <paramref name="index"/>, or before a day word there («Initech اليوم وقالوا …»), is in Latin letters.</summary>
    private static bool LatinNameEndsBefore(IReadOnlyList<Token> slot, int index, LanguagePack pack)
    {
        var before = index - 1;
        if (before > 0 && DayWord(slot[before], pack) is not null)
        {
            before--;
        }

        return slot[before].Original.Any(char.IsAsciiLetter);
    }
}
