namespace SalesCoachBot.Core.Understanding;

/// <summary>How a person referred to a deal in what they typed.</summary>
public abstract record DealReference
{
    /// <summary>"this deal", or no deal named: the deal linked to the conversation.</summary>
    public static readonly DealReference ThisDeal = new LinkedDealReference();
}

/// <summary>"1042", "#1042", "deal 1042".</summary>
internal sealed record ExternalIdReference(string ExternalId) : DealReference;

/// <summary>A loose name: "acme corp", "the globex renewal".</summary>
public sealed record NameReference(string Text) : DealReference;

internal sealed record LinkedDealReference : DealReference;

/// <summary>A chat command understood from free text. The canonical forms are in the README command table.</summary>
public abstract record ChatCommand
{
    /// <summary>The language the text was understood in: "en" or "ar" (replies can answer in it).</summary>
    public string Language { get; init; } = "en";
}

/// <summary>A command about one deal, named by <see cref="Deal"/>.</summary>
internal interface IDealCommand
{
    DealReference Deal { get; }
}

public sealed record WhatsNextCommand(DealReference Deal) : ChatCommand, IDealCommand
{
    /// <summary>
    /// "how's EMEA looking this quarter": a period typed outside the deal's words, for when they name a team and the answer
    /// is its pipeline (<c>WhatsNextUseCase.TeamPipelineAsync</c>). Null when none was typed.
    /// </summary>
    public PipelineCommand? TeamPeriod { get; init; }

    /// <summary>"help xyz", "help with Initech": asked as help, so words that name no deal, stage, team or owner get the help.</summary>
    public bool AskedForHelp { get; init; }

    /// <summary>
    /// "EMEA summary", «ملخص EMEA»: asked with a word of <c>summary_words</c>, so words that name a team get its digest (the
    /// stalled list, as «ملخص فريق EMEA» and "EMEA digest") rather than its pipeline. A deal's summary is still its card.
    /// </summary>
    public bool AskedForSummary { get; init; }
}

/// <summary>"done ITEM for DEAL": <see cref="ItemText"/> is the item's words or id, possibly several separated by "and" / ",".</summary>
internal sealed record ConfirmItemsCommand(DealReference Deal, IReadOnlyList<string> ItemTexts) : ChatCommand, IDealCommand;

internal sealed record UndoItemCommand(DealReference Deal, string ItemText) : ChatCommand, IDealCommand;

/// <summary>
/// "oops, undo that", "undo the last one on Initech": withdraws the latest act still in force (a confirmation, next step
/// change, note or logged activity), on the deal named or linked to the chat, else the person's own latest
/// (<see cref="DealReference.ThisDeal"/> with no chat link). "undo my note on Initech": only acts of <see cref="Target"/>.
/// </summary>
internal sealed record UndoLastCommand(DealReference Deal) : ChatCommand, IDealCommand
{
    public UndoTarget Target { get; init; }
}

/// <summary>What an "undo that" may take back: any act, or only the kind named ("undo the next step", «الغِ آخر ملاحظة»).</summary>
internal enum UndoTarget
{
    Any,
    Confirmation,
    NextStep,
    Note,
    Activity,

    /// <summary>A logged call only ("undo my last call", «الغِ آخر مكالمة»), not a meeting or email logged after it.</summary>
    Call,

    /// <summary>A logged meeting only ("undo the meeting", «تراجع عن الاجتماع»): a call or email logged after it stays.</summary>
    Meeting,

    /// <summary>A logged email only ("undo the email", «الغِ الإيميل»): never the meeting logged after it (parse55).</summary>
    Email,
}

internal sealed record LinkConversationCommand(DealReference Deal) : ChatCommand, IDealCommand;

internal sealed record UnlinkConversationCommand : ChatCommand;

internal sealed record UseChannelForNudgesCommand(string TeamName) : ChatCommand;

/// <summary>
/// "my deals", "which of my deals are in demo": the person's open deals, only those at the stage <see cref="StageText"/>
/// names when given. "which deals are in demo" (<see cref="Mine"/> false): the open deals at that stage of every team the
/// person may see.
/// </summary>
internal sealed record MyDealsCommand(string? StageText = null, bool Mine = true) : ChatCommand
{
    /// <summary>"Dana's deals", "what is Dana working on": the owner's name, as typed (no possessive); null for one's own.</summary>
    public string? OwnerName { get; init; }

