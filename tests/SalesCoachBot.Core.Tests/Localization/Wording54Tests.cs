using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Session 54 wording: one rule for the checklist's marks in Arabic, a one-team person's lists titled with the team, and
/// the comparison's thin-data note naming two people as a pair. On the shipped map.
/// </summary>
public sealed class Wording54Tests : IDisposable
{
    private const char Fsi = '\u2068';
    private const char Pdi = '\u2069';

    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task ChecklistText_Arabic_TickedAndOpenMarksBothIsolated()
    {
        _bot.AddDeal("1002", "Initech", "demo");
        await _bot.AskAsync("done demo-held for 1002");

        var lines = (await _bot.AskAsync("شو باقي على Initech")).Text.Split('\n');

        // Was «⁨[x]⁩ …» but «[ ] …»: "[ ]" has no letter, so the isolate that argument text gets skipped it.
        var ticked = Assert.Single(lines, l => l.Contains("[\u2068demo-held\u2069]", StringComparison.Ordinal));
        Assert.StartsWith(Fsi + "[x]" + Pdi + " ", ticked, StringComparison.Ordinal);
        var open = lines.Where(l => l.Contains("[\u2068gaps-recorded\u2069]", StringComparison.Ordinal) || l.Contains("[\u2068demo-script-mapped\u2069]", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, open.Count);
        Assert.All(open, l => Assert.StartsWith(Fsi + "[ ]" + Pdi + " ", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChecklistText_English_MarksAsTheyAre()
    {
        _bot.AddDeal("1002", "Initech", "demo");
        await _bot.AskAsync("done demo-held for 1002");

        var text = (await _bot.AskAsync("what's next for Initech")).Text;

        Assert.Contains("\n[x] Demo held", text, StringComparison.Ordinal);
        Assert.Contains("\n[ ] Demo script", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Fsi + "[", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x]")]
    [InlineData("[ ]")]
    public void Mark_ArabicAndEnglish_OneRuleForTickedAndOpen(string mark)
    {
        Assert.Equal(Fsi + mark + Pdi, ReplyLanguage.Arabic.Mark(mark));
        Assert.Equal(ReplyLanguage.Arabic.Mark(mark), ReplyLanguage.Arabic.Mark(ReplyLanguage.Arabic.Mark(mark)));
        Assert.Equal(mark, ReplyLanguage.English.Mark(mark));
    }

    [Theory]
    [InlineData("biggest deals", "Deals in EMEA", "Deals in EMEA: ")]
    [InlineData("oldest deals", "Deals in EMEA", "Deals in EMEA: ")]
    [InlineData("أكبر الصفقات", "الصفقات في \u2068EMEA\u2069", "الصفقات في \u2068EMEA\u2069: ")]
    public async Task VisibleList_ManagerOfOneTeam_TitledWithTheTeam(string ask, string title, string header)
    {
        _bot.AddDeal("1002", "Initech", "demo").Amount = 10_000m;
        _bot.AddDeal("1003", "Globex", "proposal", owner: _bot.TeamMate).Amount = 20_000m;

        var answer = await _bot.AskAsync(ask, _bot.Manager);

        Assert.Equal(title, answer.Card!.Title);
        Assert.StartsWith(header, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VisibleList_ManagerOfOneTeamWithNoDeals_SaysWhichTeam()
    {
        var answer = await _bot.AskAsync("biggest deals", _bot.Manager);

        Assert.Equal("No open deals are in EMEA.", answer.Text);
    }

    [Theory]
    [InlineData("biggest deals", "Deals in your teams")]
    [InlineData("أكبر الصفقات", "صفقات فرقك")]
    public async Task VisibleList_ManagerOfTwoTeams_StillYourTeams(string ask, string title)
    {
        _bot.Manager.Memberships.Add(new TeamMembership { PersonId = _bot.Manager.Id, TeamId = _bot.Americas.Id });
        _bot.AddDeal("1002", "Initech", "demo").Amount = 10_000m;

        var answer = await _bot.AskAsync(ask, _bot.Manager);

        Assert.Equal(title, answer.Card!.Title);
    }

    [Theory]
    [InlineData(1, "في المرحلة منذ يوم واحد")]
    [InlineData(2, "في المرحلة منذ يومين")]
    [InlineData(3, "في المرحلة منذ 3 أيام")]
    [InlineData(11, "في المرحلة منذ 11 يومًا")]
    public async Task MyDeals_Arabic_DaysInStageCountedNotALabel(int days, string said)
    {
        _bot.AddDeal("1002", "Initech", "demo", daysInStage: days);

        var line = (await _bot.AskAsync("صفقاتي")).Text.Split('\n')[1];

        // Was «…، أيام في المرحلة: 3» in the middle of the line.
        Assert.Contains("، " + said + " · ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("أيام في المرحلة:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyDeals_English_DaysInStageAsBefore()
    {
        _bot.AddDeal("1002", "Initech", "demo", daysInStage: 3);

        Assert.Contains(", 3 d in stage · ", (await _bot.AskAsync("my deals")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_Arabic_BothThin_NamedAsAPairNotAList()
    {
        _bot.Rep.Name = "Rita Rep";
        _bot.TeamMate.Name = "Tom Mate";

        var answer = await _bot.AskAsync("قارن بين Rita و Tom", _bot.Manager);

        Assert.Equal(
            "لدى كلٍّ من \u2068Rita Rep\u2069 و\u2068Tom Mate\u2069 أقل من 5 من الصفقات الرابحة خلال آخر 12 شهرًا: النسب ومدد الدورة أقل من أن يُعتمد عليها بعد.",
            answer.Card!.Note);
        Assert.DoesNotContain("،", answer.Card.Note, StringComparison.Ordinal);
    }
}
