namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// A deal's history and people's acts, from an example's slots: "history of Initech last week", "who moved
/// Initech", "what did Dana do this week", «نشاط Initech»: the deal, the person and the period asked about.
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>
    /// "what did I do this week", «شو عملت هالأسبوع», "what did Dana do today", "what did I confirm": the period read as the
    /// moves list reads it, "today" and "yesterday" as the team's day; a name in the person's slot asks for someone else's
    /// acts ("I", «أنا» name no one); a word of <c>acts_confirm</c> narrows them to confirmations.
    /// </summary>
    private static MyActsCommand? Acts(IntentMatch m, IReadOnlyList<Token> tokens, Typed folded, LanguagePack pack)
    {
        // "the weather is nice today" fits "{person}'s day" by its day alone: no act asked about, another reading; nor is
        // «وش تحرك آخر أسبوع» ("what moved"), which the moves list answers.
        if ((!AnyWordOf(tokens, pack, "acts_words") && !AnyWordOf(tokens, pack, "acts_confirm")) || AnyWordOf(tokens, pack, "moves_asked") || AnyWordOf(tokens, pack, "moves_words"))
        {
            return null;
        }

        var (days, period, used) = Window(tokens, pack);
        ActsDay? day = null;
        if (days is null && period is null)
        {
            var today = tokens.Where(t => pack.Words("due_today").Contains(t.Canon) || pack.Words("due_today").Contains(t.Lower)).ToList();
            var yesterday = tokens.Where(t => pack.Words("day_yesterday").Contains(t.Canon) || pack.Words("day_yesterday").Contains(t.Lower)).ToList();
            day = today.Count > 0 ? ActsDay.Today : yesterday.Count > 0 ? ActsDay.Yesterday : null;
            used.UnionWith(today.Concat(yesterday));
        }

        // "what did Dana confirm this week" fits "did {person} do this week" with "confirm" in the slot: no part of the name.
        var person = m.HasSlot("person")
            ? OwnerOf([.. m.Slot("person").Where(t => !used.Contains(t) && !pack.Words("acts_confirm").Contains(t.Canon) && !pack.Words("acts_confirm").Contains(t.Lower))], pack, folded)
            : ActsOwnerInExtras(m, tokens, used, pack, folded);
        // "what did the team do this week", "who hasn't logged anything": no one named, and a team's word (acts_team) asks
        // for every member.
        return new MyActsCommand(days, period, day, person, AnyWordOf(tokens, pack, "acts_confirm"))
        {
            WholeTeam = person is null && AnyWordOf(tokens, pack, "acts_team"),
        };
    }

    /// <summary>
    /// "activity for Dana this month" fits "my activity this month" with "for Dana" left over: the words the example had no
    /// place for after a word of <c>acts_owner_openers</c>, the period aside, name whose acts ("my activity for this week" none).
    /// </summary>
    private static string? ActsOwnerInExtras(IntentMatch m, IReadOnlyList<Token> tokens, HashSet<Token> used, LanguagePack pack, Typed folded)
    {
        bool Extra(Token t) => !used.Contains(t) && m.Extras.Any(e => e.Start == t.Start);
        if (AnyWordOf(tokens, pack, "mine_words"))
        {
            return null;
        }

        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (pack.Words("acts_owner_openers").Contains(tokens[i].Canon) && Extra(tokens[i]))
            {
                var person = tokens.Skip(i + 1).TakeWhile(Extra).ToList();
                return person.Count == 0 ? null : OwnerOf(person, pack, folded);
            }
        }

        return null;
    }

    /// <summary>
    /// «هل أسجل Globex خاسرة؟» ("should I mark Globex lost?") fits «هل {deal} خاسرة» with «أسجل Globex» in the slot: a
    /// verb of <c>advice_questions</c> opening the slot asks for advice, not for what happened, and is answered as
    /// "should I mark Globex lost?" is. Otherwise the deal's history.
    /// </summary>
    private static ChatCommand? History(IntentMatch m, IReadOnlyList<Token> tokens, Typed folded, LanguagePack pack)
    {
        var slot = m.Slot("deal");
        // "how did we do in the third quarter" fits "what did we do on {deal}": a quarter or month is no deal; another reading.
        if (IsAPeriod(slot, pack))
        {
            return null;
        }

        var advice = pack.Words("advice_questions");
        if (slot is [var first, ..] && advice.Contains(first.Lower))
        {
            var deal = WithoutGluedStage(slot.SkipWhile(t => advice.Contains(t.Lower)).ToList(), pack);
            var help = new UnknownCommand(folded.Raw);
            return deal.Count == 0 ? help : new ChangeQuestionCommand(DealOf(deal, pack, folded), help, Advice: true);
        }

        // "activity for Dana" fits "activity log for {deal}" without its "log": a person's acts this week (as "activity for
        // Dana this week"), or the deal's history when nobody is called so (MyActsUseCase; parse56).
        if (ActsOfSomeone(m, tokens, pack, folded) is { } whose)
        {
            return new MyActsCommand(null, null, null, whose) { Otherwise = new HistoryCommand(DealOf(slot, pack, folded)) };
        }

        // "history of Initech last week", "Initech history since Monday", «سجل Initech منذ الاثنين»: only that time's entries.
        var (dealWords, period, extras) = HistoryPeriod(slot, m.Extras, pack);

        // "history of Initech by Dana", "Initech history from Dana", «سجل Initech من دانا»: the words after a word of
        // history_person_openers, in the deal's slot or after the example's words, are whose entries (parse56). A deal
        // called "Made by Hand" is split so too: the whole words go along, and the use case keeps them when they name a deal.
        var person = m.HasSlot("person") ? OwnerOf(m.Slot("person"), pack, folded) : null;
        DealReference? whole = null;
        if (person is null && HistoryBy(dealWords, extras, pack, folded) is var (named, by))
        {
            whole = HistoryDeal(dealWords.Concat(extras.Where(t => dealWords.Count > 0 && t.Start > dealWords[^1].Start)).ToList(), pack, folded);
            (dealWords, person) = (named, by);
        }

        return new HistoryCommand(HistoryDeal(dealWords, pack, folded)) { PersonName = person, Period = period, Whole = whole };
    }

    /// <summary>
    /// A history's deal from its words. "what changed on Initech this week" said before periods were read: a time after the
    /// name ends it; «متى انتقلت Fabrikam للعرض»: and the stage it went to.
    /// </summary>
    private static DealReference HistoryDeal(IReadOnlyList<Token> words, LanguagePack pack, Typed folded) =>
        DealOf(WithoutGluedStage(WithoutEndingPeriod(WithoutEndingDate(Asked(words, pack)), pack).Deal, pack), pack, folded);

    /// <summary>
    /// "history of Initech last week" (the period ends the deal's slot), "Initech history since Monday" (it follows the
    /// example's words): the deal's words without the period, the period read as the other commands read theirs, and the
    /// extras without it. No period: the words as they came.
    /// </summary>
    private static (IReadOnlyList<Token> Deal, SaidPeriod? Period, IReadOnlyList<Token> Extras) HistoryPeriod(
        IReadOnlyList<Token> slot, IReadOnlyList<Token> extras, LanguagePack pack)
    {
        if (slot.Count == 0)
        {
            return (slot, null, extras);
        }

        var trailing = extras.Where(t => t.Start > slot[^1].Start).ToList();
        if (trailing.Count > 0 && SaidPeriodOf(trailing, pack) is { } after)
        {
            return (slot, after, [.. extras.Except(trailing)]);
        }

        for (var start = Math.Max(1, slot.Count - 4); start < slot.Count; start++)
        {
            if (SaidPeriodOf([.. slot.Skip(start)], pack) is { } ending)
            {
                return ([.. slot.Take(start)], ending, extras);
            }
        }

        return (slot, null, extras);
    }

    /// <summary>
    /// "activity for Dana", «نشاط دانا»: a word of <c>acts_person_nouns</c> first, then (in English) a word of
    /// <c>acts_owner_openers</c>, then the slot to the end, which may name a person. Null for any other wording
    /// ("activity log for Initech", "history of Dana").
    /// </summary>
    private static string? ActsOfSomeone(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack, Typed folded)
    {
        var slot = m.Slot("deal");
        var before = tokens.TakeWhile(t => slot.Count > 0 && t.Start < slot[0].Start).ToList();
        var opened = before switch
        {
            [var noun] => pack.IsArabic && pack.Words("acts_person_nouns").Contains(noun.Canon),
            [var noun, var opener] => pack.Words("acts_person_nouns").Contains(noun.Canon) && pack.Words("acts_owner_openers").Contains(opener.Canon),
            _ => false,
        };
        return opened && slot[^1].Start == tokens[^1].Start ? OwnerOf(slot, pack, folded) : null;
    }

    /// <summary>
    /// "history of Initech by Dana" (the deal's slot "Initech by Dana"), "Initech history from Dana" ("from Dana" after the
    /// example's words): the deal's words before the last word of <c>history_person_openers</c>, and the person after it.
    /// Null when no such word splits them, or what follows names no one (a period: "from last week").
    /// </summary>
    private static (IReadOnlyList<Token> Deal, string Person)? HistoryBy(IReadOnlyList<Token> slot, IReadOnlyList<Token> extras, LanguagePack pack, Typed folded)
    {
        var openers = pack.Words("history_person_openers");
        bool Opens(Token t) => openers.Contains(t.Lower) || openers.Contains(t.Canon);
        if (slot.Count == 0)
        {
            return null;
        }

        var trailing = extras.Where(t => t.Start > slot[^1].Start).ToList();
        if (trailing is [var opener, _, ..] && Opens(opener) && OwnerOf([.. trailing.Skip(1)], pack, folded) is { } after)
        {
            return (slot, after);
        }

        var at = slot.ToList().FindLastIndex(Opens);
        return at > 0 && at < slot.Count - 1 && OwnerOf([.. slot.Skip(at + 1)], pack, folded) is { } named
            ? ([.. slot.Take(at)], named)
            : null;
    }

    /// <summary>
    /// A history question's deal without the verb of the change it asks about: «هل أعتبر Globex خاسرة؟» fits «هل {deal}
    /// خاسرة» with «أعتبر Globex» in the slot, «مين حرك Hooli» («who moved …») «مين غير {deal}» with «حرك Hooli». Only the
    /// verbs of <c>branch_explicit</c> (mark, set, «اعتبر», «صنف»…) and <c>asked_verbs</c>, and an activity's ("when did we last
    /// call Hooli", «متى آخر مرة اتصلنا بـ Hooli» fit "… talk to {deal}", «… كلمنا {deal}» with the call in the slot), and only
    /// from a slot of two words or more.
    /// </summary>
    private static IReadOnlyList<Token> Asked(IReadOnlyList<Token> deal, LanguagePack pack)
    {
        bool Verb(Token t) => pack.Words("branch_explicit").Contains(t.Canon) || pack.Words("asked_verbs").Contains(t.Canon) || ActivityKindOf(t, pack) is not null;
        return deal is [var first, _, ..] && Verb(first) ? [.. deal.SkipWhile(Verb)] : deal;
    }
}