    /// <summary>"my biggest deals", "which deal is closest to closing": how the list is sorted (stalled first unless said).</summary>
    public DealOrder Order { get; init; }

    /// <summary>"biggest 5 deals", "my 2 oldest deals": how many of a sorted list to show; null for as many as a card holds.</summary>
    public int? Count { get; init; }

    /// <summary>
    /// "how is Dana doing", asked as "how is Initech doing" is: what the words ask when no owner is called so (the deal's
    /// card, or a team's pipeline). Null when the words can only name an owner ("Dana's deals").
    /// </summary>
    public WhatsNextCommand? Otherwise { get; init; }

    /// <summary>"deals over 50k", «صفقاتي أقل من 10 آلاف»: only the deals whose amount is in this range; null for every deal.</summary>
    public AmountFilter? Amount { get; init; }
}

/// <summary>
/// "over 50k", "under €10k", "between 20k and 80k": the amounts as typed (in English words: «50 ألف» is "50 thousand"),
/// read by the use case so it can explain bad input. <see cref="Over"/> and <see cref="Under"/> are exclusive bounds;
/// "between" (<see cref="Inclusive"/>) keeps both ends.
/// </summary>
public sealed record AmountFilter(string? Over, string? Under, bool Inclusive = false);

/// <summary>
/// How a list of deals is sorted: stalled first (the longest in stage first), biggest amount first, furthest on the map
/// first, or open the longest first.
/// </summary>
public enum DealOrder
{
    StalledFirst,
    Biggest,
    ClosestToClosing,
    Oldest,
}

/// <summary>
/// "what's due this week", "overdue next steps", "which deals have no next step": next steps that are overdue or due
/// within <see cref="WithinDays"/> days (0 = today, 1 = by tomorrow, 7 by default), and the open deals with none booked.
/// </summary>
internal sealed record DueCommand(DueFocus Focus = DueFocus.All, int WithinDays = 7) : ChatCommand
{
    /// <summary>"what's due for Dana": the owner's name as typed, among the deals the person may see; null for one's own (or one's teams').</summary>
    public string? OwnerName { get; init; }
}

/// <summary>What a "due" question asks about: everything, only the overdue steps, or only the deals with no next step.</summary>
public enum DueFocus
{
    All,
    Overdue,
    Missing,
}

internal sealed record MoveDealCommand(DealReference Deal, string StageText, string? Reason) : ChatCommand, IDealCommand
{
    /// <summary>
    /// "move Hooli to the next stage", «انقل Hooli للمرحلة الجاية»: the stage after the deal's own on its map, which only
    /// the deal knows; <see cref="StageText"/> keeps the words as typed.
    /// </summary>
    public bool ToNextStage { get; init; }

    /// <summary>
    /// "move Initech back one stage", «رجّع Initech للمرحلة اللي قبل»: the stage before the deal's own on its map;
    /// <see cref="StageText"/> keeps the words as typed.
    /// </summary>
    public bool ToPreviousStage { get; init; }
}

internal sealed record MarkLostCommand(DealReference Deal, string? Reason) : ChatCommand, IDealCommand;

/// <summary>"DEAL said no [because REASON]": without a reason the bot asks for one before closing.</summary>
internal sealed record SaidNoCommand(DealReference Deal, string? Reason = null) : ChatCommand, IDealCommand;

/// <summary>
/// "Duff Brewery is not a fit", "Acme is not now [because REASON]": the stage's branch whose <c>when</c> the words name;
/// the reason, when given, goes into the history beside the branch's words.
/// </summary>
internal sealed record FollowBranchCommand(DealReference Deal, string WhenText, string? Reason = null) : ChatCommand, IDealCommand
{
    /// <summary>
    /// The words as typed, when the language file turned them into <see cref="WhenText"/> («غير مناسب» → "not a fit"): a map
    /// written in Arabic names its branch in those words. Only a second try at matching, so not part of what the command is.
    /// </summary>
    public string? Typed { get; init; }

