using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using CalendarPeriod = SalesCoachBot.Core.Pipeline.CalendarPeriod;
using MoneyText = SalesCoachBot.Core.Pipeline.MoneyText;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// The pipeline and the numbers: a team's pipeline with its window, focus and currency, deals closed and stage
/// moves in a period, and the reverse funnel ("I need 500k this quarter"): the target's amount, period and team.
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>
    /// "lost deals", "what did we win this quarter", «الصفقات اللي خسرناها الشهر الماضي»: lost when a word of <c>closed_lost</c>
    /// is typed, else won (one of <c>closed_won</c>); the period is read as a pipeline's; a team is what is left beside it (the slot, or the words the
    /// example has no place for: "won deals EMEA").
    /// </summary>
    private static ClosedDealsCommand? Closed(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        // "how did EMEA do last month" fits "what did {team} win": no win or loss said, so another reading.
        var lost = AnyWordOf(tokens, pack, "closed_lost");
        if (!lost && !AnyWordOf(tokens, pack, "closed_won"))
        {
            return null;
        }

        // "what did we lose this month" fits "… last month" with "this" left over: the sentence's period is no team's name;
        // «كم خسرنا الشهر الماضي» fits «الصفقات الخاسرة الشهر الماضي» with «خسرنا» left over: nor is the win or loss.
        var (days, period, used) = Window(tokens, pack);
        // "top loss reasons", "why do we lose deals": the words asking for the reasons are no team's name either.
        var said = pack.Words("closed_lost").Concat(pack.Words("closed_won")).Concat(pack.Words("closed_reason_words")).ToHashSet(StringComparer.Ordinal);
        var words = (m.HasSlot("team") ? m.Slot("team") : TeamOutsideTheSlots(m.Extras, pack)).Where(t => !said.Contains(t.Canon) && !said.Contains(t.Lower));
        var (team, year) = WithoutYear(WithoutWindow([.. words.Where(t => !used.Contains(t))], pack), pack, said: days is not null || period is not null);
        return new ClosedDealsCommand(lost, Team(team, pack), days, period ?? year, SaysMine(tokens, pack))
        {
            ReasonsFirst = lost && AnyWordOf(tokens, pack, "closed_reasons_asked"),
        };
    }

    /// <summary>
    /// "what moved this week", "stage changes in EMEA this month", «وش تحرك هالأسبوع»: the period is read as the closed lists
    /// read it; a team is what is left beside it once the words of <c>moves_words</c> are set aside.
    /// </summary>
    private static StageMovesCommand? Moves(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        // «شو خسرنا الأسبوع الماضي» fits «تحرك الأسبوع الماضي» by its period: a loss or a win said asks for the closed
        // lists, so another reading is tried.
        if (AnyWordOf(tokens, pack, "closed_lost") || AnyWordOf(tokens, pack, "closed_won"))
        {
            return null;
        }

        // «خط المبيعات الأسبوع الماضي» ("the pipeline last week") fits «تغير في خط المبيعات هذا الأسبوع» by the pipeline's
        // words and a week: no word of moves_words typed, it asks for the pipeline, so another reading is tried.
        if (!AnyWordOf(tokens, pack, "moves_words"))
        {
            return null;
        }

        // "what changed on Initech this week" fits "changed in {team} this week": a name after "on" is a deal's (its
        // history), not a team's (moves_not_team), so another reading is tried.
        if (m.Slot("team") is [var named, ..] && IndexOf(tokens, named) is > 0 and var at && pack.Words("moves_not_team").Contains(tokens[at - 1].Lower))
        {
            return null;
        }

        var (days, period, used) = Window(tokens, pack);
        var today = pack.Words("due_today");
        var day = days is null && period is null ? tokens.Where(t => today.Contains(t.Canon) || today.Contains(t.Lower)).Take(1).ToList() : [];
        if (day.Count == 1)
        {
            // "what moved today": the last day, not the default week.
            days = 1;
            used.Add(day[0]);
        }

        var said = pack.Words("moves_words");
        var words = (m.HasSlot("team") ? m.Slot("team") : TeamOutsideTheSlots(m.Extras, pack)).Where(t => !said.Contains(t.Canon) && !said.Contains(t.Lower));
        var (team, year) = WithoutYear(WithoutWindow([.. words.Where(t => !used.Contains(t))], pack), pack, said: days is not null || period is not null);
        return new StageMovesCommand(Team(team, pack), days, period ?? year, SaysMine(tokens, pack));
    }

    /// <summary>"how much is my pipeline worth": team words ending in a word of <c>pipeline_nouns</c>, so another reading is tried.</summary>
    private static bool NamesThePipeline(IReadOnlyList<Token> deal, LanguagePack pack) =>
        (deal.Count > 0 && pack.Words("pipeline_nouns").Contains(deal[^1].Canon) && deal.All(t => pack.Words("team_filler").Contains(t.Canon)))
        || PipelineOfATeam(deal, pack);

    /// <summary>
    /// "summary of the pipeline for EMEA" fits "summary of {deal}" with "pipeline for EMEA" for the deal: a pipeline noun
    /// (after filler) followed by "for" / "of" / "in" and more words is that team's pipeline, no deal's name (parse56).
    /// </summary>
    private static bool PipelineOfATeam(IReadOnlyList<Token> deal, LanguagePack pack)
    {
        var filler = pack.Words("team_filler");
        var words = deal.SkipWhile(t => filler.Contains(t.Canon) && !pack.Words("pipeline_nouns").Contains(t.Canon)).ToList();
        return words.Count > 2 && pack.Words("pipeline_nouns").Contains(words[0].Canon) && pack.Words("pipeline_team_openers").Contains(words[1].Canon);
    }

    /// <summary>The words opening the sentence that the example had no place for.</summary>
    private static List<Token> ExtrasOpening(IntentMatch m, IReadOnlyList<Token> tokens) =>
        [.. tokens.TakeWhile(t => m.Extras.Contains(t))];

    /// <summary>The pipeline an example of <c>pipeline</c> reads: its team from the slot, or from the words it had no place for.</summary>
    private static ChatCommand PipelineReading(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack) =>
        Pipeline(!m.HasSlot("team") ? TeamOutsideTheSlots(m.Extras, pack)
            : IsAPeriod(m.Slot("team"), pack) || IsACurrencyOnly(m.Slot("team"), tokens, pack) ? [.. m.Slot("team"), .. TeamOutsideTheSlots(ExtrasOpening(m, tokens), pack)]
            : m.Slot("team"), tokens, pack);

    private static ChatCommand Pipeline(IReadOnlyList<Token> slot, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var (window, period, used) = Window(tokens, pack);
        // «أداء الفريق هالشهر مقارنة بالشهر الماضي» ("… compared with last month"): a second period is no team either.
        var team = WithoutWindow(slot.Where(t => !used.Contains(t)).ToList(), pack);
        // "funnel for 500k this quarter", «قمع المبيعات لهدف 500 ألف دولار»: a target amount where a team would be asks
        // for the reverse funnel, not for a team called "500k". "funnel for 2M" is 2 million, not two months: after a word
        // of funnel_words a compact "2m" is money ("pipeline 2m" stays a window).
        var target = SaysTargetAmount(team, pack)
            || (tokens.Any(t => pack.Words("funnel_words").Contains(t.Canon)) && slot.Any(t => CompactWindowRegex().Match(t.Canon) is { Success: true } m && m.Groups["u"].Value == "m"));
        if (target && Funnel(tokens, pack) is { } funnel)
        {
            return funnel;
        }

        var (currency, inCurrency) = AmountsIn(team, tokens, pack);
        var (named, year) = WithoutYear(inCurrency is null ? team : [.. team.Where(t => t != inCurrency)], pack, said: window is not null || period is not null);
        // "how am I doing" fits "how is {team} doing" with "am I" for the team: the asker's own words (mine_words, and the
        // verb they take, mine_verbs) name no team, so it is the asker's own pipeline, as «كيف أدائي» is.
        if (named.Count > 0 && tokens.Any(t => pack.Words("mine_words").Contains(t.Canon))
            && named.All(t => pack.Words("mine_words").Contains(t.Canon) || pack.Words("mine_verbs").Contains(t.Canon) || pack.Words("team_filler").Contains(t.Canon)))
        {
            named = [];
        }

        // "show me conversion from demo to proposal": stage and filler words alone name no team.
        var pipeline = new PipelineCommand(Team(TeamOutsideTheSlots(named, pack), pack), window, period ?? year) { Focus = Focus(tokens, pack), Currency = currency };

        // "show me Riley's pipeline": a name said with a possessive before "pipeline" may be a rep's as well as a team's
        // ("EMEA's pipeline"): the owner's deals when someone is called so, else the team's pipeline over the same period
        // (MyDealsUseCase, WhatsNextUseCase.TeamPipelineAsync). "EMEA's numbers" stays the team's.
        var possessive = named is [.., var last] && last.Original.EndsWith("'s", StringComparison.OrdinalIgnoreCase)
            && tokens.SkipWhile(t => t != last).Skip(1).FirstOrDefault() is { } noun && pack.Words("pipeline_nouns").Contains(noun.Canon);
        // «كيف أداء Riley»: a name right after «أداء» ("performance of") is asked after the same way.
        var firstNamed = named.FirstOrDefault(t => !pack.Words("team_filler").Contains(t.Canon));
        var performanceOf = firstNamed.Original is not null
            && tokens.TakeWhile(t => t != firstNamed).LastOrDefault() is { Lower: { } before } && pack.Words("performance_of").Contains(before);
        return (possessive || performanceOf) && pipeline.TeamName is { } owner
            ? new MyDealsCommand(Mine: false)
            {
                OwnerName = owner,
                Otherwise = new WhatsNextCommand(new NameReference(owner)) { TeamPeriod = pipeline with { TeamName = null } },
            }
            : pipeline;
    }

    /// <summary>
    /// "EMEA pipeline in EUR", "pipeline in dollars", «خط المبيعات باليورو»: a currency after "in" (<c>currency_lead</c>) or
    /// glued to «بـ» is the amounts asked for, never a team called "EUR". A filler word ("in all teams": ALL is a code too) is none.
    /// </summary>
    private static (string? Code, Token? Token) AmountsIn(IReadOnlyList<Token> words, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var lead = pack.Words("currency_lead");
        foreach (var token in words)
        {
            if (pack.Words("team_filler").Contains(token.Canon))
            {
                continue;
            }

            // The word before it in the sentence: the team's words may have left "in" out as filler.
            var at = tokens.ToList().IndexOf(token);
            var afterLead = at > 0 && lead.Contains(tokens[at - 1].Lower);
            if (pack.IsArabic)
            {
                var bare = ArabicText.WithoutToTheOrArticle(token.Lower);
                if ((token.Lower.StartsWith('ب') || afterLead) && (pack.Currencies.TryGetValue(bare, out var code) || pack.Currencies.TryGetValue(token.Lower.TrimStart('ب'), out code)))
                {
                    return (code.ToUpperInvariant(), token);
                }
            }
            else if (afterLead && Core.Pipeline.MoneyText.CurrencyCode(token.Lower) is { } code)
            {
                return (code, token);
            }
        }

        return (null, null);
    }

    /// <summary>"EMEA pipeline in EUR": the team's slot holds a currency and filler only, so the team is typed before.</summary>
    private static bool IsACurrencyOnly(IReadOnlyList<Token> slot, IReadOnlyList<Token> tokens, LanguagePack pack) =>
        AmountsIn(slot, tokens, pack).Token is { } currency && slot.All(t => t == currency || pack.Words("team_filler").Contains(t.Canon));

    /// <summary>
    /// "win rate this quarter", «متوسط مدة دورة البيع»: the figure a pipeline question asks for, from the words (one or
    /// several in a row) of the language's <c>focus_*</c> lists; of two, the one said first. None for "pipeline" itself.
    /// </summary>
    private static PipelineFocus Focus(IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var best = (At: int.MaxValue, Focus: PipelineFocus.None);
        foreach (var (list, focus) in FocusLists)
        {
            foreach (var entry in pack.Words(list))
            {
                var words = entry.Split(' ');
                for (var i = 0; i + words.Length <= tokens.Count && i < best.At; i++)
                {
                    if (words.Select((w, k) => SaysFocusWord(tokens[i + k], w, pack)).All(said => said))
                    {
                        best = (i, focus);
                    }
                }
            }
        }

        return best.Focus;
    }

    private static bool SaysFocusWord(Token token, string word, LanguagePack pack) =>
        token.Lower == word || token.Canon == word
        || (pack.IsArabic && (ArabicText.WithoutToTheOrArticle(token.Canon) == word || ArabicText.WithoutToTheOrArticle(token.Lower) == word));

    /// <summary>
    /// "won deals 2025", "pipeline EMEA 2024", "lost deals for EMEA in 2025": a year ending the words where a team would be
    /// (after a word of <c>month_markers</c> or not) is that whole year, not a team called "2025" (the use cases refuse a
    /// year not begun). Only for the pipeline and the closed lists: elsewhere four digits may be a deal's id ("what's next
    /// for 2025"). Not when a period was <paramref name="said"/> already.
    /// </summary>
    private static (IReadOnlyList<Token> Team, CalendarPeriod? Year) WithoutYear(IReadOnlyList<Token> team, LanguagePack pack, bool said)
    {
        if (said || team is not [.., var last] || !CalendarPeriod.TryYear(last.Lower, out var year))
        {
            return (team, null);
        }

        var before = team.Take(team.Count - 1).ToList();
        if (before is [.., var marker] && pack.Words("month_markers").Contains(marker.Lower))
        {
            before.RemoveAt(before.Count - 1);
        }

        return (before, CalendarPeriod.NamedYear(year));
    }

    /// <summary>
    /// Whether words hold an amount that reads as money: "500k", "$2m", "1,500,000", "500 thousand", "٥٠٠ ألف دولار",
    /// «مليونين».
    /// A bare small number ("EMEA 2") or a year ("2026") stays a name's word.
    /// </summary>
    private static bool SaysTargetAmount(IReadOnlyList<Token> words, LanguagePack pack)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var text = words[i].Original;
            if (pack.AmountWords.ContainsKey(words[i].Canon))
            {
                return true;
            }

            if (!AmountRegex().IsMatch(text))
            {
                continue;
            }

            var next = i + 1 < words.Count ? words[i + 1] : (Token?)null;
            if (!char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1]) || text.Contains(',', StringComparison.Ordinal)
                || text.Count(char.IsAsciiDigit) >= 5
                || next is { } unit && (pack.AmountUnits.ContainsKey(unit.Canon) || Currency(unit, pack) is not null))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first amount typed ("2M", "$1.5m", "500,000", "2 million", "٢ مليون دولار"); none means it is not this
    /// command. The period ("this quarter", "by March", "هذا الربع") and a team ("for EMEA", "لفريق EMEA") go with it.
    /// </summary>
    private static ChatCommand? Funnel(IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            // "what do we need 2 hit 2m": a 2 read as "to" (TextSpeak) is no amount.
            var typed = AmountRegex().IsMatch(tokens[i].Original) && tokens[i].Canon.Any(char.IsDigit);
            // «القمع العكسي لمليون» ("for a million"): «ل» or «ب» glued to an amount in words.
            var inWords = tokens[i].Canon;
            if (!typed && pack.IsArabic && !pack.AmountWords.ContainsKey(inWords) && inWords.Length > 3 && inWords[0] is '\u0644' or '\u0628')
            {
                inWords = inWords[1..];
            }

            if (!typed && !pack.AmountWords.ContainsKey(inWords))
            {
                continue;
            }

            // "a million", «مليونين» (two million, one word): the amount in words, as the amount reader takes it.
            var amount = typed ? tokens[i].Original : pack.AmountWords[inWords];
            var used = new HashSet<int> { i };
            // «نص مليون» ("half a million"): a half said before an amount in words halves it.
            if (!typed && i > 0 && pack.Words("amount_halves").Contains(tokens[i - 1].Canon) && WithNumber(amount, n => n / 2) is { } halved)
            {
                amount = halved;
                used.Add(i - 1);
            }

            if (typed && i + 1 < tokens.Count && pack.AmountUnits.TryGetValue(tokens[i + 1].Canon, out var unit))
            {
                amount += " " + (pack.IsArabic ? unit : tokens[i + 1].Original);
                used.Add(i + 1);
            }

            // «مليون ونص», «2 مليون ونصف» ("a million and a half"): a half said after the amount's unit adds to its number;
            // left alone it was read as the team's name.
            if (used.Max() + 1 < tokens.Count && pack.Words("amount_halves").Contains(tokens[used.Max() + 1].Canon)
                && WithNumber(amount, n => n + 0.5m) is { } andAHalf)
            {
                amount = andAHalf;
                used.Add(used.Max() + 1);
            }

            // Arabic currency words become the code the amount reader knows ("مليون دولار" → "m usd").
            var after = used.Max() + 1;
            if (after < tokens.Count && Currency(tokens[after], pack) is { } code)
            {
                amount += " " + code;
                used.Add(after);
            }

            var period = TargetPeriod(tokens, pack) ?? UnreadPeriod(tokens, pack, used.Max() + 1);
            // "reverse funnel 1M EMEA": after an amount complete in itself (a unit or a currency said), a word may name the team;
            // after a bare number ("hit 2 bananas") it is the amount's unit, refused as one.
            var complete = used.Count > 1 || !typed || tokens[i].Original.Any(c => char.IsLetter(c) || c is '$' or '€' or '£' or '¥');
            var team = TargetTeam(tokens, pack, used) ?? (complete ? TeamAfterAmount(tokens, pack, used.Max() + 1, period) : null);
            // «لتحقيق مليون»: what an answer repeats is the amount's words as typed, a glued «ل» or «ب» left off.
            var asTyped = string.Join(' ', used.Order().Select(k => tokens[k].Original));
            asTyped = !typed && inWords != tokens[i].Canon && asTyped.Length > 1 ? asTyped[1..] : asTyped;
            return new ReverseFunnelCommand(amount, period, team) { AmountTyped = asTyped };
        }

        return null;
    }

    /// <summary>"1 million" with its number changed ("0.5 million", "1.5 million"); null when no number comes first.</summary>
    private static string? WithNumber(string amount, Func<decimal, decimal> change) =>
        amount.Split(' ', 2) is [var number, var rest] && decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            ? change(n).ToString(CultureInfo.InvariantCulture) + " " + rest
            : null;

    private static string? Currency(Token token, LanguagePack pack) =>
        pack.Currencies.TryGetValue(token.Lower, out var code) || pack.Currencies.TryGetValue(ArabicText.WithoutArticle(token.Lower), out code) ? code : null;

    /// <summary>"this quarter", "by March", "in Q1 2027"; in Arabic the language file's phrases ("هذا الربع", "بنهاية السنة").</summary>
    private static string? TargetPeriod(IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var text = string.Join(' ', tokens.Select(t => t.Lower));
        if (!pack.IsArabic)
        {
            return TargetPeriodRegex().Match(text) is { Success: true } m ? m.Value : null;
        }

        // Longest phrase first, so "نهايه الربع القادم" is not read as "الربع".
        foreach (var (said, meant) in pack.TargetPeriods.OrderByDescending(p => p.Key.Length))
        {
            if ((" " + text + " ").Contains(" " + said + " ", StringComparison.Ordinal))
            {
                return meant;
            }
        }

        // «بحلول مارس», «قبل حزيران» ("by March"): a month after a word of `period_by` is read as English "by march" is;
        // a list of phrases would need every month under every marker.
        var by = pack.Words("period_by");
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (!by.Contains(tokens[i].Lower) && !by.Contains(tokens[i].Canon))
            {
                continue;
            }

            var month = i + 2 < tokens.Count && pack.MonthNames.TryGetValue(tokens[i + 1].Lower + " " + tokens[i + 2].Lower, out var two) ? two
                : pack.MonthNames.TryGetValue(tokens[i + 1].Lower, out var one) ? one
                : 0;
            if (month > 0)
            {
                return "by " + CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month).ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>
    /// A period said but not known ("by 2020", "in Q7", "next week", «بحلول المريخ»): the words from a period marker after
    /// the amount up to a team ("for EMEA", «لفريق EMEA»). The period reader then refuses them by name; dropped, they would
    /// have left the target on the current quarter without a word.
    /// </summary>
    private static string? UnreadPeriod(IReadOnlyList<Token> tokens, LanguagePack pack, int afterAmount)
    {
        var markers = pack.Words("period_markers");
        var ends = pack.Words("period_ends");
        bool Is(FrozenSet<string> set, Token token) => set.Contains(token.Lower) || set.Contains(token.Canon);
        for (var start = afterAmount; start < tokens.Count; start++)
        {
            if (!Is(markers, tokens[start]))
            {
                continue;
            }

            var end = start + 1;
            while (end < tokens.Count && !Is(ends, tokens[end]))
            {
                end++;
            }

            return string.Join(' ', tokens.Skip(start).Take(end - start).Select(t => t.Original));
        }

        return null;
    }

    /// <summary>"for EMEA", "for the EMEA team", "لفريق EMEA": a team named after a team marker word.</summary>
    private static string? TargetTeam(IReadOnlyList<Token> tokens, LanguagePack pack, HashSet<int> amount)
    {
        if (!pack.IsArabic)
        {
            var text = string.Join(' ', tokens.Select(t => t.Lower));
            var match = TargetTeamRegex().Match(text);
            return match.Success && !TargetPeriodRegex().IsMatch(match.Groups["t"].Value) && !AmountRegex().IsMatch(match.Groups["t"].Value)
                ? tokens.FirstOrDefault(t => t.Lower == match.Groups["t"].Value).Original ?? match.Groups["t"].Value
                : null;
        }

        var markers = pack.Words("team_markers");
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (markers.Contains(tokens[i].Canon) && !amount.Contains(i + 1) && !AmountRegex().IsMatch(tokens[i + 1].Original))
            {
                return tokens[i + 1].Original;
            }
        }

        return null;
    }

    /// <summary>
    /// "reverse funnel 1M EMEA", "funnel 2M APAC this quarter", "500k EUR EMEA": one word right after the amount (and its
    /// currency) names the team when no team marker does, unless it is a filler, a word of the period, a currency, or a
    /// word the examples use.
    /// </summary>
    private static string? TeamAfterAmount(IReadOnlyList<Token> tokens, LanguagePack pack, int after, string? period)
    {
        if (after < tokens.Count && MoneyText.IsCurrencyWord(tokens[after].Lower))
        {
            after++; // "500k EUR EMEA"
        }

        if (after >= tokens.Count || !tokens[after].Lower.Any(char.IsLetter) || AmountRegex().IsMatch(tokens[after].Original))
        {
            return null;
        }

        var word = tokens[after];
        if (MoneyText.IsCurrencyWord(word.Lower) || pack.TargetPeriods.Keys.Any(phrase => phrase.Split(' ').Contains(word.Lower)))
        {
            return null; // "2M KWD", «٢ مليون هالسنة»
        }

        var periodWords = (period ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ordinary = new[] { "team_filler", "light", "period_markers", "period_ends", "funnel_words", "team_nouns" }.Any(set => pack.Words(set).Contains(word.Canon));
        // «500 ألف EMEA هالربع»: an Arabic period is read as its English meaning, so the word after the team may also open
        // one of the phrases that say a period.
        var last = after + 1 == tokens.Count || periodWords.Contains(tokens[after + 1].Lower, StringComparer.OrdinalIgnoreCase)
            || (pack.IsArabic && pack.TargetPeriods.Keys.Any(phrase => phrase.StartsWith(tokens[after + 1].Lower + " ", StringComparison.Ordinal) || phrase == tokens[after + 1].Lower));
        // "reverse funnel 2M Mars", "reverse funnel 2m mars": a word only typo-corrected toward a command word ("mark") is a
        // name, in any case; left out, it was read as the amount's unit ("I couldn't read "2M Mars" as an amount").
        var named = pack.WasCorrected(word.Lower);
        return ordinary || !last || periodWords.Contains(word.Lower, StringComparer.OrdinalIgnoreCase) || (pack.Keywords.Contains(word.Canon) && !named) ? null : word.Original;
    }

    [GeneratedRegex(@"^[$\u20AC\u00A3]?\d[\d,.]*(k|m|mm|bn|b|mil)?$", RegexOptions.IgnoreCase | Options)]
    private static partial Regex AmountRegex();

    private const string MonthWords = "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?";

    [GeneratedRegex(@"\b((this|next) (quarter|year|month)|(by|before|until|till|in|during) (the )?(end of )?(the )?(q[1-4]( \d{4})?|quarter|year|month|\d{1,2}(st|nd|rd|th)? (" + MonthWords + @")|(" + MonthWords + @")( \d{1,2}(st|nd|rd|th)?)?)|q[1-4]( \d{4})?|eoy|eoq)\b", Options)]
    private static partial Regex TargetPeriodRegex();

    [GeneratedRegex(@"\bfor (the )?(?!(this|next|the|us|me|our|we|it|that|a|an|q[1-4])\b)(?<t>[a-z][a-z0-9&.-]*)( team)?\b", Options)]
    private static partial Regex TargetTeamRegex();
}
