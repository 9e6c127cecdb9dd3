namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Moving a deal and naming a stage: "move Initech to demo", the next or previous stage, a stage glued to the
/// deal's name («للعرض»), what a stage's slot names (<see cref="Stage"/>, <see cref="NamedStage"/>).
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>
    /// «رجع Hooli للعرض» fits «رجع {item} في {deal}» with the item «Hooli للعرض»: a word glued to «ل» after the item's first
    /// word that names a stage («للعرض») is where to move a deal, so another reading (the move) is tried; so is a deal's slot
    /// that is only a stage glued to «ل» («تراجع عن {item} ل {deal}» with the deal «للعرض»).
    /// </summary>
    private static bool GluedStageInItem(IntentMatch m, LanguagePack pack) =>
        GluedStageAt(m.Slot("item"), pack) > 0 || GluedStageAt(m.Slot("deal"), pack) == 0;

    /// <summary>«هل ننقل Globex للعرض؟», «متى انتقلت Fabrikam للعرض»: a deal's name without the stage glued to «ل» after it.</summary>
    private static IReadOnlyList<Token> WithoutGluedStage(IReadOnlyList<Token> deal, LanguagePack pack) =>
        pack.IsArabic && GluedStageAt(deal, pack) is > 0 and var glued ? [.. deal.Take(glued)] : deal;

    /// <summary>Where the words end in a stage glued to «ل» («Fabrikam للعرض»): that word's index, else -1.</summary>
    private static int GluedStageAt(IReadOnlyList<Token> words, LanguagePack pack)
    {
        for (var i = 0; i < words.Count; i++)
        {
            // A "?" ending the words is no part of the stage («Globex للعرض؟»).
            if (words[i].Lower.StartsWith('\u0644') && NamedStage([.. words.Skip(i).Where(t => t.Lower.Any(char.IsLetterOrDigit))], pack) is not null)
            {
                return i;
            }
        }

        return -1;
    }

    private static ChatCommand? Move(IntentMatch m, IReadOnlyList<Token> tokens, Typed folded, LanguagePack pack)
    {
        // "remind me to call Wonka tomorrow" fits "{deal} to {stage}" with nothing before "to": no deal was named, and no
        // chat's deal is meant by a sentence that opens with "to".
        if (m.Slot("deal").Count == 0 && m.Example.StartsWith("{deal}", StringComparison.Ordinal))
        {
            return null;
        }

        // "Stark wants to talk again" fits "{deal} to {stage}" with "Stark wants" for the deal: the buyer's wish (a word of
        // change_tentative after the name) moves nothing, and no stage is called "talk". Another reading is tried.
        if (m.Slot("deal").Skip(1).Any(t => pack.Words("change_tentative").Contains(t.Lower)))
        {
            return null;
        }

        // «رجّع requirements-listed لـ Initech» fits «رجع {deal} ل {stage}»: a checklist item's id (lower-case words joined by
        // "-") where the deal would be, and no stage the language file names, asks to take the item back; another reading.
        if (pack.IsArabic && m.Slot("deal") is [var item] && LooksLikeItemId(item.Original) && NamedStage(m.Slot("stage"), pack) is null)
        {
            return null;
        }

        // "Initech pushed the decision to next quarter": a period is no stage, and a push to one says the buyer waits, which
        // asks for nothing. Another reading is tried.
        if (IsAPeriod(m.Slot("stage"), pack)
            || (Trim(m.Slot("stage"), pack.Words("light"), pack.Words("light")) is [var next, var unit]
                && pack.Words("next_as_time").Contains(next.Canon) && pack.PeriodUnits.ContainsKey(unit.Canon)))
        {
            return null;
        }

        // "put Soylent into nurture", «حوّل Soylent للرعاية»: nurture is a branch of the map, not a stage.
        if (BranchName(Trim(m.Slot("stage"), pack.Words("stage_filler"), pack.Words("stage_filler")), pack) is "nurture" && m.Slot("deal").Count > 0)
        {
            return new FollowBranchCommand(DealOf(m.Slot("deal"), pack, folded), "nurture", Reason(m.Slot("reason"), pack, folded));
        }

        // «انقل Initech للعرض لأن العميل طلب بس القانونية بطيئة» fits "move {deal} to {stage}" with «Initech للعرض لأن العميل
        // طلب» for the deal: a reason opens inside it, so the words after it are no stage. Another reading is tried.
        if (CutReason(m.Slot("deal"), pack) is { Reason.Count: > 0 } inDeal && m.Slot("stage").Count > 0)
        {
            // «رجّع Initech للاكتشاف عشان العميل غير رأيه» may be cut as «رجع {deal} ل {stage}» with «رأيه» for the stage, the
            // «ل» glued and nothing typed between the slots: a word glued to «ل» before the reason that names a stage
            // («للاكتشاف») is the stage, and the words after the reason's opening are the reason.
            var named = inDeal.Deal;
            var adjacent = IndexOf(tokens, m.Slot("deal")[^1]) + 1 == IndexOf(tokens, m.Slot("stage")[0]);
            for (var cut = 1; pack.IsArabic && adjacent && cut < named.Count; cut++)
            {
                if (named[cut].Lower.StartsWith('\u0644') && NamedStage([.. named.Skip(cut)], pack) is not null)
                {
                    return new MoveDealCommand(DealOf([.. named.Take(cut)], pack, folded), StageText([.. named.Skip(cut)], pack, folded),
                        Reason([.. inDeal.Reason, .. m.Slot("stage"), .. m.Slot("reason")], pack, folded));
                }
            }

            return null;
        }

        // "move Initech to the previous stage", «رجّع Hooli خطوة لورا» ("a step back"): the stage before the deal's own on its
        // map, moved as a named stage is. Other words with a "back" in them name no stage: the help answer.
        // "move Initech back one stage" fits "move {deal} back to {stage}" with "one stage" for the stage: the "back" typed
        // right before it is the stage's.
        var typedBefore = m.Slot("stage").Count > 0 ? IndexOf(tokens, m.Slot("stage")[0]) - 1 : -1;
        IReadOnlyList<Token> backSlot = typedBefore >= 0 && SaysBackwards([tokens[typedBefore]], pack) && !m.Slot("reason").All(t => pack.Words("previous_stage_filler").Contains(t.Canon))
            && SaysPreviousStage([tokens[typedBefore], .. m.Slot("stage")], pack) ? [tokens[typedBefore], .. m.Slot("stage")] : m.Slot("stage");
        if (SaysBackwards(backSlot, pack) || SaysPreviousStage(backSlot, pack))
        {
            var (back, backReason) = CutReason(backSlot, pack);
            // «رجّع Hooli خطوة لورا»: "a step" may be cut into the deal's words; it is the stage's.
            var backDeal = m.Slot("deal").ToList();
            while (backDeal.Count > 1 && pack.Words("previous_stage_filler").Contains(backDeal[^1].Canon))
            {
                backDeal.RemoveAt(backDeal.Count - 1);
            }

            return SaysPreviousStage(back, pack) && backDeal.Count > 0
                ? new MoveDealCommand(DealOf(backDeal, pack, folded), folded.Span(back), Reason([.. backReason, .. m.Slot("reason")], pack, folded))
                {
                    ToPreviousStage = true,
                }
                : new UnknownCommand(folded.Raw);
        }

        // «رجّع Initech لمرحلة الاستكشاف عشان العميل طلب»: the stage ends where a reason opens; the reason runs from there.
        var (stageSlot, reasonStart) = CutReason(m.Slot("stage"), pack);
        var reasonSlot = m.Slot("reason");
        if (reasonStart.Count > 0)
        {
            reasonSlot = [.. reasonStart, .. reasonSlot];
        }

        // "move Initech to demo pls, call went great": a stage's words before a comma, the reason after it.
        if (reasonSlot.Count == 0 && stageSlot.Skip(1).ToList().FindIndex(t => t.CommaBefore) + 1 is var comma and > 0
            && SaysAStage([.. stageSlot.Take(comma)], pack))
        {
            (stageSlot, reasonStart) = ([.. stageSlot.Take(comma)], [.. stageSlot.Skip(comma)]);
            reasonSlot = reasonStart;
        }

        // «حط Initech في مرحلة العرض التوضيحي» fits «حط {deal} في مرحلة {stage} بسبب {reason}» with the stage's last word for
        // the reason: no word that opens a reason was typed before it, so none was given; another reading is tried.
        if (reasonStart.Count == 0 && ExampleWordBefore(m, "reason") is not null && TypedBefore(m.Slot("reason"), tokens) is { } before
            && !SeparatorTyped(m, "reason", tokens, pack) && !pack.Words("reason_markers").Contains(before.Canon)
            && !pack.Words("deal_reason_cut").Contains(before.Canon))
        {
            return null;
        }

        // "push Hooli to next week", "push Hooli to Monday": a time where the stage would be is a snooze; another reading.
        var stageWords = pack.Words("stage_words");
        if (stageSlot.Count > 0 && !stageSlot.Any(t => stageWords.Contains(t.Canon)) && SnoozeDates.LooksLikeTime(Join(stageSlot)))
        {
            return null;
        }

        // "Initech moved into demo today": a day after the stage says when, not which stage.
        var (dealSlot, gluedStage) = GluedStage(m.Slot("deal"), [.. WithoutEndingDate(stageSlot)], tokens, pack);
        var stage = StageText(gluedStage, pack, folded);
        return stage.Length == 0 ? null : new MoveDealCommand(DealOf(dealSlot, pack, folded), stage, Reason(reasonSlot, pack, folded))
        {
            ToNextStage = SaysNextStage(gluedStage, pack),
        };
    }

    /// <summary>
    /// "the next stage", «المرحلة الجاية», «المرحلة اللي بعدها»: the words say only "next" (and a stage's filler), so the
    /// stage is the deal's next one on its map, not a stage called "next".
    /// </summary>
    private static bool SaysNextStage(IReadOnlyList<Token> stage, LanguagePack pack)
    {
        var next = pack.Words("next_stage");
        var filler = pack.Words("stage_filler");
        bool Says(Token t, IReadOnlySet<string> words) =>
            words.Contains(t.Canon) || words.Contains(t.Lower) || words.Contains(ArabicText.WithoutToTheOrArticle(t.Canon));
        return stage.Any(t => Says(t, next)) && stage.All(t => Says(t, next) || Says(t, filler));
    }

    /// <summary>
    /// "the previous stage", "back one stage", «المرحلة اللي قبل», «خطوة لورا»: a word of <c>previous_stage</c> or
    /// <c>stage_backwards</c>, and otherwise only a stage's filler (<c>stage_filler</c>, <c>previous_stage_filler</c>), so
    /// the stage is the one before the deal's own on its map.
    /// </summary>
    private static bool SaysPreviousStage(IReadOnlyList<Token> stage, LanguagePack pack)
    {
        var back = pack.Words("previous_stage");
        var backwards = pack.Words("stage_backwards");
        var filler = pack.Words("stage_filler");
        var more = pack.Words("previous_stage_filler");
        bool Says(Token t, IReadOnlySet<string> words) =>
            words.Contains(t.Canon) || words.Contains(t.Lower) || words.Contains(ArabicText.WithoutToTheOrArticle(t.Canon));
        return stage.Any(t => Says(t, back) || Says(t, backwards))
            && stage.All(t => Says(t, back) || Says(t, backwards) || Says(t, filler) || Says(t, more));
    }
    /// <summary>
    /// «انقل Initech للعرض التوضيحي»: «ل» glued to the stage's first word («للعرض» is ل + العرض) leaves the example's
    /// preposition untyped, so the deal and the stage meet with nothing between them, and the matcher may cut them
    /// anywhere (deal «Initech للعرض», stage «التوضيحي»). When the stage it cut is no stage the language file names,
    /// the cut moves to the first word glued to «ل» from which the words name one («العرض التوضيحي», «عقد موقع»), so a
    /// name with «لل» in it keeps it («شركة النخبة للتجارة للعرض التوضيحي»), and «انقلها للعرض التوضيحي» ("move it")
    /// leaves the deal empty. Otherwise the slots stay as the matcher cut them (a map's own names are matched later).
    /// </summary>
    private static (IReadOnlyList<Token> Deal, IReadOnlyList<Token> Stage) GluedStage(
        IReadOnlyList<Token> deal, IReadOnlyList<Token> stage, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        if (!pack.IsArabic || deal.Count == 0 || stage.Count == 0 || NamedStage(stage, pack) is not null)
        {
            return (deal, stage);
        }

        var last = IndexOf(tokens, deal[^1]);
        if (last < 0 || last + 1 >= tokens.Count || tokens[last + 1].Start != stage[0].Start)
        {
            return (deal, stage);
        }

        List<Token> both = [.. deal, .. stage];
        // «نقلنا Hooli للاتفاق الشفهي امس»: a day ending the words ("yesterday") says when, not which stage.
        var end = both.Count > 1 && DayWord(both[^1], pack) is not null ? both.Count - 1 : both.Count;
        for (var cut = 0; cut < end; cut++)
        {
            // «انقلها للمرحلة الجاية» ("move it to the next stage"): the deal's next stage names none either, but is one.
            if (both[cut].Lower.StartsWith('\u0644') && (NamedStage(both[cut..end], pack) is not null || SaysNextStage(both[cut..end], pack)))
            {
                return (both[..cut], both[cut..end]);
            }
        }

        return (deal, stage);
    }

    /// <summary>"demo-held", "requirements-listed": how a checklist item's id is written, not a deal's name.</summary>
    private static bool LooksLikeItemId(string word) =>
        word.Contains('-', StringComparison.Ordinal) && word[0] != '-' && word[^1] != '-'
        && word.All(c => c == '-' || char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    /// <summary>«لورا», «للخلف» ("back"): a word of <c>stage_backwards</c> in <paramref name="slot"/>, which names no stage or deal.</summary>
    private static bool SaysBackwards(IReadOnlyList<Token> slot, LanguagePack pack) =>
        slot.Any(t => pack.Words("stage_backwards").Contains(t.Lower) || pack.Words("stage_backwards").Contains(t.Canon));

    /// <summary>
    /// «رجّع Initech للاكتشاف عشان …» may fit «رجع {deal} للمتابعة» ("back on follow-up"): a word glued to «ل» after the deal
    /// that names a stage («للاكتشاف», «لمرحلة العرض») is where to move the deal, so another reading (the move) is tried.
    /// </summary>
    private static bool GluedStageAfterDeal(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var deal = m.Slot("deal");
        var from = deal.Count > 0 && pack.IsArabic ? IndexOf(tokens, deal[0]) + 1 : tokens.Count;
        for (var i = Math.Max(from, 1); i < tokens.Count; i++)
        {
            for (var n = 1; n <= 3 && i + n <= tokens.Count; n++)
            {
                if (tokens[i].Lower.StartsWith('\u0644') && NamedStage([.. tokens.Skip(i).Take(n)], pack) is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// "can we move Globex to demo" fits "how can we move {deal} along" with the deal "Globex to demo": a deal's words
    /// ending in a stage to go to (<c>stage_destinations</c>, then only stage words) ask for a move, so another reading
    /// is tried.
    /// </summary>
    private static bool EndsWithAStageToGoTo(IReadOnlyList<Token> deal, LanguagePack pack)
    {
        var destinations = pack.Words("stage_destinations");
        var stageWords = pack.Words("stage_words");
        var filler = pack.Words("stage_filler");
        for (var i = deal.Count - 2; i >= 1; i--)
        {
            if (destinations.Contains(deal[i].Canon))
            {
                var rest = deal.Skip(i + 1).Where(t => !filler.Contains(t.Canon));
                return rest.Any() && rest.All(t => stageWords.Contains(t.Canon));
            }
        }

        return false;
    }

    private static ChatCommand? Stage(IReadOnlyList<Token> slot, Typed typed, LanguagePack pack, bool mustLookLikeStage)
    {
        var filler = pack.Words("stage_filler");
        var cleaned = Trim(slot, filler, filler);
        if (cleaned.Count == 0)
        {
            return null;
        }

        // "move Hooli back a stage" fits "{stage} stage": the deal runs from the verb to the first "back", and the words from
        // there say the previous stage (as «رجّع Hooli خطوة لورا» in Move); other words with a "back" are not understood.
        if (slot is [var verb, ..] && pack.Words("move_verbs").Contains(verb.Canon) && SaysBackwards(slot, pack))
        {
            var backAt = slot.ToList().FindIndex(t => SaysBackwards([t], pack));
            return backAt > 1 && SaysPreviousStage([.. slot.Skip(backAt)], pack)
                ? new MoveDealCommand(DealOf([.. slot.Skip(1).Take(backAt - 1)], pack, typed), typed.Span([.. slot.Skip(backAt)]) + " stage", null)
                {
                    ToPreviousStage = true,
                }
                : new UnknownCommand(typed.Raw);
        }

        // "what is the SQL stage", "tell me about discovery": plainly a stage. "tell me about Initech": a stage only if the
        // person's map has one by that name, else a deal if one is called so, else not understood (AboutUseCase).
        var stageWords = pack.Words("stage_words");
        var stage = StageText(slot, pack, typed);
        // "what about the quota", "what about our target" fit "about {stage}", and "quota" is one letter from the stage
        // "Proposal / quote": a quota asked about with no amount is its progress (as "am I on track for quota"). Typed with a
        // capital ("about Target") it may be a deal's name: the stage-or-deal reading.
        var quota = cleaned.SkipWhile(t => pack.Words("deal_leading").Contains(t.Canon) || pack.Words("deal_leading").Contains(t.Lower)).ToList();
        if (mustLookLikeStage && quota.Count > 0 && quota.All(t => (pack.Words("quota_words").Contains(t.Lower) || pack.Words("quota_words").Contains(t.Canon))
            && !char.IsUpper(t.Original[0])))
        {
            return new QuotaProgressCommand();
        }

        if (mustLookLikeStage
            && !slot.Any(t => pack.Words("stage_nouns").Contains(t.Canon))
            && !cleaned.All(t => stageWords.Contains(t.Canon) || stageWords.Contains(ArabicText.WithoutArticle(t.Canon)))
            && !pack.StageNames.ContainsKey(Key(cleaned)))
        {
            var help = AboutHelp(typed, pack);
            return stage.Length > 0 ? new AboutCommand(stage, DealOf(cleaned, pack, typed), help) : null;
        }

        return stage.Length > 0 ? new StageInfoCommand(stage) : null;
    }

    /// <summary>
    /// The stage as the map names it: filler trimmed; a name in another language translated by the language file.
    /// Any other words are kept as typed («مكسوبة», not the folded «مكسوبه»): the stage matcher folds them again.
    /// </summary>
    private static string StageText(IReadOnlyList<Token> slot, LanguagePack pack, Typed typed) =>
        NamedStage(slot, pack) ?? typed.Span(Trim(slot, pack.Words("stage_filler"), pack.Words("stage_filler")));

    /// <summary>
    /// The stage the language file names with these words, filler trimmed («العرض التوضيحي», «للعرض», «لعرض السعر»:
    /// the article and a glued «ل» dropped), in the map's words; null when it names none.
    /// </summary>
    /// <summary>
    /// "which deals are in demo", not "how many deals to reach 900k" read against "how many deals are in {stage}": the words
    /// hold a stage's word, or are a stage the language file names. The map's own names are matched later.
    /// </summary>
    private static bool SaysAStage(IReadOnlyList<Token> slot, LanguagePack pack)
    {
        var words = pack.Words("stage_words");
        var filler = pack.Words("stage_filler");
        return slot.Count > 0 && (slot.All(t => words.Contains(t.Canon) || filler.Contains(t.Canon)) || NamedStage(slot, pack) is not null);
    }

    private static string? NamedStage(IReadOnlyList<Token> slot, LanguagePack pack)
    {
        var filler = pack.Words("stage_filler");
        var cleaned = Trim(slot, filler, filler);
        if (pack.StageNames.Count == 0 || cleaned.Count == 0)
        {
            return null;
        }

        if (pack.StageNames.TryGetValue(Key(cleaned), out var named)
            || pack.StageNames.TryGetValue(string.Join(' ', cleaned.Select(t => ArabicText.WithoutToTheOrArticle(t.Lower))), out named))
        {
            return named;
        }

        // «لعرض السعر» ("to proposal"): «ل» glued to a word without the article.
        var first = cleaned[0].Lower;
        return pack.IsArabic && first.Length >= 4 && first[0] == '\u0644'
            && pack.StageNames.TryGetValue(string.Join(' ', cleaned.Skip(1).Select(t => ArabicText.WithoutArticle(t.Lower)).Prepend(first[1..])), out named)
            ? named
            : null;
    }
}
