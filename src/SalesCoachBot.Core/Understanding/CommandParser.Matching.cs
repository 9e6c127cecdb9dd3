namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Reading the message against each language's examples: <see cref="Understand"/> tries the readings of the
/// words (contracted "'s", text-speak digits, a deal before a colon), <see cref="Match"/> scores the closest example
/// into an <see cref="Understood"/> with its confidence, <see cref="Closest"/> names the commands that came near, and
/// a name typed alone is asked about when nothing fits. Also the checks on what a deal's slot holds (a change, a
/// move's verb, a person).
/// </summary>
public sealed partial class CommandParser
{
    /// <param name="Tentative">A change said with a <c>change_tentative</c> word: confirmed before it is done.</param>
    /// <param name="Requested">Opened with a request to the bot ("could you", "please", «لو سمحت»): a "?" asks nothing.</param>
    private sealed record Understood(ChatCommand Command, double Score, double Confidence, string Language, bool Tentative = false, bool Requested = false);

    private static Understood? Understand(IntentMatcher matcher, List<Token> raw, Typed folded, Dictionary<string, double>? closest)
    {
        var pack = matcher.Pack;
        raw = ContractedIs(raw, matcher);
        var tokens = TextSpeak(pack.Canonicalize(raw), pack);
        StripLeading(tokens, pack.LeadingFiller);
        var beforeShow = new List<Token>(tokens);
        var showIntent = StripLeading(tokens, pack.ShowFiller);
        StripLeading(tokens, pack.LeadingFiller);

        // "remind me to mark Globex lost", "I need to confirm …": the opening filler still says how a change was meant.
        // Canonicalize keeps one token per word, so the words taken off are the first of raw (only their Lower is read).
        IReadOnlyList<Token> opening = tokens.Count < raw.Count ? raw.GetRange(0, raw.Count - tokens.Count) : [];
        StripTrailing(tokens, pack.TrailingFiller);
        // «ممكن تنقل Initech للعرض؟»: the word after the opening may be the request ("you move"), as "can you" is.
        var polite = pack.Words("polite_requests");
        var requested = opening.Any(t => polite.Contains(t.Lower)) || (opening.Count > 0 && tokens.Count > 0 && polite.Contains(tokens[0].Lower));

        if (DealBeforeColon(matcher, tokens, folded) is { } named)
        {
            return named with { Requested = requested };
        }

        // «الله يعطيك العافية يا كوتش»: only filler left after the opening ("… coach"), so the opening was the message, read whole below.
        var understood = tokens.Count < raw.Count && OnlyFiller(tokens, pack) ? null : Match(matcher, tokens, opening, folded, closest);
        if (understood is not null && Quoted(matcher, tokens, understood, folded) is { } quoted)
        {
            return quoted;
        }

        // «افتح Globex من جديد» ("open Globex again") reopens: a word of the show filler can be a command's own verb. Where
        // the words after it are not surely understood, the words with it are tried too, and a sure reading wins. «افتح
        // Globex» alone still shows the deal: no reading of "open" and a deal is sure.
        if (showIntent && (understood is null || understood.Confidence < ConfirmBelow))
        {
            StripTrailing(beforeShow, pack.TrailingFiller);
            if (Match(matcher, beforeShow, opening, folded, null) is { Confidence: >= ConfirmBelow } shown)
            {
                understood = shown;
            }
        }

        if (understood is null && tokens.Count < raw.Count && !showIntent)
        {
            understood = Match(matcher, pack.Canonicalize(raw), [], folded, null);

            // «شكرا يا كوتش» ("thanks, coach") read whole fits help's «مرحبا كوتش» at best: a reading without the closing
            // filler that is surer wins. "ok thanks" read whole is sure already.
            var withoutClosing = pack.Canonicalize(raw);
            StripTrailing(withoutClosing, pack.TrailingFiller);
            if (understood is not { Confidence: >= ConfirmBelow } && withoutClosing.Count < raw.Count
                && Match(matcher, withoutClosing, [], folded, null) is { } surer && surer.Confidence > (understood?.Confidence ?? 0))
            {
                understood = surer;
            }
        }

        // «الله يخليك» ("God keep you"), «الله يخليك يا كوتش»: a blessing that is opening filler before a command is thanks
        // when typed alone, or with only closing filler after it.
        if (understood is null && pack.Words("thanks_alone").Count > 0)
        {
            var alone = pack.Canonicalize(raw);
            StripTrailing(alone, pack.TrailingFiller);
            if (pack.Words("thanks_alone").Contains(string.Join(' ', alone.Select(t => t.Lower))))
            {
                understood = new Understood(new ThanksCommand(), 0, 1, pack.Code);
            }
        }

        if (understood is not null)
        {
            return understood with { Requested = requested };
        }

        // "#1004", "deal 1013", "show initech": a deal alone asks what is next for it.
        var deal = DealOf(tokens, pack, folded);
        return deal switch
        {
            ExternalIdReference => new Understood(new WhatsNextCommand(deal), 0, 1, pack.Code),
            NameReference when showIntent => new Understood(new WhatsNextCommand(deal), 0, 1, pack.Code),
            _ => null,
        };
    }

