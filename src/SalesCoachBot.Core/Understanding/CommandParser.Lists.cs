using System.Collections.Frozen;
using System.Globalization;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Lists of deals and questions about people and teams: what is due, my deals and someone's deals (at a stage,
/// sorted, counted), the owner a name stands for, comparing reps, a team's members, and the team a slot names.
/// </summary>
public sealed partial class CommandParser
{
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
    /// «صفقاتي المتعثرة», "stalled deals owned by Sam" read as a deal list: a word of <c>focus_stalled</c> asks for the stalled
    /// ones only, the person's own or the owner's, not every deal with the stalled first.
    /// </summary>
    private static ChatCommand? OnlyStalledAsked(MyDealsCommand? list, IReadOnlyList<Token> tokens, LanguagePack pack) =>
        list is { StageText: null, Order: DealOrder.StalledFirst, Otherwise: null } && AnyWordOf(tokens, pack, "focus_stalled")
            ? new StalledCommand(list.OwnerName) { Mine = list.OwnerName is null && SaysMine(tokens, pack) }
            : list;
}
