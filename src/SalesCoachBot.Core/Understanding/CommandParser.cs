using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using SalesCoachBot.Core.Dates;
using CalendarPeriod = SalesCoachBot.Core.Pipeline.CalendarPeriod;
using CalendarUnit = SalesCoachBot.Core.Pipeline.CalendarUnit;
using MoneyText = SalesCoachBot.Core.Pipeline.MoneyText;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Understands what people type, in English and Arabic. What each command looks like lives in the language files
/// (<c>Languages/en.yaml</c>, <c>ar.yaml</c>): written examples with slots, fillers, shorthand, synonyms. The
/// <see cref="IntentMatcher"/> finds the closest example (ADR 0015); this class reads its slots into a command
/// with the existing slot readers (deal, items, stage, reason, team, amount, period). Low confidence gives help
/// with the closest commands, or a question before a change. Stateless and thread-safe; never throws on input.
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>Below this confidence nothing is guessed: the answer is help with the closest commands.</summary>
    internal const double MinConfidence = 0.5;

    /// <summary>A command that changes a deal, understood below this confidence, is asked about first.</summary>
    internal const double ConfirmBelow = 0.7;

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private static readonly Lazy<IntentMatcher[]> Matchers = new(() => [.. LanguagePack.All.Select(p => new IntentMatcher(p))]);

    /// <summary>Each language's <c>answer_yes</c> and <c>answer_no</c>, folded once as typed words are.</summary>
    private static readonly Lazy<(string Code, FrozenSet<string> Yes, FrozenSet<string> No)[]> AnswerWords = new(() =>
    [
        .. Matchers.Value.Select(m => (m.Pack.Code, Folded(m.Pack.Words("answer_yes")), Folded(m.Pack.Words("answer_no")))),
    ]);

    /// <summary>The recognisers, English first (for the bench and the accuracy report).</summary>
    internal static IReadOnlyList<IntentMatcher> Recognisers => Matchers.Value;

    private static bool OnlyMarks(string text) => text.All(c => char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format);

    /// <summary>Understands <paramref name="text"/>; anything not understood is an <see cref="UnknownCommand"/>.</summary>
    public ChatCommand Parse(string? text)
    {
        if (ParseRepeatedOnce(text) is { } once)
        {
            return once;
        }

        // "deals over 50k": the list read without its amount filter, which is added to it (CommandParser.Amounts).
        var parsed = AmountFiltered(text) ?? AmountOrCloseDate(text) ?? ParseSaid(text);
        parsed = StepDone(text, parsed) ?? parsed;
        return Answer(text, parsed) ?? parsed;
    }

    /// <summary>
    /// "yes", "yes please", "go ahead", «نعم», «أيوه» (<c>answer_yes</c>), "no", «لا» (<c>answer_no</c>) as the whole message:
    /// an answer to a question the bot asked, read as <paramref name="parsed"/> when none was.
    /// </summary>
    private static AnswerCommand? Answer(string? text, ChatCommand parsed)
    {
        // A yes or no is a few words: longer messages are not folded at all.
        if (string.IsNullOrWhiteSpace(text) || text.Length > 60)
        {
            return null;
        }

        // Folded as every other word is (case, accents, alef and taa marbuta forms, diacritics, punctuation), so «أيوة»
        // and «نَعَم» are the list's «ايوه» and «نعم».
        var said = string.Join(' ', TextFolding.Words(text));
        foreach (var (code, yes, no) in AnswerWords.Value)
        {
            if (yes.Contains(said) || no.Contains(said))
            {
                return new AnswerCommand(yes.Contains(said), parsed) { Language = code };
            }
        }

        return null;
    }

    private static FrozenSet<string> Folded(IEnumerable<string> phrases) =>
        phrases.Select(p => string.Join(' ', TextFolding.Words(p))).Where(p => p.Length > 0).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// "next step for Initech done", "done next step for Initech", «خلصت الخطوة التالية لـ Initech»: a word of
    /// <c>step_done</c> as the whole step, or before or after the words that ask for a deal's next step, finishes the step.
    /// Null when the text says anything else.
    /// </summary>
    private ChatCommand? StepDone(string? text, ChatCommand parsed)
    {
        if (parsed is SetNextStepCommand said && IsDoneWord(said.Text.Trim().TrimEnd('.', '!'), said.Language))
        {
            return said with { Text = string.Empty, Done = true };
        }

        var words = (text ?? string.Empty).Trim().TrimEnd('.', '!').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return null;
        }

        var rest = IsDoneWord(words[0], language: null) ? string.Join(' ', words[1..])
            : IsDoneWord(words[^1], language: null) ? string.Join(' ', words[..^1])
            : null;
        return rest is null || !SaysStep(rest) ? null : ParseSaid(rest) switch
        {
            WhatsNextCommand { TeamPeriod: null } asked when asked.Deal is not LinkedDealReference => new SetNextStepCommand(asked.Deal, string.Empty) { Done = true, Language = asked.Language },
            SetNextStepCommand { Text.Length: 0 } step => step with { Done = true },
            _ => null,
        };
    }

    /// <summary>A word of <c>summary_words</c> typed outside the deal's name ("EMEA summary", «ملخص EMEA»).</summary>
    private static bool SaysSummary(List<Token> raw, string deal)
    {
        var name = TextFolding.Words(deal);
        return raw.Any(t => !name.Contains(TextFolding.Fold(t.Lower)) && Matchers.Value.Any(m => m.Pack.Words("summary_words").Contains(t.Lower)));
    }

    private static bool SaysStep(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
        .Any(w => LanguagePack.Lower(w).Trim(':', ',', '.') is var lower && Matchers.Value.Any(m => m.Pack.Words("step_done_asks").Contains(lower)));

    /// <summary>A word of <c>step_done</c> as typed or as its synonym («خلصت» reads «تم»).</summary>
    private static bool IsDoneWord(string word, string? language) => Matchers.Value.Any(m =>
        (language is null || m.Pack.Code == language)
        && LanguagePack.Lower(word) is var lower
        && (m.Pack.Words("step_done").Contains(lower) || m.Pack.Words("step_done").Contains(m.Pack.Canonical(lower))));

    private ChatCommand ParseSaid(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        var capped = TextFolding.Cap(trimmed);

        // Words are read from the first 500 characters; a free-text slot (a note) runs to the end of what was typed,
        // so a long note can be refused whole rather than cut.
        var folded = ArabicText.Normalize(trimmed);
        var raw = Sentence.TokenizeFolded(TextFolding.Cap(folded));
        new Typed(trimmed, folded).KeepTypedLetters(raw);
        var (arabic, other) = Sentence.Scripts(raw);
        // As many words of each script: Arabic. Deal names are written in Latin letters inside Arabic sentences far more
        // often than the other way round, so «انقل Initech» and «Initech اختفوا» are Arabic.
        var mostlyArabic = arabic >= other && arabic > 0;
        var majority = mostlyArabic ? Matchers.Value[1] : Matchers.Value[0];
        // Marks with no letter to sit on (harakat alone, direction marks) are nothing typed: echoed back they would stack
        // on the quotation mark, so they get the plain help as an empty message does.
        var unknown = new UnknownCommand(OnlyMarks(capped) ? string.Empty : capped) { Language = majority.Pack.Code };
        if (raw.Count == 0)
        {
            return capped.Contains('?', StringComparison.Ordinal) ? new HelpCommand() : unknown;
        }

        // "help next step", «مساعدة الخطوة التالية»: help about a command is the help, never a deal called "help".
        foreach (var matcher in Matchers.Value)
        {
            if (HelpAbout(matcher, raw, new Typed(trimmed, folded)) is { } help)
            {
                return help;
            }
        }

        // "reassign Tailwind to Sam", "deals closing this month", "lint the map": what the bot does not do, said so; the
        // language of most of the words first, so «lint للخريطة» is answered in Arabic.
        foreach (var matcher in Matchers.Value.OrderBy(m => m != majority))
        {
            if (NotOfferedTopic(matcher.Pack, raw) is { } topic)
            {
                return new NotOfferedCommand(topic) { Language = matcher.Pack.Code };
            }
        }

        // "what moved", «وش تحرك»: the stage moves of the default period.
        foreach (var matcher in Matchers.Value)
        {
            if (MovesAlone(matcher.Pack, raw))
            {
                return new StageMovesCommand(null, null, null) { Language = matcher.Pack.Code };
            }
        }

        // "what have I done this week", "what did I confirm today", «شو عملت هالأسبوع»: the person's own acts.
        foreach (var matcher in Matchers.Value)
        {
            if (ActsAlone(matcher, raw, new Typed(trimmed, folded)) is { } acts)
            {
                return acts;
            }
        }

        // "activities of Dana", "Dana's activity last week", «نشاطات دانا», «نشاط Initech»: a person's acts, or a deal's history.
        foreach (var matcher in Matchers.Value)
        {
            if (ActsOfNamed(matcher, raw, new Typed(trimmed, folded)) is { } actsOf)
            {
                return actsOf;
            }
        }

        // "remind me to call Initech tomorrow", «ذكرني أتصل بـ Initech بكرة»: the deal's next step, in the language of "remind".
        foreach (var matcher in Matchers.Value)
        {
            if (Reminder(raw, new Typed(trimmed, folded), matcher.Pack) is { } step)
            {
                return step with { Language = matcher.Pack.Code };
            }
        }

        // "initech done 2", "Stark won": short forms the examples misread
        // (CommandParser.ShortForms).
        foreach (var matcher in Matchers.Value)
        {
            var said = new Typed(trimmed, folded);
            if (((ChatCommand?)DoneByPosition(raw, said, matcher.Pack) ?? WonAlone(raw, said, matcher.Pack)) is { } shortForm)
            {
                return shortForm;
            }

        }

        // Mixed scripts ("ما التالي لصفقة Initech", "what's next for مؤسسة الأفق"): both languages try, the better fit wins.
        Understood? best = null;
        var closest = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var matcher in Matchers.Value)
        {
            if (matcher.Pack.IsArabic ? arabic == 0 : other == 0 && arabic > 0)
            {
                continue;
            }

            var understood = Understand(matcher, raw, new Typed(trimmed, folded), matcher == majority ? closest : null);
            if (understood is not null && (best is null || understood.Score > best.Score))
            {
                best = understood;
            }
        }

        // "next step for Initech by Friday" read as the step "Friday" for "Initech by", "next step for #1011 next week" as the
        // deal's card: only a date after the deal, so its words are asked for (CommandParser.ShortForms). A step read with
        // its own words ("next step for Initech demo by Friday") keeps them.
        if ((best is null || best.Command is WhatsNextCommand || (best.Command is SetNextStepCommand { Deal: NameReference { Text: var stepDeal } }
                && Matchers.Value.Any(m => m.Pack.Words("step_date_leads").Contains(LanguagePack.Lower(stepDeal.Split(' ')[^1])))))
            && Matchers.Value.Select(m => StepDateOnly(raw, new Typed(trimmed, folded), m.Pack)).FirstOrDefault(s => s is not null) is { } dateOnly)
        {
            return dateOnly;
        }

        // "Tailwind is lost, they chose a competitor" read with "Tailwind is lost" for a deal: when no example reads a loss,
        // a comma or a dash after "lost" ends the deal's words and opens the reason, as "Oceanic lost, they went silent" does.
        if (best?.Command is not MarkLostCommand
            && Matchers.Value.Select(m => LostThenReason(raw, new Typed(trimmed, folded), m.Pack)).FirstOrDefault(l => l is not null) is { } lostThen)
        {
            return lostThen;
        }

        if (best is null)
        {
            var help = unknown with { Closest = Closest(majority.Pack, closest) };
            return (ChatCommand?)NameAlone(majority, raw, new Typed(trimmed, folded), help) ?? help;
        }

        // A change not quite understood, only said to be needed ("need to mark Globex lost"), or typed as a question
        // ("Globex lost?", "Globex lost? because price", «خسرنا Globex؟») is asked back first.
        // "could you move Initech to demo?": the question mark of a request to the bot asks nothing ("could we …?" does).
        var command = best.Command with { Language = best.Language };
        if (command is WhatsNextCommand next && Matchers.Value.Any(m => m.Pack.Words("help_words").Contains(raw[0].Lower)))
        {
            command = next with { AskedForHelp = true };
        }

        if (command is WhatsNextCommand { Deal: NameReference named } summary && SaysSummary(raw, named.Text))
        {
            command = summary with { AskedForSummary = true };
        }

        return (best.Confidence < ConfirmBelow || best.Tentative || (HasAQuestionMark(trimmed) && !best.Requested)) && CanonicalText(command, best.Language) is { } canonical
            ? new ConfirmIntentCommand(command, canonical) { Language = best.Language }
            : command;
    }

    /// <summary>
    /// What was typed, and its folded form (<see cref="ArabicText.Normalize"/>), which only ever drops characters: a
    /// token's position in the folded text finds the same words as typed, so a note or an Arabic deal name keeps its
    /// spelling (ة, أ, diacritics) while matching used the folded one.
    /// </summary>
    private sealed record Typed(string Raw, string Folded)
    {
        // Invisible marks that close nothing: direction marks, zero-width space, word joiner, BOM. Not a closing isolate
        // (it pairs with an opening one in the note) nor the combining marks ArabicText folds away: «مرحباً» keeps its tanween.
        private static readonly char[] TrailingMarks =
            ['\u200B', '\u200E', '\u200F', '\u2060', '\uFEFF', '\u061C', ' ', '\t', '\r', '\n'];

        /// <summary>
        /// The text as typed from the folded position <paramref name="start"/> to the end, trimmed. The start is a word's, so
        /// a direction mark before it is already left out; a right-to-left mark typed after the last word is trimmed the same way.
        /// </summary>
        public string From(int start) => Raw[RawIndex(start)..].Trim().TrimEnd(TrailingMarks);

        /// <summary>
        /// <see cref="From"/> with the emoji typed right before <paramref name="start"/>: emoji are no tokens, so a slot's
        /// first token may come after them ("🎉 demo tomorrow" keeps its 🎉). So are the marks glued to the first word
        /// ("$50k budget", "(tentative) call", "<b>", «"yes"»): they are kept, a separator (": ", " - ") is not.
        /// </summary>
        public string FromWithEmoji(int start)
        {
            var at = start;
            for (var i = start - 1; i >= 0; i--)
            {
                var c = Folded[i];
                if (IsEmoji(c) || (i + 1 == at && OpensAWord(c)))
                {
                    at = i;
                }
                else if (!char.IsWhiteSpace(c))
                {
                    break;
                }
            }

            return From(at);
        }

        // A mark that may open a note's or step's first word: punctuation or a symbol, but not one that separates the
        // deal from the text or ends a sentence, nor a closing bracket or quote.
        private static bool OpensAWord(char c) =>
            (char.IsPunctuation(c) || char.IsSymbol(c))
            && c is not (':' or '-' or '\u2013' or '\u2014' or ',' or '.' or ';' or '!' or '?' or '\u060C' or '\u061B' or '\u061F')
            && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.ClosePunctuation
                or System.Globalization.UnicodeCategory.FinalQuotePunctuation);

        /// <summary>
        /// The emoji typed after the folded position <paramref name="end"/> past a colon or dash ("note for Initech: 👍"),
        /// or null when nothing or more than emoji follows: an emoji-only note has no token for a slot to hold.
        /// </summary>
        public string? EmojiAfter(int end)
        {
            var at = end;
            while (at < Folded.Length && (char.IsWhiteSpace(Folded[at]) || Folded[at] is ':' or '-' or '\u2013'))
            {
                at++;
            }

            var rest = Folded[at..];
            return rest.Length > 0 && rest.All(c => IsEmoji(c) || char.IsWhiteSpace(c)) ? From(at) : null;
        }

        private static bool IsEmoji(char c) =>
            char.IsSurrogate(c) || c is '\uFE0F' or '\u200D' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol;

        /// <summary>
        /// The words as typed from the first token to the last. Latin-only words are joined as before, unless
        /// <paramref name="punctuated"/> asks for the text between them as typed (a reason keeps its commas). Words read
        /// out of their typed order ("Initech: move to demo" tried as "move Initech to demo") are joined.
        /// </summary>
        public string Span(IReadOnlyList<Token> tokens, bool punctuated = false)
        {
            if ((ReferenceEquals(Raw, Folded) && !punctuated) || tokens.Count == 0 || tokens[^1].Start < tokens[0].Start)
            {
                return Join(tokens);
            }

            var last = tokens[^1];
            var from = RawIndex(tokens[0].Start);
            var to = RawIndex(last.Start + last.Original.Length - 1) + 1;
            // Tokens of a re-read sentence ("Initech: …" tried with the name moved) may not map back onto one run of the
            // typed text; their words joined are then what was meant.
            return from < to && to <= Raw.Length ? Raw[from..to].Trim() : Join(tokens);
        }

        /// <summary>
        /// Where the quotation marks ("…", “…”, «…») around <paramref name="token"/> open in the folded text, or -1 when it
        /// stands inside none. Only a closed pair counts.
        /// </summary>
        public int QuoteOpen(Token token)
        {
            var open = -1;
            var closer = '\0';
            for (var i = 0; i < Folded.Length && i <= token.Start; i++)
            {
                var c = Folded[i];
                if (open >= 0 && c == closer)
                {
                    open = -1;
                }
                else if (open < 0 && Closer(c) is var close && close != '\0')
                {
                    open = i;
                    closer = close;
                }
            }

            return open >= 0 && Folded.IndexOf(closer, token.Start) >= 0 ? open : -1;
        }

        private static char Closer(char open) => open switch
        {
            '"' => '"',
            '\u201C' => '\u201D', // “ ”
            '\u00AB' => '\u00BB', // « »
            _ => '\0',
        };

        /// <summary>
        /// Gives each token's <see cref="Token.Original"/> the Arabic letters as typed where folding swapped one letter for
        /// another (أ إ آ → ا, ة → ه, ى → ي): a word echoed back («لا أعرف فريقًا اسمه «الأخبار»») reads as the person
        /// wrote it. Letter for letter, so lengths and positions in the folded text stay what they were; dropped marks stay dropped.
        /// </summary>
        public void KeepTypedLetters(List<Token> tokens)
        {
            if (ReferenceEquals(Raw, Folded) || tokens.Count == 0)
            {
                return;
            }

            // Folded position → typed position, once for the whole text.
            var at = new int[Folded.Length];
            for (int i = 0, kept = 0; i < Raw.Length && kept < at.Length; i++)
            {
                if (ArabicText.Fold(Raw[i]) != '\0')
                {
                    at[kept++] = i;
                }
            }

            for (var t = 0; t < tokens.Count; t++)
            {
                var original = tokens[t].Original;
                char[]? typed = null;
                for (var k = 0; k < original.Length && tokens[t].Start + k < at.Length; k++)
                {
                    var c = Raw[at[tokens[t].Start + k]];
                    if (c != original[k] && ArabicText.IsArabicLetter(c) && ArabicText.IsArabicLetter(original[k]) && ArabicText.Fold(c) == original[k])
                    {
                        typed ??= original.ToCharArray();
                        typed[k] = c;
                    }
                }

                if (typed is not null)
                {
                    tokens[t] = tokens[t] with { Original = new string(typed) };
                }
            }
        }

        private int RawIndex(int folded)
        {
            var kept = 0;
            for (var i = 0; i < Raw.Length; i++)
            {
                if (ArabicText.Fold(Raw[i]) == '\0')
                {
                    continue;
                }

                if (kept++ == folded)
                {
                    return i;
                }
            }

            return Raw.Length;
        }
    }

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

    /// <summary>The commands that change a deal: a "don't" turns them round, and a question word only asks about them.</summary>
    private static readonly FrozenSet<string> NegatableChanges =
        FrozenSet.Create(StringComparer.Ordinal, "done", "undo", "move", "lost", "saidno", "snooze", "unsnooze", "reopen", "activity");

    /// <summary>
    /// The changes a question word only asks about: those above, and a branch ("has Globex been snoozed?" fits "mark
    /// {deal} as {when}"). A branch is not among the negatable ones: its own words often hold one ("not a fit").
    /// </summary>
    private static readonly FrozenSet<string> QuestionableChanges = FrozenSet.Create(StringComparer.Ordinal, [.. NegatableChanges, "branch"]);

    /// <summary>What "tell me about …" can ask for, suggested when the words name neither: a deal's next step, a stage.</summary>
    private static readonly string[] AboutSuggestions = ["next", "stage"];

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

    /// <summary>
    /// The day a date in words is read against where only whether the words are a date matters. Within the years the
    /// reader takes (2000–2100): against 1970, "Dec 10" and "10/12" were no day at all, so never a step's date.
    /// </summary>
    private static readonly DateContext AnyDay = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    /// <summary>Reads the winning example's slots into a command; null when the slots do not make one.</summary>
    private static ChatCommand? Build(IntentMatch m, IReadOnlyList<Token> tokens, IReadOnlyList<Token> opening, Typed folded, LanguagePack pack)
    {
        // "don't mark Globex lost", «ما خسرنا Globex», "we almost lost Globex": not understood, so never done, and no
        // other reading of the same words is tried (it could take the deal for a reason).
        // "hold off on marking Globex lost" fits "hold off on {deal}": the deal's slot holds another change. So does "wait
        // before marking Globex lost", read as "{deal} is lost" or as the history question "is {deal} lost".
        if ((QuestionableChanges.Contains(m.Command) || m.Command == "history") && HoldsAChange(m.Slot("deal"), pack))
        {
            return new UnknownCommand(folded.Raw);
        }

        // "won deals", "lost deals" fit "{deal} won", "lost {deal}" with "deals" for the deal, which would then be the chat's:
        // deals in general are no deal (deals_nouns), so another reading is tried.
        if (m.Slot("deal") is { Count: > 0 } plural && plural.All(t => pack.Words("deals_nouns").Contains(t.Canon)))
        {
            return null;
        }

        // "we went with Initech's terms" fits "{deal} went with {reason}" with "we" for the deal: our side chose, so no buyer
        // said no, and no other reading is tried (it was read as "what went on with {deal}").
        if (m.Command == "saidno" && ChoseUs(m, tokens, pack))
        {
            return new UnknownCommand(folded.Raw);
        }

        // "I'm lost" fits "{deal} is lost" with "I'm" for the deal: a person, so another reading is tried.
        if ((QuestionableChanges.Contains(m.Command) || m.Command == "history") && NamesAPerson(m.Slot("deal"), pack))
        {
            return null;
        }

        // "they said no because price" fits "they said no on {deal}" with the deal "because price": a word that opens a reason
        // opens no deal's name, so another reading is tried.
        if (m.Slot("deal") is [var first, ..] && pack.Words("deal_reason_cut").Contains(first.Lower))
        {
            return null;
        }

        // "Oceanic is not now, maybe next year" fits "{deal} is now in {stage}" with "maybe next year" for the stage: a stage
        // opening with a hedge is none, and the "not" is the branch's. Another reading is tried.
        if (m.Command == "move" && m.Slot("stage") is [var hedge, ..] && pack.Words("change_hedges").Contains(hedge.Lower))
        {
            return null;
        }

        if (NegatableChanges.Contains(m.Command))
        {
            var negated = IsNegated(m, tokens, pack);
            if (negated == Negation.Dropped)
            {
                // "Globex is still interested" fits "{deal} is not interested" without its "not": the opposite, so another
                // reading is tried.
                return null;
            }

            if (negated == Negation.Negated || IsHedged(m, tokens, opening, pack))
            {
                return new UnknownCommand(folded.Raw);
            }
        }

        // «وش خسرنا هالسنة», «ماذا خسرنا هذا الشهر» ("what did we lose this year") fit «خسرنا {deal}» with the period for the
        // deal: no deal is named, so it asks for the deals lost in that period, and nothing changes. So with "anything"
        // before the period («خسرنا شي هالأسبوع؟»).
        if (m.Command == "lost" && (IsAPeriod(m.Slot("deal"), pack)
            || IsAPeriod([.. m.Slot("deal").SkipWhile(t => pack.Words("anything_words").Contains(t.Canon))], pack)))
        {
            return Closed(m, tokens, pack);
        }

        // "should I mark Globex lost because of price?", «كيف أعتبر صفقة خاسرة؟»: asked about, not asked for. The help
        // answer shows how the change is said, with that command first; asked whether to do it ("should", «هل أنقل»)
        // about a deal, the deal's checklist shows what the change needs. "who marked Globex lost?", "when did Globex move
        // to demo?": what happened to a deal, which its history tells (the help answer when the name is no deal's).
        if (QuestionableChanges.Contains(m.Command) && QuestionWords(m, tokens, folded.Raw, pack) is { Count: > 0 } asked)
        {
            var help = new UnknownCommand(folded.Raw) { Closest = pack.Suggestions.TryGetValue(m.Command, out var how) ? [how] : [] };
            var history = pack.Words("history_questions");
            var advice = pack.Words("advice_questions");
            var deal = WithoutGluedStage(m.Slot("deal").SkipWhile(t => asked.Contains(t.Lower) || advice.Contains(t.Lower)).ToList(), pack);
            // «هل أنقل Globex للعرض؟»: a first-person verb after «هل» asks whether to; «كيف أعتبر …» asks how (help).
            var advised = asked.Any(advice.Contains)
                || tokens.Where((t, i) => i > 0 && advice.Contains(t.Lower) && asked.Contains(tokens[i - 1].Lower) && history.Contains(tokens[i - 1].Lower)).Any();
            return deal.Count == 0 ? help
                : advised ? new ChangeQuestionCommand(DealOf(deal, pack, folded), help, Advice: true)
                : asked.All(history.Contains) ? new ChangeQuestionCommand(DealOf(deal, pack, folded), help)
                : help;
        }

        return m.Command switch
        {
            // «كم باقي على التارجت» fits «كم باقي على {deal}» with the target for the deal: a quota is no deal's name (parse55).
            // Arabic only: "what's next for Target" may name a retailer's deal.
            "next" when pack.IsArabic && m.Slot("deal") is { Count: > 0 } quota && quota.All(t => pack.Words("quota_words").Contains(t.Lower) || pack.Words("quota_words").Contains(t.Canon))
                => new QuotaProgressCommand(),
            "next" => NextIsATime(m, tokens, pack) || AsksWhichDeals(m.Slot("deal"), pack) || NamesThePipeline(m.Slot("deal"), pack) || IsAPeriod(m.Slot("deal"), pack) || StepAfterLatinName(m, tokens, pack) || EndsWithAStageToGoTo(m.Slot("deal"), pack) || MoveVerbBeforeDeal(m, pack) ? null
                : NextWithItsPeriod(m.Slot("deal"), m, pack, folded),
            "done" => Items(m.Slot("item"), pack) is { Count: > 0 } items ? new ConfirmItemsCommand(DealOf(m.Slot("deal"), pack, folded), items) : null,
            // «رجّع Initech للاكتشاف عشان …» fits «رجع {item} في {deal}» with a reason in the deal: an undo gives none; a move does.
            // «رجّع Hooli خطوة لورا» fits «تراجع عن {item} ل {deal}» with «ورا» ("back") for the deal: a direction is no deal.
            "undo" => pack.IsArabic && (ReasonInDeal(m, pack) || ReasonInItem(m, pack) || GluedStageInItem(m, pack) || SaysBackwards(m.Slot("deal"), pack)) ? null
                // "undo that", «تراجع عن آخر تأكيد»: no item named, or only words pointing at the latest act; "undo my last note":
                // an example's own words may name its kind.
                : !m.HasSlot("item") || PointsAtTheLatest(m.Slot("item"), pack)
                    ? new UndoLastCommand(DealOf(m.Slot("deal"), pack, folded)) { Target = UndoKind([.. tokens.Except(m.Slot("deal"))], pack, anyWord: true) ?? UndoTarget.Any }
                // "undo the next step for Initech", «الغِ آخر ملاحظة على Initech»: the latest act of the kind named.
                : UndoKind(m.Slot("item"), pack) is { } kind ? new UndoLastCommand(DealOf(m.Slot("deal"), pack, folded)) { Target = kind }
                : Items(m.Slot("item"), pack) is { Count: > 0 } undo ? new UndoItemCommand(DealOf(m.Slot("deal"), pack, folded), string.Join(" and ", undo)) : null,
            "link" => Link(m.Slot("deal"), folded, pack),
            "unlink" => new UnlinkConversationCommand(),
            // "don't send nudges here", "stop posting nudges here": not a team's name, and no command stops them.
            "nudges" when tokens.Any(t => pack.Words("change_negations").Contains(t.Lower)) => new UnknownCommand(folded.Raw),
            // "digest for Americas": no word of nudge_binds ("here", "this channel", "use") binds no channel; that team's
            // stalled digest is what is asked for.
            // "send EMEA's digest to this channel": the team's possessive is no part of its name (parse56).
            "nudges" => StripPossessive(Join(m.Slot("team").Where(t => !pack.Words("nudge_words").Contains(t.Canon)))) is { Length: > 0 } team
                ? AnyWordOf(tokens, pack, "nudge_binds") ? new UseChannelForNudgesCommand(team) : new StalledCommand(team)
                : null,
            // "deals for next week": a time to come is no rep's name; what is due then.
            "mydeals" when m.HasSlot("person") && IsATimeToCome(m.Slot("person"), pack) => Due(tokens, pack),
            // «صفقات Omar في العرض»: the owner's deals at a stage. "Dana's 3 biggest deals", «أقدم صفقات Sam»: sorted and
            // counted as one's own are ("my 3 biggest deals"); the order's words and the count are no part of the name.
            // «صفقات سارة بمرحلة المريخ» fits «صفقات {person}»: the words from a stage_word on name a stage, even one no map has.
            "mydeals" when m.HasSlot("person") && OwnerAndStage(m, tokens, pack) is var (person, stage)
                => OwnerOf(WithoutOrder(person, pack), pack, folded) is not { } owner ? null
                : OnlyStalledAsked(new MyDealsCommand(stage.Count > 0 ? StageText(stage, pack, folded) : null, Mine: false)
                {
                    OwnerName = owner,
                    Order = OrderOf(tokens, pack),
                    Count = OrderOf(tokens, pack) == DealOrder.StalledFirst ? null : HowMany(tokens.Except(stage)),
                }, tokens, pack),
            "mydeals" when m.HasSlot("person") => null,
            // "how is Dana doing" asks after a rep as "how is Initech doing" asks after a deal: the owner's deals when someone
            // is called so, else the words as a deal's (its card) or a team's (its pipeline), which MyDealsUseCase decides.
            // "how are you doing", "how's everyone doing": no rep and no deal (branch_not_deal), so another reading is tried.
            "mydeals" when m.HasSlot("who") && NamesAPerson(m.Slot("who"), pack) => null,
            "mydeals" when m.HasSlot("who") => NextWithItsPeriod(m.Slot("who"), m, pack, folded) is var asDeal
                && asDeal.Deal is NameReference { Text: var who } && OwnerOf(m.Slot("who"), pack, folded) is not null
                    ? new MyDealsCommand(Mine: false) { OwnerName = who, Otherwise = asDeal }
                    : asDeal,
            "mydeals" => OnlyStalledAsked(MyDeals(m, tokens, folded, pack), tokens, pack),
            // «خسرنا هالأسبوع» ("we lost this week") fits «إيش المستحق هالأسبوع» by its period: a loss or a win said is never
            // what is due, so another reading (the lost or won list) is tried.
            // "what moved today" fits "what's due today" by its day: a verb of moves_asked asks for the stage moves.
            // "what have I done this week" fits "what do I have this week": a word of acts_asked asks what was done (a person's acts).
            "due" => (pack.IsArabic && tokens.Any(t => pack.Words("closed_lost").Contains(t.Canon) || pack.Words("closed_won").Contains(t.Canon)))
                || AnyWordOf(tokens, pack, "moves_asked") || AnyWordOf(tokens, pack, "acts_asked")
                ? null : Due(tokens, pack) with { OwnerName = m.HasSlot("person") ? DueOwner(m.Slot("person"), pack, folded) : DueOwnerInExtras(m, tokens, pack, folded) },
            "move" => Move(m, tokens, folded, pack),
            "lost" => m.Slot("deal").Count == 0 || SaysWon(m, tokens, pack) ? null : Lost(m, tokens, folded, pack),
            "saidno" => SaysYes(m, tokens, pack) || ChoseUs(m, tokens, pack) ? new UnknownCommand(folded.Raw) : (ChatCommand?)LostWithANo(m, tokens, folded, pack) ?? (ReasonInDeal(m, pack) ? null : new SaidNoCommand(DealOf(WithoutBuyer(m.Slot("deal"), pack), pack, folded), Reason(m.Slot("reason"), pack, folded))),
            "snooze" => Snooze(m, tokens, folded, pack),
            "unsnooze" => GluedStageAfterDeal(m, tokens, pack) ? null : new UnsnoozeCommand(DealOf(m.Slot("deal"), pack, folded)),
            // "move Hooli to the next stage because they came back" fits "{deal} came back" with the move for the deal: a move's
            // verb opening a deal whose words hold a reason is the move, so another reading is tried.
            "reopen" => m.Slot("deal").Count == 0 || (MoveVerbOpens(m.Slot("deal"), pack) && ReasonInDeal(m, pack)) ? null
                : new ReopenDealCommand(DealOf(m.Slot("deal"), pack, folded)),
            "branch" => Branch(m, tokens, folded, pack),
            "stage" => Stage(m.Slot("stage"), folded, pack, mustLookLikeStage: false),
            "stage_maybe" => Stage(m.Slot("stage"), folded, pack, mustLookLikeStage: true),
            // "cycle time EMEA" fits "cycle time": a word the example has no place for names the team.
            // "EMEA numbers for Q3" read as "the numbers for {team}": when the team's slot holds only a period, the team is
            // what was typed before the example's words.
            // "team summary", «ملخص الفريق», "team summary for EMEA": the digest, as "EMEA summary" is (parse55), unless the
            // pipeline or a period is named as well (summary_not_digest).
            "pipeline" when AnyWordOf(tokens, pack, "summary_words") && !AnyWordOf(tokens, pack, "summary_not_digest")
                && PipelineReading(m, tokens, pack) is PipelineCommand { WindowDays: null, Period: null, Focus: PipelineFocus.None, Currency: null } summary
                => new StalledCommand(summary.TeamName),
            "pipeline" => PipelineReading(m, tokens, pack),
            // "deals stuck for 30 days": the stalled list is the map's own measure; a time said is no team's name.
            // "which deals haven't moved in a month": a period's unit left alone is no team either.
            // «الصفقات في العرض» fits «الصفقات المتعثرة في {team}»: a stage the language file names is no team, so another
            // reading (the deals at that stage) is tried.
            // "my stalled deals": the person's own (mine_words).
            "stalled" => WithoutWindow(m.HasSlot("team") ? m.Slot("team") : TeamOutsideTheSlots(m.Extras, pack), pack) is var stalledTeam
                && IsAPeriod(stalledTeam, pack) ? new StalledCommand(null) { Mine = SaysMine(tokens, pack) }
                : stalledTeam.Count > 0 && NamedStage(stalledTeam, pack) is not null ? null
                // "deals in EMEA", "which deals are in EMEA": no word asks for stalled ones, so the team's deals (MyDealsUseCase
                // reads the words as a team's when no stage is called so).
                : stalledTeam.Count > 0 && Team(stalledTeam, pack) is { } listed && OnlyDealsAsked(tokens, stalledTeam, pack)
                    ? new MyDealsCommand(listed, Mine: SaysMine(tokens, pack))
                : new StalledCommand(Team(stalledTeam, pack)) { Mine = SaysMine(tokens, pack) },
            "closed" => Closed(m, tokens, pack),
            "moves" => Moves(m, tokens, pack),
            "compare" => Compare(m, tokens, folded, pack),
            "acts" => Acts(m, tokens, folded, pack),
            "members" => Members(m, tokens, folded, pack),
            // "show me the team's deals" fits "show the teams": deals asked for are a list of deals, so another reading is tried;
            // "pipeline for all teams" likewise asks for the pipeline, not the list of teams.
            "teams" => AnyWordOf(tokens, pack, "deals_nouns") || AnyWordOf(tokens, pack, "pipeline_nouns") ? null : new ListTeamsCommand(),
            // "am I on track for quota", «كم باقي على التارجت»: a quota asked about with no amount is the stored quota's progress,
            // never a deal called "am I"; "reverse funnel", "what do we need to hit quota": the plan for what is left of it.
            "funnel" => QuotaOrFunnel(m, tokens, pack),
            "newdeal" => NewDeal(m.Slot("deal"), folded, pack),
            "map" => new ShowMapCommand(MapTeam(m.Slot("team").Count > 0 ? m.Slot("team") : m.Extras, tokens, pack)),
            // "deals with no next step in EMEA" fits "next step for {deal} {step}" with "deals with no" for the deal: deals in
            // general, so another reading (what's due) is tried.
            "nextstep" => NextIsATime(m, tokens, pack) || AsksWhichDeals(m.Slot("deal"), pack) ? null : NextStep(m, tokens, folded, pack),
            // "undo my note on Initech" fits "note on {deal}" with no text: an undo's verb first is no note, the undo is read.
            "note" when m.Slot("text").Count == 0 && tokens.Count > 0 && AnyWordOf([tokens[0]], pack, "undo_verbs") => null,
            "note" => new AddNoteCommand(DealOf(m.Slot("deal"), pack, folded), m.Slot("text").Count == 0
                ? (tokens.Count == 0 ? null : folded.EmojiAfter(tokens.Max(t => t.Start + t.Original.Length))) ?? string.Empty
                : folded.FromWithEmoji(m.Slot("text")[0].Start)),
            "history" => History(m, tokens, folded, pack),
            "activity" => Activity(m, tokens, folded, pack),
            "help" => new HelpCommand(),
            "cancel" => new CancelCommand(),
            "thanks" => new ThanksCommand(),
            _ => null,
        };
    }

    /// <summary>
    /// "what's due tomorrow", "overdue next steps", "deals without a next step": the words of <c>due_missing</c>,
    /// <c>due_overdue</c>, <c>due_today</c> and <c>due_tomorrow</c> narrow the answer; none means overdue and the next 7 days.
    /// </summary>
    private static DueCommand Due(IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        // A set may hold two words: «ما لها» is "has none", where «لها» alone is "has".
        bool Says(string set) => tokens.Select((t, i) => (t, i)).Any(x =>
            pack.Words(set).Contains(x.t.Lower) || pack.Words(set).Contains(x.t.Canon)
            || (x.i > 0 && pack.Words(set).Contains(tokens[x.i - 1].Lower + " " + x.t.Lower)));
        var focus = Says("due_missing") ? DueFocus.Missing : Says("due_overdue") ? DueFocus.Overdue : DueFocus.All;
        var within = Says("due_today") ? 0 : Says("due_tomorrow") ? 1 : 7;
        return new DueCommand(focus, within);
    }

    /// <summary>
    /// "what's due for Dana", «وش المستحق على Dana»: the owner named after "for" / «على»; null for oneself ("for me"), a
    /// time ("for this week", «على اليوم») or words of what is due («علي اليوم من خطوات»: "steps", <c>due_not_owner</c>).
    /// </summary>
    private static string? DueOwner(IReadOnlyList<Token> person, LanguagePack pack, Typed folded)
    {
        // "what's due for Riley tomorrow": the window said after the name is the list's (Due reads it), not the name's;
        // «على فريق EMEA»: the team's noun before its name is no part of it.
        bool Window(Token t) => pack.Words("due_today").Contains(t.Lower) || pack.Words("due_tomorrow").Contains(t.Lower);
        var named = person.Count > 1 && Window(person[^1]) ? person.Take(person.Count - 1).ToList() : [.. person];
        if (named.Count > 1 && pack.Words("team_nouns").Contains(named[0].Canon))
        {
            named.RemoveAt(0);
        }

        return named.Any(t => pack.Words("due_not_owner").Contains(t.Canon) || Window(t)
            || pack.Words("due_overdue").Contains(t.Canon) || pack.Words("due_missing").Contains(t.Canon))
            ? null : OwnerOf(named, pack, folded);
    }

    /// <summary>
    /// "what's due for Riley tomorrow" fits "what's due tomorrow" with "for Riley" left over: the words the example had no
    /// place for after a word of <c>due_owner_openers</c> name the owner, as the <c>{person}</c> slot does.
    /// </summary>
    private static string? DueOwnerInExtras(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack, Typed folded)
    {
        bool Extra(Token t) => m.Extras.Any(e => e.Start == t.Start);
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (pack.Words("due_owner_openers").Contains(tokens[i].Canon) && Extra(tokens[i]))
            {
                var person = tokens.Skip(i + 1).TakeWhile(Extra).ToList();
                return person.Count == 0 ? null : DueOwner(person, pack, folded);
            }
        }

        return null;
    }

    /// <summary>Whether a word of the set <paramref name="set"/> was typed anywhere, as written or in its canonical form.</summary>
    private static bool AnyWordOf(IReadOnlyList<Token> tokens, LanguagePack pack, string set) =>
        tokens.Any(t => pack.Words(set).Contains(t.Canon) || pack.Words(set).Contains(t.Lower));

    /// <summary>
    /// "deals in EMEA": every word but the team's is one of <c>team_deals_words</c>, which ask for deals and nothing about
    /// them (no "stalled", "stuck", "at risk").
    /// </summary>
    private static bool OnlyDealsAsked(IReadOnlyList<Token> tokens, IReadOnlyList<Token> team, LanguagePack pack)
    {
        var asked = pack.Words("team_deals_words");
        return asked.Count > 0 && tokens.Where(t => !team.Any(n => n.Start == t.Start))
            .All(t => asked.Contains(t.Lower) || asked.Contains(t.Canon));
    }

    /// <summary>"my deals", «صفقاتي», "which of my deals": the person's own (<c>mine_words</c>).</summary>
    private static bool SaysMine(IReadOnlyList<Token> tokens, LanguagePack pack) => AnyWordOf(tokens, pack, "mine_words");

    /// <summary>
    /// «صفقاتي المتعثرة», "stalled deals owned by Sam" read as a deal list: a word of <c>focus_stalled</c> asks for the stalled
    /// ones only, the person's own or the owner's, not every deal with the stalled first.
    /// </summary>
    private static ChatCommand? OnlyStalledAsked(MyDealsCommand? list, IReadOnlyList<Token> tokens, LanguagePack pack) =>
        list is { StageText: null, Order: DealOrder.StalledFirst, Otherwise: null } && AnyWordOf(tokens, pack, "focus_stalled")
            ? new StalledCommand(list.OwnerName) { Mine = list.OwnerName is null && SaysMine(tokens, pack) }
            : list;

    /// <summary>
    /// "my deals", "which of my deals are in demo", "my biggest deals" (<c>order_biggest</c>), "which deal is closest to
    /// closing" (<c>order_closest</c>); stalled first unless sorted so. A sorted list without "my" ("what are our biggest
    /// deals") is the teams', as "which deals are in demo" is.
    /// </summary>
    private static MyDealsCommand? MyDeals(IntentMatch m, IReadOnlyList<Token> tokens, Typed folded, LanguagePack pack)
    {
        var order = OrderOf(tokens, pack);
        var count = order == DealOrder.StalledFirst ? null : HowMany(tokens.Except(m.Slot("stage")));
        if (!m.HasSlot("stage"))
        {
            // "my deals in mars" fits "my deals" best with "in mars" left over: a stage asked for by a name no stage has is
            // not every deal, so the reading with the stage is tried ("my deals in {stage}").
            return StageAskedOutsideTheSlots(m.Extras, tokens, pack) ? null
                // "biggest deals in EMEA": a sorted list of one team's deals (MyDealsUseCase reads the words as a team's
                // when no stage is called so), not every team's.
                : order != DealOrder.StalledFirst && SortedListIn(m.Extras, pack) is { } place
                    ? new MyDealsCommand(place, Mine: SaysMine(tokens, pack)) { Order = order, Count = count }
                : new MyDealsCommand(Mine: order == DealOrder.StalledFirst || SaysMine(tokens, pack)) { Order = order, Count = count };
        }

        return (SaysAStage(m.Slot("stage"), pack) || AsksForAStageByName(m.Slot("stage"), tokens, pack))
            && StageText(m.Slot("stage"), pack, folded) is { Length: > 0 } stage
            ? new MyDealsCommand(stage, Mine: SaysMine(tokens, pack)) { Order = order, Count = count }
            : null;
    }

    /// <summary>
    /// "my deals in marz", «صفقاتي في مرحلة المريخ»: one's own deals at words that name no stage the language file knows
    /// (a typo, or a stage the map does not have). Read as a stage all the same (a word or two after "in", no period), so
    /// that the map's closest stage is taken or, when none is close, the map's stages are named, not every deal listed or a
    /// team looked for. Without "my" ("which deals are in EMEA") the words may name a team, so another reading is tried.
    /// </summary>
    private static bool AsksForAStageByName(IReadOnlyList<Token> slot, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var filler = pack.Words("stage_filler");
        var words = Trim(slot, filler, filler);
        // "which deals should I worry about", "show me the team's deals": only words after one that opens a stage ("in",
        // «في», «مرحلة») are a stage's name typed.
        var first = slot.Count == 0 ? -1 : tokens.ToList().FindIndex(t => t.Start == slot[0].Start);
        if (first < 1 || !(pack.Words("stage_opening").Contains(tokens[first - 1].Lower) || SaysStageWord(tokens[first - 1], pack)))
        {
            return false;
        }

        // "show me my biggest deals" fits "show me my {stage} deals": a word some example uses is no stage's name typed, nor
        // one spelled near an order's word ("biggets"). Only the word as typed counts otherwise: "mars" is spelled near "mark".
        // «صفقات في مرحلة التفاوض»: after a word that says "stage" (<c>stage_word</c>, «مرحلة») the words are a stage's name,
        // never a team or a person's, so "my" is not needed.
        var matcher = Matchers.Value.First(x => x.Pack == pack);
        return words.Count is > 0 and <= 2 && (SaysMine(tokens, pack) || SaysStageWord(tokens[first - 1], pack) || SaysStageWord(slot[0], pack)) && !IsAPeriod(slot, pack)
            && words.All(t => t.Lower.Any(char.IsLetter) && !matcher.IsCommandWord(t.Lower) && !pack.Words("light").Contains(t.Canon)
                && !pack.Words("mine_words").Contains(t.Canon) && WithoutOrder([t], pack).Count == 1);
    }

    /// <summary>«مرحلة», "stage": a word of <c>stage_word</c> that says the next words name a stage.</summary>
    /// <summary>
    /// The owner's words and the stage's in "Dana's deals in demo", "Dana's deals at stage mars", «صفقات سارة بمرحلة المريخ»
    /// (the person's slot ends where a stage_word starts); null when the stage's words name none and no stage_word says
    /// they are one.
    /// </summary>
    private static (IReadOnlyList<Token> Person, IReadOnlyList<Token> Stage)? OwnerAndStage(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var person = m.Slot("person");
        var split = person.Count < 2 ? -1 : person.ToList().FindIndex(1, t => SaysStageWord(t, pack));
        if (!m.HasSlot("stage") && split > 0)
        {
            var before = person.Take(split).ToList();
            while (before.Count > 1 && pack.Words("stage_opening").Contains(before[^1].Lower))
            {
                before.RemoveAt(before.Count - 1);
            }

            return person.Count > split + 1 ? (before, [.. person.Skip(split + 1)]) : null;
        }

        var stage = m.HasSlot("stage") ? m.Slot("stage") : [];
        var first = stage.Count == 0 ? -1 : tokens.ToList().FindIndex(t => t.Start == stage[0].Start);
        var named = stage.Count == 0 || SaysAStage(stage, pack) || SaysStageWord(stage[0], pack) || (first > 0 && SaysStageWord(tokens[first - 1], pack));
        return named ? (person, stage) : null;
    }

    private static bool SaysStageWord(Token token, LanguagePack pack) =>
        pack.Words("stage_word").Contains(token.Lower) || pack.Words("stage_word").Contains(token.Canon);

    /// <summary>
    /// "my deals in mars": left over after the example's words, a word that opens a stage (<c>stage_opening</c>) and then
    /// words <see cref="AsksForAStageByName"/> reads as a stage's name.
    /// </summary>
    private static bool StageAskedOutsideTheSlots(IReadOnlyList<Token> extras, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var opening = pack.Words("stage_opening");
        for (var i = 0; i < extras.Count - 1; i++)
        {
            if (opening.Contains(extras[i].Lower) && !opening.Contains(extras[i + 1].Lower))
            {
                return AsksForAStageByName([.. extras.Skip(i + 1)], tokens, pack);
            }
        }

        return false;
    }

    /// <summary>
    /// "oldest deals in Americas", "top 3 deals at EMEA": left over after a sorted list's example, a word that opens a place
    /// (<c>stage_opening</c>) and then a name that is no period, no sorting word or count; the team's (or stage's) words.
    /// </summary>
    private static string? SortedListIn(IReadOnlyList<Token> extras, LanguagePack pack)
    {
        var opening = extras.ToList().FindIndex(t => pack.Words("stage_opening").Contains(t.Lower));
        if (opening < 0)
        {
            return null;
        }

        var place = WithoutOrder([.. extras.Skip(opening + 1).Where(t => !t.Lower.All(char.IsDigit))], pack);
        return place.Count is > 0 and <= 3 && !IsAPeriod(place, pack) ? Team(place, pack) : null;
    }

    /// <summary>How a list is sorted: by the words of <c>order_closest</c>, <c>order_oldest</c> or <c>order_biggest</c>, else stalled first.</summary>
    private static DealOrder OrderOf(IReadOnlyList<Token> tokens, LanguagePack pack) =>
        // "top 3 oldest deals": "top" sorts by amount unless the age is asked for.
        AnyWordOf(tokens, pack, "order_closest") ? DealOrder.ClosestToClosing
            : AnyWordOf(tokens, pack, "order_oldest") ? DealOrder.Oldest
            : AnyWordOf(tokens, pack, "order_biggest") ? DealOrder.Biggest
            : DealOrder.StalledFirst;

    /// <summary>
    /// "Dana's 3 biggest" read as the owner of "{person} deals": the owner's words without those that sort or count the list
    /// (a word of an order's set, or digits alone).
    /// </summary>
    private static List<Token> WithoutOrder(IReadOnlyList<Token> person, LanguagePack pack)
    {
        bool Sorts(Token t) => new[] { "order_closest", "order_oldest", "order_biggest" }.Any(set => pack.Words(set).Contains(t.Canon) || pack.Words(set).Contains(t.Lower))
            || (t.Lower.Length > 0 && t.Lower.All(char.IsAsciiDigit));
        return [.. person.Where(t => !Sorts(t))];
    }

    /// <summary>
    /// "biggest 5 deals", «أكبر ٥ صفقات» (the digits folded to 5), "my 2 biggest deals": how many a sorted list shows. Null
    /// when no count is typed or it is below 1 (the list as without one). The typed digits are read: a "2" between words
    /// is read as "to" (TextSpeak) only in its canonical form.
    /// </summary>
    private static int? HowMany(IEnumerable<Token> tokens)
    {
        foreach (var token in tokens)
        {
            if (token.Lower.Length is > 0 and <= 6 && token.Lower.TrimStart('-').All(char.IsAsciiDigit)
                && int.TryParse(token.Lower, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
            {
                return count > 0 ? count : null;
            }
        }

        return null;
    }

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
    /// "compare Dana and Riley", "Dana vs Riley this quarter", «مين أحسن Dana ولا Riley»: the two names are the slots'
    /// words once the period (read as the pipeline reads it) is set aside; a slot of <c>compare_me</c> words, or an example
    /// with no first slot ("compare me and {other}"), is the asker. A slot left with no name ("this month compared to last
    /// month") makes no comparison of people, so another reading is tried.
    /// </summary>
    private static CompareRepsCommand? Compare(IntentMatch m, IReadOnlyList<Token> tokens, Typed folded, LanguagePack pack)
    {
        var (days, period, used) = Window(tokens, pack);
        var me = pack.Words("compare_me");
        string? Name(string slot, out bool ok)
        {
            var words = m.Slot(slot).Where(t => !used.Contains(t)).ToList();
            ok = true;
            if (!m.HasSlot(slot) || (words.Count > 0 && words.All(t => me.Contains(t.Canon) || me.Contains(t.Lower))))
            {
                return null;
            }

            var owner = OwnerOf(words, pack, folded);
            ok = owner is not null;
            return owner;
        }

        var first = Name("person", out var firstOk);
        var second = Name("other", out var secondOk);
        return firstOk && secondOk && (first is not null || second is not null) ? new CompareRepsCommand(first, second, days, period) : null;
    }

    /// <summary>
    /// "who is on EMEA", "members of the EMEA team", «مين في فريق EMEA»: the team is the slot's words (or, with no slot, those
    /// the example had no place for) once the words of <c>members_filler</c> are set aside; none means the person's teams.
    /// "who's on Initech" asks who is on a deal as well: unless a word of <c>members_asked</c> was typed outside the slot
    /// ("members", "team", «فريق»), the slot is also kept as a deal (<see cref="TeamMembersCommand.Otherwise"/>).
    /// </summary>
    private static TeamMembersCommand? Members(IntentMatch m, IReadOnlyList<Token> tokens, Typed folded, LanguagePack pack)
    {
        var slot = m.HasSlot("team") ? m.Slot("team") : m.Extras;
        // "show the team's deals" fits "show the team": deals asked for outside the name are a list of deals.
        if (tokens.Any(t => !m.Slot("team").Contains(t) && pack.Words("deals_nouns").Contains(t.Canon)))
        {
            return null;
        }

        var filler = pack.Words("members_filler");
        var team = Team([.. slot.Where(t => !filler.Contains(t.Canon) && !filler.Contains(t.Lower))], pack);
        var asked = pack.Words("members_asked");
        var named = m.Slot("team");
        var explicitly = tokens.Any(t => !named.Contains(t) && (asked.Contains(t.Canon) || asked.Contains(t.Lower)));
        return new TeamMembersCommand(team)
        {
            Otherwise = team is null || explicitly || named.Count == 0 ? null : new WhatsNextCommand(DealOf(named, pack, folded)),
        };
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
    /// "last week", "this month", "Q3", "the last 30 days", "yesterday", «الأسبوع الماضي», «هذا الشهر»: the period these words
    /// are and nothing else (light words aside), after a word of <c>history_period_openers</c> ("from last week") or of
    /// <c>history_period_since</c> ("since last week": from its start to now). A weekday only after one ("since Monday",
    /// «منذ الاثنين»: from the latest Monday to now). Null for any other words.
    /// </summary>
    private static SaidPeriod? SaidPeriodOf(IReadOnlyList<Token> words, LanguagePack pack)
    {
        bool In(string list, Token t) => pack.Words(list).Contains(t.Lower) || pack.Words(list).Contains(t.Canon);
        var onward = words.Count > 0 && In("history_period_since", words[0]);
        var rest = words.SkipWhile(t => In("history_period_since", t) || In("history_period_openers", t)).ToList();
        if (rest.Count == 0 || !rest.Any(t => t.Lower.Any(char.IsLetterOrDigit)))
        {
            return null;
        }

        if (rest is [var day] && WeekdayOf(day, pack) is { } weekday)
        {
            return rest.Count < words.Count ? new SaidPeriod(Weekday: weekday, Onward: true) : null;
        }

        if (rest.All(t => In("due_today", t)))
        {
            return new SaidPeriod(Day: ActsDay.Today, Onward: onward);
        }

        if (rest.All(t => In("day_yesterday", t)))
        {
            return new SaidPeriod(Day: ActsDay.Yesterday, Onward: onward);
        }

        var (days, period, used) = Window(rest, pack);
        return (days is not null || period is not null) && rest.All(t => used.Contains(t) || In("light", t))
            ? new SaidPeriod(period is null ? days : null, period, Onward: onward)
            : null;
    }

    /// <summary>"monday", "mon", «الاثنين», «الاتنين»: the weekday a word names (Arabic through ar.yaml's <c>time_words</c>).</summary>
    private static DayOfWeek? WeekdayOf(Token word, LanguagePack pack) =>
        Dates.DateInWords.Weekday(word.Lower)
        ?? (pack.TimeWords.TryGetValue(word.Lower, out var english) || pack.TimeWords.TryGetValue(word.Canon, out english)
            ? Dates.DateInWords.Weekday(english)
            : null);

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

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Start == token.Start)
            {
                return i;
            }
        }

        return -1;
    }

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

    /// <summary>How a change's negation was typed, against its example.</summary>
    private enum Negation
    {
        /// <summary>As the example says it.</summary>
        None,

        /// <summary>Typed where the example has none: "don't mark Globex lost".</summary>
        Negated,

        /// <summary>The example has one and nothing typed is one: "Globex is still interested" against "{deal} is not interested".</summary>
        Dropped,
    }

    /// <summary>
    /// <see cref="Negation.Negated"/> when a negation was typed outside the slots or inside the deal's ("don't mark Globex
    /// lost" read as "{deal} lost", "Globex isn't dead because …"), and the example has none of its own ("{deal} isn't
    /// interested" is a way to say lost); <see cref="Negation.Dropped"/> when the example has one and no word typed is a
    /// negation (both lists count, <c>change_negations</c> and <c>branch_negations</c>: "no longer interested" keeps its
    /// "no", «غير مهتمين» its «غير»). A negation inside a reason or an item ("lost because they do not have budget") is its text.
    /// </summary>
    private static Negation IsNegated(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var negations = pack.Words("change_negations");
        var others = pack.Words("branch_negations");
        var example = ExampleWords(m);
        if (example.Overlaps(negations) || example.Overlaps(others))
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                if (negations.Contains(tokens[i].Lower) || others.Contains(tokens[i].Lower))
                {
                    return Negation.None;
                }
            }

            return Negation.Dropped;
        }

        return OutsideSlots(m, tokens).Any(t => negations.Contains(t.Lower)) || NegatedInDeal(m, negations, pack)
            ? Negation.Negated
            : Negation.None;
    }

    /// <summary>
    /// True when a negation stands in the deal's slot before a reason opens there: "Globex isn't dead because …" is
    /// negated; "reopen Initech because they didn't mean it", "snooze Initech 1 week but don't nudge me if they reply",
    /// «أجّل Initech أسبوع بس لو ما ردوا» say theirs in the reason (<see cref="ReasonStart"/>).
    /// </summary>
    private static bool NegatedInDeal(IntentMatch m, FrozenSet<string> negations, LanguagePack pack)
    {
        var deal = m.Slot("deal");
        for (var i = 0; i < deal.Count; i++)
        {
            if (negations.Contains(deal[i].Lower))
            {
                return i < ReasonStart(m.Command, deal, pack);
            }
        }

        return false;
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

    /// <summary>
    /// True when the change is only hedged or planned: "we almost lost Globex" (<c>change_hedges</c>), "will confirm
    /// demo held for Globex next week" (<c>change_plans</c>), typed outside the slots or in the opening filler ("remind
    /// me to …"). A hedge also counts at either end
    /// of the deal's slot ("Globex almost said no", «يمكن Globex رفضوا») or opening the item's ("almost done with demo
    /// held"); a plan word there is the name's ("Acme Growth Plan", the item "Go-live plan agreed"). The example's own
    /// words are read as written.
    /// </summary>
    private static bool IsHedged(IntentMatch m, IReadOnlyList<Token> tokens, IReadOnlyList<Token> opening, LanguagePack pack)
    {
        var hedges = pack.Words("change_hedges");
        var plans = pack.Words("change_plans");
        var example = ExampleWords(m);
        var edges = m.Slot("deal").Take(1).Concat(m.Slot("deal").TakeLast(1)).Concat(m.Slot("item").Take(1));
        // «Globex خسرناها تقريباً» ("… almost") fits «{deal} خسرناها {reason}»: a reason of hedges only says how nearly.
        return opening.Concat(OutsideSlots(m, tokens)).Any(t => (hedges.Contains(t.Lower) || plans.Contains(t.Lower)) && !example.Contains(t.Lower))
            || edges.Any(t => hedges.Contains(t.Lower) && !example.Contains(t.Lower))
            || (m.Slot("reason") is { Count: > 0 } reason && reason.All(t => hedges.Contains(t.Lower)));
    }

    /// <summary>
    /// True when the change is only said to be needed, typed outside the slots or in the opening filler: "need to confirm
    /// demo held for Initech", «لازم نأجل Globex»; only suggested, outside the slots: "we could mark Initech lost" ("could
    /// you …" is opening filler, a request); or said with a contrast outside the slots or in the reason of a no ("Globex
    /// said no to the price, but they …"), or a continuation anywhere but the deal ("… they still want it"). It may be a note
    /// to self or a report as well as a request, so it is asked back before it is done. The example's own words are read
    /// as written.
    /// </summary>
    private static bool IsTentative(IntentMatch m, IReadOnlyList<Token> tokens, IReadOnlyList<Token> opening, Typed typed, LanguagePack pack)
    {
        var tentative = pack.Words("change_tentative");
        var suggestions = pack.Words("change_suggestions");
        var contrasts = pack.Words("change_contrasts");
        var continuations = pack.Words("change_continuations");

        // Loops by index and the example's words only once a listed word is found: this runs on most changes understood.
        var modals = pack.Words("change_modals");
        var modal = false;
        for (var i = 0; i < opening.Count; i++)
        {
            if (tentative.Contains(opening[i].Lower) && !ExampleWords(m).Contains(opening[i].Lower))
            {
                return true;
            }

            modal |= modals.Contains(opening[i].Lower);
        }

        // «ممكن نأجل Initech أسبوع», «هل نقدر نأجل …» ("can we postpone …"): "can" in the opening, then a verb said by "we",
        // even one an example is written with («نأجل {deal}» does it), as "can we snooze Initech" is asked back.
        if (modal && tokens.Count > 0 && suggestions.Contains(tokens[0].Lower))
        {
            return true;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Lower;
            if ((tentative.Contains(word) || suggestions.Contains(word) || contrasts.Contains(word) || continuations.Contains(word))
                && !InASlot(m, tokens[i]) && !ExampleWords(m).Contains(word))
            {
                return true;
            }
        }

        // "lost because no budget this year but the price was fine" gives reasons; "said no to the price, but they still want
        // it" may not be a no at all. A quoted reason is the bot's own wording asked back and confirmed (CanonicalText).
        var no = m.Command == "saidno";
        var reason = m.Slot("reason");
        for (var i = 0; i < reason.Count; i++)
        {
            if ((continuations.Contains(reason[i].Lower) || (no && contrasts.Contains(reason[i].Lower))) && !QuotedReason(reason[i], tokens, typed, pack))
            {
                return true;
            }
        }

        // «نقدر نعتبر Initech خاسرة»: the suggestion taken into the deal's slot.
        return m.Slot("deal") is [var first, ..] && suggestions.Contains(first.Lower);
    }

    /// <summary>
    /// The question words that make a change a question: typed outside the slots ("should I", "how do I", «هل») where
    /// the example has none, or anywhere outside them before a question mark ("should we snooze Globex?" against "we
    /// should snooze {deal}"), or opening the deal's or the item's slot ("is Globex lost?" read as "{deal} lost", "was
    /// demo held confirmed for Globex?" as "{item} confirmed for {deal}"). An auxiliary (is, did, has, …) asks only
    /// where a question starts with it, or before a question mark: "I have called Globex" is said, not asked. One
    /// inside a reason is its text. Empty when the change was asked for.
    /// </summary>
    private static List<string> QuestionWords(IntentMatch m, IReadOnlyList<Token> tokens, string typed, LanguagePack pack)
    {
        var questions = pack.Words("change_questions");
        var auxiliaries = pack.Words("question_auxiliaries");
        var example = ExampleWords(m);
        var asked = EndsAsAQuestion(typed);
        bool Asks(Token t) => questions.Contains(t.Lower) || (auxiliaries.Contains(t.Lower) && (asked || t.Start == tokens[0].Start));
        var words = OutsideSlots(m, tokens).Where(t => Asks(t) && (asked || !example.Contains(t.Lower)));
        var opening = new[] { m.Slot("deal"), m.Slot("item") }.Where(slot => slot is [var first, ..] && Asks(first)).Select(slot => slot[0]);
        return words.Concat(opening).Select(t => t.Lower).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>True when <paramref name="typed"/> ends with a question mark, Latin or Arabic (؟).</summary>
    private static bool EndsAsAQuestion(string typed) => typed.TrimEnd() is [.., '?' or '\u061F'];

    /// <summary>True when <paramref name="typed"/> holds a question mark anywhere: "Globex lost? because price".</summary>
    private static bool HasAQuestionMark(string typed) => typed.AsSpan().IndexOfAny('?', '\u061F') >= 0;

    /// <summary>
    /// True when "said no" was read from a yes: "Globex said yes" against "{deal} said no", or "the decision maker said
    /// yes" against "{deal} said no because {reason}". Answered as not understood, never as a no.
    /// </summary>
    private static bool SaysYes(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack) => Says("yes_words", m, tokens, pack, []);

    /// <summary>
    /// "Initech went with us" against "{deal} went with {reason}": what they chose was us (<c>chose_us</c>), a yes, so
    /// never a no. So is «Initech اختارونا», "us" glued to the verb (<c>chose_us_said</c>).
    /// </summary>
    private static bool ChoseUs(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack) =>
        (m.Slot("reason") is { Count: > 0 } reason && reason.All(t => pack.Words("chose_us").Contains(t.Canon)))
        || tokens.Any(t => pack.Words("chose_us_said").Contains(t.Lower))
        // "we went with Initech's terms": our side chose, so no buyer said no.
        || (m.Slot("deal") is { Count: > 0 } deal && deal.All(t => pack.Words("chose_us").Contains(t.Canon)));

    /// <summary>
    /// True when "lost" was read from a win: "mark Globex as closed won" fits "mark {deal} as closed lost {reason}" with
    /// the reason "won", or "mark {deal} as lost" with "closed won" left over; "mark Globex won since …" fits "mark
    /// {deal} lost because {reason}" with the deal "Globex won". Another reading is tried (the branch wording moves the
    /// deal to the won stage); the deal is never closed as lost.
    /// </summary>
    private static bool SaysWon(IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack) =>
        Says("won_stage", m, tokens, pack, m.Slot("deal").TakeLast(1));

    /// <summary>
    /// True when a word of the list <paramref name="words"/> opens the reason, or stands outside the slots or among
    /// <paramref name="alsoIn"/>: the one test behind <see cref="SaysYes"/> and <see cref="SaysWon"/>.
    /// </summary>
    private static bool Says(string words, IntentMatch m, IReadOnlyList<Token> tokens, LanguagePack pack, IEnumerable<Token> alsoIn)
    {
        var list = pack.Words(words);
        return OpensWith(m.Slot("reason"), words, pack) || OutsideSlots(m, tokens).Concat(alsoIn).Any(t => list.Contains(t.Lower));
    }

    /// <summary>The words of the winning example, lower case, as the word lists hold them ("{deal}" and the like too).</summary>
    private static HashSet<string> ExampleWords(IntentMatch m) => m.Example.Split(' ').Select(LanguagePack.Lower).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when a slot of <paramref name="m"/> took <paramref name="token"/>; allocates nothing.</summary>
    private static bool InASlot(IntentMatch m, Token token)
    {
        for (var s = 0; s < m.Slots.Count; s++)
        {
            var taken = m.Slots[s].Tokens;
            for (var i = 0; i < taken.Count; i++)
            {
                if (taken[i].Start == token.Start)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The typed words no slot of <paramref name="m"/> took: the example's own words and the extras.</summary>
    private static IEnumerable<Token> OutsideSlots(IntentMatch m, IReadOnlyList<Token> tokens)
    {
        var inSlots = m.Slots.SelectMany(s => s.Tokens).Select(t => t.Start).ToHashSet();
        return tokens.Where(t => !inSlots.Contains(t.Start));
    }

    /// <summary>
    /// True when a reason begins with a word of the list <paramref name="words"/>: "mark Globex as closed won" fits
    /// "mark {deal} as closed lost {reason}" one word off, with the reason "won" (won_stage); "the decision maker said
    /// yes" fits "{deal} said no because {reason}" with the reason "yes" (yes_words). Neither may close the deal as lost.
    /// </summary>
    private static bool OpensWith(IReadOnlyList<Token> reason, string words, LanguagePack pack)
    {
        var typed = Trim(reason, pack.Words("reason_filler"), FrozenSet<string>.Empty);
        return typed.Count > 0 && pack.Words(words).Contains(ArabicText.WithoutArticle(typed[0].Lower));
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
    /// "Dana's deals", «صفقات Dana»: the owner's name without its possessive; null when the words are only those that ask
    /// for one's own ("my deals" read as "{person} deals" with "my") or a stage's, so another reading is tried.
    /// </summary>
    private static string? OwnerOf(IReadOnlyList<Token> person, LanguagePack pack, Typed folded)
    {
        var mine = pack.Words("mine_words");
        // "how are Dana's deals" read as "{person} deals": the question's words open no name; «وش صفقات Dana هالحين» ("… now"):
        // what ends a deal's name ends a person's.
        var words = Trim([.. person.SkipWhile(t => pack.Words("branch_not_deal").Contains(t.Canon)).Where(t => !pack.Words("light").Contains(t.Canon))], FrozenSet<string>.Empty, pack.Words("deal_trailing"));
        var team = pack.Words("team_filler");
        // «الصفقات اللي علقت» ("the deals that got stuck"): a relative clause (map_clause_openers) says which deals, not whose;
        // so does a negation («اللي ما فيها حركة», "with no movement"). «كيف صفقة مؤسسة الأفق ماشية»: a deal's noun opens a deal.
        // "deals at stage mars": words after "stage" (stage_word) name a stage, never a person, even one no map has.
        if ((person is [var first, ..] && (pack.Words("map_clause_openers").Contains(first.Lower) || pack.Words("deal_nouns").Contains(first.Canon) || SaysStageWord(first, pack)))
            || person.Any(t => pack.Words("change_negations").Contains(t.Lower)))
        {
            return null;
        }

        // "deals for this quarter" names a time, not a rep.
        if (words.Count is 0 or > 3 || words.All(t => mine.Contains(t.Canon) || mine.Contains(t.Lower) || team.Contains(t.Canon)) || SaysAStage(words, pack)
            || IsAPeriod(words, pack))
        {
            return null;
        }

        var name = folded.Span(words);
        var possessive = StripPossessive(name);
        return possessive.Length > 0 ? possessive : null;
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

    private static string Key(IReadOnlyList<Token> tokens) => string.Join(' ', tokens.Select(t => t.Lower));

    private static string? Team(IReadOnlyList<Token> slot, LanguagePack pack)
    {
        var filler = pack.Words("team_filler");
        // «دورة البيع كم يوم»: "how many" and the period's unit after it ask how long, and name no team.
        var howMany = pack.Words("how_many");
        var asked = slot.Where((t, i) => (howMany.Contains(t.Canon) && i + 1 < slot.Count && pack.PeriodUnits.ContainsKey(slot[i + 1].Canon))
            || (i > 0 && howMany.Contains(slot[i - 1].Canon) && pack.PeriodUnits.ContainsKey(t.Canon))).ToHashSet();
        // "EMEA's pipeline": the team is EMEA.
        // The word as typed too: «الفرق» ("the teams") is typo-corrected toward a command word, so its Canon misses the list.
        var team = string.Join(' ', slot.Where(t => !asked.Contains(t) && !filler.Contains(t.Canon) && !filler.Contains(t.Lower)).Select(t => StripPossessive(t.Original)));
        return team.Length > 0 ? team : null;
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

    /// <summary>
    /// A deal's slot without a period of words typed after the name («Initech هالشهر», «Wonka الأسبوع اللي فات»), and that
    /// period; never a number alone: "Acme 2026" may be a name.
    /// </summary>
    private static (IReadOnlyList<Token> Deal, IReadOnlyList<Token> Period) WithoutEndingPeriod(IReadOnlyList<Token> slot, LanguagePack pack)
    {
        for (var start = Math.Max(1, slot.Count - 3); start < slot.Count; start++)
        {
            var end = slot.Skip(start).ToList();
            if (end.Any(t => t.Lower.Any(char.IsLetter)) && IsAPeriod(end, pack))
            {
                return ([.. slot.Take(start)], end);
            }
        }

        return (slot, []);
    }

    /// <summary>The words opening the sentence that the example had no place for.</summary>
    private static List<Token> ExtrasOpening(IntentMatch m, IReadOnlyList<Token> tokens) =>
        [.. tokens.TakeWhile(t => m.Extras.Contains(t))];

    /// <summary>
    /// "stuck deals at APAC": typed words the example has no place for name a team, unless they are only filler and
    /// stage words ("what's our conversion from demo to proposal" asks about stages, not a team "demo proposal").
    /// </summary>
    private static IReadOnlyList<Token> TeamOutsideTheSlots(IReadOnlyList<Token> extras, LanguagePack pack)
    {
        var filler = pack.Words("team_filler");
        var stageWords = pack.Words("stage_words");
        return extras.All(t => filler.Contains(t.Canon) || stageWords.Contains(t.Canon) || stageWords.Contains(ArabicText.WithoutArticle(t.Canon)))
            ? []
            : extras;
    }

    /// <summary>
    /// «وش وضعنا هالربع» fits «وش وضعنا مع {deal}» with "this quarter" for the deal, «شو لازم أعمل اليوم» «… في {deal}» with
    /// "today", "how did we do in the third quarter" "what did we do on {deal}" with the quarter: a period or a day only
    /// ("the" and the like aside), so no deal. So is a period's unit alone ("what changed this week" read with "week" for
    /// the deal, "this" taken for the example's "on"), spelled out: "q" or "mo" may be a name's.
    /// </summary>
    /// <summary>"next week", "next month": a word of <c>next_as_time</c> before a period's unit, and nothing else but light words.</summary>
    private static bool IsATimeToCome(IReadOnlyList<Token> slot, LanguagePack pack) =>
        Trim(slot, pack.Words("light"), pack.Words("light")) is [var next, var unit]
        && pack.Words("next_as_time").Contains(next.Canon) && pack.PeriodUnits.ContainsKey(unit.Canon);

    private static bool IsAPeriod(IReadOnlyList<Token> slot, LanguagePack pack)
    {
        var light = pack.Words("light");
        var words = Trim(slot, light, light);
        // «كيف كان الربع الماضي» ("how was last quarter"): "was" before a period names no deal either.
        var was = words.SkipWhile(t => pack.Words("period_verbs").Contains(t.Canon)).ToList();
        return slot.Count > 0 && (Window(slot, pack).Used.Count == slot.Count
            || (was.Count > 0 && was.Count < words.Count && Window(was, pack).Used.Count == was.Count)
            || (words is [var unit] && unit.Canon.Length > 2 && pack.PeriodUnits.ContainsKey(unit.Canon))
            || slot.All(t => pack.Words("due_today").Contains(t.Lower) || pack.Words("due_tomorrow").Contains(t.Lower))
            || (words.Count > 0 && (NamedQuarter(words, 0, pack) ?? NamedMonth(words, 0, pack)) is { Words: var said } && said == words.Count));
    }

    private static List<Token> WithoutWindow(IReadOnlyList<Token> words, LanguagePack pack) => [.. words.Except(Window(words, pack).Used)];

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

    private static readonly (string List, PipelineFocus Focus)[] FocusLists =
    [
        ("focus_conversion", PipelineFocus.Conversion), ("focus_cycle", PipelineFocus.CycleTime), ("focus_win_rate", PipelineFocus.WinRate),
        ("focus_weighted", PipelineFocus.Weighted), ("focus_stalled", PipelineFocus.Stalled),
    ];

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
    /// "last 90 days", "30d", "past month", "past week", "آخر 30 يوم", «آخر أسبوع»: a trailing window in days; "this month",
    /// "last quarter", "last week", "هذا الشهر", "الشهر الماضي", «الأسبوع اللي فات»: a calendar period (a week, month, quarter
    /// or year: this one so far, or the whole previous one).
    /// Either with the words that said it.
    /// </summary>
    private static (int? Days, CalendarPeriod? Period, HashSet<Token> Used) Window(IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var used = new HashSet<Token>();
        var before = pack.Words("window_last");
        var current = pack.Words("window_current");
        var previous = pack.Words("window_previous");
        var single = pack.Words("window_this");
        var ahead = pack.Words("window_next");
        bool Single(Token t) => single.Contains(t.Canon) || current.Contains(t.Canon) || previous.Contains(t.Canon) || ahead.Contains(t.Canon);
        // «الشهر», «للشهر», «بالشهر الماضي»: a unit with the article, or «ل» / «ب» glued before it.
        int? UnitDays(Token t) => pack.PeriodUnits.TryGetValue(t.Canon, out var d) || pack.PeriodUnits.TryGetValue(ArabicText.WithoutToTheOrArticle(t.Canon), out d) ? d : null;

        // "this month" or "last week" (not "past month" or "past week", the last 30 or 7 days): a week, month, quarter or year
        // of the calendar.
        CalendarPeriod? Calendar(Token word, int unitDays) =>
            Unit(unitDays) is not { } unit ? null
            : current.Contains(word.Canon) ? new(unit, Previous: false)
            : previous.Contains(word.Canon) ? new(unit, Previous: true)
            // "next quarter", «الربع الجاي», "next week": a period to come, refused as one that has not begun (not the default window).
            : ahead.Contains(word.Canon) ? new(unit, Previous: false) { Ahead = true }
            : null;

        for (var i = 0; i < tokens.Count; i++)
        {
            int? window = null;
            CalendarPeriod? period = null;
            var compact = CompactWindowRegex().Match(tokens[i].Canon);
            if (compact.Success)
            {
                window = Times(compact.Groups["n"].Value, Days(1, compact.Groups["u"].Value));
                used.Add(tokens[i]);
            }
            else if (i + 1 < tokens.Count && NumberRegex().IsMatch(tokens[i].Canon) && UnitDays(tokens[i + 1]) is { } unit)
            {
                window = Times(tokens[i].Canon, unit);
                used.Add(tokens[i]);
                used.Add(tokens[i + 1]);
            }
            else if (i + 1 < tokens.Count && Single(tokens[i]) && UnitDays(tokens[i + 1]) is { } one)
            {
                period = Calendar(tokens[i], one);
                window = period is null ? one : null;
                used.Add(tokens[i]);
                used.Add(tokens[i + 1]);
            }
            else if (i + 1 < tokens.Count && UnitDays(tokens[i]) is { } after && Single(tokens[i + 1]))
            {
                // "الشهر الماضي", "الربع الحالي", "الشهر اللي فات": the unit first
                period = Calendar(tokens[i + 1], after);
                window = period is null ? after : null;
                used.Add(tokens[i]);
                used.Add(tokens[i + 1]);
                if (i + 2 < tokens.Count && previous.Contains(tokens[i + 2].Canon))
                {
                    used.Add(tokens[i + 2]);
                }
            }
            else if (pack.IsArabic && tokens[i].Canon.Length > 3 && tokens[i].Canon.StartsWith("\u0647\u0627\u0644", StringComparison.Ordinal)
                && pack.PeriodUnits.TryGetValue(tokens[i].Canon[3..], out var glued))
            {
                // «هالشهر», «هالربع», «هالأسبوع»: «ها» + «ال» glued, "this"; a unit with no calendar period (days) keeps its days.
                period = Unit(glued) is { } gluedUnit ? new(gluedUnit, Previous: false) : null;
                window = period is null ? glued : null;
                used.Add(tokens[i]);
            }
            else if (pack.Words("period_adjectives").Contains(ArabicText.WithoutArticle(tokens[i].Canon)) && UnitDays(tokens[i]) is { } adjective
                && Unit(adjective) is { } adjectiveUnit)
            {
                period = new(adjectiveUnit, Previous: false); // "quarterly pipeline": this quarter
                used.Add(tokens[i]);
            }
            else if ((NamedQuarter(tokens, i, pack) ?? NamedMonth(tokens, i, pack)) is { } named)
            {
                period = named.Period;
                used.UnionWith(tokens.Skip(i).Take(named.Words));
                if (named.AfterMarker)
                {
                    used.Add(tokens[i - 1]); // "for", «شهر»: not a word of the team's name
                }
            }

            if (window is not null || period is not null)
            {
                if (i > 0 && before.Contains(tokens[i - 1].Canon))
                {
                    used.Add(tokens[i - 1]);
                }

                return (window, period, used);
            }
        }

        return (null, null, used);
    }

    /// <summary>
    /// "Q3", "Q3 2025", "third quarter", «الربع الثالث», «للربع الثالث» at <paramref name="i"/>: the quarter named and how many
    /// words said it, its year included. Arabic words are looked up without «ال», «لل» or «بال» too.
    /// </summary>
    private static (CalendarPeriod Period, int Words, bool AfterMarker)? NamedQuarter(IReadOnlyList<Token> tokens, int i, LanguagePack pack)
    {
        (int Quarter, int Words)? Lookup(string first, string? second) =>
            second is not null && pack.QuarterNames.TryGetValue(first + " " + second, out var two) ? (two, 2)
            : pack.QuarterNames.TryGetValue(first, out var one) ? (one, 1)
            : null;

        var next = i + 1 < tokens.Count ? tokens[i + 1].Lower : null;
        var named = Lookup(tokens[i].Lower, next)
            ?? (pack.IsArabic ? Lookup(ArabicText.WithoutToTheOrArticle(tokens[i].Lower), next is null ? null : ArabicText.WithoutArticle(next)) : null);
        if (named is not { } quarter)
        {
            return null;
        }

        var afterMarker = i > 0 && pack.Words("month_markers").Contains(tokens[i - 1].Lower);
        int? year = i + quarter.Words < tokens.Count && CalendarPeriod.TryYear(tokens[i + quarter.Words].Lower, out var said) ? said : null;
        return (CalendarPeriod.NamedQuarter(quarter.Quarter, year), quarter.Words + (year is null ? 0 : 1), afterMarker);
    }

    /// <summary>
    /// "November", "Nov 2025", «نوفمبر», «تشرين الثاني ٢٠٢٥», «بآب» at <paramref name="i"/>: the month named and how many words
    /// said it, its year included. A name that is also an ordinary word ("may I see the pipeline", «آب» "father") is a
    /// month only after a marker ("for May", «في آب»), glued to one («بآب»), or before a year ("May 2026").
    /// </summary>
    private static (CalendarPeriod Period, int Words, bool AfterMarker)? NamedMonth(IReadOnlyList<Token> tokens, int i, LanguagePack pack)
    {
        (string Name, int Month, int Words)? Lookup(string first) =>
            i + 1 < tokens.Count && pack.MonthNames.TryGetValue(first + " " + tokens[i + 1].Lower, out var two) ? (first + " " + tokens[i + 1].Lower, two, 2)
            : pack.MonthNames.TryGetValue(first, out var one) ? (first, one, 1)
            : null;

        var word = tokens[i].Lower;
        var named = Lookup(word);
        var glued = false;
        foreach (var prefix in pack.Words("month_glued"))
        {
            if (named is null && word.Length > prefix.Length + 1 && word.StartsWith(prefix, StringComparison.Ordinal) && Lookup(word[prefix.Length..]) is { } found)
            {
                (named, glued) = (found, true);
            }
        }

        if (named is not { } month)
        {
            return null;
        }

        var afterMarker = i > 0 && pack.Words("month_markers").Contains(tokens[i - 1].Lower);
        int? year = i + month.Words < tokens.Count && CalendarPeriod.TryYear(tokens[i + month.Words].Lower, out var said) ? said : null;
        if (pack.Words("month_ambiguous").Contains(month.Name) && !afterMarker && !glued && year is null)
        {
            return null;
        }

        return (CalendarPeriod.Named(month.Month, year), month.Words + (year is null ? 0 : 1), afterMarker);
    }

    /// <summary>The calendar unit of a period unit's length in days (a week 7, a month 30, a quarter 90, a year 365); null for days.</summary>
    private static CalendarUnit? Unit(int days) => days switch
    {
        7 => CalendarUnit.Week,
        30 => CalendarUnit.Month,
        90 => CalendarUnit.Quarter,
        365 => CalendarUnit.Year,
        _ => null,
    };

    /// <summary>
    /// A number of units in days, at most <see cref="int.MaxValue"/>: "last 99999 days" is read as a window (which the
    /// pipeline refuses as too long, by its size), not left over as words of a team's name.
    /// </summary>
    private static int Times(string digits, int unit) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue / unit ? (int)n * unit : int.MaxValue;

    private static int Days(int n, string unit) => unit switch
    {
        "w" => n * 7,
        "m" => n * 30,
        _ => n,
    };

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

    /// <summary>"map for EMEA", "خريطه فريق EMEA": the team the map is for, or null for the person's scope.</summary>
    private static string? MapTeam(IReadOnlyList<Token> slot, IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var filler = pack.Words("map_filler");
        // «إيش هي المراحل اللي نمشي عليها» ("the stages that we follow"): a relative clause says which stages, and names no
        // team; its verbs are too many to list as filler, so the words typed from its «اللي» on are dropped (the example
        // may hold the «اللي» itself: «إيش المراحل اللي عندنا»).
        var clause = pack.Words("map_clause_openers");
        var opens = tokens.FirstOrDefault(t => clause.Contains(t.Lower) || clause.Contains(t.Canon));
        var named = opens.Original is null ? slot : slot.Where(t => t.Start < opens.Start);
        // With no team slot, a word the example had no place for names it ("draw the Americas map").
        var team = Join(named.Where(t => !filler.Contains(t.Canon) && !pack.Words("team_filler").Contains(t.Canon) && !pack.Words("light").Contains(t.Canon)));
        return team.Length > 0 ? team : null;
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

    /// <summary>«لـ», «ل», «بـ», «ب», «عن», «في» (tatweel already dropped): the prepositions dropped before a Latin name.</summary>
    private static readonly FrozenSet<string> ArabicPrepositions = FrozenSet.Create(StringComparer.Ordinal, "ل", "ب", "عن", "في");

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

    /// <summary>
    /// The command in the words the English examples use, so a "yes" button can run exactly it (null for commands
    /// that change nothing, which are never asked about).
    /// </summary>
    internal static string? CanonicalText(ChatCommand command)
    {
        static string Deal(DealReference deal, string before) => deal switch
        {
            ExternalIdReference id => $" {before} #{id.ExternalId}",
            NameReference name => $" {before} {name.Text}",
            _ => string.Empty,
        };
        static string Because(string? reason) => reason is null ? string.Empty : " because " + AsText(reason);
        static string This(string deal) => deal.Length == 0 ? " this" : deal;

        return command switch
        {
            ConfirmItemsCommand c => $"done {string.Join(", ", c.ItemTexts)}{Deal(c.Deal, "for")}",
            UndoItemCommand c => $"undo {c.ItemText}{Deal(c.Deal, "for")}",
            UndoLastCommand { Target: UndoTarget.NextStep } c => $"undo the next step{Deal(c.Deal, "for")}",
            UndoLastCommand { Target: UndoTarget.Note } c => $"undo my note{Deal(c.Deal, "on")}",
            UndoLastCommand { Target: UndoTarget.Activity } c => $"undo the activity{Deal(c.Deal, "for")}",
            UndoLastCommand { Target: UndoTarget.Call } c => $"undo my last call{Deal(c.Deal, "on")}",
            UndoLastCommand { Target: UndoTarget.Meeting } c => $"undo my last meeting{Deal(c.Deal, "on")}",
            UndoLastCommand { Target: UndoTarget.Email } c => $"undo my last email{Deal(c.Deal, "on")}",
            UndoLastCommand { Target: UndoTarget.Confirmation } c => $"undo my last confirmation{Deal(c.Deal, "for")}",
            UndoLastCommand c => $"undo that{Deal(c.Deal, "for")}",
            MoveDealCommand { ToPreviousStage: true } c => $"move{Deal(c.Deal, "deal")} to the previous stage{Because(c.Reason)}",
            MoveDealCommand c => $"move{Deal(c.Deal, "deal")} to {c.StageText}{Because(c.Reason)}",
            MarkLostCommand c => $"mark{This(Deal(c.Deal, "deal"))} lost{Because(c.Reason)}",
            SnoozeCommand c => $"snooze{Deal(c.Deal, "deal")} {SnoozeDates.EnglishWording(c.DurationText)}".TrimEnd() + Because(c.Reason),
            UnsnoozeCommand c => $"unsnooze{This(Deal(c.Deal, "deal"))}",
            ReopenDealCommand c => $"reopen{This(Deal(c.Deal, "deal"))}",
            FollowBranchCommand c => $"mark{This(Deal(c.Deal, "deal"))} as {c.WhenText}{Because(c.Reason)}",
            SaidNoCommand { Reason: null } => null, // asks why first: nothing changes yet
            SaidNoCommand c => $"{(c.Deal is LinkedDealReference ? "they" : Deal(c.Deal, "deal").TrimStart())} said no{Because(c.Reason)}",
            _ => null,
        };
    }

    /// <summary>
    /// The command in the words of the language it was understood in: Arabic («أجّل Initech أسبوع», «تم demo-held لصفقة
    /// Initech») for a command understood with the Arabic language file, so the person asked back reads and types
    /// their own language; otherwise <see cref="CanonicalText(ChatCommand)"/>. Each Arabic form is one of ar.yaml's
    /// examples, so it is understood again as the same command, at full confidence (never asked back again).
    /// </summary>
    internal static string? CanonicalText(ChatCommand command, string language)
    {
        if (language != LanguagePack.Arabic.Code)
        {
            return CanonicalText(command);
        }

        static string Deal(DealReference deal) => deal switch
        {
            ExternalIdReference id => $"#{id.ExternalId}",
            NameReference name => name.Text,
            _ => "هذه الصفقة",
        };
        static string For(DealReference deal, string before) => deal is LinkedDealReference ? string.Empty : $" {before} {Deal(deal)}";
        static string Because(string? reason, string word = "لأن") => reason is null ? string.Empty : $" {word} {AsText(reason, arabic: true)}";

        return command switch
        {
            ConfirmItemsCommand c => $"تم {string.Join(" و ", c.ItemTexts)}{For(c.Deal, "لصفقة")}",
            UndoItemCommand c => $"تراجع عن {c.ItemText.Replace(" and ", " و ", StringComparison.Ordinal)}{For(c.Deal, "في")}",
            UndoLastCommand { Target: UndoTarget.NextStep } c => $"تراجع عن الخطوة التالية{For(c.Deal, "في")}",
            UndoLastCommand { Target: UndoTarget.Note } c => $"تراجع عن آخر ملاحظة{For(c.Deal, "في")}",
            UndoLastCommand { Target: UndoTarget.Activity } c => $"تراجع عن آخر نشاط{For(c.Deal, "في")}",
            UndoLastCommand { Target: UndoTarget.Call, Deal: LinkedDealReference } => "تراجع عن آخر مكالمة",
            UndoLastCommand { Target: UndoTarget.Call } c => $"الغ آخر مكالمة مع {Deal(c.Deal)}",
            UndoLastCommand { Target: UndoTarget.Meeting, Deal: LinkedDealReference } => "تراجع عن الاجتماع",
            UndoLastCommand { Target: UndoTarget.Meeting } c => $"تراجع عن الاجتماع مع {Deal(c.Deal)}",
            UndoLastCommand { Target: UndoTarget.Email, Deal: LinkedDealReference } => "الغ الايميل",
            UndoLastCommand { Target: UndoTarget.Email } c => $"الغ الايميل مع {Deal(c.Deal)}",
            UndoLastCommand { Target: UndoTarget.Confirmation } c => $"تراجع عن آخر تأكيد{For(c.Deal, "في")}",
            // «آخر واحد», not «آخر تأكيد»: a confirmation named takes back only confirmations.
            UndoLastCommand c => $"تراجع عن آخر واحد{For(c.Deal, "في")}",
            MoveDealCommand { ToPreviousStage: true } c => $"انقل {Deal(c.Deal)} إلى المرحلة السابقة{Because(c.Reason)}",
            MoveDealCommand c => $"انقل {Deal(c.Deal)} إلى مرحلة {Arabic(LanguagePack.Arabic.StageNames, c.StageText)}{Because(c.Reason)}",
            MarkLostCommand c => $"خسرنا {Deal(c.Deal)}{Because(c.Reason, "بسبب")}",
            SnoozeCommand c => $"أجّل {Deal(c.Deal)} {c.DurationText}".TrimEnd() + Because(c.Reason),
            UnsnoozeCommand c => $"ألغِ تأجيل {Deal(c.Deal)}",
            ReopenDealCommand c => $"أعد فتح {Deal(c.Deal)}",
            // A map's own branch («بانتظار الميزانية») has no Arabic example to say it in: the English wording runs it.
            FollowBranchCommand c => ArabicBranch(c.WhenText) is { } branch ? string.Format(CultureInfo.InvariantCulture, branch, Deal(c.Deal)) + Because(c.Reason) : CanonicalText(c),
            SaidNoCommand { Reason: null } => null, // asks why first: nothing changes yet
            SaidNoCommand c => $"{(c.Deal is LinkedDealReference ? "العميل" : Deal(c.Deal))} رفضوا{Because(c.Reason, "بسبب")}",
            _ => null,
        };
    }

    /// <summary>
    /// A reason as a wording asked back says it: in quotation marks when it holds a word that would make the wording
    /// itself a change only contrasted or still going on (<c>change_contrasts</c>, <c>change_continuations</c> of either
    /// language: "price, but they still want it", «السعر بس لسه مهتمين»), which Yes would ask back again. Quoted words
    /// are read as the reason's text (<see cref="QuotedReason"/>), so the wording is the change at once.
    /// </summary>
    private static string AsText(string reason, bool arabic = false)
    {
        foreach (var word in Sentence.Tokenize(reason))
        {
            foreach (var pack in LanguagePack.All)
            {
                if (pack.Words("change_contrasts").Contains(word.Lower) || pack.Words("change_continuations").Contains(word.Lower))
                {
                    // The question quotes an English wording in straight quotation marks and an Arabic one in «»: the reason
                    // in the other kind reads best (curly ones, which do not mirror, would look reversed in Arabic).
                    var curly = !arabic && reason.AsSpan().IndexOfAny('\u201C', '\u201D') < 0;
                    return curly || reason.Contains('"', StringComparison.Ordinal) ? $"\u201C{reason}\u201D" : $"\"{reason}\"";
                }
            }
        }

        return reason;
    }

    /// <summary>
    /// The branches ar.yaml names (<c>branch_names</c>) in words of its examples that are understood again with a reason
    /// after them («استبعد Globex لأن …», «Globex ليس الآن لأن …»); {0} is the deal. Null for a map's own branch.
    /// </summary>
    private static string? ArabicBranch(string when) => when.ToLowerInvariant() switch
    {
        "not a fit" => "اعتبر {0} غير مناسبة",
        "not now" => "{0} ليس الآن",
        "disqualified" => "استبعد {0}",
        "needs unclear" => "{0} الاحتياجات غير واضحة",
        "customer cancels" => "{0} ألغوا العقد",
        "nurture" => "انقل {0} إلى الرعاية",
        _ => null,
    };

    /// <summary>
    /// The Arabic words ar.yaml gives for a map's stage ("demo" → «عرض توضيحي»): the fullest of them (most words, then
    /// the shortest); the name itself when none is given (a map's own, maybe Arabic, name).
    /// </summary>
    private static string Arabic(FrozenDictionary<string, string> names, string name) =>
        names.Where(n => string.Equals(n.Value, name, StringComparison.OrdinalIgnoreCase))
            .Select(n => n.Key)
            .OrderByDescending(k => k.Count(c => c == ' '))
            .ThenBy(k => k.Length)
            .ThenBy(k => k, StringComparer.Ordinal)
            .FirstOrDefault() ?? name;

    private static string StripPossessive(string word) =>
        word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) && word.Length > 2 ? word[..^2] : word.Replace("'", string.Empty, StringComparison.Ordinal);

    private static List<Token> Trim(IReadOnlyList<Token> tokens, IReadOnlySet<string> leading, IReadOnlySet<string> trailing)
    {
        var start = 0;
        var end = tokens.Count;
        while (start < end && leading.Contains(tokens[start].Canon))
        {
            start++;
        }

        while (end > start && trailing.Contains(tokens[end - 1].Canon))
        {
            end--;
        }

        var result = new List<Token>(end - start);
        for (var i = start; i < end; i++)
        {
            result.Add(tokens[i]);
        }

        return result;
    }

    private static string Join(IEnumerable<Token> tokens) => string.Join(' ', tokens.Select(t => t.Original));

    /// <summary>Drops opening filler ("hey coach, can you …"), never the last word; true when any was dropped.</summary>
    private static bool StripLeading(List<Token> tokens, IReadOnlyList<string[]> phrases)
    {
        var stripped = false;
        var again = true;
        while (again && tokens.Count > 0)
        {
            again = false;
            foreach (var phrase in phrases)
            {
                if (tokens.Count > phrase.Length && Matches(tokens, 0, phrase)
                    && !(phrase is ["tell", "me"] && tokens.Count > 2 && tokens[2].Canon == "about"))
                {
                    tokens.RemoveRange(0, phrase.Length);
                    stripped = again = true;
                    break;
                }
            }
        }

        return stripped;
    }

    private static void StripTrailing(List<Token> tokens, IReadOnlyList<string[]> phrases)
    {
        var again = true;
        while (again && tokens.Count > 0)
        {
            again = false;
            foreach (var phrase in phrases)
            {
                if (tokens.Count > phrase.Length && Matches(tokens, tokens.Count - phrase.Length, phrase))
                {
                    tokens.RemoveRange(tokens.Count - phrase.Length, phrase.Length);
                    again = true;
                    break;
                }
            }
        }
    }

    private static bool Matches(IReadOnlyList<Token> tokens, int start, string[] phrase)
    {
        for (var k = 0; k < phrase.Length; k++)
        {
            if (!string.Equals(tokens[start + k].Canon, phrase[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^[$\u20AC\u00A3]?\d[\d,.]*(k|m|mm|bn|b|mil)?$", RegexOptions.IgnoreCase | Options)]
    private static partial Regex AmountRegex();

    private const string MonthWords = "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?";

    [GeneratedRegex(@"\b((this|next) (quarter|year|month)|(by|before|until|till|in|during) (the )?(end of )?(the )?(q[1-4]( \d{4})?|quarter|year|month|\d{1,2}(st|nd|rd|th)? (" + MonthWords + @")|(" + MonthWords + @")( \d{1,2}(st|nd|rd|th)?)?)|q[1-4]( \d{4})?|eoy|eoq)\b", Options)]
    private static partial Regex TargetPeriodRegex();

    [GeneratedRegex(@"\bfor (the )?(?!(this|next|the|us|me|our|we|it|that|a|an|q[1-4])\b)(?<t>[a-z][a-z0-9&.-]*)( team)?\b", Options)]
    private static partial Regex TargetTeamRegex();

    [GeneratedRegex(@"^(?<n>\d+)(?<u>d|w|m)$", Options)]
    private static partial Regex CompactWindowRegex();

    [GeneratedRegex(@"^\d+$", Options)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"^#?(?<id>\d{1,12})$|^#(?<id>[A-Za-z0-9][A-Za-z0-9-]{0,40})$", Options)]
    private static partial Regex ExternalIdRegex();
}
