using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// people55: "Dana's activity this week", "activity for Dana this month", «نشاط ريتا هالأسبوع» are that person's acts for a
/// manager (a rep is refused as before); a name in Arabic letters finds the person by sound; "what did Dana do" and
/// "compare" answer an unknown or ambiguous name alike; "help what did I do" is the acts diary's help.
/// The harness's now is Fri 27 Nov 2026, 09:00 UTC.
/// </summary>
public sealed class People55Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public People55Tests()
    {
        _bot.Rep.Name = "Rita Romano";
        _bot.TeamMate.Name = "Tom Mate";
    }

    public void Dispose() => _bot.Dispose();

    private async Task SeedAsync()
    {
        _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("done requirements listed for Initech");
        await _bot.AskAsync("called Initech, they want a discount");
        // The manager's own note is not Rita's.
        await _bot.AskAsync("note for Initech: legal is slow", _bot.Manager);
    }

    [Theory]
    [InlineData("Rita's activity this week")]
    [InlineData("activity for Rita this month")]
    [InlineData("what did Rita log this week")]
    [InlineData("show me Rita's week")]
    public async Task SomeoneElsesActs_Manager_ThatPersonsNotTheManagers(string text)
    {
        await SeedAsync();

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal("What Rita Romano did", answer.Card!.Title);
        Assert.Contains("Rita Romano confirmed 1 item on 1 deal, logged 1 call.", answer.Card.Body.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeoneElsesActs_Rep_IsRefusedAsBefore()
    {
        await SeedAsync();

        var answer = await _bot.AskAsync("Tom's activity this week");

        Assert.Equal("Someone else's activity is for managers", answer.Card!.Title);
    }

    [Theory]
    [InlineData("نشاط ريتا هالأسبوع")]
    [InlineData("شو عملت ريتا اليوم")]
    [InlineData("ماذا فعلت ريتا هذا الأسبوع")]
    public async Task SomeoneElsesActs_ArabicLettersForALatinName_ThatPersonsActs(string text)
    {
        await SeedAsync();
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Contains("\u2068Rita Romano\u2069", answer.Card!.Title, StringComparison.Ordinal);
        Assert.Contains("تأكيد بند واحد في صفقة واحدة، تسجيل مكالمة واحدة", answer.Card.Body.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPerson_ActsAndCompare_SameAnswer()
    {
        var acts = await _bot.AskAsync("what did zed do this week", _bot.Manager);
        var compare = await _bot.AskAsync("compare Rita and Zed", _bot.Manager);

        Assert.Equal(CardKind.Error, acts.Card!.Kind);
        Assert.Equal("I don't know anyone called \"zed\" in the teams you can see. Ask \"who is on EMEA\" to see who is in one.", acts.Text);
        Assert.Equal(acts.Text, compare.Text.Replace("Zed", "zed", StringComparison.Ordinal));
        Assert.Equal(acts.Card.Title, compare.Card!.Title);
    }

    [Fact]
    public async Task SeveralPeople_ActsAndCompare_SameAnswer()
    {
        _bot.TeamMate.Name = "Rita Ruiz";

        var acts = await _bot.AskAsync("what did rita do this week", _bot.Manager);
        var compare = await _bot.AskAsync("compare rita and mia", _bot.Manager);

        Assert.Equal("Several people are called \"rita\": Rita Romano, Rita Ruiz. Say the full name.", acts.Text);
        Assert.Equal(acts.Text, compare.Text);
        Assert.Equal("Which person?", acts.Card!.Title);
        Assert.Equal(acts.Card.Title, compare.Card!.Title);
    }

    [Fact]
    public async Task HelpWhatDidIDo_Rep_TheActsLineAndMoreWaysToSayIt()
    {
        var answer = await _bot.AskAsync("help what did I do");

        Assert.Equal(
            "- \"what did I do this week\": your own confirmations, next steps, notes, calls and stage moves, by deal (\"today\", \"last week\"; \"what did I confirm\")\n"
            + "Also: \"what did I do today\", \"what have I done yesterday\", \"my activity this month\", \"what did I confirm this week\".\n"
            + "Say \"help\" to see everything I can do.",
            answer.Text);
        Assert.Equal(CardKind.Help, answer.Card!.Kind);
    }

    [Fact]
    public async Task HelpWhatDidIDo_Manager_SaysWhoseActsTheyMayAsk()
    {
        var answer = await _bot.AskAsync("help what did I do", _bot.Manager);

        Assert.Contains("\"what did Dana do this week\"", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpWhatDidIDo_Arabic_InArabic()
    {
        _bot.Rep.Language = "ar";

        var answer = await _bot.AskAsync("مساعدة شو عملت");

        Assert.StartsWith("- «ماذا فعلت هذا الأسبوع»: ما سجّلته أنت", answer.Text, StringComparison.Ordinal);
        Assert.Contains("وأيضًا: «ماذا فعلت اليوم»", answer.Text, StringComparison.Ordinal);
        Assert.EndsWith("اكتب «مساعدة» لترى كل ما أستطيع فعله.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Everyone_ListsTheActsDiary()
    {
        var english = await _bot.AskAsync("help");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("مساعدة");

        Assert.Contains("- \"what did I do this week\":", english.Text, StringComparison.Ordinal);
        Assert.Contains("- «ماذا فعلت هذا الأسبوع»:", arabic.Text, StringComparison.Ordinal);
    }
}
