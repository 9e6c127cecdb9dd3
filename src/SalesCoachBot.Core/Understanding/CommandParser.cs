using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using SalesCoachBot.Core.Dates;

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

    /// <summary>
    /// The day a date in words is read against where only whether the words are a date matters. Within the years the
    /// reader takes (2000–2100): against 1970, "Dec 10" and "10/12" were no day at all, so never a step's date.
    /// </summary>
    private static readonly DateContext AnyDay = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    private static readonly (string List, PipelineFocus Focus)[] FocusLists =
    [
        ("focus_conversion", PipelineFocus.Conversion), ("focus_cycle", PipelineFocus.CycleTime), ("focus_win_rate", PipelineFocus.WinRate),
        ("focus_weighted", PipelineFocus.Weighted), ("focus_stalled", PipelineFocus.Stalled),
    ];

    /// <summary>«لـ», «ل», «بـ», «ب», «عن», «في» (tatweel already dropped): the prepositions dropped before a Latin name.</summary>
    private static readonly FrozenSet<string> ArabicPrepositions = FrozenSet.Create(StringComparer.Ordinal, "ل", "ب", "عن", "في");
}
