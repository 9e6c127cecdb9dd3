using System.Text.RegularExpressions;
using MoneyText = SalesCoachBot.Core.Pipeline.MoneyText;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Reading a deal from the words: a deal's slot into a name, an id ("#1004") or the chat's deal
/// (<see cref="DealOf"/>), a deal named before a colon ("Initech: move to demo") or a speaker's words quoted
/// ("Sam: …"), Arabic prepositions glued to a Latin name, free text after the deal, and a new deal's name and amount.
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>
    /// "Initech: move to demo", "Globex: done demo held", «Initech: انقلها للعرض»: one to three words no example uses, a colon,
    /// and a command that names no deal. The words before the colon are the deal, as if typed in the command's deal slot;
    /// the command keeps the confidence of the words after the colon, so a change not quite understood is asked back.
    /// Null when the words after the colon name a deal of their own ("Sam: mark Initech lost", see <see cref="Quoted"/>)
    /// or are no command.
    /// </summary>
    private static Understood? DealBeforeColon(IntentMatcher matcher, List<Token> tokens, Typed folded)
    {
        var colon = NameColon(matcher, tokens);
        if (colon < 1)
        {
            return null;
        }

        var before = tokens.GetRange(0, colon);
        var after = tokens.GetRange(colon + 1, tokens.Count - colon - 1);
        var deal = DealOf(before, matcher.Pack, folded);
        var alone = Match(matcher, after, [], folded, null);

        // Read as if the name had been typed in the deal's place: "move Initech to demo", "mark Initech lost because price".
        // Only a reading whose deal is exactly the words before the colon counts, and only when it fits better than the
        // words after the colon alone: those may name a deal of their own ("Sam: mark Initech lost" is someone else's
        // words) or point at it ("Initech: push it to proposal", where "it" is Initech).
        Understood? placed = null;
        for (var at = 0; at <= after.Count; at++)
        {
            var candidate = Match(matcher, [.. after.Take(at), .. before, .. after.Skip(at)], [], folded, null);
            if (candidate?.Command is IDealCommand named && named.Deal == deal && (placed is null || candidate.Score > placed.Score))
            {
                placed = candidate;
            }
        }

        // «Initech: اعتبرها خاسرة» alone fits «{deal} خاسرة» with the verb for the deal: that names no deal, so the name goes in.
        if (placed is not null
            && (alone?.Command is not IDealCommand said || (said.Deal is NameReference && NamesNoDeal(matcher, said.Deal)) || placed.Confidence > alone.Confidence))
        {
            return placed;
        }

        if (alone?.Command is not IDealCommand words || !NamesNoDeal(matcher, words.Deal))
        {
            return null;
        }

        // "Initech: legal review done": no reading places the name, but the words after the colon name no deal.
        ChatCommand? command = alone.Command switch
        {
            WhatsNextCommand c => c with { Deal = deal },
            ConfirmItemsCommand c => c with { Deal = deal },
            UndoItemCommand c => c with { Deal = deal },
            UndoLastCommand c => c with { Deal = deal },
            MoveDealCommand c => c with { Deal = deal },
            MarkLostCommand c => c with { Deal = deal },
            SaidNoCommand c => c with { Deal = deal },
            FollowBranchCommand c => c with { Deal = deal },
            ReopenDealCommand c => c with { Deal = deal },
            SnoozeCommand c => c with { Deal = deal },
            UnsnoozeCommand c => c with { Deal = deal },
            SetNextStepCommand c => c with { Deal = deal },
            AddNoteCommand c => c with { Deal = deal },
            LogActivityCommand c => c with { Deal = deal },
            HistoryCommand c => c with { Deal = deal },
            ChangeQuestionCommand c => c with { Deal = deal },
            AboutCommand c => c with { Deal = deal },
            _ => null,
        };
        return command is null ? null : alone with { Command = command };
    }

    /// <summary>
    /// "Sam: mark Initech lost because price", "Sam said: Initech said no because price": a change after a speaker's name
    /// (one to three words no example uses) and a colon is someone else's words. The words after the colon are read alone,
    /// and a change in them is asked back, never done. "Initech: mark lost" names the deal before the colon: the words
    /// after it name none, so it is read whole as before. Null when nothing was quoted.
    /// </summary>
    private static Understood? Quoted(IntentMatcher matcher, List<Token> tokens, Understood understood, Typed folded)
    {
        var colon = NameColon(matcher, tokens);
        if (colon < 1 || CanonicalText(understood.Command) is null)
        {
            return null;
        }

        // "Initech: mark lost because price": the words before the colon are the deal, unless the words after it name a deal
        // of their own («سام: خسرنا Globex بسبب السعر» read whole with «سام» for the deal is still Sam's words).
        var quoted = Match(matcher, tokens.GetRange(colon + 1, tokens.Count - colon - 1), [], folded, null);
        var namesItsOwn = quoted?.Command is IDealCommand { Deal: NameReference own } && !NamesNoDeal(matcher, own);
        if (understood.Command is IDealCommand { Deal: NameReference named } && named.Text == Join(tokens.GetRange(0, colon)) && !namesItsOwn)
        {
            return null;
        }

        return quoted is not null && CanonicalText(quoted.Command) is not null
            && (quoted.Command is IDealCommand { Deal: not LinkedDealReference } || understood.Command is IDealCommand { Deal: LinkedDealReference })
            ? quoted with { Tentative = true }
            : null;
    }

    /// <summary>
    /// Where a name (a deal's or a speaker's) before a colon ends: the first colon after one to four words no example
    /// uses, or -1. A dash separates as a colon does ("Initech - move to demo"), unless a colon follows the words after
    /// it: then the dash is the name's ("Acme Corp - EU rollout: move to demo"). "=" counts as a colon.
    /// </summary>
    private static int NameColon(IntentMatcher matcher, List<Token> tokens)
    {
        var dash = -1;
        var words = 0;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (tokens[i].Lower == ":")
            {
                if (tokens[i].Original is ":" or "=")
                {
                    return i;
                }

                dash = dash < 0 ? i : dash;
            }
            else if (matcher.IsCommandWord(tokens[i].Canon) || ++words > 4 || (dash < 0 && words > 3))
            {
                break;
            }
        }

        return dash;
    }

    /// <summary>
    /// True when a command's deal names none: the chat's deal, or only command words («Initech: اعتبرها خاسرة» read
    /// alone fits «{deal} خاسرة» with the verb «اعتبرها», "mark it", for the deal).
    /// </summary>
    private static bool NamesNoDeal(IntentMatcher matcher, DealReference deal) =>
        deal is LinkedDealReference
        || (deal is NameReference named && Sentence.Tokenize(named.Text) is { Count: > 0 } words
            && words.All(w => matcher.IsCommandWord(matcher.Pack.Canonical(w.Lower))));

    /// <summary>
    /// A free-text slot as typed, punctuation and all, from its first word to the end of the text ("send the deck,
    /// by Friday!"); null when it holds only filler ("please").
    /// </summary>
    private static string? FreeText(IReadOnlyList<Token> slot, Typed folded, LanguagePack pack)
    {
        var filler = pack.Words("free_text_filler");
        if (slot.Count == 0 || slot.All(t => filler.Contains(t.Canon)))
        {
            return null;
        }

        return folded.FromWithEmoji(slot[0].Start);
    }

    private static ChatCommand? Link(IReadOnlyList<Token> slot, Typed folded, LanguagePack pack)
    {
        var chatWords = pack.Words("chat_words");
        if (slot.All(t => chatWords.Contains(t.Canon)))
        {
            return null;
        }

        return DealOf(slot, pack, folded) is { } deal and not LinkedDealReference ? new LinkConversationCommand(deal) : null;
    }

    /// <summary>
    /// "new deal Contoso 50k EUR at discovery for team EMEA", "صفقه جديده Contoso ب 50 الف دولار في مرحله الاكتشاف لفريق
    /// EMEA": the name first, then in any order an amount (with a currency or unit), the stage after a stage marker
    /// ("at", "in … stage", "مرحله"), and the team after a team marker ("for team", "لفريق"). Null without a name.
    /// </summary>
    private static NewDealCommand? NewDeal(IReadOnlyList<Token> slot, Typed typed, LanguagePack pack)
    {
        var rest = Trim(slot, pack.Words("new_deal_leading"), pack.Words("free_text_filler"));
        var teamWords = pack.Words("team_nouns");
        var teamLead = pack.Words("new_deal_team_lead");
        var teamMarkers = pack.Words("team_markers");
        var stageLead = pack.Words("new_deal_stage_lead");
        var stageMarkers = pack.Words("new_deal_stage_markers");
        var stageNouns = pack.Words("stage_nouns");
        var stageWords = pack.Words("stage_words");
        var teamFiller = pack.Words("team_filler");
        string? stage = null;
        string? team = null;

        // Cut the stage and the team off the end, last one first; the name keeps at least its first word.
        for (var cut = true; cut;)
        {
            cut = false;
            for (var i = rest.Count - 1; i >= 1 && !cut; i--)
            {
                var word = rest[i].Canon;
                var lead = i >= 2 && rest[i - 1].Canon is "the" ? i - 2 : i - 1;
                var leadOfName = i >= 3 && rest[i - 2].Canon is "the" ? i - 3 : i - 2;
                if (team is null && teamMarkers.Contains(word) && i + 1 < rest.Count)
                {
                    // "لفريق EMEA": the marker is one word
                    team = Join(rest.Skip(i + 1).Where(t => !teamFiller.Contains(t.Canon)));
                    rest = [.. rest.Take(i > 1 && teamLead.Contains(rest[i - 1].Canon) ? i - 1 : i)];
                    cut = true;
                }
                else if (team is null && teamWords.Contains(word) && i + 1 < rest.Count && lead >= 1 && teamLead.Contains(rest[lead].Canon))
                {
                    // "for team EMEA", "for the team EMEA"
                    team = Join(rest.Skip(i + 1).Where(t => !teamFiller.Contains(t.Canon)));
                    rest = [.. rest.Take(lead)];
                    cut = true;
                }
                else if (team is null && teamWords.Contains(word) && i == rest.Count - 1 && leadOfName >= 1 && teamLead.Contains(rest[leadOfName].Canon))
                {
                    // "for EMEA team", "for the EMEA team"
                    team = rest[i - 1].Original;
                    rest = [.. rest.Take(leadOfName)];
                    cut = true;
                }
                else if (team is null && i == rest.Count - 1 && i >= 3 && teamLead.Contains(rest[i - 1].Canon) && !teamFiller.Contains(word) && !stageWords.Contains(word)
                    && (EndsAnAmount(rest[i - 2], pack) || (stageWords.Contains(rest[i - 2].Canon) && rest.Take(i - 2).Any(t => stageMarkers.Contains(t.Canon)))))
                {
                    // "new deal Nimbus 75k USD for EMEA", "… at demo for EMEA": one word after an amount or a stage names the team.
                    // After the name alone it may be the name's own ("Bank for Savings").
                    team = rest[i].Original;
                    rest = [.. rest.Take(i - 1)];
                    cut = true;
                }
                else if (stage is null && i + 1 < rest.Count
                    && (stageMarkers.Contains(word) || (stageLead.Contains(word) && (stageNouns.Contains(rest[^1].Canon) || rest.Skip(i + 1).All(t => stageWords.Contains(t.Canon) || stageWords.Contains(ArabicText.WithoutArticle(t.Canon)))))))
                {
                    // "at discovery", "in demo stage", "في مرحله الاكتشاف"; "in discovery" only when every word after it is a
                    // stage's ("Made in Italy" keeps its name).
                    var text = StageText([.. rest.Skip(i + 1)], pack, typed);
                    if (text.Length > 0)
                    {
                        stage = text;
                    }

                    rest = [.. rest.Take(i > 1 && stageLead.Contains(rest[i - 1].Canon) && !stageMarkers.Contains(rest[i - 1].Canon) ? i - 1 : i)];
                    cut = true;
                }
                else if (stage is null && rest[i].CommaBefore
                    && ((i >= 2 && EndsAnAmount(rest[i - 1], pack)) || rest.Skip(i).All(t => stageWords.Contains(t.Canon) || stageWords.Contains(ArabicText.WithoutArticle(t.Canon)))))
                {
                    // "new deal: Apex, 40k, discovery": parts separated by commas, the stage last. After the amount any words
                    // are the stage (a map names its own; the use case says when none is called so), after the name only
                    // a stage's words ("Apex, Berlin" keeps its name).
                    var text = StageText([.. rest.Skip(i)], pack, typed);
                    if (text.Length > 0)
                    {
                        stage = text;
                    }

                    rest = [.. rest.Take(i)];
                    cut = true;
                }
            }
        }

        var (name, amount, amountTyped) = SplitAmount(rest, typed, pack);
        var trimmedName = Trim(name, pack.Words("new_deal_leading"), pack.Words("new_deal_name_trailing"));
        // "new deal" alone: the word "deal" is no name.
        return trimmedName.Count == 0 || trimmedName.All(t => pack.Words("new_deal_not_name").Contains(t.Canon))
            ? null
            : new NewDealCommand(typed.Span(trimmedName), amount, stage, team is { Length: > 0 } ? team : null) { AmountTyped = amountTyped };
    }

    /// <summary>"75k", "USD", "million": a word that ends an amount.</summary>
    private static bool EndsAnAmount(Token token, LanguagePack pack) =>
        AmountRegex().IsMatch(token.Original) || MoneyText.IsCurrencyWord(token.Original) || pack.AmountUnits.ContainsKey(token.Canon);

    /// <summary>
    /// The amount in "Contoso 50k EUR" / "Contoso EUR 50,000" / "Contoso €50k" / "Contoso ب 50 الف دولار", after the name's
    /// first word, to the end. A bare number counts only from 1000 up ("Area 51" is a name).
    /// </summary>
    private static (List<Token> Name, string? Amount, string? AmountTyped) SplitAmount(IReadOnlyList<Token> tokens, Typed typed, LanguagePack pack)
    {
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!AmountRegex().IsMatch(tokens[i].Original))
            {
                continue;
            }

            var start = i > 1 && MoneyText.IsCurrencyWord(tokens[i - 1].Original) ? i - 1 : i;
            var end = i + 1;
            var hasUnit = !char.IsDigit(tokens[i].Original[^1]) || !char.IsDigit(tokens[i].Original[0]);
            var words = new List<string> { tokens[i].Original };
            if (end < tokens.Count && pack.AmountUnits.TryGetValue(tokens[end].Canon, out var unit))
            {
                words.Add(pack.IsArabic ? unit : tokens[end].Original);
                end++;
                hasUnit = true;
            }

            if (end < tokens.Count && (MoneyText.IsCurrencyWord(tokens[end].Original) || Currency(tokens[end], pack) is not null))
            {
                words.Add(Currency(tokens[end], pack) is { } code && pack.IsArabic ? code : tokens[end].Original);
                end++;
                hasUnit = true;
            }

            var digits = tokens[i].Original.Count(char.IsDigit);
            if (!hasUnit && start == i && digits < 4)
            {
                continue;
            }

            // Words after the amount stay with it ("50k bananas"), so a unit it cannot read is answered, not made a name.
            var said = pack.IsArabic
                ? string.Join(' ', words.Concat(tokens.Skip(end).Select(t => t.Original)))
                : string.Join(' ', tokens.Skip(start).Select(t => t.Original));
            var nameEnd = start > 1 && pack.Words("amount_lead").Contains(tokens[start - 1].Canon) ? start - 1 : start;
            // In Arabic the amount is read in English words («20 ألف» → "20 thousand"); replies echo what was typed.
            return ([.. tokens.Take(nameEnd)], said, pack.IsArabic ? typed.Span([.. tokens.Skip(start)]) : null);
        }

        return ([.. tokens], null, null);
    }

    /// <summary>The deal a slot names: "this" (or nothing) → the linked deal, "#1042" → an id, else a loose name.</summary>
    private static DealReference DealOf(IReadOnlyList<Token> slot, LanguagePack pack, Typed typed)
    {
        var leading = pack.Words("deal_leading");
        var trailing = pack.Words("deal_trailing");
        var tokens = Trim(CutReason(slot, pack).Deal, leading, trailing);

        // Text-speak "next 4 hooli" / "move 2 demo": a lone 4 or 2 before a name is "for" / "to".
        if (!pack.IsArabic && tokens.Count > 1 && tokens[0].Canon is "4" or "2")
        {
            tokens = Trim([.. tokens.Skip(1)], leading, trailing);
        }

        // "what's next لـ Initech": an Arabic preposition (alone, or glued to the name) typed before a Latin name in an English
        // command is no part of the name.
        if (!pack.IsArabic)
        {
            tokens = WithoutArabicPreposition(tokens);
        }

        var thisDeal = pack.Words("this_deal");
        // "checklist for proposal": a word that trails a deal's name ("the Initech proposal") but is all that was typed is
        // no "this deal"; as a stage's word it is kept, so the deal of that name or else the stage is answered, as "demo" is.
        if (tokens.Count == 0 && Trim(CutReason(slot, pack).Deal, leading, leading) is { Count: > 0 } alone
            && alone.All(t => pack.Words("stage_words").Contains(t.Canon)) && !alone.Any(t => thisDeal.Contains(t.Canon)))
        {
            tokens = alone;
        }

        if (tokens.Count == 0 || tokens.All(t => thisDeal.Contains(t.Canon)))
        {
            return DealReference.ThisDeal;
        }

        if (tokens.Count <= 2 && ExternalIdRegex().Match(tokens[^1].Original) is { Success: true } id
            && (tokens.Count == 1 || pack.Words("id_words").Contains(tokens[0].Canon)))
        {
            return new ExternalIdReference(id.Groups["id"].Value);
        }

        // An Arabic name as it was typed («مؤسسة الأفق», not the folded «مؤسسه الافق»): matching folds it again, and an
        // answer that names it ("no deal matches …") quotes the person's own spelling.
        if (tokens.Any(t => t.Original.Any(ArabicText.IsArabicLetter)))
        {
            return new NameReference(typed.Span(tokens));
        }

        var words = tokens.Select(t => t.Original).ToList();
        words[^1] = StripPossessive(words[^1]);
        return new NameReference(string.Join(' ', words));
    }

    /// <summary>
    /// The deal's words without Arabic prepositions before a name in Latin letters: «لـ Initech» and «لInitech» are "Initech".
    /// Arabic words before anything else are kept (they may be the name).
    /// </summary>
    private static List<Token> WithoutArabicPreposition(List<Token> tokens)
    {
        var start = 0;
        while (start < tokens.Count - 1 && ArabicPrepositions.Contains(tokens[start].Lower) && tokens[start + 1].Original.Any(char.IsAsciiLetter))
        {
            start++;
        }

        // Most names start with a Latin letter: nothing to cut, so the list is handed back as it came (this runs on every
        // English deal slot).
        var glued = start < tokens.Count && !char.IsAsciiLetter(tokens[start].Original.FirstOrDefault())
            ? GluedPrepositionRegex().Match(tokens[start].Original)
            : System.Text.RegularExpressions.Match.Empty;
        if (start == 0 && !glued.Success)
        {
            return tokens;
        }

        var result = tokens[start..];
        if (glued.Success)
        {
            var name = glued.Groups["name"].Value;
            result[0] = result[0] with { Original = name, Lower = name.ToLowerInvariant(), Canon = name.ToLowerInvariant() };
        }

        return result;
    }

    [GeneratedRegex(@"^(?:ل|ب|لل)(?<name>[A-Za-z].*)$", RegexOptions.CultureInvariant)]
    private static partial Regex GluedPrepositionRegex();

    [GeneratedRegex(@"^#?(?<id>\d{1,12})$|^#(?<id>[A-Za-z0-9][A-Za-z0-9-]{0,40})$", Options)]
    private static partial Regex ExternalIdRegex();
}