    /// <summary>
    /// "Hooli's in proposal", "it's at demo now": a name's "'s" before a word of <c>contracted_is_before</c> is "is", as in
    /// "Hooli is in proposal", not a possessive; the name is read without it ("it" is the linked deal). A word the examples
    /// use ("what's", "how's") is read as it is. A new list: the typed words are shared by the languages tried.
    /// </summary>
    private static List<Token> ContractedIs(List<Token> raw, IntentMatcher matcher)
    {
        var before = matcher.Pack.Words("contracted_is_before");
        if (before.Count == 0)
        {
            return raw;
        }

        var tokens = new List<Token>(raw);
        for (var i = tokens.Count - 2; i >= 0; i--)
        {
            var word = tokens[i];
            if (word.Original.Length > 2 && word.Original.EndsWith("'s", StringComparison.OrdinalIgnoreCase)
                && before.Contains(tokens[i + 1].Lower) && !matcher.IsCommandWord(word.Lower))
            {
                var name = word.Lower[..^1];
                tokens[i] = word with { Lower = name, Canon = name };
                tokens.Insert(i + 1, new Token("'s", "is", "is", CommaBefore: false, word.Start + word.Original.Length - 2));
            }
        }

        return tokens;
    }

    /// <summary>
    /// "untick verbal yes 4 initech", "move hooli 2 proposal": in English chat a lone 4 or 2 between two words is "for" or
    /// "to", unless it counts what follows: before a period's or an amount's unit or "deals" ("snooze Hooli 2 weeks"), or
    /// after a word of <c>text_speak_counts_after</c> ("hit 2 bananas" is a target the funnel refuses). The typed text keeps
    /// the digit.
    /// </summary>
    private static List<Token> TextSpeak(List<Token> tokens, LanguagePack pack)
    {
        for (var i = 1; !pack.IsArabic && i + 1 < tokens.Count; i++)
        {
            var next = tokens[i + 1];
            if (tokens[i].Lower is "4" or "2" && tokens[i - 1].Lower.All(char.IsLetter) && next.Lower.All(char.IsLetter)
                && !pack.Words("text_speak_counts_after").Contains(tokens[i - 1].Canon)
                && !pack.PeriodUnits.ContainsKey(next.Canon) && !pack.AmountUnits.ContainsKey(next.Canon) && !pack.Words("deals_nouns").Contains(next.Canon))
            {
                tokens[i] = tokens[i] with { Canon = tokens[i].Lower is "4" ? "for" : "to" };
            }
        }

        return tokens;
    }

    /// <summary>
    /// "Globex?", "Pied Piper", «مؤسسة الأفق»: when no language understood anything, a few words of the sentence's own
    /// script with no word of any example may be a deal's or a stage's name, answered only if they are one (AboutUseCase).
    /// </summary>
    private static AboutCommand? NameAlone(IntentMatcher matcher, List<Token> raw, Typed folded, UnknownCommand help)
    {
        var pack = matcher.Pack;
        var tokens = pack.Canonicalize(raw);
        StripLeading(tokens, pack.LeadingFiller);
        StripTrailing(tokens, pack.TrailingFiller);
        var ownScript = tokens.All(t => !t.Lower.Any(char.IsLetter) || t.Lower.Any(ArabicText.IsArabicLetter) == pack.IsArabic);
        // «ممكن», "please": a filler typed alone is left by the strips above, and names nothing.
        return tokens.Count is > 0 and <= MaxWordsOfANameAlone && folded.Raw.Length <= MaxCharactersOfANameAlone && ownScript && !OnlyFiller(tokens, pack)
            && !tokens.Any(t => matcher.IsCommandWord(t.Canon)) && DealOf(tokens, pack, folded) is NameReference deal
            ? new AboutCommand(StageText(tokens, pack, folded), deal, help) { NameAlone = true, Language = pack.Code }
            : null;
    }

