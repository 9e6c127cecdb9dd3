using MoneyText = SalesCoachBot.Core.Pipeline.MoneyText;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// "deals over 50k", "EMEA deals over €100k", «صفقاتي أقل من 10 آلاف», «الصفقات بين 20 و80 ألف»: an amount filter on the
/// deal lists. The comparison and its amounts are taken out of the sentence, the rest is read as before ("EMEA deals",
/// "stalled deals", "my biggest deals"), and the filter is added to the list it names.
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>What a comparison word asks: more than an amount, less than one, or between two.</summary>
    private enum AmountBound
    {
        Over,
        Under,
        Between,
    }

    /// <summary>An amount's parts as typed: the number ("-5", "€100k", "20"), a unit word and a currency, each in English words.</summary>
    private sealed record AmountWords(string Number, string? Unit, string? Currency, int End)
    {
        public override string ToString() => string.Join(' ', new[] { Number, Unit, Currency }.Where(w => w is not null));
    }

    /// <summary>
    /// The deal list <paramref name="text"/> asks for with an amount filter; null when no word of <c>amount_filter_deals</c>
    /// and of <c>amount_over</c>, <c>amount_under</c> or <c>amount_between</c> are typed, or the rest names no deal list.
    /// </summary>
    private ChatCommand? AmountFiltered(string? text)
    {
        var folded = ArabicText.Normalize((text ?? string.Empty).Trim());
        var raw = Sentence.TokenizeFolded(TextFolding.Cap(folded));
        foreach (var pack in Matchers.Value.Select(m => m.Pack))
        {
            if (!raw.Any(t => pack.Words("amount_filter_deals").Contains(t.Lower)) || FindBound(raw, pack) is not { } found)
            {
                continue;
            }

            var (bound, at, length) = found;

            var first = ReadAmount(raw, at + length, pack);
            if (first is null)
            {
                continue;
            }

            var second = bound == AmountBound.Between ? SecondOfBetween(raw, first.End, pack) : null;
            if (bound == AmountBound.Between && second is null)
            {
                continue;
            }

            // "between 20 and 80k", «بين 20 و80 ألف»: the unit and currency said once, after the second amount, are both's.
            if (second is not null && first.Unit is null && first.Currency is null && !first.Number.Any(c => !char.IsDigit(c) && c is not '.' and not ',' and not '-'))
            {
                first = first with { Unit = second.Unit, Currency = second.Currency };
            }

            var filter = bound switch
            {
                AmountBound.Over => new AmountFilter(first.ToString(), null),
                AmountBound.Under => new AmountFilter(null, first.ToString()),
                _ => new AmountFilter(first.ToString(), second!.ToString(), Inclusive: true),
            };
            var end = (second ?? first).End;
            var last = raw[end - 1];
            var rest = (folded[..raw[at].Start] + " " + folded[(last.Start + last.Original.Length)..]).Trim();
            // "deals over 50k", «صفقات فوق 50 ألف»: the deals alone, which the examples read as one's own or the stalled ones,
            // are those the person may see ("my deals over 50k" one's own).
            var restWords = pack.Canonicalize(Sentence.TokenizeFolded(rest));
            if (OnlyDealsWords(restWords, pack) is { } mine)
            {
                return new MyDealsCommand(Mine: mine) { Amount = filter, Language = pack.Code };
            }

            return ParseSaid(rest) switch
            {
                MyDealsCommand deals => deals with { Mine = deals.Mine && SaysMine(restWords, pack), Amount = filter, Language = pack.Code },
                StalledCommand stalled => stalled with { Amount = filter, Language = pack.Code },
                _ => null,
            };
        }

        return null;
    }

    /// <summary>The first comparison word (or phrase: "more than", «أكثر من») typed, where it starts and how many words it has.</summary>
    private static (AmountBound Bound, int At, int Length)? FindBound(List<Token> raw, LanguagePack pack)
    {
        for (var i = 0; i < raw.Count; i++)
        {
            foreach (var (set, bound) in new[] { ("amount_over", AmountBound.Over), ("amount_under", AmountBound.Under), ("amount_between", AmountBound.Between) })
            {
                foreach (var phrase in pack.Words(set))
                {
                    var words = phrase.Split(' ');
                    if (i + words.Length <= raw.Count && words.Select((w, k) => raw[i + k].Lower == w).All(same => same))
                    {
                        return (bound, i, words.Length);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The amount typed from <paramref name="at"/>: a minus, a currency before it, the number, a unit (<c>amount_units</c>) and a
    /// currency after it. A word that is no number ("banana") is the amount as typed, so the answer can say it is not one;
    /// a number before a period's unit ("over 30 days") is no amount.
    /// </summary>
    private static AmountWords? ReadAmount(List<Token> raw, int at, LanguagePack pack, bool glued = false)
    {
        var i = at;
        var sign = i < raw.Count && raw[i].Original == "-" ? "-" : string.Empty;
        i += sign.Length;
        var before = i < raw.Count && (MoneyText.CurrencyCode(raw[i].Original) ?? Currency(raw[i], pack)) is { } code && i + 1 < raw.Count && char.IsDigit(raw[i + 1].Original[0])
            ? code : null;
        i += before is null ? 0 : 1;
        if (i >= raw.Count)
        {
            return null;
        }

        var number = glued && raw[i].Lower.Length > 1 && raw[i].Lower[0] == '\u0648' ? raw[i].Original[1..] : raw[i].Original;
        if (!AmountRegex().IsMatch(number))
        {
            // "deals over banana": one word that could be meant as the amount; "deals over the …" is not a comparison.
            return sign.Length == 0 && number.Any(char.IsLetter) && !pack.Words("amount_filter_deals").Contains(raw[i].Lower)
                && !TeamOrFiller(raw[i], pack) ? new AmountWords(number, null, null, i + 1) : null;
        }

        i++;
        string? unit = null;
        if (i < raw.Count && pack.AmountUnits.TryGetValue(raw[i].Lower, out var named))
        {
            unit = pack.IsArabic ? named : raw[i].Original;
            i++;
        }

        if (i < raw.Count && unit is null && pack.PeriodUnits.ContainsKey(raw[i].Lower))
        {
            return null;
        }

        var after = i < raw.Count ? MoneyText.CurrencyCode(raw[i].Original) ?? Currency(raw[i], pack)?.ToUpperInvariant() : null;
        i += after is null ? 0 : 1;
        return new AmountWords(sign + number, unit, before ?? after, i);
    }

    /// <summary>"… and 80k", «… و80 ألف», «… و 80 ألف»: the second amount of a "between".</summary>
    private static AmountWords? SecondOfBetween(List<Token> raw, int at, LanguagePack pack)
    {
        if (at >= raw.Count)
        {
            return null;
        }

        return pack.Words("amount_and").Contains(raw[at].Lower) ? ReadAmount(raw, at + 1, pack)
            : pack.IsArabic ? ReadAmount(raw, at, pack, glued: true)
            : null;
    }

    /// <summary>Words that are no amount after "over": a team's noun or a filler ("over the", "above my").</summary>
    private static bool TeamOrFiller(Token token, LanguagePack pack) =>
        pack.Words("team_deals_words").Contains(token.Lower) || pack.Words("mine_words").Contains(token.Lower);

    /// <summary>
    /// "deals", "my deals", «صفقاتي»: every word one of <c>team_deals_words</c> (or a deals word); whether the person's own
    /// are asked for, null when another word is typed.
    /// </summary>
    private static bool? OnlyDealsWords(IReadOnlyList<Token> rest, LanguagePack pack) =>
        rest.Count > 0 && rest.All(t => pack.Words("team_deals_words").Contains(t.Lower) || pack.Words("amount_filter_deals").Contains(t.Lower))
            ? SaysMine(rest, pack)
            : null;

    /// <summary>
    /// What the bot does not do, said without the words <see cref="NotOfferedTopic"/> reads: a deal's new amount ("Globex is
    /// now 120k EUR", "Globex amount 120k", "change Globex to 120k", «غيّر مبلغ Globex إلى 120 ألف»), or when a deal will
    /// close ("when is Globex closing", "when will Initech close", «متى تقفل Globex»). Never a move to a stage called "120k".
    /// </summary>
    private static NotOfferedCommand? AmountOrCloseDate(string? text)
    {
        var folded = ArabicText.Normalize((text ?? string.Empty).Trim());
        var raw = Sentence.TokenizeFolded(TextFolding.Cap(folded));
        foreach (var pack in Matchers.Value.Select(m => m.Pack))
        {
            // "note for Globex: now 50k": what follows a colon is a note's or a step's own words.
            var tokens = pack.Canonicalize(raw).TakeWhile(t => t.Lower != ":").ToList();
            bool In(string set, Token t) => pack.Words(set).Contains(t.Lower) || pack.Words(set).Contains(t.Canon);
            if (tokens.Count == 0 || tokens.Any(t => In("amount_filter_deals", t) || In("amount_change_not", t)))
            {
                continue;
            }

            var figure = Enumerable.Range(1, tokens.Count - 1).FirstOrDefault(i => IsAFigure(tokens, i, pack));
            if (figure > 0)
            {
                var before = tokens[..figure];
                if (before.Any(t => In("not_offered_amount", t) || In("amount_change_now", t))
                    || (before.Any(t => In("not_offered_owner_change", t)) && In("amount_change_to", before[^1])))
                {
                    return new NotOfferedCommand(NotOffered.Amounts) { Language = pack.Code };
                }
            }

            // "when is Globex closing", «متى تقفل Globex»; "when did we close Globex" asks its history, not a date to come.
            if (In("close_when_words", tokens[0]) && tokens.Any(t => In("not_offered_closing", t) || In("not_offered_close", t))
                && !tokens.Any(t => In("close_past_words", t)))
            {
                return new NotOfferedCommand(NotOffered.CloseDates) { Language = pack.Code };
            }
        }

        return null;
    }

    /// <summary>"120k", "€50,000", "2M", "120 thousand", «120 ألف»: a number with a unit or currency, or of four digits and up.</summary>
    private static bool IsAFigure(List<Token> tokens, int at, LanguagePack pack)
    {
        var word = tokens[at].Original;
        if (!AmountRegex().IsMatch(word))
        {
            return false;
        }

        var next = at + 1 < tokens.Count ? tokens[at + 1] : (Token?)null;
        return !char.IsDigit(word[0]) || !char.IsDigit(word[^1]) || word.Count(char.IsDigit) >= 4
            || (next is { } unit && (pack.AmountUnits.ContainsKey(unit.Lower) || MoneyText.IsCurrencyWord(unit.Original) || Currency(unit, pack) is not null));
    }
}
