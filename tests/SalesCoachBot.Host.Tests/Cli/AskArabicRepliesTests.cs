using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Host.Cli;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// Issue 17 point 3 through <c>ask</c>, over the real Core and Data (SQLite, demo data, the shipped map): the answers of
/// the deal-changing commands (link, notes, activities, undo, move, confirm, next step, snooze, history, new deal,
/// reopen, close) come in Arabic for a person whose people.csv says <c>language: ar</c>, Latin names and ids isolated;
/// the same commands from a person without a language still answer in English, word for word as before.
/// </summary>
public sealed class AskArabicRepliesTests : IAsyncLifetime
{
    private const char Fsi = '\u2068';
    private const char Pdi = '\u2069';
    private readonly FakeTimeProvider _clock = new(DemoAskHost.DefaultNow);
    private DemoAskHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DemoAskHost.StartAsync(_clock);
        var file = Path.Combine(_host.Folder, "people.csv");
        await File.WriteAllTextAsync(file,
            "email,name,team,role,language\n" +
            "dana@example.com,Dana Demo,EMEA,rep,ar\n" +
            "sam@example.com,Sam Seller,EMEA,rep,\n" +
            "morgan@example.com,Morgan Manager,EMEA,manager,ar\n");
        var stdout = new StringWriter();
        var exit = await CliVerbs.RunAsync(_host.Services, "import", ["people", file], new CliContext(stdout, new StringWriter()), CancellationToken.None);
        Assert.Equal(0, exit);
        Assert.Contains("rejected 0", stdout.ToString(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> AskAsync(string text, string email = "dana@example.com")
    {
        var (exit, stdout, _) = await _host.AskAsync([text, "--as", email, "--conversation", "walk"]);
        Assert.Equal(0, exit);
        return stdout;
    }

    private static string I(string latin) => Fsi + latin + Pdi;

    [Fact]
    public async Task Link_ThenUnlink_ArabicAnswers()
    {
        var linked = await AskAsync("link this chat to Initech");
        Assert.Contains($"هذه المحادثة مربوطة الآن بصفقة {I("Initech")} ({I("#1002")}).", linked, StringComparison.Ordinal);

        var unlinked = await AskAsync("unlink");
        Assert.Contains("لم تعد هذه المحادثة مربوطة بأي صفقة.", unlinked, StringComparison.Ordinal);
        Assert.DoesNotContain("linked", unlinked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_EnglishPerson_AnswerUnchanged()
    {
        var linked = await AskAsync("link this chat to Northwind", "sam@example.com");
        Assert.Contains("This chat is now linked to Northwind Traders (#1004). Ask \"what's next\" any time.", linked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Note_ArabicAnswer()
    {
        var answer = await AskAsync("note for Initech: CFO wants an ROI case by Q1");

        Assert.Contains($"سُجّلت الملاحظة على صفقة {I("Initech")}.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Noted on", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_ArabicAnswerSaysTheDayInArabicWords()
    {
        var answer = await AskAsync("called Initech");

        Assert.Contains($"تم تسجيل مكالمة لصفقة {I("Initech")} يوم الجمعة 27 نوفمبر 2026.", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_EnglishPerson_AnswerUnchanged()
    {
        var answer = await AskAsync("called Northwind", "sam@example.com");

        Assert.Contains("Logged a call for Northwind Traders on Fri 27 Nov 2026.", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_ItemNotConfirmed_ArabicAnswer()
    {
        var answer = await AskAsync("undo demo-held for Initech");

        // The item's words as the card shows them, not its id.
        Assert.Contains("«قُدّم العرض التوضيحي لفريق المشتري» غير مؤكَّد، فلا شيء للتراجع عنه.", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_RepRefusedInArabic_ManagerMovesInArabic()
    {
        var refused = await AskAsync("move Initech to proposal because the buyer asked");
        Assert.Contains($"لا ينقل الصفقة يدويًا إلا مدير في فريق {I("EMEA")}.", refused, StringComparison.Ordinal);

        var moved = await AskAsync("move Initech to proposal because the buyer asked", "morgan@example.com");
        Assert.Contains($"نُقلت صفقة {I("Initech")} إلى العرض / عرض السعر", moved, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Confirm_ArabicAnswerWithTheItemsArabicText()
    {
        var answer = await AskAsync("done demo-held for Initech");

        Assert.Contains("تم تأكيد «قُدّم العرض التوضيحي لفريق المشتري».", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_ArabicTitleHeadingAndLines()
    {
        await AskAsync("note for Initech: CFO wants an ROI case");

        var history = await AskAsync("history of Initech");

        Assert.Contains($"سجل صفقة {I("Initech")}", history, StringComparison.Ordinal);
        Assert.Contains("الأحدث أولًا", history, StringComparison.Ordinal);
        Assert.Contains($"ملاحظة: {I("CFO wants an ROI case")} · من سطر الأوامر ({I("walk")})", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextStep_ArabicAnswer()
    {
        var answer = await AskAsync("next step for Initech: call the CFO");

        Assert.Contains($"الخطوة التالية لصفقة {I("Initech")}: {I("call the CFO")} (بلا تاريخ).", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snooze_ThenUnsnooze_ArabicAnswers()
    {
        var snoozed = await AskAsync("snooze Initech 3 days");
        Assert.Contains($"أُجّلت صفقة {I("Initech")} حتى الاثنين 30 نوفمبر 2026: لن تظهر في قوائم الصفقات المتعثرة", snoozed, StringComparison.Ordinal);

        var lifted = await AskAsync("unsnooze Initech");
        Assert.Contains($"لم تعد صفقة {I("Initech")} مؤجَّلة", lifted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopen_OpenDeal_ArabicAnswer_EnglishUnchanged()
    {
        var arabic = await AskAsync("reopen Initech");
        Assert.Contains($"الصفقة {I("Initech")} مفتوحة، فلا شيء لإعادة فتحه.", arabic, StringComparison.Ordinal);

        var english = await AskAsync("reopen Northwind", "sam@example.com");
        Assert.Contains("Northwind Traders is open; nothing to reopen.", english, StringComparison.Ordinal);
    }
    [Fact]
    public async Task NewDeal_ArabicCreatedNoteWithIsolatedAmount()
    {
        var answer = await AskAsync("new deal Contoso Labs 50k EUR");

        Assert.Contains($"أُنشئت صفقة {I("Contoso Labs")} (", answer, StringComparison.Ordinal);
        Assert.Contains($"بقيمة {I("50,000 EUR")}، وأنت مالكها.", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewDeal_Duplicate_ArabicRefusal_EnglishUnchanged()
    {
        var arabic = await AskAsync("new deal Initech");
        Assert.Contains($"الصفقة {I("Initech")} موجودة أصلًا: {I("#1002")}.", arabic, StringComparison.Ordinal);

        var english = await AskAsync("new deal Northwind Traders", "sam@example.com");
        Assert.Contains("Northwind Traders already exists: #1004.", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaidNo_ArabicReasonPickerWithTheMapsArabicReasons()
    {
        var answer = await AskAsync("Initech said no");

        Assert.Contains($"لماذا رفضت {I("Initech")}؟", answer, StringComparison.Ordinal);
        Assert.Contains("اختر السبب أو اكتب غيره", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkLost_ArabicAnswerAndArabicUndoHint()
    {
        var answer = await AskAsync("mark Initech lost because price");

        Assert.Contains($"سُجّلت صفقة {I("Initech")} خاسرةً", answer, StringComparison.Ordinal);
        Assert.Contains($"يمكنك التراجع خلال 10 دقائق: اضغط «تراجع» أو قل «أعد فتح {I("#1002")}».", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkLost_ByATeammate_ArabicProposalAnswer()
    {
        // Northwind is Sam's; Dana may work on it (same team) but not close it.
        var answer = await AskAsync("mark Northwind lost because price");

        Assert.Contains($"لا يغلق صفقة {I("Northwind Traders")} خاسرةً إلا {I("Sam Seller")} (مالكها)", answer, StringComparison.Ordinal);
    }
}
