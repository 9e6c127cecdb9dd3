using System.Globalization;
using System.Text.RegularExpressions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Understands what people type: the canonical forms in the README command table and the many ways reps actually
/// phrase them (typos, filler, word order, emoji). Stateless and thread-safe; never throws on input.
/// </summary>
public sealed partial class CommandParser
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    // No match timeouts: input is capped at TextFolding.MaxParsedLength and no pattern nests quantifiers,
    // so the worst case is quadratic in 500 characters; a timeout would cost every match a clock read.

    // Opening words that carry no meaning ("hey coach, can you ..."); "show me" marks a weak what's-next.
    private static readonly PhraseList LeadingFiller = new(
    [
        ["hey"], ["hi"], ["hello"], ["yo"], ["ok"], ["okay"], ["so"], ["um"], ["please"], ["coach"], ["bot"],
        ["salescoach"], ["and"], ["also"], ["quick", "question"], ["question"], ["can", "you"], ["could", "you"],
        ["would", "you"], ["will", "you"], ["can", "i", "get"], ["i", "need", "to", "know"], ["i", "need"],
        ["i", "want", "to", "know"], ["i", "want"], ["i", "would", "like"], ["id", "like"], ["i", "wanna"],
        ["lets", "see"], ["let", "me", "know"], ["tell", "me"], ["let", "me", "see"], ["remind", "me"], ["just"], ["quickly"],
    ]);

    private static readonly PhraseList ShowFiller = new(
    [
        ["show", "me"], ["give", "me"], ["get", "me"], ["pull", "up"], ["look", "up"], ["show"], ["display"],
        ["find"], ["open"], ["check", "on"], ["lookup"], ["get"],
    ]);

    private static readonly PhraseList TrailingFiller = new(
    [
        ["please"], ["thanks"], ["thank", "you"], ["asap"], ["again"], ["quickly"], ["real", "quick"],
        ["for", "me"], ["mate"], ["coach"], ["bot"], ["ok"], ["thx"], ["cheers"],
    ]);

    // Phrases that ask "what's next" for a deal; whatever is left around them names the deal.
    private static readonly PhraseList WhatsNextPhrases = SortLongestFirst(
    [
        ["whats", "next"], ["what", "is", "next"], ["what", "next"], ["whats", "up", "with"], ["whats", "going", "on", "with"],
        ["whats", "happening", "with"], ["whats", "the", "status"], ["what", "is", "the", "status"], ["whats", "the", "latest"],
        ["what", "now"], ["what", "do", "i", "do", "next"], ["what", "should", "i", "do", "next"], ["what", "should", "i", "do"],
        ["what", "do", "i", "need", "to", "do"], ["what", "do", "i", "do"], ["what", "to", "do"], ["what", "should", "we", "do"],
        ["what", "do", "we", "do", "next"], ["what", "do", "we", "need", "to", "do"], ["what", "can", "i", "do"],
        ["next", "steps"], ["next", "step"], ["next", "action"], ["next", "actions"], ["next"], ["where", "are", "we", "at"],
        ["where", "are", "we"], ["where", "do", "we", "stand"], ["where", "we", "at"], ["where", "is"], ["wheres"],
        ["status"], ["checklist"], ["update"], ["progress"], ["how", "is"], ["hows"], ["how", "are", "things"], ["latest"],
        ["todo"], ["to", "do", "list"], ["remaining"], ["outstanding"], ["open", "items"], ["whats", "left"],
        ["what", "is", "left"], ["whats", "missing"], ["what", "is", "missing"], ["whats", "outstanding"],
        ["what", "stage", "is"], ["which", "stage", "is"], ["what", "stage"], ["where", "does"], ["how", "far", "is"],
        ["how", "far", "along", "is"], ["whats", "the", "checklist"], ["whats", "pending"], ["pending", "items"], ["remaining", "items"], ["pending"],
    ]);

    private static readonly HashSet<string> TeamFiller = new(StringComparer.Ordinal)
    {
        "for", "of", "in", "the", "team", "teams", "show", "me", "my", "our", "whole", "report", "overview", "summary",
        "please", "deals", "how", "hows", "is", "are", "doing", "we", "whats", "what", "view", "looking", "like", "on", "pipeline",
        "funnel", "forecast", "stats", "give", "get", "a", "an", "at", "which", "any", "list", "there", "right", "now",
        "currently", "anything", "stalled", "stuck", "stale", "rotting", "idle", "slipping", "overdue", "opportunities",
        "all", "whos", "who", "has", "have", "got", "too", "long", "sitting", "around", "and",
    };

    private static readonly HashSet<string> NudgeWords = new(StringComparer.Ordinal)
    {
        "use", "make", "this", "the", "our", "chat", "channel", "conversation", "room", "thread", "for", "as", "team",
        "nudges", "digest", "alerts", "stalled", "stall", "daily", "send", "post", "put", "here", "in", "to", "please",
        "set", "up", "should", "go", "get", "deliver", "of", "a", "is", "where", "want", "i", "we", "deal", "deals",
    };

    private static readonly HashSet<string> StallWords = new(StringComparer.Ordinal)
    {
        "stalled", "stuck", "stale", "rotting", "idle", "slipping", "overdue",
    };

    private static readonly HashSet<string> PipelineWords = new(StringComparer.Ordinal) { "pipeline", "forecast" };

    /// <summary>Understands <paramref name="text"/>; anything not understood is an <see cref="UnknownCommand"/>.</summary>
    public ChatCommand Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();

        // A note is read from the text as typed, before the cap: its words are the rep's, and a long one is refused whole.
        if (Note(trimmed) is { } note)
        {
            return note;
        }

        var capped = TextFolding.Cap(trimmed);
        var tokens = Sentence.Tokenize(capped).Tokens.ToList();
        var unknown = new UnknownCommand(capped);
        if (NextStep(capped) is { } nextStep)
        {
            return nextStep;
        }

        if (tokens.Count == 0)
        {
            return capped.Contains('?', StringComparison.Ordinal) ? new HelpCommand() : unknown;
        }

        StripLeading(tokens, LeadingFiller, keepLast: true);
        var showIntent = StripLeading(tokens, ShowFiller, keepLast: true);
        StripLeading(tokens, LeadingFiller, keepLast: true);
        StripTrailing(tokens);
        return Understand(new Sentence(tokens), showIntent) ?? unknown;
    }

    private static ChatCommand? Understand(Sentence sentence, bool showIntent)
    {
        var s = sentence.Text;
        return Help(s)
            ?? NewDeal(sentence)
            ?? History(sentence)
            ?? LoggedActivity(sentence)
            ?? Snooze(sentence)
            ?? Reopen(sentence)
            ?? Link(sentence)
            ?? Nudges(sentence)
            ?? ReverseFunnel(sentence)
            ?? MyDeals(s)
            ?? Undo(sentence)
            ?? SaidNo(sentence)
            ?? MarkLost(sentence)
            ?? HowToMove(sentence)
            ?? Move(sentence)
            ?? StageInfo(sentence)
            ?? Stalled(sentence)
            ?? Pipeline(sentence)
            ?? ShowMap(sentence)
            ?? Confirm(sentence)
            ?? WhatsNext(sentence)
            ?? FollowBranch(sentence)
            ?? Bare(sentence, showIntent);
    }

    /// <summary>
    /// "next step for DEAL: TEXT", "set next step for #1010 to DATE TEXT", "DEAL next step TEXT", "next step: TEXT" (the
    /// linked deal). Read from the text as typed, since the step's words and date keep their punctuation. A plain
    /// "next step for DEAL" (nothing after it) stays a what's-next question.
    /// </summary>
    private static SetNextStepCommand? NextStep(string text)
    {
        var match = NextStepForRegex().Match(text);
        if (!match.Success)
        {
            match = NextStepDealFirstRegex().Match(text);
            if (match.Success && (QuestionRegex().IsMatch(match.Groups["d"].Value) || StepForRegex().IsMatch(match.Groups["t"].Value)))
            {
                return null;
            }
        }

        if (!match.Success)
        {
            match = NextStepLinkedRegex().Match(text);
        }

        if (!match.Success)
        {
            return null;
        }

        var stepText = match.Groups["t"].Value.Trim();
        var stepWords = Sentence.Tokenize(stepText).Tokens;
        if (stepWords.Count == 0 || stepWords.All(t => NextStepFiller.Contains(t.Canon)))
        {
            return null;
        }

        var deal = match.Groups["d"].Success ? DealOf(Sentence.Tokenize(match.Groups["d"].Value).Tokens) : DealReference.ThisDeal;
        return new SetNextStepCommand(deal, stepText);
    }

    private static readonly HashSet<string> NextStepFiller = new(StringComparer.Ordinal)
    {
        "please", "thanks", "thank", "you", "pls", "now", "for", "of", "on", "is", "are", "whats", "what", "the",
    };

    private static ChatCommand? Help(string s)
    {
        if (HelpRegex().IsMatch(s))
        {
            return new HelpCommand();
        }

        return null;
    }

    /// <summary>"note for Initech: CFO wants an ROI case by Q1", "add a note to #1002: …", "note: …" (the linked deal).</summary>
    private static ChatCommand? Note(string text)
    {
        var match = NoteRegex().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var deal = DealOf(Sentence.Tokenize(match.Groups["d"].Value).Tokens);
        return new AddNoteCommand(deal, match.Groups["t"].Value.Trim());
    }

    /// <summary>"history of Initech", "Initech history", "what happened with #1002".</summary>
    private static ChatCommand? History(Sentence sentence)
    {
        var match = HistoryRegex().Match(sentence.Text);
        if (!match.Success)
        {
            match = HistoryDealFirstRegex().Match(sentence.Text);
        }

        return match.Success ? new HistoryCommand(DealOf(sentence.Slice(match.Groups["d"]))) : null;
    }

    /// <summary>"called Initech", "met Globex today", "emailed the proposal to Acme yesterday".</summary>
    private static ChatCommand? LoggedActivity(Sentence sentence)
    {
        var s = sentence.Text;
        (Match Match, ActivityKind Kind)[] tries =
        [
            (CalledRegex().Match(s), ActivityKind.Call),
            (MetRegex().Match(s), ActivityKind.Meeting),
            (EmailedRegex().Match(s), ActivityKind.Email),
            (SentRegex().Match(s), ActivityKind.Other),
        ];
        foreach (var (match, kind) in tries)
        {
            if (!match.Success)
            {
                continue;
            }

            var deal = sentence.Slice(match.Groups["d"]);
            if (deal.Count == 0)
            {
                return null;
            }

            var day = match.Groups["w"].Value switch
            {
                "today" => ActivityDay.Today,
                "yesterday" => ActivityDay.Yesterday,
                _ => ActivityDay.Now,
            };
            var about = Join(sentence.Slice(match.Groups["a"]));
            return new LogActivityCommand(DealOf(deal), kind, day, about.Length > 0 ? about : null);
        }

        return null;
    }

    /// <summary>
    /// "new deal Contoso 50k EUR at discovery for team EMEA": the name first, then in any order an amount (with a
    /// currency or unit), "at STAGE" / "in STAGE stage", and "for team TEAM" / "for TEAM team".
    /// </summary>
    private static ChatCommand? NewDeal(Sentence sentence)
    {
        var match = NewDealRegex().Match(sentence.Text);
        if (!match.Success)
        {
            return null;
        }

        var rest = sentence.Slice(match.Groups["rest"]);
        string? stage = null;
        string? team = null;

        // Cut "at STAGE" and "for team TEAM" off the end, last one first; the name keeps at least its first word.
        for (var cut = true; cut;)
        {
            cut = false;
            for (var i = rest.Count - 1; i >= 1 && !cut; i--)
            {
                var word = rest[i].Canon;
                var lead = i >= 2 && rest[i - 1].Canon == "the" ? i - 2 : i - 1;
                var leadOfName = i >= 3 && rest[i - 2].Canon == "the" ? i - 3 : i - 2;
                if (team is null && word == "team" && i + 1 < rest.Count && lead >= 1 && rest[lead].Canon is "for" or "in" or "to")
                {
                    // "for team EMEA", "for the team EMEA"
                    team = Join(Trim(rest.Skip(i + 1).ToList(), TeamNameFiller, TeamNameFiller));
                    rest = rest.Take(lead).ToList();
                    cut = true;
                }
                else if (team is null && word == "team" && i == rest.Count - 1 && leadOfName >= 1 && rest[leadOfName].Canon is "for" or "in" or "to")
                {
                    // "for EMEA team", "for the EMEA team"
                    team = rest[i - 1].Original;
                    rest = rest.Take(leadOfName).ToList();
                    cut = true;
                }
                else if (stage is null && (word is "at" or "into" || (word == "in" && rest[^1].Canon is "stage" or "phase")) && i + 1 < rest.Count)
                {
                    stage = Join(Trim(rest.Skip(i + 1).ToList(), StageFiller, StageFiller));
                    rest = rest.Take(i).ToList();
                    cut = true;
                }
            }
        }

        var (name, amount) = SplitAmount(rest);
        return name.Count == 0 ? null : new NewDealCommand(Join(name), amount, stage is { Length: > 0 } ? stage : null, team is { Length: > 0 } ? team : null);
    }

    private static readonly HashSet<string> TeamNameFiller = new(StringComparer.Ordinal) { "the", "team", "please" };

    /// <summary>
    /// The amount in "Contoso 50k EUR" / "Contoso EUR 50,000" / "Contoso €50k", after the name's first word, to the end. A
    /// bare number counts only from 1000 up ("Area 51" is a name).
    /// </summary>
    private static (List<Token> Name, string? Amount) SplitAmount(IReadOnlyList<Token> tokens)
    {
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!AmountRegex().IsMatch(tokens[i].Original))
            {
                continue;
            }

            var start = i > 1 && SalesCoachBot.Core.Pipeline.MoneyText.IsCurrencyWord(tokens[i - 1].Original) ? i - 1 : i;
            var end = i + 1;
            var hasUnit = !char.IsDigit(tokens[i].Original[^1]) || !char.IsDigit(tokens[i].Original[0]);
            if (end < tokens.Count && AmountUnitRegex().IsMatch(tokens[end].Canon))
            {
                end++;
                hasUnit = true;
            }

            if (end < tokens.Count && SalesCoachBot.Core.Pipeline.MoneyText.IsCurrencyWord(tokens[end].Original))
            {
                end++;
                hasUnit = true;
            }

            var digits = tokens[i].Original.Count(char.IsDigit);
            if (!hasUnit && start == i && digits < 4)
            {
                continue;
            }

            // Words after the amount stay with it ("50k bananas"), so a unit it cannot read is answered, not made a name.
            return (tokens.Take(start).ToList(), string.Join(' ', tokens.Skip(start).Select(t => t.Original)));
        }

        return (tokens.ToList(), null);
    }

    private static ChatCommand? Link(Sentence sentence)
    {
        var s = sentence.Text;
        if (UnlinkRegex().IsMatch(s))
        {
            return new UnlinkConversationCommand();
        }

        var match = LinkDealFirstRegex().Match(s);
        if (!match.Success)
        {
            match = LinkRegex().Match(s);
        }

        if (!match.Success)
        {
            match = ThisChatIsAboutRegex().Match(s);
        }

        if (!match.Success)
        {
            return null;
        }

        var slot = sentence.Slice(match.Groups["d"]);
        if (slot.All(t => t.Canon is "chat" or "channel" or "conversation" or "thread" or "room" or "group" or "this" or "the"))
        {
            return null;
        }

        return DealOf(slot) is { } deal and not LinkedDealReference ? new LinkConversationCommand(deal) : null;
    }

    private static ChatCommand? Nudges(Sentence sentence)
    {
        if (!sentence.Tokens.Any(t => t.Canon is "nudges" or "digest" or "alerts"))
        {
            return null;
        }

        var team = Join(sentence.Tokens.Where(t => !NudgeWords.Contains(t.Canon)));
        return team.Length > 0 ? new UseChannelForNudgesCommand(team) : null;
    }

    private static ChatCommand? ReverseFunnel(Sentence sentence)
    {
        var match = ReverseFunnelRegex().Match(sentence.Text);
        if (!match.Success)
        {
            return null;
        }

        var tokens = sentence.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!AmountRegex().IsMatch(tokens[i].Original))
            {
                continue;
            }

            var amount = tokens[i].Original;
            if (i + 1 < tokens.Count && AmountUnitRegex().IsMatch(tokens[i + 1].Canon))
            {
                amount += " " + tokens[i + 1].Original;
            }

            return new ReverseFunnelCommand(amount, PeriodOf(sentence.Text), TeamOf(sentence.Text));
        }

        var rest = sentence.Slice(match.Groups["rest"]);
        return new ReverseFunnelCommand(Join(rest), PeriodOf(sentence.Text), TeamOf(sentence.Text));
    }

    private static string? PeriodOf(string text) => TargetPeriodRegex().Match(text) is { Success: true } m ? m.Value : null;

    private static string? TeamOf(string text)
    {
        var match = TargetTeamRegex().Match(text);
        return match.Success && !TargetPeriodRegex().IsMatch(match.Groups["t"].Value) && !AmountRegex().IsMatch(match.Groups["t"].Value)
            ? match.Groups["t"].Value
            : null;
    }

    private static ChatCommand? ShowMap(Sentence sentence)
    {
        var match = ShowMapRegex().Match(sentence.Text);
        if (!match.Success)
        {
            match = TeamMapRegex().Match(sentence.Text);
        }

        if (!match.Success)
        {
            return null;
        }

        var team = match.Groups["t"].Success ? Join(sentence.Slice(match.Groups["t"]).Where(t => !TeamFiller.Contains(t.Canon))) : string.Empty;
        return new ShowMapCommand(team.Length > 0 ? team : null);
    }

    private static ChatCommand? MyDeals(string s) => MyDealsRegex().IsMatch(s) ? new MyDealsCommand() : null;

    private static ChatCommand? Undo(Sentence sentence)
    {
        var s = sentence.Text;
        var match = UndoWithDealRegex().Match(s);
        if (!match.Success)
        {
            match = UndoRegex().Match(s);
        }

        if (!match.Success)
        {
            match = MarkUndoneRegex().Match(s);
        }

        if (!match.Success)
        {
            return null;
        }

        var items = Items(sentence.Slice(match.Groups["i"]));
        if (items.Count == 0)
        {
            return null;
        }

        return new UndoItemCommand(DealOf(sentence.Slice(match.Groups["d"])), string.Join(" and ", items));
    }

    private static ChatCommand? SaidNo(Sentence sentence)
    {
        var s = sentence.Text;
        var match = SaidNoDealFirstRegex().Match(s);
        if (!match.Success)
        {
            match = SaidNoDealLastRegex().Match(s);
        }

        if (!match.Success)
        {
            match = DealDeclinedRegex().Match(s);
        }

        if (!match.Success)
        {
            return null;
        }

        var deal = sentence.Slice(match.Groups["d"]).SkipWhile(t => BuyerWords.Contains(t.Canon)).ToList();
        var reason = Join(Trim(sentence.Slice(match.Groups["r"]), ReasonFiller, ReasonFiller));
        return new SaidNoCommand(DealOf(deal), reason.Length > 0 ? reason : null);
    }

    /// <summary>"snooze DEAL 3 days|until monday [because …]", "unsnooze DEAL".</summary>
    private static ChatCommand? Snooze(Sentence sentence)
    {
        var s = sentence.Text;
        var match = UnsnoozeRegex().Match(s);
        if (match.Success)
        {
            return new UnsnoozeCommand(DealOf(sentence.Slice(match.Groups["d"])));
        }

        match = SnoozeRegex().Match(s);
        if (!match.Success)
        {
            match = SnoozeBareRegex().Match(s);
        }

        if (!match.Success)
        {
            return null;
        }

        var reason = Join(sentence.Slice(match.Groups["r"]));
        return new SnoozeCommand(DealOf(sentence.Slice(match.Groups["d"])), Join(sentence.Slice(match.Groups["t"])), reason.Length > 0 ? reason : null);
    }

    /// <summary>"reopen DEAL" (no item named: "reopen ITEM for DEAL" stays an undo of a confirmation).</summary>
    private static ChatCommand? Reopen(Sentence sentence)
    {
        var match = ReopenRegex().Match(sentence.Text);
        return match.Success && !UndoWithDealRegex().IsMatch(sentence.Text) ? new ReopenDealCommand(DealOf(sentence.Slice(match.Groups["d"]))) : null;
    }

    // Question words open questions, not deal names: "who is the owner of initech" is not a branch.
    private static readonly HashSet<string> NotDealWords = new(StringComparer.Ordinal)
    {
        "who", "what", "whats", "which", "why", "when", "how", "where", "there", "everything", "nothing", "all", "i", "we", "you",
    };

    /// <summary>"Duff Brewery is not a fit", "disqualify Globex": a branch of the map by its <c>when</c>, matched by the use case.</summary>
    private static ChatCommand? FollowBranch(Sentence sentence)
    {
        var s = sentence.Text;
        var match = DisqualifyRegex().Match(s);
        if (match.Success)
        {
            return new FollowBranchCommand(DealOf(sentence.Slice(match.Groups["d"])), "disqualified");
        }

        // "mark DEAL as WHEN" names any branch; "DEAL is WHEN" only when WHEN reads like a decision ("not a fit",
        // "disqualified", "cancelled"), so "the weather is nice today" stays small talk.
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

        return new FollowBranchCommand(DealOf(dealTokens), Join(whenTokens));
    }

    private static bool ReadsLikeADecision(IReadOnlyList<Token> when)
    {
        var first = when[0].Canon;
        return first is "not" or "no" or "never" or "non" or "isnt"
            || first.StartsWith("dis", StringComparison.Ordinal)
            || first.StartsWith("un", StringComparison.Ordinal)
            || (when.Count <= 2 && first.Length > 4 && first.EndsWith("ed", StringComparison.Ordinal));
    }

    private static readonly HashSet<string> BuyerWords = new(StringComparer.Ordinal)
    {
        "the", "buyer", "buyers", "customer", "client", "prospect", "they", "he", "she", "champion", "people", "team",
        "folks", "guys", "at", "from", "on", "for", "over", "contact", "our", "my", "their", "decision", "maker", "cfo",
        "ceo", "cto", "procurement",
    };

    private static ChatCommand? MarkLost(Sentence sentence)
    {
        var s = sentence.Text;
        var match = MarkLostRegex().Match(s);
        if (!match.Success)
        {
            match = WeLostRegex().Match(s);
        }

        if (!match.Success)
        {
            match = DealIsLostRegex().Match(s);
        }

        if (!match.Success)
        {
            return null;
        }

        var dealTokens = sentence.Slice(match.Groups["d"]);
        if (dealTokens.Count == 0)
        {
            return null;
        }

        var reason = Join(Trim(sentence.Slice(match.Groups["r"]), ReasonFiller, ReasonFiller));
        return new MarkLostCommand(DealOf(dealTokens), reason.Length > 0 ? reason : null);
    }

    private static readonly HashSet<string> ReasonFiller = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "because", "due", "to", "reason", "is", "was", "please", "thanks",
    };

    private static ChatCommand? HowToMove(Sentence sentence)
    {
        var s = sentence.Text;
        var match = HowToMoveRegex().Match(s);
        if (!match.Success)
        {
            match = MoveForwardRegex().Match(s);
        }

        if (!match.Success)
        {
            match = IsStuckRegex().Match(s);
        }

        if (!match.Success)
        {
            match = HelpWithRegex().Match(s);
        }

        return match.Success ? new WhatsNextCommand(DealOf(sentence.Slice(match.Groups["d"]))) : null;
    }

    private static ChatCommand? Move(Sentence sentence)
    {
        var match = MoveRegex().Match(sentence.Text);
        if (!match.Success)
        {
            return null;
        }

        var stage = Join(Trim(sentence.Slice(match.Groups["s"]), StageFiller, StageFiller));
        if (stage.Length == 0)
        {
            return null;
        }

        var reason = Join(Trim(sentence.Slice(match.Groups["r"]), ReasonFiller, ReasonFiller));
        return new MoveDealCommand(DealOf(sentence.Slice(match.Groups["d"])), stage, reason.Length > 0 ? reason : null);
    }

    private static readonly HashSet<string> StageFiller = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "stage", "phase", "step", "mean", "means", "about", "exactly", "all", "for", "in", "do",
        "does", "is",
    };

    private static ChatCommand? StageInfo(Sentence sentence)
    {
        var s = sentence.Text;
        var match = WhatHappensInRegex().Match(s);
        if (!match.Success)
        {
            match = ExplainRegex().Match(s);
        }

        if (match.Success)
        {
            var stage = Trim(sentence.Slice(match.Groups["s"]), StageFiller, StageFiller);
            return stage.Count > 0 ? new StageInfoCommand(Join(stage)) : null;
        }

        // "what is the SQL stage", "tell me about discovery", "demo stage?": only when it is plainly a stage.
        match = WhatIsRegex().Match(s);
        if (!match.Success)
        {
            match = StageSuffixRegex().Match(s);
        }

        if (!match.Success)
        {
            return null;
        }

        var slot = sentence.Slice(match.Groups["s"]);
        var saysStage = slot.Any(t => t.Canon is "stage" or "phase");
        var cleaned = Trim(slot, StageFiller, StageFiller);
        if (cleaned.Count == 0 || !(saysStage || cleaned.All(t => Vocabulary.StageWords.Contains(t.Canon))))
        {
            return null;
        }

        return new StageInfoCommand(Join(cleaned));
    }

    private static ChatCommand? Stalled(Sentence sentence)
    {
        if (!sentence.Tokens.Any(t => StallWords.Contains(t.Canon)))
        {
            return null;
        }

        var team = Join(sentence.Tokens.Where(t => !TeamFiller.Contains(t.Canon)));
        return new StalledCommand(team.Length > 0 ? team : null);
    }

    private static ChatCommand? Pipeline(Sentence sentence)
    {
        var s = sentence.Text;
        var howIsTeam = HowIsTeamDoingRegex().Match(s);
        if (!howIsTeam.Success && !sentence.Tokens.Any(t => PipelineWords.Contains(t.Canon)) && !TeamReportRegex().IsMatch(s))
        {
            return null;
        }

        var tokens = sentence.Tokens;
        var used = new bool[tokens.Count];
        int? window = null;
        for (var i = 0; i < tokens.Count && window is null; i++)
        {
            var compact = CompactWindowRegex().Match(tokens[i].Canon);
            if (compact.Success)
            {
                window = Days(int.Parse(compact.Groups["n"].Value, CultureInfo.InvariantCulture), compact.Groups["u"].Value);
                used[i] = true;
            }
            else if (i + 1 < tokens.Count && NumberRegex().IsMatch(tokens[i].Canon) && UnitDays(tokens[i + 1].Canon) is { } unit)
            {
                window = int.Parse(tokens[i].Canon, CultureInfo.InvariantCulture) * unit;
                used[i] = used[i + 1] = true;
            }
            else if (i + 1 < tokens.Count && tokens[i].Canon is "this" or "last" or "past" && UnitDays(tokens[i + 1].Canon) is { } single)
            {
                window = single;
                used[i] = used[i + 1] = true;
            }

            if (window is not null && i > 0 && tokens[i - 1].Canon is "last" or "past" or "previous" or "over")
            {
                used[i - 1] = true;
            }
        }

        var team = Join(tokens.Where((t, i) => !used[i] && !TeamFiller.Contains(t.Canon)));
        return new PipelineCommand(team.Length > 0 ? team : null, window);
    }

    private static int Days(int n, string unit) => unit switch
    {
        "w" => n * 7,
        "m" => n * 30,
        _ => n,
    };

    private static int? UnitDays(string word) => word switch
    {
        "day" or "days" or "d" => 1,
        "week" or "weeks" or "wk" or "wks" or "w" => 7,
        "month" or "months" or "mo" => 30,
        "quarter" or "quarters" or "q" => 90,
        "year" or "years" or "yr" => 365,
        _ => null,
    };

    private static ChatCommand? Confirm(Sentence sentence)
    {
        var s = sentence.Text;
        var match = ConfirmWithDealRegex().Match(s);
        if (!match.Success)
        {
            match = MarkDoneRegex().Match(s);
        }

        if (!match.Success)
        {
            match = ConfirmRegex().Match(s);
        }

        if (!match.Success)
        {
            match = ItemDoneRegex().Match(s);
        }

        if (!match.Success)
        {
            return null;
        }

        var items = Items(sentence.Slice(match.Groups["i"]));
        return items.Count > 0 ? new ConfirmItemsCommand(DealOf(sentence.Slice(match.Groups["d"])), items) : null;
    }

    private static readonly HashSet<string> ItemFiller = new(StringComparer.Ordinal)
    {
        "the", "item", "items", "as", "please", "done", "my", "confirmation", "of", "tick", "check", "box", "off",
        "checklist", "is", "are", "has", "been", "now", "a", "an",
    };

    /// <summary>"demo held and requirements listed", "#1, #2": one text per item.</summary>
    private static List<string> Items(IReadOnlyList<Token> tokens)
    {
        var items = new List<string>();
        var current = new List<Token>();
        foreach (var token in tokens)
        {
            var separator = token.Canon is "and" or "&" or "+" or "plus";
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
            var item = Join(Trim(current, ItemFiller, ItemFiller));
            if (item.Length > 0)
            {
                items.Add(item);
            }

            current.Clear();
        }
    }

    private static ChatCommand? WhatsNext(Sentence sentence)
    {
        var tokens = sentence.Tokens;
        // Only phrases whose first word occurs can match; they are still tried in list order (longest first).
        Span<bool> candidate = stackalloc bool[WhatsNextPhrases.Count];
        foreach (var token in tokens)
        {
            foreach (var at in WhatsNextPhrases.StartingWith(token.Canon))
            {
                candidate[at] = true;
            }
        }

        var removed = new bool[tokens.Count];
        var found = false;
        for (var p = 0; p < WhatsNextPhrases.Count; p++)
        {
            if (!candidate[p])
            {
                continue;
            }

            var phrase = WhatsNextPhrases[p];
            for (var i = 0; i + phrase.Length <= tokens.Count; i++)
            {
                if (!removed[i] && Matches(tokens, i, phrase))
                {
                    for (var k = 0; k < phrase.Length; k++)
                    {
                        removed[i + k] = true;
                    }

                    found = true;
                }
            }
        }

        if (!found)
        {
            return null;
        }

        // Whatever is left names the deal, before or after the phrase: "acme - next steps", "next for acme".
        var rest = tokens.Where((_, i) => !removed[i]).ToList();
        return new WhatsNextCommand(DealOf(rest));
    }

    private static ChatCommand? Bare(Sentence sentence, bool showIntent)
    {
        var deal = DealOf(sentence.Tokens);
        return deal switch
        {
            ExternalIdReference => new WhatsNextCommand(deal),
            NameReference when showIntent => new WhatsNextCommand(deal),
            _ => null,
        };
    }

    /// <summary>The deal a slot names: "this" (or nothing) → the linked deal, "#1042" → an id, else a loose name.</summary>
    private static DealReference DealOf(IReadOnlyList<Token> slot)
    {
        var tokens = Trim(slot, Vocabulary.DealLeadingFiller, Vocabulary.DealTrailingFiller);

        // Text-speak "next 4 hooli" / "move 2 demo": a lone 4 or 2 before a name is "for" / "to".
        if (tokens.Count > 1 && tokens[0].Canon is "4" or "2")
        {
            tokens = Trim(tokens.Skip(1).ToList(), Vocabulary.DealLeadingFiller, Vocabulary.DealTrailingFiller);
        }
        if (tokens.Count == 0 || tokens.All(t => Vocabulary.ThisDealWords.Contains(t.Canon)))
        {
            return DealReference.ThisDeal;
        }

        if (tokens.Count <= 2 && ExternalIdRegex().Match(tokens[^1].Original) is { Success: true } id
            && (tokens.Count == 1 || tokens[0].Canon is "id" or "no" or "number" or "nr" or "num"))
        {
            return new ExternalIdReference(id.Groups["id"].Value);
        }

        var words = tokens.Select(t => t.Original).ToList();
        words[^1] = StripPossessive(words[^1]);
        return new NameReference(string.Join(' ', words));
    }

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

    private static bool StripLeading(List<Token> tokens, PhraseList phrases, bool keepLast)
    {
        var stripped = false;
        var again = true;
        while (again && tokens.Count > 0)
        {
            again = false;
            foreach (var at in phrases.StartingWith(tokens[0].Canon))
            {
                var phrase = phrases[at];
                if (Matches(tokens, 0, phrase) && (!keepLast || tokens.Count > phrase.Length)
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

    private static void StripTrailing(List<Token> tokens)
    {
        var again = true;
        while (again && tokens.Count > 0)
        {
            again = false;
            foreach (var at in TrailingFiller.EndingWith(tokens[^1].Canon))
            {
                var phrase = TrailingFiller[at];
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
        if (start < 0 || start + phrase.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            if (!string.Equals(tokens[start + k].Canon, phrase[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static PhraseList SortLongestFirst(string[][] phrases) => new(phrases.OrderByDescending(p => p.Length));

    // Next-step patterns run over the text as typed (case-insensitive): the step's words are kept as written.
    private const string NextStepLead = @"^\W*((please|pls|ok|okay|hey|hi|coach|bot)\W+)*((set|add|book|log|update|change|record|save|put)\s+(the\s+|a\s+)?)?";

    [GeneratedRegex(NextStepLead + @"next[\s-]*steps?\s+(for|on|of|with)\s+(?<d>[^:]+?)\s*(:|\s+(to|is|=|-|\u2013|\u2014)\s+)\s*(?<t>\S.*)$", Options | RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex NextStepForRegex();

    [GeneratedRegex(NextStepLead + @"(?<d>\w[^:]*?)[\s:,]+next[\s-]*steps?(\s*:\s*|\s+(is\s+|to\s+|=\s*)?)(?<t>\S.*)$", Options | RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex NextStepDealFirstRegex();

    [GeneratedRegex(NextStepLead + @"next[\s-]*steps?\s*:\s*(?<t>\S.*)$", Options | RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex NextStepLinkedRegex();

    [GeneratedRegex(@"^(for|on|of|with)\b", Options | RegexOptions.IgnoreCase)]
    private static partial Regex StepForRegex();

    [GeneratedRegex(@"\b(what|whats|what's|what\u2019s|where|how|hows|show|tell|give|which|any|get)\b", Options | RegexOptions.IgnoreCase)]
    private static partial Regex QuestionRegex();

    // Patterns run over the canonical text: lower case, single spaces, keywords typo-corrected.
    [GeneratedRegex(@"^(help|help me|commands|command list|what can you do|what can i do|what do you do|what can i ask|what can i say|how does this work|how do i use this|how do i use you|how to use|how do you work|menu|options|hi|hello|hey|yo|start|usage|who are you|what are you|what do you know|coach|bot)$", Options)]
    private static partial Regex HelpRegex();

    [GeneratedRegex(@"^(new|add|create|log|register|start)( a| an)?( new)? (deal|opportunity|opp) (?<rest>.+)$", Options)]
    private static partial Regex NewDealRegex();

    [GeneratedRegex(@"^(unlink|disconnect|detach|(remove|clear|drop) (the )?link)\b", Options)]
    private static partial Regex UnlinkRegex();

    [GeneratedRegex(@"^(link|connect|attach|tie|bind) (?<d>.+?) (to|with) (this|the|our) (chat|channel|conversation|thread|room|group)$", Options)]
    private static partial Regex LinkDealFirstRegex();

    [GeneratedRegex(@"^(link|connect|attach|tie|bind)( (this|the|our))?( (chat|channel|conversation|thread|room|group))?( (to|with))? (?<d>.+)$", Options)]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"^this (chat|channel|conversation|thread|room|group) is (about|for) (?<d>.+)$", Options)]
    private static partial Regex ThisChatIsAboutRegex();

    [GeneratedRegex(@"\b(reverse funnel|(need|needs|have|got) to (hit|make|reach|close|get to|do|book|land)|to (hit|reach)|how (much|many) .*\b(for|to get to)|hit (our |the )?(number|quota|target))\b(?<rest>.*)$", Options)]
    private static partial Regex ReverseFunnelRegex();

    [GeneratedRegex(@"^(draw |see |view |picture of |show )?((the|our|my|a|team|teams|sales|process) )*(process map|sales process|map|flowchart|flow chart|process flow)( picture| chart| diagram)?( (for|of) (?<t>.+))?$", Options)]
    private static partial Regex ShowMapRegex();

    [GeneratedRegex(@"^(?!(done|did|finished|completed|complete|confirm|undo|move|push|mark|link|explain|what happens)\b)(the )?(?<t>[a-z0-9][a-z0-9&.-]*( [a-z0-9&.-]+){0,2}?)( teams?)?( process)? map$", Options)]
    private static partial Regex TeamMapRegex();

    private const string MonthWords = "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?";

    [GeneratedRegex(@"\b((this|next) (quarter|year|month)|(by|before|until|till|in|during) (the )?(end of )?(the )?(q[1-4]( \d{4})?|quarter|year|month|\d{1,2}(st|nd|rd|th)? (" + MonthWords + @")|(" + MonthWords + @")( \d{1,2}(st|nd|rd|th)?)?)|q[1-4]( \d{4})?|eoy|eoq)\b", Options)]
    private static partial Regex TargetPeriodRegex();

    [GeneratedRegex(@"\bfor (the )?(?!(this|next|the|us|me|our|we|it|that|a|an|q[1-4])\b)(?<t>[a-z][a-z0-9&.-]*)( team)?\b", Options)]
    private static partial Regex TargetTeamRegex();

    [GeneratedRegex(@"^[$\u20AC\u00A3]?\d[\d,.]*(k|m|mm|bn|b|mil)?$", RegexOptions.IgnoreCase | Options)]
    private static partial Regex AmountRegex();

    [GeneratedRegex(@"^(k|m|mm|bn|b|million|thousand|mil|grand|billion)$", Options)]
    private static partial Regex AmountUnitRegex();

    [GeneratedRegex(@"^((list|what are|whats|what is|show|see|what are all)( all)?( of)? )?my (open |active |current |own )?(deals|opportunities|opps|accounts)( list)?$|\bon my plate\b|^what deals (do i have|am i on|are mine|do i own|have i got)$|^(all |open |active )*deals$|^whats mine$|^my book$", Options)]
    private static partial Regex MyDealsRegex();

    [GeneratedRegex(@"^(undo|untick|uncheck|unconfirm|revert|withdraw|reopen|unmark|unchecked|unticked) (?<i>.+) (for|on|at|in|with) (?<d>.+)$", Options)]
    private static partial Regex UndoWithDealRegex();

    [GeneratedRegex(@"^(undo|untick|uncheck|unconfirm|revert|withdraw|reopen|unmark) (?<i>.+)$", Options)]
    private static partial Regex UndoRegex();

    [GeneratedRegex(@"^((mark|set) )?(?<i>.+?) (as )?(is |was |isnt |wasnt )?(not done|undone|incomplete|not complete|unchecked|unticked|not finished)( (for|on|at|in|with) (?<d>.+))?$", Options)]
    private static partial Regex MarkUndoneRegex();

    [GeneratedRegex(@"^(?<d>.+?) (said|says|told us|told me|has said|have said) no( thanks| for now| again| to us| to the proposal)?( (because|since|due to|reason|reason is|citing) (?<r>.+))?$", Options)]
    private static partial Regex SaidNoDealFirstRegex();

    [GeneratedRegex(@"^(the )?((buyer|customer|client|prospect|they|he|she|champion|we got a|got a|we got) )?((said|says|told us|told me) )?no (on|for|at|from|with|to|over|re) (?<d>.+)$", Options)]
    private static partial Regex SaidNoDealLastRegex();

    [GeneratedRegex(@"^(?<d>.+?) (passed|declined|rejected( us| it| our proposal| the proposal| the offer)?|turned us down|is not interested|isnt interested|not interested|pulled out|backed out|is a no|went with someone else|said nope|walked away)( on it| for now| again)?( (because|since|due to|reason|reason is|citing) (?<r>.+))?$", Options)]
    private static partial Regex DealDeclinedRegex();

    [GeneratedRegex(@"^(mark|set|close|flag|put|move)( deal)? (?<d>.+?) (as |to |into )?(closed |close )?(lost|loss|closed lost|dead)(( (because|due to|since|as|reason|for|with reason|reason is|to|over|on))? (?<r>.+))?$", Options)]
    private static partial Regex MarkLostRegex();

    [GeneratedRegex(@"^((we|i) )?(lost|have lost|just lost|lost out on) (?<d>.+?)( (because|due to|since|to|over|on|as) (?<r>.+))?$", Options)]
    private static partial Regex WeLostRegex();

    [GeneratedRegex(@"^(?<d>.+?) (is |was |got |has been |went )?(closed )?(lost|dead)( (because|due to|since|to|over|on|as) (?<r>.+))?$", Options)]
    private static partial Regex DealIsLostRegex();

    [GeneratedRegex(@"^how (do|can|should|could|would|to) ((i|we) )?(move|get|push|advance|progress|close|win|unblock|unstick) (?<d>.+?)( (forward|along|ahead|on|moving|over the line|to the next stage|unstuck|closed|done|to close|through))?$", Options)]
    private static partial Regex HowToMoveRegex();

    [GeneratedRegex(@"^(move|push|advance|progress|get) (?<d>.+?) (forward|along|ahead|moving)$", Options)]
    private static partial Regex MoveForwardRegex();

    [GeneratedRegex(@"^(is|why is|whys|how come) (?<d>.+?) (is )?(stalled|stuck|stale|rotting|slipping)$", Options)]
    private static partial Regex IsStuckRegex();

    [GeneratedRegex(@"^help (me )?(with|on) (?<d>.+)$", Options)]
    private static partial Regex HelpWithRegex();

    [GeneratedRegex(@"^(move|advance|push|put|set|bump|progress|change|shift)( deal)? (?<d>.+?)( (back|forward|straight|directly|ahead|stage|up|down))? (to|into|onto) (?<s>.+?)( (because|since|as|due to|reason|reason is|for) (?<r>.+))?$", Options)]
    private static partial Regex MoveRegex();

    [GeneratedRegex(@"^what (happens|goes on|do we do|do i do|should happen|is done|gets done|needs to happen|is expected|should i do|should we do) (in|during|at|inside) (?<s>.+)$", Options)]
    private static partial Regex WhatHappensInRegex();

    [GeneratedRegex(@"^(explain|describe|define|clarify) (?<s>.+)$", Options)]
    private static partial Regex ExplainRegex();

    [GeneratedRegex(@"^(whats|what is|what are|what does|what do|tell me about|tell me more about|info on|info about|details on|details about|more about|about|what do you mean by|meaning of|whats in|what is in|whats the point of) (?<s>.+?)( mean| means| about| for| do)?$", Options)]
    private static partial Regex WhatIsRegex();

    [GeneratedRegex(@"^(?<s>.+ (stage|phase))$|^(stage|phase) (?<s>.+)$", Options)]
    private static partial Regex StageSuffixRegex();

    [GeneratedRegex(@"^(how (is|are)|hows) ((my|our|the) (team|teams|reps|people|squad)|we|(the )?\S+ (team|teams|reps)) (doing|going|tracking|looking|performing)", Options)]
    private static partial Regex HowIsTeamDoingRegex();

    [GeneratedRegex(@"\b(team (report|overview|summary|stats|numbers)|how are we doing|funnel)\b", Options)]
    private static partial Regex TeamReportRegex();

    [GeneratedRegex(@"^(?<n>\d{1,4})(?<u>d|w|m)$", Options)]
    private static partial Regex CompactWindowRegex();

    [GeneratedRegex(@"^\d{1,4}$", Options)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"^(done|did|finished|completed|complete|ticked|tick|tick off|ticked off|check off|checked off|checked|confirm|confirmed|close out|closed out|mark|marked) (?<i>.+) (for|on|at|in|with) (?<d>.+)$", Options)]
    private static partial Regex ConfirmWithDealRegex();

    [GeneratedRegex(@"^(mark|set|marked) (?<i>.+?) (as )?(done|complete|completed|finished|ticked|checked)( (for|on|at|in|with) (?<d>.+))?$", Options)]
    private static partial Regex MarkDoneRegex();

    [GeneratedRegex(@"^(done|did|finished|completed|complete|ticked|tick|tick off|ticked off|check off|checked off|checked|confirm|confirmed) (?<i>.+)$", Options)]
    private static partial Regex ConfirmRegex();

    [GeneratedRegex(@"^(?<i>.+?) (is |are |has been |have been |was |were |now |all )?(done|completed|complete|finished|ticked|ticked off|checked off|confirmed)( (for|on|at|in|with) (?<d>.+))?$", Options)]
    private static partial Regex ItemDoneRegex();

    // Over the text as typed (a note keeps its case and punctuation); the colon ends the deal.
    [GeneratedRegex(@"^(please\s+)?(add\s+(a\s+)?)?note\b\s*((for|on|to|about|re)\s+)?(?<d>[^:\r\n]{0,200}?)\s*:\s*(?<t>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline | Options)]
    private static partial Regex NoteRegex();

    [GeneratedRegex(@"^(the )?(full |deal )?(history|timeline|activity log|audit trail)( (of|for|on|about))?( (?<d>.+))?$|^what (happened|happens|has happened|went on) (with|to|on) (?<d>.+)$", Options)]
    private static partial Regex HistoryRegex();

    [GeneratedRegex(@"^(?<d>.+?) (history|timeline|activity log|audit trail)$", Options)]
    private static partial Regex HistoryDealFirstRegex();

    private const string ActivityDaySuffix = @"( (?<w>today|yesterday))?$";

    [GeneratedRegex(@"^((i|we|just|already) )*(called|phoned|rang|rung|(spoke|talked) (to|with)|(had|did|held|made) (a |an |the |our )?(call|phone call|zoom|teams call|video call) (with|to)) (?<d>.+?)" + ActivityDaySuffix, Options)]
    private static partial Regex CalledRegex();

    [GeneratedRegex(@"^((i|we|just|already) )*(met( up)?( with)?|visited|(had|did|held) (a |an |the |our )?(meeting|meet|lunch|coffee|visit|onsite) (with|at)) (?<d>.+?)" + ActivityDaySuffix, Options)]
    private static partial Regex MetRegex();

    [GeneratedRegex(@"^((i|we|just|already) )*(emailed|e-mailed|mailed|(sent|wrote) (an )?(email|e-mail|mail) to)( (?<a>.+?) to)? (?<d>.+?)" + ActivityDaySuffix, Options)]
    private static partial Regex EmailedRegex();

    [GeneratedRegex(@"^((i|we|just|already) )*(sent|shared|delivered) (?<a>.+?) to (?<d>.+?)" + ActivityDaySuffix, Options)]
    private static partial Regex SentRegex();
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

    [GeneratedRegex(@"^#?(?<id>\d{1,12})$|^#(?<id>[A-Za-z0-9][A-Za-z0-9-]{0,40})$", Options)]
    private static partial Regex ExternalIdRegex();
}
