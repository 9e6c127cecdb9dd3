using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>Issue 15: the new phrasings for branches, reopening and snoozes.</summary>
public sealed class BranchAndSnoozeParserTests
{
    private readonly CommandParser _parser = new();

    public static TheoryData<string, ChatCommand> Phrasings => new()
    {
        { "Duff Brewery is not a fit", new FollowBranchCommand(new NameReference("Duff Brewery"), "not a fit") },
        { "Acme is not now", new FollowBranchCommand(new NameReference("Acme"), "not now") },
        { "Globex is disqualified", new FollowBranchCommand(new NameReference("Globex"), "disqualified") },
        { "disqualify #1003", new FollowBranchCommand(new ExternalIdReference("1003"), "disqualified") },
        { "mark initech as not a fit", new FollowBranchCommand(new NameReference("initech"), "not a fit") },
        { "globex said no because price", new SaidNoCommand(new NameReference("globex"), "price") },
        { "globex said no", new SaidNoCommand(new NameReference("globex")) },
        { "reopen Globex", new ReopenDealCommand(new NameReference("Globex")) },
        { "snooze Tailwind 3 days", new SnoozeCommand(new NameReference("Tailwind"), "3 days", null) },
        { "snooze #1010 until Monday because the buyer is on leave", new SnoozeCommand(new ExternalIdReference("1010"), "until Monday", "the buyer is on leave") },
        { "snooze tailwind until 2026-12-10", new SnoozeCommand(new NameReference("tailwind"), "until 2026-12-10", null) },
        { "snooze tailwind", new SnoozeCommand(new NameReference("tailwind"), string.Empty, null) },
        { "unsnooze Tailwind", new UnsnoozeCommand(new NameReference("Tailwind")) },
        { "wake up tailwind", new UnsnoozeCommand(new NameReference("tailwind")) },
        { "park soylent 10 days, budget freeze", new SnoozeCommand(new NameReference("soylent"), "10 days", "budget freeze") },
        { "put Soylent into nurture", new FollowBranchCommand(new NameReference("Soylent"), "nurture") },
    };

    /// <summary>The same commands in Arabic (MSA, Gulf, Levantine, Egyptian), from ar.yaml; times and reasons as typed.</summary>
    public static TheoryData<string, ChatCommand> ArabicPhrasings => new()
    {
        { "أجّل Initech ٣ أيام لأن المشتري في إجازة", new SnoozeCommand(new NameReference("Initech"), "٣ أيام", "المشتري في إجازة") { Language = "ar" } },
        { "أجل Initech لحد الأحد", new SnoozeCommand(new NameReference("Initech"), "لحد الأحد", null) { Language = "ar" } },
        { "أجّل Initech أسبوع", new SnoozeCommand(new NameReference("Initech"), "أسبوع", null) { Language = "ar" } },
        { "نأجل مؤسسة الأفق أسبوعين عشان المدير مسافر", new SnoozeCommand(new NameReference("مؤسسة الأفق"), "أسبوعين", "المدير مسافر") { Language = "ar" } },
        { "ألغِ تأجيل Initech", new UnsnoozeCommand(new NameReference("Initech")) { Language = "ar" } },
        { "فك التأجيل عن رقم ١٠١٠", new UnsnoozeCommand(new ExternalIdReference("1010")) { Language = "ar" } },
        { "أعد فتح Globex", new ReopenDealCommand(new NameReference("Globex")) { Language = "ar" } },
        { "تراجع عن إغلاق صفقة Globex", new ReopenDealCommand(new NameReference("Globex")) { Language = "ar" } },
        { "افتح Globex من جديد", new ReopenDealCommand(new NameReference("Globex")) { Language = "ar" } },
        { "ممكن تفتح صفقة Globex من جديد", new ReopenDealCommand(new NameReference("Globex")) { Language = "ar" } },
        { "Duff Brewery مش مناسبة", new FollowBranchCommand(new NameReference("Duff Brewery"), "not a fit") { Language = "ar" } },
        { "Acme مو وقتها", new FollowBranchCommand(new NameReference("Acme"), "not now") { Language = "ar" } },
        { "استبعد Globex", new FollowBranchCommand(new NameReference("Globex"), "disqualified") { Language = "ar" } },
        { "Globex رفضوا بسبب السعر", new SaidNoCommand(new NameReference("Globex"), "السعر") { Language = "ar" } },
        { "خسرنا Globex راحوا لمنافس", new MarkLostCommand(new NameReference("Globex"), "راحوا لمنافس") { Language = "ar" } },
        { "خسرنا Globex لأنهم اختاروا غيرنا", new MarkLostCommand(new NameReference("Globex"), "اختاروا غيرنا") { Language = "ar" } },
    };

    [Theory]
    [MemberData(nameof(ArabicPhrasings))]
    public void Parse_ArabicPhrasing_IsTheCommand(string text, ChatCommand expected)
    {
        Assert.Equal(expected, _parser.Parse(text));
    }

