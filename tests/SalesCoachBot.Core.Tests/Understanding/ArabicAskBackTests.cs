using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// A change asked back in Arabic quotes an Arabic wording (the Yes button runs it, and the person may type it): said
/// again, it is the same change, done at once rather than asked about again.
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
