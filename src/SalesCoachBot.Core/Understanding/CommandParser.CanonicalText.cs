using System.Collections.Frozen;
using System.Globalization;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// The command in the words of the examples (<see cref="CanonicalText(ChatCommand, string)"/>): what a question
/// before a change repeats, and what its "yes" button runs.
/// </summary>
public sealed partial class CommandParser
{
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
}
