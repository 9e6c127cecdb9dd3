namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// The changes that carry a reason: a deal lost or told us no ("Globex lost because price"), snoozed ("snooze
/// Hooli 2 weeks because budget"), or sent down a branch ("Oceanic is not now, maybe next year"); where the deal's
/// words end and the reason starts, and a reason in quotation marks.
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>
    /// «خسرناها Globex اختاروا منافس أرخص» fits «خسرنا {deal}» with the reason in the deal's slot: in Arabic the words after
    /// a name in Latin letters are no part of it (<see cref="SplitAfterLatinName"/>), so with no reason slot they are the
    /// reason. Words that only end a deal's slot («الحين») stay there.
    /// </summary>
    private static MarkLostCommand? Lost(IntentMatch m, IReadOnlyList<Token> tokens, Typed folded, LanguagePack pack)
    {
        var deal = m.Slot("deal");
        var reason = m.Slot("reason");
        if (reason.Count == 0 && WordsAfterLatinName(deal, pack) is { } split)
        {
            (deal, reason) = split;
            // «اعتبر Globex مكسوبة لأن …» may fit «اعتبر {deal} خاسرة» with «مكسوبة …» left in the deal: won is never lost.
            if (OpensWith(reason, "won_stage", pack))
            {
                return null;
            }
        }

        // "drop Wonka, they have no budget", "we lost Acme, they went with a competitor": no deal's name has a comma in it,
        // so everything typed after one is the reason.
        if (deal.Skip(1).ToList().FindIndex(t => t.CommaBefore) is var comma and >= 0 && IndexOf(tokens, deal[comma + 1]) is var from and > 0)
        {
            (deal, reason) = ([.. deal.Take(comma + 1)], [.. tokens.Skip(from)]);
        }

        // "Wonka is dead, no budget" fits "{deal} is dead": the words after a comma that the example had no place for, typed
        // last, are the reason (the reading, not exact, is asked back).
        if (reason.Count == 0 && !m.HasSlot("reason") && m.Extras.FirstOrDefault(t => t.CommaBefore) is { Original: not null } opens
            && IndexOf(tokens, opens) is var at and > 0 && tokens.Skip(at).All(m.Extras.Contains))
        {
            reason = [.. tokens.Skip(at)];
        }

        return new MarkLostCommand(DealOf(deal, pack, folded), Reason(reason, pack, folded));
    }

    /// <summary>
    /// «خسرنا Globex راحوا لمنافس» ("we lost Globex, they went with a competitor") fits «{deal} راحوا لمنافس» with «خسرنا
    /// Globex» for the deal: a no said after a word of <c>lost_words</c> is the loss's reason, as typed from the words after
    /// the name. "Hooli is lost, went with a competitor" fits "{deal} went with {reason}": the loss is said after the name
    /// (<c>lost_news</c>), and the no after it is its reason. Null when the deal's slot neither opens nor ends with one.
    /// </summary>
    private static MarkLostCommand? LostWithANo(IntentMatch m, IReadOnlyList<Token> tokens, Typed folded, LanguagePack pack)
    {
        var slot = m.Slot("deal");
        if (slot is [_, .., var verb, var lost] && pack.Words("lost_news").Contains(verb.Canon + " " + lost.Canon)
            && IndexOf(tokens, lost) + 1 is var after && after > 0 && after < tokens.Count)
        {
            return new MarkLostCommand(DealOf([.. slot.Take(slot.Count - 2)], pack, folded), Reason([.. tokens.Skip(after)], pack, folded));
        }

        if (slot is not [var first, _, ..] || !pack.Words("lost_words").Contains(first.Canon))
        {
            return null;
        }

        var (deal, cut) = CutReason([.. slot.Skip(1)], pack);
        var from = cut.Count > 0 ? IndexOf(tokens, cut[0]) : IndexOf(tokens, slot[^1]) + 1;
        return from <= 0 || from >= tokens.Count ? null
            : new MarkLostCommand(DealOf(deal, pack, folded), Reason([.. tokens.Skip(from)], pack, folded));
    }

    /// <summary>
    /// True when a word that opens a reason (<c>deal_reason_cut</c>) stands inside the deal's slot after its first word:
    /// «سجل Fabrikam خسارة لأنهم راحوا لمنافس» fits «{deal} راحوا لمنافس», «رجّع Initech للاكتشاف عشان …» an undo's
    /// «رجع {item} في {deal}». Neither a no nor an undo gives a reason there, so another reading is tried: "wonka lost bc
    /// they went with salesforce" ("bc" is read as "because") is a loss with its reason.
    /// </summary>
    private static bool ReasonInDeal(IntentMatch m, LanguagePack pack) =>
        m.Slot("deal").Skip(1).Any(t => pack.Words("deal_reason_cut").Contains(t.Lower) || pack.Words("deal_reason_cut").Contains(t.Canon));

    /// <summary>
    /// «رجّع Initech للاكتشاف عشان العميل غير رأيه» may fit «رجع {item} في {deal}» with the deal «رأيه» and the reason in
    /// the item: an item names no reason either, so another reading (the move) is tried.
    /// </summary>
    private static bool ReasonInItem(IntentMatch m, LanguagePack pack) =>
        m.Slot("item").Skip(1).Any(t => pack.Words("deal_reason_cut").Contains(t.Lower));

    /// <summary>A reason exactly as typed (its spelling, hamza and punctuation kept), without the filler around it.</summary>
    private static string? Reason(IReadOnlyList<Token> slot, LanguagePack pack, Typed typed, string fillerSet = "reason_filler")
    {
        var filler = pack.Words(fillerSet);
        var reason = typed.Span(Trim(slot, filler, filler), punctuated: true);
        return reason.Length > 0 ? reason : null;
    }

    /// <summary>
    /// "snooze Initech 3 days because …", "أجّل Initech ٣ أيام لأن …", "اجل Initech لحد الأحد": the examples take the
    /// deal and the time as one slot; the time is its longest end (or start) that reads as one (<see cref="SnoozeDates"/>),
    /// kept as typed so the use case can read it in the deal's time zone and explain it when it cannot.
    /// </summary>
    private static SnoozeCommand? Snooze(IntentMatch m, IReadOnlyList<Token> tokens, Typed typed, LanguagePack pack)
    {
        // «حط {deal} على الانتظار {time}» ("put … on hold until Thursday"): a time said after the example's own words is
        // read as if it ended the deal's slot, where the time is looked for.
        IReadOnlyList<Token> slot = [.. m.Slot("deal"), .. m.Slot("time")];
        var reasonSlot = m.Slot("reason");

        // "snooze Tailwind 3 days because customer on holiday" fits "snooze {deal} due to {reason}" with "customer" left over
        // and "holiday" for the reason: a word typed between the deal's and the reason's that the example has no place
        // for cuts the reason short, so another reading ("… because {reason}") is tried.
        if (slot.Count > 0 && reasonSlot.Count > 0 && m.Extras.Any(e => IndexOf(tokens, e) > IndexOf(tokens, slot[^1]) && IndexOf(tokens, e) < IndexOf(tokens, reasonSlot[0])))
        {
            return null;
        }
        var lead = pack.Words("snooze_time_leading");
        var markers = pack.Words("reason_markers");
        var openers = pack.Words("snooze_reason_openers");

        // «خلنا نأجل Tailwind ٣ أيام» read against "… {deal} عشان {reason}": with no word introducing it, the "reason"
        // right after the deal is the rest of the deal slot (where the time is looked for).
        if (slot.Count > 0 && reasonSlot.Count > 0)
        {
            var at = IndexOf(tokens, reasonSlot[0]);
            if (at > 0 && tokens[at - 1].Start == slot[^1].Start)
            {
                slot = [.. slot, .. reasonSlot];
                reasonSlot = [];
            }
            else if (at > 0 && !markers.Contains(tokens[at - 1].Canon) && !pack.Words("snooze_reason_filler").Contains(tokens[at - 1].Canon))
            {
                // «Initech: أجّلها أسبوع» read as "{deal} أجّلها لأن {reason}": no word introduced the "reason", so a time
                // opening it is the snooze's time ("a week"), and only the words after that are a reason.
                for (var j = Math.Min(reasonSlot.Count, 6); j >= 1; j--)
                {
                    if (SnoozeDates.LooksLikeTime(Join(reasonSlot.Take(j))))
                    {
                        var time = reasonSlot.Take(j).SkipWhile((t, k) => k == 0 && lead.Contains(t.Canon) && j > 1).ToList();
                        return new SnoozeCommand(DealOf(slot, pack, typed), typed.Span(time), Reason([.. reasonSlot.Skip(j)], pack, typed, "snooze_reason_filler"));
                    }
                }
            }
        }

        // "Hooli is on hold until Q2" read as "{deal} … because {reason}" with no "because" typed: a time opener there
        // (snooze_time_openers) opens the time, even one that cannot be read, which the snooze then asks about.
        var timeOpeners = pack.Words("snooze_time_openers");
        if (reasonSlot.Count > 1 && timeOpeners.Contains(reasonSlot[0].Lower) && IndexOf(tokens, reasonSlot[0]) is > 0 and var opensAt
            && !pack.Words("reason_markers").Contains(tokens[opensAt - 1].Canon))
        {
            return new SnoozeCommand(DealOf(slot, pack, typed), typed.Span(reasonSlot), null);
        }

        var reason = Reason(reasonSlot, pack, typed, "snooze_reason_filler");

        // The time at the end of the slot, or followed by a reason the example had no place for ("10 days, budget
        // freeze", «أسبوع عشان المدير مسافر», "1 week but only if no reply"); else at its start ("snooze for 2 weeks Initech").
        for (var i = 0; i < slot.Count; i++)
        {
            for (var j = Math.Min(slot.Count, i + 6); j > i; j--)
            {
                var after = j < slot.Count ? slot[j] : default;
                var opens = j == slot.Count || after.CommaBefore || markers.Contains(after.Canon) || openers.Contains(after.Canon) || openers.Contains(after.Lower);
                if (opens && SnoozeDates.LooksLikeTime(Join(slot.Skip(i).Take(j - i))))
                {
                    // "for 2 weeks" is "2 weeks"
                    var time = slot.Skip(i).Take(j - i).SkipWhile((t, k) => k == 0 && lead.Contains(t.Canon) && j - i > 1).ToList();
                    // "snooze Hooli for a week because buyer on leave" may be cut with "because buyer on" in the deal's slot
                    // and "leave" for the reason: the words typed right before the reason's are its own.
                    var joined = j < slot.Count && reasonSlot.Count > 0 && IndexOf(tokens, reasonSlot[0]) == IndexOf(tokens, slot[^1]) + 1;
                    reason = joined ? Reason([.. slot.Skip(j), .. reasonSlot], pack, typed, "snooze_reason_filler")
                        : reason ?? (j < slot.Count ? Reason([.. slot.Skip(j)], pack, typed, "snooze_reason_filler") : null);
                    return new SnoozeCommand(DealOf([.. slot.Take(i)], pack, typed), typed.Span(time), reason);
                }
            }
        }

        for (var j = slot.Count - 1; j >= 1; j--)
        {
            if (SnoozeDates.LooksLikeTime(Join(slot.Take(j))))
            {
                return new SnoozeCommand(DealOf([.. slot.Skip(j)], pack, typed), typed.Span([.. slot.Take(j)]), reason);
            }
        }

        // "snooze Initech a week because …" aligned with "snooze {deal} because {reason}": the time the example had no
        // place for is among the extras, with the light words before it ("a week").
        if (m.Extras.Count > 0 && SnoozeDates.LooksLikeTime(Join(m.Extras)) && IndexOf(tokens, m.Extras[0]) is var first and > 0)
        {
            var light = pack.Words("light");
            while (first > 0 && light.Contains(tokens[first - 1].Canon) && !lead.Contains(tokens[first - 1].Canon) && !slot.Contains(tokens[first - 1]))
            {
                first--;
            }

            var last = IndexOf(tokens, m.Extras[^1]);
            return new SnoozeCommand(DealOf(slot, pack, typed), typed.Span([.. tokens.Skip(first).Take(last - first + 1)]), reason);
        }

        // «أجل Initech لبعد الإجازة» ("… until after the holiday"): no time is read, but after a name in Latin letters a
        // word opening one starts it; the name is found and the snooze asks how long, quoting the words.
        var opener = pack.Words("snooze_time_openers");
        for (var i = 1; i < slot.Count; i++)
        {
            if ((opener.Contains(slot[i].Lower) || opener.Contains(slot[i].Canon)) && slot[i - 1].Original.Any(char.IsAsciiLetter))
            {
                return new SnoozeCommand(DealOf([.. slot.Take(i)], pack, typed), typed.Span([.. slot.Skip(i)]), reason);
            }
        }

        return new SnoozeCommand(DealOf(slot, pack, typed), string.Empty, reason);
    }

    /// <summary>
    /// "Duff Brewery is not a fit", "disqualify Globex", "Initech مش مناسبة", "استبعد Initech": a branch of the map by its
    /// <c>when</c>. The words are the <c>{when}</c> slot, else what was typed outside the deal less the verbs around it;
    /// a phrase the language file knows (<c>branch_names</c>) becomes the map's words ("مش مناسبه" → "not a fit").
    /// Anything else must read like a decision ("not …", "disqualified"), so "the weather is nice" is no branch.
    /// </summary>
    private static ChatCommand? Branch(IntentMatch m, IReadOnlyList<Token> tokens, Typed typed, LanguagePack pack)
    {
        // "mark initech as not a fit" read against "{deal} not a fit": the verbs around the deal are not its name.
        var verbs = pack.Words("branch_verbs");
        var (dealPart, dealReason) = CutReason(m.Slot("deal"), pack);
        var dealSlot = Trim(dealPart, verbs, verbs);
        if (dealSlot.Count == 0 || pack.Words("branch_not_deal").Contains(dealSlot[0].Canon))
        {
            return null;
        }

        // «Initech مش مناسبة لأن …» read as «اعتبر {deal} غير مناسبة لأن {reason}» takes «مش» into the deal, as "Hooli isn't a
        // fit" read as "{deal} not a fit" takes "isn't": a negation ending the deal opens the branch, as the example's does.
        var negations = pack.Words("branch_negations");
        if (!m.HasSlot("when") && dealSlot.Count > 1 && (negations.Contains(dealSlot[^1].Canon) || negations.Contains(dealSlot[^1].Lower)))
        {
            dealSlot.RemoveAt(dealSlot.Count - 1);
        }

        var inDeal = dealSlot.Select(t => t.Start).ToHashSet();
        var when = m.Slots.Any(s => s.Name == "when")
            ? Trim(m.Slot("when"), verbs, verbs)
            : [.. tokens.Where(t => !inDeal.Contains(t.Start) && !verbs.Contains(t.Canon) && !verbs.Contains(t.Lower))];

        // "Globex is not now because of the reorg", "mark Globex as won because they signed": the words after a reason
        // marker are the reason, not the branch's or the stage's name.
        var markers = pack.Words("reason_markers");
        var because = when.Count > 1 ? when.FindIndex(1, t => markers.Contains(t.Canon) || markers.Contains(t.Lower)) : -1;
        // The reason is every typed word after its marker, the branch's verbs ("have", "is") too.
        var reason = because > 0 ? Reason([.. tokens.Where(t => t.Start > when[because].Start)], pack, typed)
            : Reason(m.Slot("reason"), pack, typed) ?? Reason(dealReason, pack, typed);
        if (because > 0)
        {
            when = when[..because];
        }

        // "disqualified now" is "disqualified"; "not now" stays what it says.
        var trailing = pack.Words("branch_trailing");
        while (when.Count > 1 && trailing.Contains(when[^1].Canon) && !negations.Contains(when[^2].Canon))
        {
            when.RemoveAt(when.Count - 1);
        }

        if (when.Count == 0)
        {
            return null;
        }

        // "mark Globex won", "Globex is won": not a branch but the map's won stage, so a move (a manager's, with a reason).
        // "not now, maybe next year" keeps its comma; words dropped from the middle ("turned out not to be a fit") are not read back.
        var whenText = typed.Span(when, punctuated: IsOneRun(when, tokens));
        if (StageMatcher.NamesWon(whenText))
        {
            return new MoveDealCommand(DealOf(dealSlot, pack, typed), whenText, reason);
        }

        if (BranchName(when, pack) is { } named)
        {
            return new FollowBranchCommand(DealOf(dealSlot, pack, typed), named, reason) { Typed = whenText };
        }

        // "mark initech as needs unclear": said to be a branch in so many words.
        var explicitly = m.Example.Split(' ')[0] is var first && pack.Words("branch_explicit").Contains(pack.Canonical(ArabicText.Normalize(first).ToLowerInvariant()));
        // "Globex is still interested": a state that goes on, not a decision.
        return explicitly || (ReadsLikeADecision(when, pack) && !Contrasted(tokens, inDeal, typed, pack))
            ? new FollowBranchCommand(DealOf(dealSlot, pack, typed), whenText, reason)
            : null;
    }

    /// <summary>True when <paramref name="part"/> is a run of consecutive words of <paramref name="tokens"/>.</summary>
    private static bool IsOneRun(IReadOnlyList<Token> part, IReadOnlyList<Token> tokens)
    {
        var first = part.Count > 0 ? IndexOf(tokens, part[0]) : -1;
        return first >= 0 && first + part.Count <= tokens.Count && part.Select((t, i) => tokens[first + i].Start == t.Start).All(same => same);
    }

    /// <summary>
    /// True when a word of <c>change_contrasts</c> or <c>change_continuations</c> was typed outside the deal ("still", «لسه»),
    /// and not inside quotation marks (a reason quoted as text).
    /// </summary>
    private static bool Contrasted(IReadOnlyList<Token> tokens, HashSet<int> inDeal, Typed typed, LanguagePack pack)
    {
        var contrasts = pack.Words("change_contrasts");
        var continuations = pack.Words("change_continuations");
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!inDeal.Contains(tokens[i].Start) && (contrasts.Contains(tokens[i].Lower) || continuations.Contains(tokens[i].Lower)) && !QuotedReason(tokens[i], tokens, typed, pack))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="token"/> is in a quoted reason: quotation marks opened right after a word that opens a
    /// reason (<c>reason_markers</c>: "because", «لأن», «بسبب») and closed after the token. The wording of a change asked back
    /// quotes a reason that holds a contrast or a continuation (<see cref="AsText"/>), so Yes is the change at once;
    /// quotation marks around the whole sentence, or around the command's words, exempt nothing.
    /// </summary>
    private static bool QuotedReason(Token token, IReadOnlyList<Token> tokens, Typed typed, LanguagePack pack)
    {
        var open = typed.QuoteOpen(token);
        if (open < 0)
        {
            return false;
        }

        // The word typed last before the quotation mark (tokens read out of order, "Initech: …", are not sorted).
        Token? before = null;
        foreach (var t in tokens)
        {
            if (t.Start < open && (before is null || t.Start > before.Value.Start))
            {
                before = t;
            }
        }

        var markers = pack.Words("reason_markers");
        return before is { } marker && (markers.Contains(marker.Canon) || markers.Contains(marker.Lower));
    }

    /// <summary>
    /// Where a reason the example has no place for opens in a deal's slot: at a word of <c>deal_reason_cut</c> (as
    /// <see cref="CutReason"/> cuts it), or in a snooze's slot at a word of <c>reason_markers</c> or
    /// <c>snooze_reason_openers</c> right after the time ("Initech 1 week but only if …", as <see cref="Snooze"/> reads
    /// it); the slot's length when none does.
    /// </summary>
    private static int ReasonStart(string command, IReadOnlyList<Token> deal, LanguagePack pack)
    {
        var cut = pack.Words("deal_reason_cut");
        var markers = pack.Words("reason_markers");
        var openers = pack.Words("snooze_reason_openers");
        for (var i = 1; i < deal.Count; i++)
        {
            if (cut.Contains(deal[i].Lower))
            {
                return i;
            }

            if (command == "snooze" && (markers.Contains(deal[i].Canon) || openers.Contains(deal[i].Canon) || openers.Contains(deal[i].Lower)) && EndsWithATime(deal, i))
            {
                return i;
            }
        }

        return deal.Count;
    }

    /// <summary>True when the words of <paramref name="slot"/> before <paramref name="end"/> end with a snooze's time (at most six words).</summary>
    private static bool EndsWithATime(IReadOnlyList<Token> slot, int end)
    {
        for (var start = Math.Max(0, end - 6); start < end; start++)
        {
            if (SnoozeDates.LooksLikeTime(Join(slot.Skip(start).Take(end - start))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The longest run of words the language file names as a branch ("غير مؤهله" in "طلعت غير مؤهله"), as the map's words.</summary>
    private static string? BranchName(IReadOnlyList<Token> when, LanguagePack pack)
    {
        for (var length = when.Count; length >= 1; length--)
        {
            for (var start = 0; start + length <= when.Count; start++)
            {
                var words = when.Skip(start).Take(length).ToList();
                foreach (var key in new[]
                {
                    string.Join(' ', words.Select(t => t.Lower)),
                    string.Join(' ', words.Select(t => t.Canon)),
                    string.Join(' ', words.Select((t, k) => k == 0 ? ArabicText.WithoutPrefixes(t.Lower, 3).FirstOrDefault() ?? t.Lower : t.Lower)),
                })
                {
                    if (pack.BranchNames.TryGetValue(key, out var named))
                    {
                        return named;
                    }
                }
            }
        }

        return null;
    }

    private static bool ReadsLikeADecision(IReadOnlyList<Token> when, LanguagePack pack)
    {
        var first = when[0].Canon;
        if (pack.Words("branch_negations").Contains(first) || pack.Words("branch_negations").Contains(when[0].Lower))
        {
            return true;
        }

        // English morphology: "disqualified", "unqualified", "cancelled".
        return !pack.IsArabic
            && (first.StartsWith("dis", StringComparison.Ordinal)
                || first.StartsWith("un", StringComparison.Ordinal)
                || (when.Count <= 2 && first.Length > 4 && first.EndsWith("ed", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A deal's slot up to a word that opens a reason where the example has no place for one ("disqualify Initech
    /// because no budget", «استبعد Initech لأن ما عندهم ميزانية»), and the words after it. Only the words of
    /// <c>deal_reason_cut</c>, which no deal's name has ("as" and "since" can be a name's).
    /// </summary>
    private static (IReadOnlyList<Token> Deal, IReadOnlyList<Token> Reason) CutReason(IReadOnlyList<Token> slot, LanguagePack pack)
    {
        var cut = pack.Words("deal_reason_cut");
        var clauses = pack.Words("deal_clause_openers");
        for (var i = 1; i < slot.Count; i++)
        {
            // "disqualify Lamna bc no budget": shorthand for "because" (aliases) cuts too.
            if (cut.Contains(slot[i].Lower) || cut.Contains(slot[i].Canon))
            {
                return ([.. slot.Take(i)], [.. slot.Skip(i + 1)]);
            }

            // "reopen Hooli, they're back", "reopen Hooli - they called": a clause about the buyer after a comma or a dash (a
            // colon's token).
            var dash = slot[i - 1].Canon == ":";
            if ((slot[i].CommaBefore || (dash && i > 1)) && clauses.Contains(slot[i].Canon))
            {
                return ([.. slot.Take(dash ? i - 1 : i)], [.. slot.Skip(i)]);
            }
        }

        return (slot, []);
    }
}