    public bool Equals(FollowBranchCommand? other) =>
        other is not null && base.Equals(other) && Deal == other.Deal && WhenText == other.WhenText && Reason == other.Reason;

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Deal, WhenText, Reason);
}

/// <summary>"reopen DEAL": undo a close (lost or nurture), back to the stage it left.</summary>
internal sealed record ReopenDealCommand(DealReference Deal) : ChatCommand, IDealCommand;

/// <summary>"snooze DEAL 3 days|until Monday [because REASON]": the duration as typed, read by the use case so it can explain bad input.</summary>
internal sealed record SnoozeCommand(DealReference Deal, string DurationText, string? Reason) : ChatCommand, IDealCommand;

internal sealed record UnsnoozeCommand(DealReference Deal) : ChatCommand, IDealCommand;

internal sealed record StageInfoCommand(string StageText) : ChatCommand;

/// <summary>
/// "tell me about Initech": words that do not look like a stage's, which may still name one of the person's map
/// (<see cref="StageText"/>), else a deal (<see cref="Deal"/>), else nothing (<see cref="Help"/>).
/// </summary>
internal sealed record AboutCommand(string StageText, DealReference Deal, UnknownCommand Help) : ChatCommand, IDealCommand
{
    /// <summary>
    /// "Globex?", «مؤسسة الأفق»: the words were typed alone, with no word of any example, so they are a deal only when
    /// they name one the person may see (or a few equally well); a name merely close to them is no reason to answer.
    /// </summary>
    public bool NameAlone { get; init; }
}

/// <summary>
/// "pipeline [TEAM] [last N days | this month | last quarter]": a trailing window of <see cref="WindowDays"/> days, or a
/// calendar <see cref="Period"/> in the team's zone; neither means the default window.
/// </summary>
public sealed record PipelineCommand(string? TeamName, int? WindowDays, Pipeline.CalendarPeriod? Period = null) : ChatCommand
{
    /// <summary>The one figure asked for ("win rate", «معدل الفوز»): answered in the reply's first line, before the report.</summary>
    public PipelineFocus Focus { get; init; }

    /// <summary>"EMEA pipeline in EUR", «خط المبيعات بالدولار»: the currency whose amounts are asked for (an ISO code).</summary>
    public string? Currency { get; init; }
}

/// <summary>Which figure of the pipeline a question asks for; <see cref="None"/> for the report itself ("pipeline").</summary>
public enum PipelineFocus
{
    None,
    Conversion,
    CycleTime,
    WinRate,
    Weighted,
    Stalled,
}

internal sealed record StalledCommand(string? TeamName) : ChatCommand
{
    /// <summary>"my stalled deals", «صفقاتي المتعثرة»: only the person's own deals (of <see cref="TeamName"/> when given).</summary>
    public bool Mine { get; init; }

    /// <summary>"stalled deals over 50k": only the stalled deals whose amount is in this range; null for every one.</summary>
    public AmountFilter? Amount { get; init; }
}

/// <summary>
/// "won deals", "what did we lose this month", «الصفقات الخاسرة»: the deals closed won (or, <see cref="Lost"/>, lost) in a
/// trailing window of <see cref="WindowDays"/> days or a calendar <see cref="Period"/> (this quarter when neither is said),
/// of a team, of the person's teams, or (<see cref="Mine"/>) of the person's own deals.
/// </summary>
internal sealed record ClosedDealsCommand(bool Lost, string? TeamName, int? WindowDays, Pipeline.CalendarPeriod? Period, bool Mine = false) : ChatCommand
{
    /// <summary>"top loss reasons", «ليش نخسر الصفقات»: the reasons were asked for, so the list's reasons line comes first.</summary>
    public bool ReasonsFirst { get; init; }
}

/// <summary>
/// "what moved this week", "stage changes this month", «وش تحرك هالأسبوع»: the stage changes of the deals in a trailing
/// window of <see cref="WindowDays"/> days or a calendar <see cref="Period"/> (the last 7 days when neither is said), of a
/// team, of the person's teams, or (<see cref="Mine"/>) of the person's own deals.
/// </summary>
internal sealed record StageMovesCommand(string? TeamName, int? WindowDays, Pipeline.CalendarPeriod? Period, bool Mine = false) : ChatCommand;

