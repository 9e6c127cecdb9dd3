using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// A change asked back in Arabic quotes an Arabic wording (the Yes button runs it, and the person may type it): said
/// again, it is the same change, done at once rather than asked about again. The English wording likewise, and in both a
/// reason that holds a contrast, a continuation or a negation.
/// </summary>
public sealed class ArabicAskBackTests
{
    private readonly CommandParser _parser = new();

    [Theory]
    [InlineData("ممكن نأجل Initech أسبوع", "أجّل Initech أسبوع")]
    [InlineData("ممكن نأجل صفقة Globex أسبوع عشان المدير مسافر", "أجّل Globex أسبوع لأن المدير مسافر")]
    [InlineData("لازم نأجل Globex ٣ أيام", "أجّل Globex ٣ أيام")]
    [InlineData("بصراحة والله أجل Tailwind ٣ أيام", "أجّل Tailwind ٣ أيام")]
    [InlineData("ممكن ننقل Initech للعرض التوضيحي", "انقل Initech إلى مرحلة عرض توضيحي")]
    [InlineData("ممكن نخلي Globex في مرحلة العرض", "انقل Globex إلى مرحلة عرض سعر")]
    [InlineData("نقدر نعتبر Globex خاسرة", "خسرنا Globex")]
    [InlineData("خسرنا Globex؟ بسبب السعر", "خسرنا Globex بسبب السعر")]
    [InlineData("ممكن نفتح Globex من جديد", "أعد فتح Globex")]
    [InlineData("ممكن نلغي تأجيل Initech", "ألغِ تأجيل Initech")]
    [InlineData("والله ألغِ تأجيل Tailwind", "ألغِ تأجيل Tailwind")]
    [InlineData("ممكن نأكد demo-held لصفقة Globex", "تم demo-held لصفقة Globex")]
    [InlineData("تراجع عن demo-held في Globex؟", "تراجع عن demo-held في Globex")]
    [InlineData("Globex مش مناسبة؟", "اعتبر Globex غير مناسبة")]
    [InlineData("ممكن نعتبر Globex مستبعدة", "استبعد Globex")]
    [InlineData("ممكن نسكت التنبيهات عن Globex", "أجّل Globex")]
    [InlineData("ممكن نوقف التنبيهات عن Globex أسبوعين", "أجّل Globex أسبوعين")]
    [InlineData("ممكن نعيد فتح Globex", "أعد فتح Globex")]
    [InlineData("Globex رفضوا بسبب السعر بس لسه مهتمين", "Globex رفضوا بسبب \"السعر بس لسه مهتمين\"")]
    [InlineData("ممكن نأجل Globex أسبوع بس لو ما ردوا", "أجّل Globex أسبوع لأن لو ما ردوا")]
    [InlineData("Globex مش مناسبة لأن ما عندهم ميزانية؟", "اعتبر Globex غير مناسبة لأن ما عندهم ميزانية")]
    public void Parse_ArabicChangeAskedBack_QuotesArabicWordingThatIsTheSameChange(string text, string wording)
    {
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.Equal(wording, confirm.CommandText);
        Assert.All(LatinWords(confirm.CommandText), w => Assert.Contains(w, Named(confirm.Guess)));
        AssertSameChange(confirm.Guess, _parser.Parse(confirm.CommandText));
    }