    [Theory]
    [InlineData("خلنا نأجل Tailwind ٣ أيام", "Tailwind", "٣ أيام")]
    [InlineData("سكت التنبيهات عن Tailwind أسبوعين", "Tailwind", "أسبوعين")]
    [InlineData("حط Tailwind على الانتظار لحد الخميس", "Tailwind", "لحد الخميس")]
    public void Parse_ArabicSnoozeWithoutReason_TimeNotTakenForAReason(string text, string deal, string time)
    {
        var command = Assert.IsType<SnoozeCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference(deal) as DealReference, time, (string?)null), (command.Deal, command.DurationText, command.Reason));
    }

    [Theory]
    [InlineData("don't mark Globex lost")]
    [InlineData("don't mark Globex lost because they still want it")]
    [InlineData("do not mark Globex as lost")]
    [InlineData("Globex isn't dead because they replied")]
    [InlineData("we didn't lose Globex")]
    [InlineData("never move Globex to demo")]
    [InlineData("don't snooze Globex")]
    [InlineData("didn't call Globex")]
    [InlineData("don't undo demo held for Globex")]
    [InlineData("ما خسرنا Globex")]
    [InlineData("لا تعتبر Globex خاسرة")]
    [InlineData("بلاش نأجل Globex")]
    public void Parse_ChangeSaidWithANegation_NotUnderstood(string text)
    {
        // Read without its "don't", each of these once asked to do the very change it refused.
        Assert.IsType<UnknownCommand>(_parser.Parse(text));
    }

    [Theory]
    [InlineData("how do I mark a deal lost?", "mark Initech lost because price")]
    [InlineData("كيف أعتبر صفقة خاسرة؟", "خسرنا Initech بسبب السعر")]
    [InlineData("شو خسرنا Globex", "خسرنا Initech بسبب السعر")]
    public void Parse_ChangeAskedAbout_NotUnderstoodWithHowToSayIt(string text, string? closest)
    {
        var unknown = Assert.IsType<UnknownCommand>(_parser.Parse(text));

        if (closest is not null)
        {
            Assert.Equal([closest], unknown.Closest);
        }
    }

    [Theory]
    [InlineData("should I mark Globex lost because of price?", "mark Initech lost because price")]
    [InlineData("should we snooze Globex for a week?", "snooze Initech 3 days because the buyer is on leave")]
    [InlineData("should we move Globex to demo?", "move Initech to proposal because …")]
    [InlineData("هل أسجل Globex خاسرة؟", null)]
    [InlineData("أسجل Globex خاسرة؟", "خسرنا Initech بسبب السعر")]
    [InlineData("هل أنقل Globex إلى مرحلة العرض التوضيحي؟", null)]
    [InlineData("هل ننقل Globex إلى مرحلة العرض التوضيحي؟", null)]
    public void Parse_AskedWhetherToChangeADeal_AdviceNeverTheChange(string text, string? closest)
    {
        // "should I mark Globex lost?" was the help answer, «هل أسجل Globex خاسرة؟» the history of a deal called «أسجل
        // Globex», and «أسجل Globex خاسرة؟» asked to confirm a loss: now all three ask for advice about Globex.
        var advice = Assert.IsType<ChangeQuestionCommand>(_parser.Parse(text));

        Assert.True(advice.Advice);
        Assert.Equal(new NameReference("Globex"), advice.Deal);
        if (closest is not null)
        {
            Assert.Equal([closest], advice.Help.Closest);
        }
    }

    [Theory]
    [InlineData("could you move Globex to demo?", typeof(MoveDealCommand))]
    [InlineData("can you move Globex to demo because they asked?", typeof(MoveDealCommand))]
    [InlineData("please move Globex to demo?", typeof(MoveDealCommand))]
    [InlineData("could you please mark Globex lost because price?", typeof(MarkLostCommand))]
    [InlineData("لو سمحت انقل Globex إلى مرحلة العرض التوضيحي؟", typeof(MoveDealCommand))]
    public void Parse_PoliteRequestWithAQuestionMark_TheChange(string text, Type expected)
    {
        // "could you move Globex to demo?" asked to confirm while "could you move Globex to demo" moved it.
        Assert.IsType(expected, _parser.Parse(text));
    }

    [Theory]
    [InlineData("could we move Globex to demo?", "move deal Globex to demo")]
    [InlineData("could we move Globex to demo", "move deal Globex to demo")]
    [InlineData("can we move Globex to demo?", "move deal Globex to demo")]
    [InlineData("can we move Globex to demo", "move deal Globex to demo")]
    public void Parse_ChangeAskedAmongTheTeam_AskedBackFirst(string text, string wording)
    {
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.Equal(wording, confirm.CommandText);
    }

    [Theory]
    [InlineData("can we move Globex to demo", typeof(MoveDealCommand))]
    [InlineData("ممكن ننقل Globex للعرض", typeof(MoveDealCommand))]
    [InlineData("ممكن ننقل Globex للعرض؟", typeof(MoveDealCommand))]
    [InlineData("نقدر ننقل Globex للعرض", typeof(MoveDealCommand))]
    [InlineData("هل نقدر ننقل Globex للعرض", typeof(MoveDealCommand))]
    [InlineData("هل نقدر ننقل Globex للعرض؟", typeof(MoveDealCommand))]
    [InlineData("ينفع ننقل Globex للعرض", typeof(MoveDealCommand))]
    [InlineData("بنقدر ننقل Globex للعرض", typeof(MoveDealCommand))]
    [InlineData("can we mark Globex lost", typeof(MarkLostCommand))]
    [InlineData("ممكن نعلّم Globex خاسرة", typeof(MarkLostCommand))]
    [InlineData("نقدر نعتبر Globex خاسرة", typeof(MarkLostCommand))]
    public void Parse_ChangeAskedAmongTheTeamInArabic_AskedBackFirst(string text, Type expected)
    {
        // «ممكن ننقل Globex للعرض» ("can we move …") was not understood, and «هل نقدر ننقل …» looked for a deal named
        // «نقدر ننقل Globex للعرض»: a verb said by "we" suggests the change, as "can we …" does.
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.IsType(expected, confirm.Guess);
        Assert.Equal(new NameReference("Globex"), ((IDealCommand)confirm.Guess).Deal);
    }

    [Theory]
    [InlineData("can we snooze Globex a week", "snooze deal Globex a week")]
    [InlineData("ممكن نأجل Globex أسبوع", "أجّل Globex أسبوع")]
    [InlineData("ممكن نأجل Globex أسبوع؟", "أجّل Globex أسبوع")]
    [InlineData("هل نقدر نأجل Globex أسبوع", "أجّل Globex أسبوع")]
    [InlineData("نقدر نأجل Globex أسبوع", "أجّل Globex أسبوع")]
    [InlineData("ينفع نأجل Globex أسبوع", "أجّل Globex أسبوع")]
    [InlineData("ممكن نأجل صفقة Globex أسبوع عشان المدير مسافر", "أجّل Globex أسبوع لأن المدير مسافر")]
    [InlineData("ممكن نلغي تأجيل Globex", "ألغِ تأجيل Globex")]
    [InlineData("ممكن نفتح Globex من جديد", "أعد فتح Globex")]
    [InlineData("ممكن نأكد demo-held لصفقة Globex", "تم demo-held لصفقة Globex")]
    [InlineData("ممكن نخلي Globex في مرحلة العرض", "انقل Globex إلى مرحلة عرض سعر")]
    public void Parse_ArabicCanWeForAnyChange_AskedBackFirst(string text, string wording)
    {
        // «ممكن نأجل Globex أسبوع» ("can we postpone …") snoozed at once: «نأجل {deal}» is an example, so its "we" verb
        // was no suggestion; «ممكن نلغي تأجيل Globex» ("can we unsnooze …") asked to snooze it.
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.Equal(wording, confirm.CommandText);
    }

    [Theory]
    [InlineData("أجّل Globex أسبوع")]
    [InlineData("نأجل Globex أسبوع")]
    [InlineData("خلنا نأجل Globex أسبوع")]
    [InlineData("ممكن أجّل Globex أسبوع")]
    [InlineData("لو سمحت نأجل Globex أسبوع")]
    [InlineData("يا كوتش نأجل Globex أسبوع")]
    public void Parse_ArabicSnoozeSaidOrAskedOfTheBot_Snoozed(string text)
    {
        // "Postpone", "we postpone", "let's postpone", "please postpone": no "can", so done as said.
        var snooze = Assert.IsType<SnoozeCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference("Globex") as DealReference, "أسبوع"), (snooze.Deal, snooze.DurationText));
    }

    [Theory]
    [InlineData("can you move Globex to demo", typeof(MoveDealCommand))]
    [InlineData("can you move Globex to demo?", typeof(MoveDealCommand))]
    [InlineData("ممكن تنقل Globex للعرض", typeof(MoveDealCommand))]
    [InlineData("ممكن تنقل Globex للعرض؟", typeof(MoveDealCommand))]
    [InlineData("ممكن لو سمحت تنقل Globex للعرض", typeof(MoveDealCommand))]
    [InlineData("تقدر تنقل Globex للعرض", typeof(MoveDealCommand))]
    [InlineData("تقدر تنقل Globex للعرض؟", typeof(MoveDealCommand))]
    [InlineData("can you mark Globex lost because price?", typeof(MarkLostCommand))]
    [InlineData("ممكن تعلّم Globex خاسرة بسبب السعر؟", typeof(MarkLostCommand))]
    public void Parse_RequestToTheBotInArabic_TheChange(string text, Type expected)
    {
        // «ممكن تنقل Globex للعرض؟» ("can you move …?") was not understood: a verb said to "you" asks the bot, as
        // "can you …" does, so its «؟» asks nothing.
        var parsed = _parser.Parse(text);

        Assert.IsType(expected, parsed);
        Assert.Equal(new NameReference("Globex"), ((IDealCommand)parsed).Deal);
    }

    [Theory]
    [InlineData("move Globex to proposal", "proposal")]
    [InlineData("انقل Globex للعرض", "proposal")]
    [InlineData("ممكن تنقل Globex للعرض؟", "proposal")]
    public void Parse_StageGluedToItsPreposition_TheMapsStage(string text, string stage)
    {
        // «ممكن تنقل Initech للعرض؟» answered that no stage is called «للعرض»: «ل» and the article were kept.
        var move = Assert.IsType<MoveDealCommand>(_parser.Parse(text));

        Assert.Equal(stage, move.StageText);
    }

    [Theory]
    [InlineData("انقل Initech للعرض التوضيحي", "Initech", "demo", null)]
    [InlineData("حرك Initech للعرض التوضيحي لأن العميل طلب", "Initech", "demo", "العميل طلب")]
    [InlineData("انقل Initech للاتفاق الشفهي", "Initech", "verbal agreement", null)]
    [InlineData("انقل Initech للعقد الموقع", "Initech", "contract signed", null)]
    [InlineData("انقل Initech لعرض السعر", "Initech", "proposal", null)]
    [InlineData("انقل Initech إلى العرض التوضيحي", "Initech", "demo", null)]
    [InlineData("انقل Initech لمرحلة العرض التوضيحي", "Initech", "demo", null)]
    [InlineData("انقل Initech للعرض", "Initech", "proposal", null)]
    [InlineData("انقل Initech للاكتشاف", "Initech", "discovery", null)]
    [InlineData("انقل Initech للتفاوض", "Initech", "للتفاوض", null)]
    [InlineData("انقل شركة النخبة للتجارة للعرض التوضيحي", "شركة النخبة للتجارة", "demo", null)]
    [InlineData("انقل شركة النخبة للتجارة للاكتشاف", "شركة النخبة للتجارة", "discovery", null)]
    [InlineData("انقل للتجارة العامة للعرض التوضيحي", "للتجارة العامة", "demo", null)]
    public void Parse_MultiWordStageGluedToItsPreposition_DealAndWholeStage(string text, string deal, string stage, string? reason)
    {
        // «انقل Initech للعرض التوضيحي» answered "no deal matches «Initech للعرض»": with «ل» glued to the stage no word
        // stood between the deal and the stage, and the matcher cut them after «للعرض».
        var move = Assert.IsType<MoveDealCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference(deal) as DealReference, stage, reason), (move.Deal, move.StageText, move.Reason));
    }

    [Fact]
    public void Parse_GluedStageWithThePronounVerb_TheChatsDeal()
    {
        // «انقلها للعرض التوضيحي» ("move it to demo"): the whole of what follows the verb is the stage.
        var move = Assert.IsType<MoveDealCommand>(_parser.Parse("انقلها للعرض التوضيحي"));

        Assert.Equal((DealReference.ThisDeal, "demo"), (move.Deal, move.StageText));
    }

    [Theory]
    [InlineData("ممكن نشوف Globex")]
    [InlineData("can we see Globex")]
    public void Parse_ReadAskedAmongTheTeam_TheDealNotAChange(string text)
    {
        var next = Assert.IsType<WhatsNextCommand>(_parser.Parse(text));

        Assert.Equal(new NameReference("Globex"), next.Deal);
    }

    [Theory]
    [InlineData("ممكن")]
    [InlineData("can we")]
    public void Parse_OnlyTheOpening_NoChange(string text)
    {
        var parsed = _parser.Parse(text);

        Assert.True(parsed is HelpCommand or UnknownCommand, $"{text} => {parsed}");
    }

    [Theory]
    [InlineData("Globex lost?", "mark deal Globex lost")]
    [InlineData("done demo held for Globex?", "done demo held for Globex")]
    [InlineData("خسرنا Globex؟", "خسرنا Globex")]
    [InlineData("أجل Globex ٣ أيام؟", "أجّل Globex ٣ أيام")]
    [InlineData("Globex lost? because price", "mark deal Globex lost because price")]
    [InlineData("خسرنا Globex؟ بسبب السعر", "خسرنا Globex بسبب السعر")]
    public void Parse_ChangeTypedAsAQuestion_AskedBackFirst(string text, string wording)
    {
        // "Globex lost?" marked the deal lost at full confidence; it may as well mean "is Globex lost?".
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.Equal(wording, confirm.CommandText);
    }

    [Theory]
    [InlineData("we almost lost Globex")]
    [InlineData("Globex almost said no")]
    [InlineData("almost done with demo held for Globex")]
    [InlineData("will confirm demo held for Globex next week")]
    [InlineData("hopefully done demo held for Globex soon")]
    [InlineData("we will snooze Globex later")]
    [InlineData("unless they reply, mark Globex lost")]
    [InlineData("Globex تقريبا رفضوا")]
    [InlineData("يمكن Globex رفضوا بسبب السعر")]
    [InlineData("ربما خسرنا Globex")]
    [InlineData("ناوي أنقل Globex إلى العرض التوضيحي لأن العميل طلب")]
    [InlineData("wait before marking Globex lost")]
    [InlineData("instead of marking Globex lost, snooze it 2 weeks")]
    [InlineData("remind me to mark Globex lost tomorrow")]
    [InlineData("remind me to snooze Globex 3 days")]
    [InlineData("remember to mark Globex lost because price")]
    [InlineData("later: mark Globex lost because price")]
    [InlineData("tomorrow mark Globex lost because price")]
    [InlineData("stop, mark Globex lost because price was a mistake")]
    [InlineData("بعدين سجل Globex خاسرة بسبب السعر")]
    [InlineData("ذكرني أأجل Globex ٣ أيام")]
    [InlineData("hold off on marking Globex lost")]
    [InlineData("hold off on moving Globex to demo")]
    [InlineData("أجّل تسجيل Globex خاسرة")]
    public void Parse_ChangeOnlyHedgedOrPlanned_NotUnderstood(string text)
    {
        // Each of these was read as the change, most at full confidence: "will confirm demo held for Globex next week"
        // confirmed the item, and «ناوي أنقل …» ("I intend to move …") moved the deal.
        Assert.IsType<UnknownCommand>(_parser.Parse(text));
    }

    [Theory]
    [InlineData("mark Tailwind lost because they went with a competitor who was cheaper, budget was cut", "they went with a competitor who was cheaper, budget was cut")]
    [InlineData("Globex said no, they'd rather wait", "they'd rather wait")]
    public void Parse_ReasonWithPunctuation_KeptAsTyped(string text, string reason)
    {
        // The reason's words were joined with spaces: "cheaper budget was cut", "theyd rather wait".
        var command = _parser.Parse(text);

        Assert.Equal(reason, command switch { MarkLostCommand lost => lost.Reason, SaidNoCommand no => no.Reason, _ => null });
    }

    [Theory]
    [InlineData("need to confirm demo held for Globex", "done demo held for Globex")]
    [InlineData("I need to mark Globex lost because price", "mark deal Globex lost because price")]
    [InlineData("no need to mark Globex lost because price", "mark deal Globex lost because price")]
    [InlineData("we must snooze Globex 3 days", "snooze deal Globex 3 days")]
    [InlineData("try to mark Globex lost because price", "mark deal Globex lost because price")]
    [InlineData("لازم نأجل Globex ٣ أيام", "أجّل Globex ٣ أيام")]
    public void Parse_ChangeOnlySaidToBeNeeded_AskedBackFirst(string text, string wording)
    {
        // "need to confirm demo held for Initech" confirmed the item: it may be a note to self as well as a request.
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.Equal(wording, confirm.CommandText);
    }

    [Theory]
    [InlineData("we could mark Globex lost because price", "mark deal Globex lost because price")]
    [InlineData("could we mark Globex lost because price", "mark deal Globex lost because price")]
    [InlineData("I suggest we mark Globex lost because price", "mark deal Globex lost because price")]
    [InlineData("Globex said no to the price, but they still want it", "deal Globex said no because “price, but they still want it”")]
    [InlineData("Globex رفضوا بسبب السعر بس لسه مهتمين", "Globex رفضوا بسبب \"السعر بس لسه مهتمين\"")]
    [InlineData("خسرنا Globex بسبب السعر بس لسه مهتمين", "خسرنا Globex بسبب \"السعر بس لسه مهتمين\"")]
    public void Parse_ChangeOnlySuggestedOrContrasted_AskedBackFirst(string text, string wording)
    {
        // "we could mark Initech lost because price" marked it lost, and "… but they still want it" closed the deal.
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.Equal(wording, confirm.CommandText);
    }

    [Theory]
    [InlineData("Sam: mark Globex lost because price", "mark deal Globex lost because price")]
    [InlineData("Sam said: mark Globex lost because price", "mark deal Globex lost because price")]
    [InlineData("Sam: Globex said no because price", "deal Globex said no because price")]
    [InlineData("Sam: done demo held for Globex", "done demo held for Globex")]
    [InlineData("سام: خسرنا Globex بسبب السعر", "خسرنا Globex بسبب السعر")]
    public void Parse_ChangeQuotedAfterASpeaker_AskedBackWithTheQuotedWords(string text, string wording)
    {
        // "Sam: mark Initech lost because price" marked it lost; "Sam: Initech said no …" took "Sam : Initech" for the deal.
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.Equal(wording, confirm.CommandText);
    }

    [Theory]
    [InlineData("Globex: move to demo", "move deal Globex to demo")]
    [InlineData("Globex: move it to demo", "move deal Globex to demo")]
    [InlineData("Globex: done demo-held", "done demo-held for Globex")]
    [InlineData("Globex: done demo held", "done demo held for Globex")]
    [InlineData("Globex: mark lost because price", "mark deal Globex lost because price")]
    [InlineData("Globex: snooze 3 days", "snooze deal Globex 3 days")]
    [InlineData("Globex: انقل إلى مرحلة العرض التوضيحي", "move deal Globex to demo")]
    [InlineData("Globex: تم demo-held", "done demo-held for Globex")]
    [InlineData("#1002: move to demo", "move deal #1002 to demo")]
    [InlineData("Sam: mark it lost", "mark deal Sam lost")]
    public void Parse_DealNamedBeforeAColon_TheCommandForThatDeal(string text, string wording)
    {
        // "Initech: move to demo" was not understood, and "Globex: done demo-held" asked to confirm "done demo-held" for
        // the chat's linked deal, whichever it was. A speaker's name before "mark it lost" is now a deal's name that no
        // deal has: the answer says so, and nothing changes.
        var parsed = _parser.Parse(text);

        Assert.Equal(wording, CommandParser.CanonicalText(parsed is ConfirmIntentCommand confirm ? confirm.Guess : parsed));
    }

    [Theory]
    [InlineData("Initech: انقلها إلى العرض التوضيحي", "move deal Initech to demo")]
    [InlineData("Initech: انقلها للعرض التوضيحي", "move deal Initech to demo")]
    [InlineData("Initech: حركها لمرحلة العرض التوضيحي", "move deal Initech to demo")]
    [InlineData("Initech: أجّلها أسبوع", "snooze deal Initech week")]
    [InlineData("Initech: أجلها أسبوع عشان المدير مسافر", "snooze deal Initech week because المدير مسافر")]
    [InlineData("Initech: خسرناها بسبب السعر", "mark deal Initech lost because السعر")]
    [InlineData("Initech: اعتبرها خاسرة", "mark deal Initech lost")]
    [InlineData("Initech: سجلها خاسرة", "mark deal Initech lost")]
    [InlineData("Initech: move it to demo", "move deal Initech to demo")]
    [InlineData("Initech: snooze it a week", "snooze deal Initech a week")]
    public void Parse_DealBeforeAColonThenAVerbWithAPronoun_TheCommandForThatDeal(string text, string wording)
    {
        // «Initech: انقلها إلى العرض التوضيحي» ("move it to …") was not understood: «انقلها» was no word the examples use.
        // «Initech: اعتبرها خاسرة» looked for a deal called «اعتبرها», and «Initech: أجّلها أسبوع» took the week for a reason.
        var parsed = _parser.Parse(text);

        Assert.Equal(wording, CommandParser.CanonicalText(parsed));
    }

    [Theory]
    [InlineData("next step for Initech: call CFO Friday", typeof(SetNextStepCommand), "Initech", "call CFO Friday")]
    [InlineData("الخطوة التالية لصفقة Initech: انقلها إلى العرض التوضيحي", typeof(SetNextStepCommand), "Initech", "انقلها إلى العرض التوضيحي")]
    [InlineData("ملاحظة لصفقة Initech: أجّلها أسبوع", typeof(AddNoteCommand), "Initech", "أجّلها أسبوع")]
    [InlineData("note for Initech: move it to demo", typeof(AddNoteCommand), "Initech", "move it to demo")]
    public void Parse_ColonOpeningFreeText_CommandWordsInItAreText(string text, Type expected, string deal, string free)
    {
        var parsed = _parser.Parse(text);

        Assert.IsType(expected, parsed);
        Assert.Equal(
            (new NameReference(deal) as DealReference, free),
            parsed switch { SetNextStepCommand c => (c.Deal, c.Text), AddNoteCommand c => (c.Deal, c.Text), _ => (DealReference.ThisDeal, string.Empty) });
    }

    [Theory]
    [InlineData("Initech - move to demo", "move deal Initech to demo")]
    [InlineData("Initech \u2013 move it to demo", "move deal Initech to demo")]
    [InlineData("Initech - انقلها إلى العرض التوضيحي", "move deal Initech to demo")]
    [InlineData("Initech - mark lost", "mark deal Initech lost")]
    [InlineData("Acme Corp - EU rollout: move to demo", "move deal Acme Corp - EU rollout to demo")]
    [InlineData("Acme Corp - EU rollout: move it to demo", "move deal Acme Corp - EU rollout to demo")]
    [InlineData("move Acme Corp - EU rollout to demo", "move deal Acme Corp - EU rollout to demo")]
    public void Parse_DashAfterTheDeal_ADealBeforeAColonUnlessAColonFollows(string text, string wording)
    {
        // A dash separates a deal from its command as a colon does; in "Acme Corp - EU rollout: move to demo" the colon
        // does, and the dash is the name's (it was taken for the separator: "Acme Corp", then "EU rollout : move …").
        var parsed = _parser.Parse(text);

        Assert.Equal(wording, CommandParser.CanonicalText(parsed));
    }

    [Theory]
    [InlineData("next step for Initech - call CFO", "Initech", "call CFO")]
    [InlineData("next step for Initech - call CFO - 3pm", "Initech", "call CFO - 3pm")]
    [InlineData("next step for Acme Corp - EU rollout: call CFO", "Acme Corp - EU rollout", "call CFO")]
    [InlineData("next step for Acme Corp - EU rollout - call CFO", "Acme Corp", "EU rollout - call CFO")]
    [InlineData("note for Initech - they want a discount", "Initech", "they want a discount")]
    [InlineData("note for Acme Corp - EU rollout: legal wants changes", "Acme Corp - EU rollout", "legal wants changes")]
    public void Parse_DashBeforeFreeText_SeparatesUnlessAColonFollows(string text, string deal, string free)
    {
        // "next step for Acme Corp - EU rollout: call CFO" set the step "EU rollout: call CFO" on "Acme Corp": the dash
        // matched the example's colon as well as the colon did. With only dashes the first one separates (a name with a
        // dash then needs a colon after it, as the last line shows).
        var parsed = _parser.Parse(text);

        Assert.Equal(
            (new NameReference(deal) as DealReference, free),
            parsed switch { SetNextStepCommand c => (c.Deal, c.Text), AddNoteCommand c => (c.Deal, c.Text), _ => (DealReference.ThisDeal, parsed.ToString()) });
    }

    [Theory]
    [InlineData("move Initech Corp deal to demo", "Initech Corp")]
    [InlineData("move Initech Corp account to demo", "Initech Corp")]
    [InlineData("move Initech Corp opportunity to demo", "Initech Corp")]
    [InlineData("انقل Initech Corp صفقة إلى مرحلة العرض التوضيحي", "Initech Corp")]
    [InlineData("انقل حساب Initech Corp إلى مرحلة العرض التوضيحي", "Initech Corp")]
    public void Parse_DealFollowedOrLedByDealWord_NameWithoutIt(string text, string deal)
    {
        // "account" was corrected to "accounts" (the example "my accounts"), which is no deal word: the name kept it.
        Assert.Equal(new NameReference(deal), ((IDealCommand)_parser.Parse(text)).Deal);
    }

    [Theory]
    [InlineData("Acme: what's next", "Acme")]
    [InlineData("Acme: what's next?", "Acme")]
    [InlineData("Acme Corp: history", "Acme Corp")]
    public void Parse_DealNamedBeforeAColon_Questions(string text, string deal)
    {
        Assert.Equal(new NameReference(deal), ((IDealCommand)_parser.Parse(text)).Deal);
    }

    [Theory]
    [InlineData("mark this lost", typeof(MarkLostCommand))]
    [InlineData("done: demo held for Globex", typeof(ConfirmItemsCommand))]
    [InlineData("note for Globex: mark lost", typeof(AddNoteCommand))]
    public void Parse_ColonNotAfterASpeaker_ReadAsBefore(string text, Type expected)
    {
        // "mark this lost" is the linked deal's; "done" and "note for Globex" are no speaker and no deal.
        var parsed = _parser.Parse(text);

        Assert.IsType(expected, parsed);
    }

    [Theory]
    [InlineData("could you mark Globex lost because price", typeof(MarkLostCommand))]
    [InlineData("mark Globex lost because no budget this year but the price was fine", typeof(MarkLostCommand))]
    [InlineData("Globex isn't interested", typeof(SaidNoCommand))]
    [InlineData("Globex مش مهتمين", typeof(SaidNoCommand))]
    public void Parse_RequestOrNegationAsTheExampleSaysIt_StillTheChange(string text, Type expected)
    {
        Assert.IsType(expected, _parser.Parse(text));
    }

    [Theory]
    [InlineData("Globex is still interested")]
    [InlineData("Globex مهتمين")]
    public void Parse_ExamplesNegationNotTyped_NeverTheChange(string text)
    {
        // Both fitted "{deal} is not interested" (« {deal} غير مهتمين») without the "not", and asked why Globex said no.
        var parsed = _parser.Parse(text);

        Assert.IsType<UnknownCommand>(parsed is ConfirmIntentCommand confirm ? confirm.Guess : parsed);
    }

    [Theory]
    [InlineData("I want to mark Globex lost because price", typeof(MarkLostCommand))]
    [InlineData("can you snooze Globex 3 days", typeof(SnoozeCommand))]
    [InlineData("mark Globex lost because they need a cheaper tool", typeof(MarkLostCommand))]
    [InlineData("snooze Globex until tomorrow", typeof(SnoozeCommand))]
    [InlineData("أجل Globex لبكرة", typeof(SnoozeCommand))]
    [InlineData("stop snoozing Globex", typeof(UnsnoozeCommand))]
    public void Parse_RequestOrPlanWordInsideASlot_StillTheChange(string text, Type expected)
    {
        // A wish is a request; "need", "tomorrow" or «بكرة» inside a reason or a date are that slot's words.
        Assert.IsType(expected, _parser.Parse(text));
    }

    [Theory]
    [InlineData("move Acme Growth Plan to demo because they asked", typeof(MoveDealCommand))]
    [InlineData("done go-live plan agreed for Globex", typeof(ConfirmItemsCommand))]
    [InlineData("mark May Stores lost", typeof(MarkLostCommand))]
    [InlineData("I have called Globex", typeof(LogActivityCommand))]
    [InlineData("we have done demo held for Globex", typeof(ConfirmItemsCommand))]
    [InlineData("Globex has said no", typeof(SaidNoCommand))]
    [InlineData("mark Globex lost because they went with a competitor instead", typeof(MarkLostCommand))]
    [InlineData("Globex said no, they'd rather wait", typeof(SaidNoCommand))]
    public void Parse_HedgeOrAuxiliaryInsideANameOrSaid_StillTheChange(string text, Type expected)
    {
        // A plan word inside a deal's or an item's name is the name's; "have" in the middle of a sentence is said, not asked.
        Assert.IsType(expected, _parser.Parse(text));
    }

    [Theory]
    [InlineData("is Globex lost?")]
    [InlineData("who marked Globex lost?")]
    [InlineData("when did Globex move to demo?")]
    [InlineData("why did we lose Globex?")]
    [InlineData("has Globex been snoozed?")]
    [InlineData("is Globex not a fit?")]
    [InlineData("was demo held confirmed for Globex?")]
    [InlineData("did anyone confirm demo held for Globex?")]
    [InlineData("did Dana call Globex?")]
    [InlineData("هل Globex خاسرة؟")]
    [InlineData("مين خسّر Globex؟")]
    [InlineData("ليش خسرنا Globex؟")]
    [InlineData("متى انتقلت Globex إلى العرض التوضيحي؟")]
    [InlineData("هل أجلت Globex؟")]
    [InlineData("did Globex say no because of price?")]
    [InlineData("هل أعتبر Globex خاسرة؟")]
    public void Parse_AskedWhatHappenedToADeal_ItsHistoryNeverTheChange(string text)
    {
        // Each of these once read as the change it asks about: "has Globex been snoozed?" asked to confirm a branch
        // called "snoozed", and "was demo held confirmed for Globex?" confirmed the item.
        var parsed = _parser.Parse(text);

        Assert.True(parsed is HistoryCommand or ChangeQuestionCommand, $"{text} => {parsed}");
        Assert.Equal(new NameReference("Globex"), ((IDealCommand)parsed).Deal);
    }

    [Theory]
    [InlineData("can you mark Globex lost because price", typeof(MarkLostCommand))]
    [InlineData("could you move Globex to demo because they asked", typeof(MoveDealCommand))]
    public void Parse_ChangeAskedFor_StillTheChange(string text, Type expected)
    {
        var parsed = _parser.Parse(text);

        Assert.IsType(expected, parsed is ConfirmIntentCommand confirm ? confirm.Guess : parsed);
    }

    [Theory]
    [InlineData("Globex lost because they went with a competitor", "they went with a competitor")]
    [InlineData("Globex خسرناها لأنهم اختاروا منافس", "اختاروا منافس")]
    [InlineData("Globex خسرناها لانهم اختاروا منافس", "اختاروا منافس")]
    [InlineData("خسرنا Globex لأنه السعر عالي", "السعر عالي")]
    [InlineData("خسرنا Globex لانها غالية عليهم", "غالية عليهم")]
    [InlineData("Globex خسرناها عشان السعر عالي", "السعر عالي")]
    [InlineData("Globex خسرناها علشان السعر عالي", "السعر عالي")]
    [InlineData("خسرنا Globex بسبب إن السعر عالي", "السعر عالي")]
    public void Parse_BecauseWithAPronoun_StartsTheReason(string text, string reason)
    {
        // «لأنهم» ("because they") was no "because": it stayed in the reason and the loss was asked back.
        var lost = Assert.IsType<MarkLostCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference("Globex"), reason), (lost.Deal, lost.Reason));
    }

    [Theory]
    [InlineData("mark Globex lost because they do not have budget", "they do not have budget")]
    [InlineData("خسرنا Globex لأن ما عندهم ميزانية", "ما عندهم ميزانية")]
    public void Parse_NegationInsideTheReason_StillLost(string text, string reason)
    {
        var lost = Assert.IsType<MarkLostCommand>(_parser.Parse(text));

        Assert.Equal(reason, lost.Reason);
    }

    [Theory]
    [InlineData("mark Globex won", "Globex", "won")]
    [InlineData("Globex renewal is won", "Globex renewal", "won")]
    [InlineData("mark Globex as closed won", "Globex", "closed won")]
    [InlineData("we won Globex", "Globex", "won")]
    public void Parse_WonSaidLikeABranch_MoveToTheWonStage(string text, string deal, string stage)
    {
        var parsed = _parser.Parse(text);
        var move = Assert.IsType<MoveDealCommand>(parsed is ConfirmIntentCommand confirm ? confirm.Guess : parsed);

        Assert.Equal((new NameReference(deal) as DealReference, stage), (move.Deal, move.StageText));
    }

    [Theory]
    [InlineData("mark Globex as won because they signed today", "won", "they signed today")]
    [InlineData("Globex is closed won because the CFO signed", "closed won", "CFO signed")]
    public void Parse_WonWithAReason_MoveToTheWonStageWithIt(string text, string stage, string reason)
    {
        var parsed = _parser.Parse(text);
        var move = Assert.IsType<MoveDealCommand>(parsed is ConfirmIntentCommand confirm ? confirm.Guess : parsed);

        Assert.Equal((new NameReference("Globex") as DealReference, stage, reason), (move.Deal, move.StageText, move.Reason));
    }

    [Theory]
    [InlineData("reopen Globex because they called back", typeof(ReopenDealCommand))]
    [InlineData("unsnooze Globex because they replied", typeof(UnsnoozeCommand))]
    [InlineData("disqualify Globex because no budget", typeof(FollowBranchCommand))]
    [InlineData("استبعد Globex لأن ما عندهم ميزانية", typeof(FollowBranchCommand))]
    public void Parse_ReasonWhereTheExampleHasNone_NotPartOfTheDealsName(string text, Type expected)
    {
        // The deal was "Globex because they called back", which no deal is called.
        var parsed = _parser.Parse(text);

        Assert.IsType(expected, parsed);
        Assert.Equal(new NameReference("Globex"), ((IDealCommand)parsed).Deal);
    }

    [Theory]
    [InlineData("رجّع Globex لمرحلة الاستكشاف عشان العميل طلب", "discovery", "العميل طلب")]
    [InlineData("رجّع Globex لمرحلة الاكتشاف بسبب تغير صاحب القرار", "discovery", "تغير صاحب القرار")]
    [InlineData("put Globex back in discovery because they asked", "discovery", "they asked")]
    public void Parse_MoveWithAReasonTheExampleHasNoPlaceFor_StageEndsAtTheReason(string text, string stage, string reason)
    {
        // The stage was «الاستكشاف عشان العميل» and the reason «طلب»: the stage's slot ran over the reason's opening word.
        var parsed = _parser.Parse(text);
        var move = Assert.IsType<MoveDealCommand>(parsed is ConfirmIntentCommand confirm ? confirm.Guess : parsed);

        Assert.Equal((new NameReference("Globex") as DealReference, stage, reason), (move.Deal, move.StageText, move.Reason));
    }

    [Theory]
    [InlineData("mark Globex won since the contract is back")]
    [InlineData("اعتبر Globex مكسوبة لأن العقد توقع")]
    public void Parse_WonAtTheEndOfTheDeal_NeverLost(string text)
    {
        // Both fitted "mark {deal} lost because {reason}" with the won word left in the deal: "mark deal Globex won lost".
        var parsed = _parser.Parse(text);

        Assert.IsNotType<MarkLostCommand>(parsed is ConfirmIntentCommand confirm ? confirm.Guess : parsed);
    }

    [Theory]
    [InlineData("بصراحة والله أجل Tailwind ٣ أيام", "أجّل Tailwind ٣ أيام")]
    [InlineData("والله ألغِ تأجيل Tailwind", "ألغِ تأجيل Tailwind")]
    public void Parse_StateChangeNotQuiteSure_AsksWithTheArabicWording(string text, string wording)
    {
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.Equal(wording, confirm.CommandText);
    }

    [Theory]
    [InlineData("صفقة جديدة Contoso ب50 ألف دولار")]
    [InlineData("صفقة جديدة Contoso بـ٥٠ ألف دولار")]
    public void Parse_AmountGluedToThePreposition_IsSplit(string text)
    {
        var command = Assert.IsType<NewDealCommand>(_parser.Parse(text));

        Assert.Equal(("Contoso", "50 thousand usd"), (command.Name, command.AmountText));
    }

    [Theory]
    [MemberData(nameof(Phrasings))]
    public void Parse_Phrasing_IsTheCommand(string text, ChatCommand expected)
    {
        Assert.Equal(expected, _parser.Parse(text));
    }

    [Theory]
    [InlineData("reopen demo held for initech")]
    [InlineData("who is the owner of initech")]
    [InlineData("demo held is done")]
    [InlineData("the weather is nice today")]
    public void Parse_NotABranchOrReopen(string text)
    {
        Assert.IsNotType<FollowBranchCommand>(_parser.Parse(text));
        Assert.IsNotType<ReopenDealCommand>(_parser.Parse(text));
    }

    [Theory]
    [InlineData("أسكت التنبيهات عن Initech أسبوع", "Initech", "أسبوع")]
    [InlineData("أوقف تنبيهات Initech لحد الأحد", "Initech", "لحد الأحد")]
    [InlineData("سكّت التنبيهات عن Initech ٣ أيام", "Initech", "٣ أيام")]
    [InlineData("اكتم تنبيهات Initech أسبوعين", "Initech", "أسبوعين")]
    [InlineData("أسكت التنبيهات عن Initech", "Initech", "")]
    [InlineData("stop nudging me about Initech for a week", "Initech", "a week")]
    [InlineData("silence Initech until Monday", "Initech", "until Monday")]
    [InlineData("mute alerts for Initech 3 days", "Initech", "3 days")]
    [InlineData("silence the alerts on Initech", "Initech", "")]
    public void Parse_SilenceTheAlerts_IsASnooze(string text, string deal, string time)
    {
        // «أسكت التنبيهات عن Initech أسبوع» ("silence the alerts about Initech") got the help answer, and «أوقف تنبيهات
        // Initech لحد الأحد» looked for a deal called «تنبيهات Initech»: snoozing a deal is what silences its alerts. Without a
        // time the snooze asks for one, as «أجّل Initech» does.
        var snooze = Assert.IsType<SnoozeCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference(deal) as DealReference, time, (string?)null), (snooze.Deal, snooze.DurationText, snooze.Reason));
    }

    [Theory]
    [InlineData("ممكن نسكت التنبيهات عن Initech", "أجّل Initech")]
    [InlineData("ممكن نوقف التنبيهات عن Initech", "أجّل Initech")]
    [InlineData("ممكن نوقف التنبيهات عن Initech أسبوع", "أجّل Initech أسبوع")]
    [InlineData("هل نقدر نسكت تنبيهات Initech لحد الأحد؟", "أجّل Initech لحد الأحد")]
    [InlineData("نسكت التنبيهات عن Initech أسبوع", "أجّل Initech أسبوع")]
    [InlineData("can we mute alerts for Initech?", "snooze deal Initech")]
    [InlineData("can we mute alerts for Initech for a week", "snooze deal Initech a week")]
    [InlineData("could we silence Initech until Monday?", "snooze deal Initech until Monday")]   // the day as typed
    public void Parse_SilenceTheAlertsAskedAmongTheTeam_AskedBackAsASnooze(string text, string wording)
    {
        // «ممكن نسكت التنبيهات عن Initech» ("can we silence the alerts about Initech") got the help answer: a "can we"
        // snooze, so asked back like «ممكن نأجل Initech أسبوع», never done at once.
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.IsType<SnoozeCommand>(confirm.Guess);
        Assert.Equal(wording, confirm.CommandText);
    }

    [Theory]
    [InlineData("ممكن نعيد فتح Initech", "أعد فتح Initech")]
    [InlineData("هل نقدر نعيد فتح صفقة Initech؟", "أعد فتح Initech")]
    [InlineData("نعيد فتح Initech", "أعد فتح Initech")]
    [InlineData("can we reopen Initech", "reopen deal Initech")]
    public void Parse_ReopenAskedAmongTheTeam_AskedBackAsAReopen(string text, string wording)
    {
        // «ممكن نعيد فتح Initech» ("can we reopen Initech") got the help answer, whose closest was «أعد فتح Initech». The
        // "we" form alone is a suggestion too, as «ننقل …» is.
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.Equal(new ReopenDealCommand(new NameReference("Initech")) { Language = confirm.Language }, confirm.Guess);
        Assert.Equal(wording, confirm.CommandText);
    }

    [Fact]
    public void Parse_BringBackAnItem_IsAnUndoNotAReopen()
    {
        // «رجّع» ("bring back") withdraws a confirmation; read as a reopen, «رجّع demo-held» looked for a deal "demo-held".
        var command = _parser.Parse("رجّع demo-held");

        Assert.IsNotType<ReopenDealCommand>(command);
        Assert.True(command is UndoItemCommand or ConfirmIntentCommand { Guess: UndoItemCommand }, command.ToString());
    }

    [Theory]
    [InlineData("أعد فتح Initech")]
    [InlineData("reopen Initech because they didn't mean it")]
    public void Parse_ReopenSaid_Reopened(string text)
    {
        // "we reopen" and "bring back" as «نفتح Initech من جديد» is; a negation in a reason is the reason's.
        Assert.Equal(new ReopenDealCommand(new NameReference("Initech")) { Language = _parser.Parse(text).Language }, _parser.Parse(text));
    }

    [Theory]
    [InlineData("snooze Initech 1 week but only if no reply", "1 week", "only if no reply")]
    [InlineData("snooze Initech 1 week but don't nudge me if they reply", "1 week", "don't nudge me if they reply")]
    [InlineData("snooze Initech 2 weeks since the buyer is away", "2 weeks", "the buyer is away")]
    [InlineData("snooze Initech until Monday as legal is reviewing", "until Monday", "legal is reviewing")]
    [InlineData("snooze Initech 3 days because the buyer is away", "3 days", "the buyer is away")]
    [InlineData("أجّل Initech أسبوع بس لو ما ردوا", "أسبوع", "لو ما ردوا")]
    [InlineData("أجّل Initech أسبوع لكن فقط إذا ما ردوا", "أسبوع", "فقط إذا ما ردوا")]
    [InlineData("أجّل Initech أسبوع لأن المدير مسافر", "أسبوع", "المدير مسافر")]
    [InlineData("أجّل Initech أسبوع عشان المدير مسافر", "أسبوع", "المدير مسافر")]
    [InlineData("أجّل Initech أسبوع علشان المدير مسافر", "أسبوع", "المدير مسافر")]
    [InlineData("أجّل Initech أسبوع كون المدير مسافر", "أسبوع", "المدير مسافر")]
    public void Parse_SnoozeReasonOpenedAfterTheTime_TheReason(string text, string time, string reason)
    {
        // "snooze Initech 1 week but only if no reply" looked for a deal called "Initech 1 week but only if no reply", and
        // «أجّل Initech أسبوع بس لو ما ردوا» was not understood (its «ما» read as "don't"); «كون» stayed in the reason.
        var snooze = Assert.IsType<SnoozeCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference("Initech") as DealReference, time, reason), (snooze.Deal, snooze.DurationText, snooze.Reason));
    }

    [Theory]
    [InlineData("أجّل Initech بس أسبوع", "أسبوع")]
    [InlineData("أجّل Initech أسبوع بس", "أسبوع")]
    public void Parse_ArabicSnoozeForJustAWhile_NoReason(string text, string time)
    {
        // «بس» is "just" here: no reason opens, and it is not the deal's name.
        var snooze = Assert.IsType<SnoozeCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference("Initech") as DealReference, time, (string?)null), (snooze.Deal, snooze.DurationText, snooze.Reason));
    }

    [Theory]
    [InlineData("don't snooze Initech a week")]
    [InlineData("snooze Initech but not now")]
    [InlineData("لا تأجل Initech أسبوع بس")]
    public void Parse_SnoozeRefused_NotASnooze(string text)
    {
        Assert.IsNotType<SnoozeCommand>(_parser.Parse(text));
    }

    [Theory]
    [InlineData("Initech مش مناسبة لأن ما عندهم ميزانية", "not a fit", "ما عندهم ميزانية")]
    [InlineData("Initech مش مناسبة لأن ميزانيتهم قليلة", "not a fit", "ميزانيتهم قليلة")]
    [InlineData("Initech ليس الآن لأن ما في ميزانية", "not now", "ما في ميزانية")]
    public void Parse_ArabicBranchWithAReason_TheBranchAndTheReason(string text, string when, string reason)
    {
        // «Initech مش مناسبة لأن ما عندهم ميزانية» looked for a deal called «Initech مش» on a branch called «مناسبة».
        var branch = Assert.IsType<FollowBranchCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference("Initech") as DealReference, when, reason), (branch.Deal, branch.WhenText, branch.Reason));
    }

    [Fact]
    public void Parse_ArabicMoveWithAContrastInTheReason_TheStageAndTheWholeReason()
    {
        // The deal was «Initech للعرض» and the stage «القانونية بطيئة»: the words after «بس» in the reason.
        var move = Assert.IsType<MoveDealCommand>(_parser.Parse("انقل Initech للعرض لأن العميل طلب بس القانونية بطيئة"));

        Assert.Equal((new NameReference("Initech") as DealReference, "proposal", "العميل طلب بس القانونية بطيئة"), (move.Deal, move.StageText, move.Reason));
    }

    [Theory]
    [InlineData("Globex said no to the price, but they still want it", "deal Globex said no because “price, but they still want it”")]
    [InlineData("Globex رفضوا بسبب السعر بس لسه مهتمين", "Globex رفضوا بسبب \"السعر بس لسه مهتمين\"")]
    [InlineData("can we mark Globex lost because they still like us", "mark deal Globex lost because “they still like us”")]
    [InlineData("ممكن نعتبر Globex خاسرة بسبب السعر بس لسه مهتمين", "خسرنا Globex بسبب \"السعر بس لسه مهتمين\"")]
    public void Parse_ReasonWithAContrastAskedBack_YesIsTheChangeAtOnce(string text, string wording)
    {
        // The wording asked back was the same contrasted sentence, so Yes asked the same question again: the reason is now
        // quoted, and quoted words are the reason's text.
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));
        var yes = _parser.Parse(confirm.CommandText);

        Assert.Equal(wording, confirm.CommandText);
        Assert.Equal(confirm.Guess, yes with { Language = confirm.Guess.Language });
    }

    [Theory]
    [InlineData("Globex said no because “price, but they still want it”")]
    [InlineData("Globex said no because \"price, but they still want it\"")]
    [InlineData("Globex رفضوا بسبب «السعر بس لسه مهتمين»")]
    [InlineData("\"Globex said no because price, but they still want it\"")]
    public void Parse_QuotedReasonOnly_ExemptsTheReason(string text)
    {
        // Quoted words are the reason's text only where they are the reason: the contrast outside a quoted reason, or a
        // whole sentence in quotation marks, is still asked back.
        var parsed = _parser.Parse(text);

        Assert.Equal(text.StartsWith('"'), parsed is ConfirmIntentCommand);
    }
}
