using System.Text;
using System.Text.RegularExpressions;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Issue 15's snooze, reopen and branch phrasings, merged while the recogniser was being replaced: still the
/// English patterns they were written as, run over the English canonical words (snooze/reopen before the
/// recogniser, a branch only when it found nothing). Moving them into en.yaml / ar.yaml as examples is the
/// next step (docs/understanding.md).
/// </summary>
internal static partial class BranchSnoozeRules
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // Question words open questions, not deal names: "who is the owner of initech" is not a branch.
    private static readonly HashSet<string> NotDealWords = new(StringComparer.Ordinal)
    {
        "who", "what", "whats", "which", "why", "when", "how", "where", "there", "everything", "nothing", "all", "i", "we", "you",
    };

    /// <summary>"snooze DEAL 3 days|until monday [because …]", "unsnooze DEAL", "reopen DEAL".</summary>
    public static ChatCommand? Before(IReadOnlyList<Token> tokens, Func<IReadOnlyList<Token>, DealReference> dealOf)
    {
        var sentence = new CanonText(tokens);
        var s = sentence.Text;
        var match = UnsnoozeRegex().Match(s);
        if (match.Success)
        {
            return new UnsnoozeCommand(dealOf(sentence.Slice(match.Groups["d"])));
        }

        match = SnoozeRegex().Match(s);
        if (!match.Success)
        {
            match = SnoozeBareRegex().Match(s);
        }

        if (match.Success)
        {
            var reason = Join(sentence.Slice(match.Groups["r"]));
            return new SnoozeCommand(dealOf(sentence.Slice(match.Groups["d"])), Join(sentence.Slice(match.Groups["t"])), reason.Length > 0 ? reason : null);
        }

        // "reopen DEAL" (no item named: "reopen ITEM for DEAL" stays an undo of a confirmation).
        match = ReopenRegex().Match(s);
        return match.Success && !UndoWithDealRegex().IsMatch(s) ? new ReopenDealCommand(dealOf(sentence.Slice(match.Groups["d"]))) : null;
    }

    /// <summary>"Duff Brewery is not a fit", "disqualify Globex", "mark DEAL as WHEN": a branch of the map by its <c>when</c>.</summary>
    public static ChatCommand? After(IReadOnlyList<Token> tokens, Func<IReadOnlyList<Token>, DealReference> dealOf)
    {
        var sentence = new CanonText(tokens);
        var s = sentence.Text;
        var match = DisqualifyRegex().Match(s);
        if (match.Success)
        {
            return new FollowBranchCommand(dealOf(sentence.Slice(match.Groups["d"])), "disqualified");
        }

        var explicitly = true;
        match = MarkAsBranchRegex().Match(s);
        if (!match.Success)
        {
            match = DealIsBranchRegex().Match(s);
            explicitly = false;
        }

        if (!match.Success)
        {
            return null;
        }

        var dealTokens = sentence.Slice(match.Groups["d"]);
        var whenTokens = sentence.Slice(match.Groups["w"]);
        if (dealTokens.Count == 0 || whenTokens.Count == 0 || NotDealWords.Contains(dealTokens[0].Canon)
            || (!explicitly && !ReadsLikeADecision(whenTokens)))
        {
            return null;
        }

        return new FollowBranchCommand(dealOf(dealTokens), Join(whenTokens));
    }

    private static bool ReadsLikeADecision(IReadOnlyList<Token> when)
    {
        var first = when[0].Canon;
        return first is "not" or "no" or "never" or "non" or "isnt"
            || first.StartsWith("dis", StringComparison.Ordinal)
            || first.StartsWith("un", StringComparison.Ordinal)
            || (when.Count <= 2 && first.Length > 4 && first.EndsWith("ed", StringComparison.Ordinal));
    }

    private static string Join(IEnumerable<Token> tokens) => string.Join(' ', tokens.Select(t => t.Original));

    /// <summary>The canonical words joined by single spaces, with a way back from a regex group to the tokens.</summary>
    private sealed class CanonText
    {
        private readonly IReadOnlyList<Token> _tokens;
        private readonly int[] _starts;

        public CanonText(IReadOnlyList<Token> tokens)
        {
            _tokens = tokens;
            _starts = new int[tokens.Count];
            var text = new StringBuilder();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(' ');
                }

                _starts[i] = text.Length;
                text.Append(tokens[i].Canon);
            }

            Text = text.ToString();
        }

        public string Text { get; }

        public List<Token> Slice(Group group)
        {
            var slice = new List<Token>();
            if (!group.Success || group.Length == 0)
            {
                return slice;
            }

            var end = group.Index + group.Length;
            for (var i = 0; i < _starts.Length; i++)
            {
                if (_starts[i] >= group.Index && _starts[i] < end)
                {
                    slice.Add(_tokens[i]);
                }
            }

            return slice;
        }
    }

    [GeneratedRegex(@"^(undo|untick|uncheck|unconfirm|revert|withdraw|reopen|unmark|unchecked|unticked) (?<i>.+) (for|on|at|in|with) (?<d>.+)$", Options)]
    private static partial Regex UndoWithDealRegex();

    [GeneratedRegex(@"^(unsnooze|un snooze|unmute|unpause|wake up|wake|stop snoozing|end the snooze (on|of|for)|cancel the snooze (on|of|for)|lift the snooze (on|of|for)) (?<d>.+)$", Options)]
    private static partial Regex UnsnoozeRegex();

    [GeneratedRegex(@"^(snooze|mute|pause|silence) (?<d>.+?) (for )?(?<t>(\d{1,4}|a|an|one|two|three|four|five|six|seven|ten|fourteen|thirty) (day|days|week|weeks)|\d{1,4}[dw]|(until|till|til|to) .+?)( (because|since|as|due to|reason|reason is|while) (?<r>.+))?$", Options)]
    private static partial Regex SnoozeRegex();

    [GeneratedRegex(@"^(snooze|mute|pause|silence) (?<d>.+?)( (because|since|as|due to|reason|reason is|while) (?<r>.+))?$", Options)]
    private static partial Regex SnoozeBareRegex();

    [GeneratedRegex(@"^(reopen|re open|unclose|revive|undo the close of|undo closing) (?<d>.+)$", Options)]
    private static partial Regex ReopenRegex();

    [GeneratedRegex(@"^(disqualify|dq) (?<d>.+)$", Options)]
    private static partial Regex DisqualifyRegex();

    [GeneratedRegex(@"^(?<d>.+?) (is|was|got|has been|have been|are|were|seems|looks|turned out|turned out to be) (?<w>.+)$", Options)]
    private static partial Regex DealIsBranchRegex();

    [GeneratedRegex(@"^(mark|flag|set|put)( deal)? (?<d>.+?) (as|to) (?<w>.+)$", Options)]
    private static partial Regex MarkAsBranchRegex();
}