/// <summary>
/// "compare Dana and Riley", "Dana vs Riley", «قارن بين Dana و Riley»: two people's figures side by side over a trailing
/// window of <see cref="WindowDays"/> days or a calendar <see cref="Period"/> (the pipeline's default window when neither
/// is said). A name is as typed; null is the asker ("compare me and Sam").
/// </summary>
internal sealed record CompareRepsCommand(string? First, string? Second, int? WindowDays = null, Pipeline.CalendarPeriod? Period = null) : ChatCommand;

/// <summary>
/// "what do we need to hit 2M [this quarter|by March|in Q1] [for EMEA]": the amount and period as typed, parsed by the
/// use case so it can explain bad input; no period means the current quarter.
/// </summary>
public sealed record ReverseFunnelCommand(string AmountText, string? PeriodText = null, string? TeamName = null) : ChatCommand
{
    /// <summary>
    /// The amount's words as typed («مليون», «2 مليون دولار»), which <see cref="AmountText"/> rewrites ("1 million"), so an
    /// answer's example can repeat what the person said; null when not known.
    /// </summary>
    public string? AmountTyped { get; init; }
}

/// <summary>
/// "next step for DEAL: TEXT [DATE]": <see cref="Text"/> as typed, the date still in it, because the date is read in
/// the deal's time zone and the person's locale, which only the use case knows.
/// </summary>
internal sealed record SetNextStepCommand(DealReference Deal, string Text) : ChatCommand, IDealCommand
{
    /// <summary>"next step for DEAL done", «خلصت الخطوة التالية لـ DEAL»: the step is finished, no new one said.</summary>
    public bool Done { get; init; }

    /// <summary>
    /// "next step for Initech by Friday", «الخطوة التالية لـ Initech يوم الجمعة»: only a date after the deal, so
    /// <see cref="Text"/> is that date and the step's words are asked for; the step already booked is not moved to it
    /// (as "change the next step for Initech to Friday" does).
    /// </summary>
    public bool AsksWords { get; init; }
}

/// <summary>
/// "who is on EMEA", "members of EMEA", «مين في فريق EMEA»: a team's members; no team named means the person's own teams.
/// </summary>
internal sealed record TeamMembersCommand(string? TeamName) : ChatCommand
{
    /// <summary>
    /// "who's on Initech", «مين في Initech»: words that ask who is in a team no more than who works a deal; answered as
    /// this (the deal's card) when no team the person may see is called so. Null when the words ask for a team's members.
    /// </summary>
    public WhatsNextCommand? Otherwise { get; init; }
}

/// <summary>"list teams", "which teams are there", «وش الفرق»: the teams the person may see, one line each.</summary>
internal sealed record ListTeamsCommand : ChatCommand;

/// <summary>"show the map", "map for EMEA": the process map as a picture with live numbers, for a team or the person's scope.</summary>
public sealed record ShowMapCommand(string? TeamName) : ChatCommand;

/// <summary>"note for DEAL: TEXT": <see cref="Text"/> is exactly what followed the colon (not capped, so a long note can be refused).</summary>
internal sealed record AddNoteCommand(DealReference Deal, string Text) : ChatCommand, IDealCommand;

/// <summary>"called Initech", "met Globex today", "emailed the proposal to Acme".</summary>
internal sealed record LogActivityCommand(DealReference Deal, Domain.ActivityKind Kind, ActivityDay Day, string? About) : ChatCommand, IDealCommand
{
    /// <summary>"called Initech yesterday at 3pm", «… الساعة 3 العصر»: the clock time said, read in the team's zone; null when none.</summary>
    public TimeOnly? Clock { get; init; }

    /// <summary>"met Globex this morning", «كلمت Globex العصر»: the part of the day said, with no clock time; null when none.</summary>
    public Dates.DayPart? Part { get; init; }
}

/// <summary>The day an activity happened, as said: nothing (now), "today" or "yesterday".</summary>
public enum ActivityDay
{
    Now,
    Today,
    Yesterday,
}

