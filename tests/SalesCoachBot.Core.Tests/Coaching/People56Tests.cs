using System.Globalization;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// fix/people56: a person named in chat is found one way wherever a list is filtered by them (their deals, what is due,
/// stalled, won or lost, a deal's history, a move "to" them, "what's next for"), so a name in Arabic letters («دانا») finds
/// "Dana Demo" as "Dana" does, a «ل» glued to it is read as «لـ», and nobody the asker may not see is found. An example
/// naming a team, for someone who sees none, says a placeholder, not a real-looking team.
/// </summary>
public sealed class People56Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public People56Tests()
    {
        // Names the demo data uses: «دانا» reads as Dana, «سام» as Sam, «أولغا» as Olga.
        _bot.Rep.Name = "Dana Demo";
        _bot.TeamMate.Name = "Sam Seller";
        _bot.OtherRep.Name = "Olga Ortiz";
        _bot.AddDeal("1002", "Initech", "demo", _bot.Rep, daysInStage: 40);
        _bot.AddDeal("1004", "Wonka", "demo", _bot.TeamMate, daysInStage: 40);
        _bot.AddDeal("1005", "Hooli", "demo", _bot.OtherRep, _bot.Americas, daysInStage: 40);
    }

    public void Dispose() => _bot.Dispose();

    /// <summary>Dana's deal listed, and no one else's.</summary>
    private static void ListsDanasOnly(BotAnswer answer)
    {
        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Wonka", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hooli", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("صفقات دانا", "Dana's deals")] // was «لا توجد صفقات مفتوحة باسم دانا…»
    [InlineData("ما المستحق على دانا", "what's due for Dana")] // was «لا أعرف أحدًا اسمه «دانا»…»
    [InlineData("الصفقات المتعثرة لدانا", "what's stalled for Dana")] // was «لا أعرف فريقًا اسمه «لدانا»…»
    [InlineData("الصفقات المتعثرة لـ دانا", "stalled for Dana")]
    [InlineData("وش التالي لدانا", "what's next for dana")] // was «لا أجد صفقة تطابق «لدانا»…»
    [InlineData("وش وضع دانا", "how is Dana doing")]
    public async Task ArabicLetters_ListsThatPersonsDeals_AsTheLatinNameDoes(string arabic, string english)
    {
        var inArabic = await _bot.AskAsync(arabic, _bot.Manager);
        var inEnglish = await _bot.AskAsync(english, _bot.Manager);

        ListsDanasOnly(inEnglish);
        ListsDanasOnly(inArabic);
        Assert.Contains("Dana Demo", inArabic.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("الصفقات التي ربحتها دانا", "deals won by dana", DealStatus.Won)] // was «عذرًا، لم أفهم…»
    [InlineData("الصفقات الرابحة لدانا", "what did Dana win", DealStatus.Won)] // was «لا أعرف فريقًا اسمه «لدانا»…»
    [InlineData("الصفقات التي خسرتها دانا", "what did Dana lose", DealStatus.Lost)]
    public async Task ArabicLetters_ThatPersonsWinsOrLosses(string arabic, string english, DealStatus status)
    {
        var now = _bot.Clock.GetUtcNow();
        foreach (var (deal, owner) in new[] { ("Globex", _bot.Rep), ("Soylent", _bot.TeamMate) })
        {
            var closed = _bot.AddDeal(deal == "Globex" ? "1006" : "1007", deal, "demo", owner);
            (closed.Status, closed.ClosedAt) = (status, now.AddDays(-3));
        }

        var inArabic = await _bot.AskAsync(arabic, _bot.Manager);
        var inEnglish = await _bot.AskAsync(english, _bot.Manager);

        foreach (var answer in new[] { inEnglish, inArabic })
        {
            Assert.Contains("Globex", answer.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Soylent", answer.Text, StringComparison.Ordinal);
        }

        Assert.Contains("Dana Demo", inArabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArabicLetters_ADealsHistoryByThatPerson()
    {
        await _bot.AskAsync("note for Initech: budget confirmed", _bot.Rep);
        await _bot.AskAsync("note for Initech: push for a date", _bot.Manager);

        var inArabic = await _bot.AskAsync("شو عمل دانا على Initech", _bot.Manager);
        var inEnglish = await _bot.AskAsync("what did Dana do on Initech", _bot.Manager);

        // Was «لا شيء باسم دانا بعد»: the history of Initech by Dana, not the manager's note.
        foreach (var answer in new[] { inEnglish, inArabic })
        {
            Assert.Contains("budget confirmed", answer.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("push for a date", answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ArabicLetters_AMoveToThatPerson_IsAReassign()
    {
        var inArabic = await _bot.AskAsync("حوّل Initech لدانا", _bot.Manager);
        var latin = await _bot.AskAsync("حوّل Initech لـ Dana", _bot.Manager);
        var inEnglish = await _bot.AskAsync("move Initech to Dana", _bot.Manager);

        // Was «لا أعرف مرحلة اسمها «لدانا»…»: the owner is changed in the CRM, which the bot says.
        Assert.Equal(latin.Text, inArabic.Text);
        Assert.StartsWith("I don't change deal owners", inEnglish.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArabicLetters_ARepAsksWhatTheyDid_TheirOwnActs()
    {
        await _bot.AskAsync("note for Initech: budget confirmed", _bot.Rep);

        var named = await _bot.AskAsync("ماذا فعلت دانا هذا الأسبوع", _bot.Rep);
        var own = await _bot.AskAsync("ماذا فعلت هذا الأسبوع", _bot.Rep);

        // Was «للمديرين فقط…»: «دانا» is the rep herself.
        Assert.Contains("Initech", own.Text, StringComparison.Ordinal);
        Assert.Equal(own.Text, named.Text);
    }

    [Theory]
    [InlineData("صفقات {0}")]
    [InlineData("ما المستحق على {0}")]
    [InlineData("الصفقات المتعثرة ل{0}")]
    public async Task ArabicLetters_SomeoneInATeamNotSeen_AnsweredAsNobody(string asked)
    {
        string Asked(string name) => string.Format(CultureInfo.InvariantCulture, asked, name);

        // Olga is in Americas: neither EMEA's manager nor its rep may see her deals (AccessPolicy.VisibleOpenDealsAsync).
        foreach (var person in new[] { _bot.Manager, _bot.Rep })
        {
            var hidden = await _bot.AskAsync(Asked("أولغا"), person);
            var nobody = await _bot.AskAsync(Asked("زيدان"), person);

            Assert.Equal(nobody.Text.Replace("زيدان", "أولغا", StringComparison.Ordinal), hidden.Text);
        }

        // The same question finds the deals of someone in the team: the name is read, Olga only not found.
        var seen = await _bot.AskAsync(Asked("دانا"), _bot.Rep);
        ListsDanasOnly(seen);
    }

    [Theory]
    [InlineData("members of team Nowhere", "\"who is on TEAM\"")]
    [InlineData("من في فريق Nowhere", "«من في فريق (اسم الفريق)»")]
    [InlineData("pipeline for Nowhere", "\"pipeline TEAM ")]
    [InlineData("خط المبيعات لفريق Nowhere", "(اسم الفريق)")]
    [InlineData("what did Zed do this week", "\"who is on TEAM\"")]
    [InlineData("ماذا فعل زيدان هذا الأسبوع", "«من في فريق (اسم الفريق)»")]
    public async Task SeesNoTeam_TheExampleSaysAPlaceholder_NotATeamsName(string text, string example)
    {
        var lone = _bot.Stores.AddPerson("lee@example.com", PersonRole.Manager);

        var answer = await _bot.AskAsync(text, lone);

        // Was "who is on EMEA": a team the person may not even know of, named as an example.
        Assert.True(answer.Text.Contains(example, StringComparison.Ordinal), answer.Text);
        Assert.DoesNotContain("EMEA", answer.Text, StringComparison.Ordinal);
    }
}
