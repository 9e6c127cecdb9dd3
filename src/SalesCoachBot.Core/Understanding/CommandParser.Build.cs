using System.Collections.Frozen;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// <see cref="Build"/>: the winning example's slots read into a command, one case per command family, after the
/// checks that turn a change into nothing or a question: negated ("don't mark Globex lost"), hedged, tentative,
/// or asked about ("should I mark Globex lost?"), and the words said outside an example's slots.
/// </summary>
public sealed partial class CommandParser
{
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
}