    /// <param name="opening">The leading filler taken off before <paramref name="tokens"/> ("remind me", "i need").</param>
    private static Understood? Match(
        IntentMatcher matcher, IReadOnlyList<Token> tokens, IReadOnlyList<Token> opening, Typed folded, Dictionary<string, double>? closest)
    {
        var pack = matcher.Pack;
        ChatCommand? built = null;
        var tentative = false;
        var match = matcher.Best(
            tokens,
            m =>
            {
                if (m.Confidence < MinConfidence)
                {
                    return false;
                }

                var command = Build(m, tokens, opening, folded, pack);
                if (command is null)
                {
                    return false;
                }

                built = command;
                tentative = QuestionableChanges.Contains(m.Command) && IsTentative(m, tokens, opening, folded, pack);
                return true;
            },
            closest);

        return match is not null && built is not null ? new Understood(built, match.Score, match.Confidence, pack.Code, tentative) : null;
    }

    /// <summary>The suggested wording of the (up to three) commands that came closest.</summary>
    private static IReadOnlyList<string> Closest(LanguagePack pack, Dictionary<string, double> scores) =>
    [
        .. scores.Where(s => s.Value > -1.5 && pack.Suggestions.ContainsKey(s.Key))
            .OrderByDescending(s => s.Value)
            .Select(s => pack.Suggestions[s.Key])
            .Distinct(StringComparer.Ordinal)
            .Take(3),
    ];

    /// <summary>The most words a deal's name typed alone is read from ("Acme Corp EU rollout").</summary>
    private const int MaxWordsOfANameAlone = 4;

    /// <summary>The longest text read as a name typed alone; a longer one is not a name someone typed to ask about.</summary>
    private const int MaxCharactersOfANameAlone = 80;

    /// <summary>Words that named neither a stage nor a deal: the help answer, with how to ask about either first.</summary>
    private static UnknownCommand AboutHelp(Typed typed, LanguagePack pack) =>
        new(typed.Raw) { Closest = [.. AboutSuggestions.Where(pack.Suggestions.ContainsKey).Select(c => pack.Suggestions[c])] };

    /// <summary>
    /// A deal's slot opening with a change's gerund, or in English holding one before its last word or opening with a plan
    /// ("remind me"): talk about that change, not a name. Arabic verbal nouns («نقل», «تأكيد») name companies too, so only
    /// the opening one counts there.
    /// </summary>
    private static bool HoldsAChange(IReadOnlyList<Token> deal, LanguagePack pack)
    {
        // A gerund counts only before another word, the name the change is about; a last word may be a name's own.
        var looked = pack.IsArabic ? Math.Min(1, deal.Count - 1) : deal.Count - 1;
        var gerunds = pack.Words("change_gerunds");
        // "remind me to call Wonka" read whole as "{deal} to {stage}": a deal opening with a plan ("remind") is no name.
        return deal.Take(looked).Any(t => gerunds.Contains(t.Lower))
            || (!pack.IsArabic && deal is [var first, _, ..] && pack.Words("change_plans").Contains(first.Lower));
    }

    /// <summary>
    /// "how do I move Hooli to demo" fits "how do i get {deal} to {stage}" with "move Hooli" for the deal: a move's verb
    /// opening the deal before a stage asks how to move it (the help answer), not for the deal's checklist.
    /// </summary>
    private static bool MoveVerbBeforeDeal(IntentMatch m, LanguagePack pack) =>
        m.HasSlot("stage") && m.Slot("deal") is [var verb, _, ..] && pack.Words("move_verbs").Contains(verb.Canon);

    /// <summary>"move Hooli …", "push #1012 …": a move's verb before other words, which no deal's name opens with.</summary>
    private static bool MoveVerbOpens(IReadOnlyList<Token> deal, LanguagePack pack) =>
        deal is [var verb, _, ..] && pack.Words("move_verbs").Contains(verb.Canon);

    /// <summary>Only words of <c>branch_not_deal</c> ("I'm", "we", "you"): a person, not a deal.</summary>
    private static bool NamesAPerson(IReadOnlyList<Token> deal, LanguagePack pack) =>
        deal.Count > 0 && deal.All(t => pack.Words("branch_not_deal").Contains(t.Canon) || pack.Words("branch_not_deal").Contains(t.Lower));
}