/// <summary>"history of DEAL".</summary>
internal sealed record HistoryCommand(DealReference Deal) : ChatCommand, IDealCommand
{
    /// <summary>"what did Riley do on Hooli": only the entries of the person called so (as typed); null for everyone's.</summary>
    public string? PersonName { get; init; }

    /// <summary>"history of Initech last week", "Initech history since Monday": only the entries of that time; null for all.</summary>
    public SaidPeriod? Period { get; init; }

    /// <summary>
    /// "history of Made by Hand": the words before and after "by" or "from" as one name, when <see cref="PersonName"/> was split
    /// from them. The deal when they name one the asker sees; the person's filter only when the tail names a person they see.
    /// </summary>
    public DealReference? Whole { get; init; }
}

/// <summary>
/// A time a question is narrowed to, as said: a trailing window of <see cref="WindowDays"/> days ("the last 30 days"), a
/// calendar <see cref="Period"/> ("last week", "this month", "Q3"), a <see cref="Day"/> ("yesterday") or a
/// <see cref="Weekday"/> ("Monday"); <see cref="Onward"/> runs it from that time's start to now ("since Monday", «منذ
/// الأسبوع الماضي»). Resolved in the team's zone by <see cref="Coaching.PeriodWindows"/>.
/// </summary>
internal sealed record SaidPeriod(int? WindowDays = null, Pipeline.CalendarPeriod? Period = null, ActsDay? Day = null, DayOfWeek? Weekday = null, bool Onward = false);

/// <summary>
/// A question about a change to one deal ("who marked Globex lost?", "when did Globex move to demo?"): answered with
/// the deal's history, or with <see cref="Help"/> when the name fits no deal (the question was not about a deal).
/// <see cref="Advice"/>: a question asking whether to make the change ("should we move Globex to demo?", «هل أسجل Globex
/// خاسرة؟»), answered with where the deal stands and what its stage still needs; nothing changes.
/// </summary>
internal sealed record ChangeQuestionCommand(DealReference Deal, UnknownCommand Help, bool Advice = false) : ChatCommand, IDealCommand;

/// <summary>
/// "new deal Contoso 50k EUR at discovery [for team EMEA]": the parts as typed, read by the use case so it can explain
/// bad input (an amount it cannot read, an unknown stage or team).
/// </summary>
internal sealed record NewDealCommand(string Name, string? AmountText, string? StageText, string? TeamText) : ChatCommand
{
    /// <summary>
    /// The amount as typed, when the language file turned it into <see cref="AmountText"/> («20 ألف» → "20 thousand"):
    /// what a reply echoes and where a currency goes. Only for wording, so not part of what the command is.
    /// </summary>
    public string? AmountTyped { get; init; }

    public bool Equals(NewDealCommand? other) =>
        other is not null && base.Equals(other) && Name == other.Name && AmountText == other.AmountText && StageText == other.StageText && TeamText == other.TeamText;

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Name, AmountText, StageText, TeamText);
}

/// <summary>"help", or help about one command ("help snooze"): <see cref="Topic"/> is its key in the help (Help.Cmd.*).</summary>
internal sealed record HelpCommand : ChatCommand
{
    public string? Topic { get; init; }
}

/// <summary>Nothing understood; <see cref="Text"/> is what was typed (trimmed), for a helpful answer.</summary>
internal sealed record UnknownCommand(string Text) : ChatCommand
{
    /// <summary>Examples of the commands that came closest, best first, in the language typed (may be empty).</summary>
    public IReadOnlyList<string> Closest { get; init; } = [];
}

/// <summary>
/// A command that changes a deal (done, undo, move, lost), understood with too little confidence to just do it:
/// the bot asks; "yes" runs <see cref="CommandText"/>, the canonical wording of <see cref="Guess"/>.
/// </summary>
internal sealed record ConfirmIntentCommand(ChatCommand Guess, string CommandText) : ChatCommand;

/// <summary>"cancel", "never mind", «الغِ ذلك»: the answer to a question the bot asked; nothing changes.</summary>
internal sealed record CancelCommand : ChatCommand;