    public static TheoryData<ChatCommand> Commands => new()
    {
        new ConfirmItemsCommand(new NameReference("Initech"), ["demo-held", "pricing-sent"]) { Language = "ar" },
        new ConfirmItemsCommand(new ExternalIdReference("1010"), ["demo-held"]) { Language = "ar" },
        new UndoItemCommand(new NameReference("Initech"), "demo-held") { Language = "ar" },
        new MoveDealCommand(new NameReference("Initech"), "demo", "العميل طلب") { Language = "ar" },
        new MoveDealCommand(new NameReference("Initech"), "contract signed", null) { Language = "ar" },
        new MoveDealCommand(new NameReference("Initech"), "discovery", null) { Language = "ar" },
        new MarkLostCommand(new NameReference("Acme Corp"), "السعر") { Language = "ar" },
        new MarkLostCommand(new ExternalIdReference("1003"), null) { Language = "ar" },
        new SnoozeCommand(new NameReference("مؤسسة الأفق"), "أسبوعين", "المدير مسافر") { Language = "ar" },
        new SnoozeCommand(new NameReference("Initech"), "لحد الأحد", null) { Language = "ar" },
        new UnsnoozeCommand(new ExternalIdReference("1010")) { Language = "ar" },
        new ReopenDealCommand(new NameReference("Globex")) { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "not now") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "disqualified", "ما عندهم ميزانية") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Soylent"), "nurture") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "not a fit", "السعر") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "needs unclear") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "needs unclear", "لم يحددوا المشكلة بعد") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "customer cancels") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "customer cancels", "الإدارة الجديدة أوقفت المشروع") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "not a fit", "الحجم أصغر من اللازم بكثير") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Soylent"), "nurture", "الميزانية مجمدة حتى الربع القادم") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "not now", "الميزانية مجمدة حتى الربع القادم") { Language = "ar" },
        new FollowBranchCommand(DealReference.ThisDeal, "nurture") { Language = "ar" },
        new SaidNoCommand(DealReference.ThisDeal, "السعر") { Language = "ar" },
        new SnoozeCommand(DealReference.ThisDeal, "أسبوع", null) { Language = "ar" },
        new MarkLostCommand(DealReference.ThisDeal, null) { Language = "ar" },
        new MoveDealCommand(DealReference.ThisDeal, "demo", null) { Language = "ar" },
        new ConfirmItemsCommand(DealReference.ThisDeal, ["demo-held"]) { Language = "ar" },
        new UndoItemCommand(DealReference.ThisDeal, "demo-held") { Language = "ar" },
        new SaidNoCommand(new NameReference("Globex"), "السعر") { Language = "ar" },

        // A reason with a contrast («بس»), a continuation («لسه») or a negation («ما», «مش», «غير», «لا»).
        new SaidNoCommand(new NameReference("Globex"), "السعر بس لسه مهتمين") { Language = "ar" },
        new SaidNoCommand(DealReference.ThisDeal, "السعر بس عجبهم العرض") { Language = "ar" },
        new SaidNoCommand(new NameReference("Globex"), "ما عندهم ميزانية") { Language = "ar" },
        new MarkLostCommand(new NameReference("Globex"), "السعر بس لسه مهتمين") { Language = "ar" },
        new MarkLostCommand(new NameReference("Globex"), "ما عندهم ميزانية هذه السنة") { Language = "ar" },
        new MoveDealCommand(new NameReference("Initech"), "demo", "العميل طلب بس القانونية بطيئة") { Language = "ar" },
        new MoveDealCommand(new NameReference("Initech"), "demo", "العميل ما بده ينتظر") { Language = "ar" },
        new SnoozeCommand(new NameReference("Initech"), "أسبوع", "المدير مسافر بس راجع قريب") { Language = "ar" },
        new SnoozeCommand(new NameReference("Initech"), "أسبوع", "لو ما ردوا") { Language = "ar" },
        new SnoozeCommand(new NameReference("Initech"), "أسبوع", "لسه ما قرروا") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "not a fit", "ما عندهم ميزانية") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "not a fit", "حجمها صغير بس ممكن لاحقا") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "not now", "لسه ما قرروا") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "not now", "الميزانية مش جاهزة") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "disqualified", "ما عندهم ميزانية بس مهتمين") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "needs unclear", "لا أحد يعرف المشكلة") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Globex"), "customer cancels", "الإدارة ما وافقت") { Language = "ar" },
        new FollowBranchCommand(new NameReference("Soylent"), "nurture", "الميزانية غير جاهزة بس لسه مهتمين") { Language = "ar" },
        new FollowBranchCommand(DealReference.ThisDeal, "not now", "ما في ميزانية") { Language = "ar" },
    };

    /// <summary>English changes whose reason holds a contrast ("but"), a continuation ("still") or a negation.</summary>
    public static TheoryData<ChatCommand> EnglishCommands => new()
    {
        new SaidNoCommand(new NameReference("Initech"), "price, but they still want it"),
        new SaidNoCommand(new NameReference("Initech"), "price but they liked the demo"),
        new SaidNoCommand(DealReference.ThisDeal, "price, but they still want it"),
        new SaidNoCommand(new NameReference("Initech"), "they don't have budget"),
        new MarkLostCommand(new NameReference("Initech"), "no budget but they still like us"),
        new MarkLostCommand(new ExternalIdReference("1002"), "they don't have budget"),
        new MoveDealCommand(new NameReference("Initech"), "demo", "they asked but legal is still reviewing"),
        new SnoozeCommand(new NameReference("Initech"), "1 week", "only if no reply"),
        new SnoozeCommand(new NameReference("Initech"), "a week", "they are away but still keen"),
        new SnoozeCommand(new NameReference("Initech"), "2 weeks", "they don't answer before then"),
        new FollowBranchCommand(new NameReference("Initech"), "not now", "budget frozen but still interested"),
        new FollowBranchCommand(new NameReference("Initech"), "not a fit", "they don't have budget"),
        new FollowBranchCommand(new NameReference("Initech"), "disqualified", "no budget, but keen"),
        new FollowBranchCommand(DealReference.ThisDeal, "nurture", "not ready but still interested"),
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void CanonicalText_Arabic_ParsesBackToTheSameChangeAtOnce(ChatCommand command)
    {
        var wording = CommandParser.CanonicalText(command, "ar");

        Assert.NotNull(wording);
        Assert.All(LatinWords(wording), w => Assert.Contains(w, Named(command)));
        AssertSameChange(command, _parser.Parse(wording) is ConfirmIntentCommand again ? (ChatCommand)new UnknownCommand(wording + " → " + again.Guess) : _parser.Parse(wording));
    }

    [Theory]
    [MemberData(nameof(EnglishCommands))]
    public void CanonicalText_English_ParsesBackToTheSameChangeAtOnce(ChatCommand command)
    {
        // "deal Initech said no because price, but they still want it" was asked back again when Yes ran it.
        var wording = CommandParser.CanonicalText(command, "en");

        Assert.NotNull(wording);
        var parsed = _parser.Parse(wording);
        AssertSameChange(command, parsed is ConfirmIntentCommand again ? new UnknownCommand(wording + " → " + again.Guess) : parsed);
    }

    [Theory]
    [InlineData("Initech said no to the price, but they still want it", "deal Initech said no because “price, but they still want it”")]
    [InlineData("can we snooze Initech 1 week but only if no reply", "snooze deal Initech 1 week because only if no reply")]
    [InlineData("can we mark Initech lost because they still like us", "mark deal Initech lost because “they still like us”")]
    [InlineData("can we mute alerts for Initech?", "snooze deal Initech")]
    [InlineData("can we reopen Initech?", "reopen deal Initech")]
    public void Parse_EnglishChangeAskedBack_WordingThatIsTheSameChange(string text, string wording)
    {
        var confirm = Assert.IsType<ConfirmIntentCommand>(_parser.Parse(text));

        Assert.Equal(wording, confirm.CommandText);
        AssertSameChange(confirm.Guess, _parser.Parse(confirm.CommandText));
    }

    [Fact]
    public void CanonicalText_ArabicForAMapsOwnBranch_TheEnglishWordingThatRunsIt()
    {
        // No Arabic example says a branch only the map names: the English wording is understood again as it.
        var command = new FollowBranchCommand(new NameReference("Globex"), "بانتظار الميزانية") { Language = "ar" };

        Assert.Equal(CommandParser.CanonicalText(command), CommandParser.CanonicalText(command, "ar"));
    }

    [Fact]
    public void CanonicalText_English_Unchanged()
    {
        var command = new SnoozeCommand(new NameReference("Initech"), "a week", null);

        Assert.Equal("snooze deal Initech a week", CommandParser.CanonicalText(command, "en"));
        Assert.Equal(CommandParser.CanonicalText(command), CommandParser.CanonicalText(command, "en"));
    }

    [Theory]
    [InlineData("until Monday", "snooze deal Initech until Monday")]        // as typed, not "until monday"
    [InlineData("Until FRIDAY", "snooze deal Initech Until FRIDAY")]
    [InlineData("لحد الأحد", "snooze deal Initech until Sunday")]          // read into English words, the day written as English does
    [InlineData("لبكرة", "snooze deal Initech until tomorrow")]
    public void CanonicalText_EnglishSnoozeUntilADay_TheDayCapitalisedAsTypedOrAsEnglishWritesIt(string time, string expected)
    {
        var command = new SnoozeCommand(new NameReference("Initech"), time, null);

        Assert.Equal(expected, CommandParser.CanonicalText(command, "en"));
    }

    private static void AssertSameChange(ChatCommand expected, ChatCommand parsed)
    {
        Assert.False(parsed is ConfirmIntentCommand, $"asked again: {parsed}");
        if (expected is ConfirmItemsCommand items)
        {
            var done = Assert.IsType<ConfirmItemsCommand>(parsed);
            Assert.Equal(items.Deal, done.Deal);
            Assert.Equal(items.ItemTexts, done.ItemTexts);
            return;
        }

        Assert.Equal(expected, parsed);
    }

    /// <summary>Words with a Latin letter («demo-held», "Initech", "#1010"), which only names may be.</summary>
    private static IEnumerable<string> LatinWords(string text) =>
        text.Split(' ').Where(w => w.Any(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z'));

    private static HashSet<string> Named(ChatCommand command)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (command is IDealCommand { Deal: var deal })
        {
            names.UnionWith(deal switch
            {
                NameReference n => n.Text.Split(' '),
                ExternalIdReference id => ["#" + id.ExternalId],
                _ => [],
            });
        }

        names.UnionWith(command switch
        {
            ConfirmItemsCommand c => c.ItemTexts.SelectMany(t => t.Split(' ')),
            UndoItemCommand c => c.ItemText.Split(' '),
            _ => [],
        });
        return names;
    }
}