/// <summary>
/// "yes", "go ahead", «نعم», «أيوه» (<see cref="Yes"/>) or "no", «لا» typed as the whole message: the answer to the last
/// "did you mean …?" asked of the person in this chat. With no such question the words are what they were before:
/// <see cref="Otherwise"/> («تمام» is thanks, "no" cancels, "yes" is not understood).
/// </summary>
internal sealed record AnswerCommand(bool Yes, ChatCommand Otherwise) : ChatCommand;

/// <summary>
/// "reassign Tailwind to Sam", "deals closing this month", "lint the map": something the bot does not do in chat, answered
/// with one honest line saying where it is done, instead of a deal or team that is not found.
/// </summary>
internal sealed record NotOfferedCommand(NotOffered Topic) : ChatCommand;

/// <summary>What a <see cref="NotOfferedCommand"/> asked for: its reply is <c>NotOffered.{name}</c> in CoachingText.</summary>
public enum NotOffered
{
    /// <summary>"reassign Tailwind to Sam", «غيّر مالك صفقة Initech إلى Sam»: deal owners come from the CRM or an import.</summary>
    Reassign,

    /// <summary>"deals closing this month": deals carry no expected close date.</summary>
    CloseDates,

    /// <summary>"lint the map": a command-line verb, not a chat command.</summary>
    MapLint,

    /// <summary>"change the amount of Globex to 120k", «غيّر مبلغ Globex»: amounts come from the CRM or an import.</summary>
    Amounts,
}

/// <summary>"thanks", "cheers", «شكرا», «يعطيك العافية»: said to the bot at the end of a turn; answered in kind, nothing changes.</summary>
internal sealed record ThanksCommand : ChatCommand;

/// <summary>
/// "what did I do this week", «شو عملت هالأسبوع», "what did Dana do today", "what did I confirm": a person's own acts in a
/// trailing window of <see cref="WindowDays"/> days, a calendar <see cref="Period"/> or a <see cref="Day"/> (this week when
/// none is said). <see cref="PersonName"/> as typed, null for the asker; <see cref="ConfirmationsOnly"/> narrows the list to
/// checklist confirmations.
/// </summary>
internal sealed record MyActsCommand(int? WindowDays, Pipeline.CalendarPeriod? Period, ActsDay? Day = null, string? PersonName = null, bool ConfirmationsOnly = false)
    : ChatCommand
{
    /// <summary>
    /// "activity for Dana", asked as "activity for Initech" is: the deal's history when nobody the asker may ask about is
    /// called so and a deal is. Null when the words can only name a person ("what did Dana do this week").
    /// </summary>
    public HistoryCommand? Otherwise { get; init; }

    /// <summary>"activity of Dana since Monday": from the latest Monday (the team's) to now; null for none.</summary>
    public DayOfWeek? Weekday { get; init; }

    /// <summary>
    /// "what did the team do this week", "who hasn't logged anything": every member of the asker's teams, one line each
    /// (of the team <see cref="PersonName"/> names, when it names one).
    /// </summary>
    public bool WholeTeam { get; init; }

    /// <summary>"activity of Dana since last week": the period said runs from its start to now.</summary>
    public bool Onward { get; init; }

    /// <summary>The time asked about, as the acts diary and a deal's history both read it.</summary>
    public SaidPeriod Said => new(WindowDays, Period, Day, Weekday, Onward);
}

/// <summary>A day a <see cref="MyActsCommand"/> asks about: the team's today or yesterday, midnight to midnight where it works.</summary>
internal enum ActsDay
{
    Today,
    Yesterday,
}

/// <summary>
/// "set the EMEA quota to 500k EUR this quarter", "our quota is 2M EUR a year", «هدف فريق EMEA هذا الربع 500 ألف يورو»:
/// the team's one current quota. <see cref="AmountText"/> as the reverse funnel reads it; <see cref="Period"/> null means
/// a quarter; <see cref="TeamName"/> null means the asker's one team.
/// </summary>
internal sealed record SetQuotaCommand(string AmountText, Domain.QuotaPeriod? Period = null, string? TeamName = null) : ChatCommand;

/// <summary>
/// "how are we doing against quota", "am I on track for quota", «وين وصلنا من الهدف»: each visible team's quota in its
/// current period against what it won so far (or the team named).
/// </summary>
internal sealed record QuotaProgressCommand(string? TeamName = null) : ChatCommand;
