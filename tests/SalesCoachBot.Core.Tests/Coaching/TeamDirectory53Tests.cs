using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Nudges;
using SalesCoachBot.Core.Tests.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// audit52 LEFT 8: who is in a team was in the database only ("who is on EMEA" gave EMEA's pipeline, "list teams" was not
/// understood, «مين في فريق EMEA» looked for a deal). Now a team's members and the teams one may see are answers.
/// </summary>
public sealed class TeamDirectoryParse53Tests
{
    [Theory]
    [InlineData("who is on EMEA", "members emea")]
    [InlineData("who's in EMEA", "members emea")]
    [InlineData("who is in the EMEA team", "members emea")]
    [InlineData("members of EMEA", "members emea")]
    [InlineData("EMEA members", "members emea")]
    [InlineData("list people in EMEA", "members emea")]
    [InlineData("list people", "members -")]
    [InlineData("show the team", "members -")]
    [InlineData("who is on my team", "members -")]
    [InlineData("مين في فريق EMEA", "members emea")]
    [InlineData("أعضاء فريق EMEA", "members emea")]
    [InlineData("من في فريق EMEA", "members emea")]
    [InlineData("مين معي في الفريق", "members -")]
    [InlineData("شو الفريق", "members -")]
    [InlineData("وش فريقي", "members -")]
    [InlineData("مين معايا في الفريق", "members -")]
    public void Parse_WhoIsInATeam_IsItsMembers(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("list teams")]
    [InlineData("which teams are there")]
    [InlineData("what teams")]
    [InlineData("وش الفرق")]
    [InlineData("ما هي الفرق")]
    [InlineData("الفرق الموجودة")]
    public void Parse_WhichTeamsThereAre_IsTheTeamList(string text) =>
        Assert.Equal("teams", UnderstandingTestData.Read(text));

    [Theory]
    // A name that is a deal's, asked "who's on": the deal's card (its owner), as before.
    [InlineData("who's on Initech", "next 1002")]
    [InlineData("what's next for Initech", "next 1002")]
    [InlineData("EMEA pipeline", "pipeline emea -")]
    public void Parse_NeighboursOfTheTeamQuestions_Unchanged(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));
}

public sealed class TeamDirectory53Tests : IDisposable
{
    private readonly InMemoryNudgeStore _nudges = new();
    private readonly BotHarness _bot;

    public TeamDirectory53Tests()
    {
        _bot = new BotHarness(configure: s => s.AddSingleton<INudgeTargetStore>(_nudges));
        _bot.Emea.TimeZoneId = "Europe/Berlin";
        _bot.Americas.TimeZoneId = "America/New_York";
        _bot.Rep.Name = "Rita Rep";
        _bot.TeamMate.Name = "Tom Mate";
        _bot.TeamMate.Language = "ar";
        _bot.Manager.Name = "Mia Manager";
        _bot.OtherRep.Name = "Olga Other";
        _bot.AddDeal("1001", "Hooli", owner: _bot.Rep);
        _bot.AddDeal("1002", "Initech", owner: _bot.Rep);
        _bot.AddDeal("1003", "Globex", owner: _bot.TeamMate);
        _bot.AddDeal("1004", "Oceanic", owner: _bot.TeamMate).Status = DealStatus.Lost;
        _bot.AddDeal("1005", "Umbrella", owner: _bot.OtherRep, team: _bot.Americas);
    }

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task WhoIsOnEmea_Manager_MembersWithRolesLanguagesAndOpenDeals()
    {
        var answer = await _bot.AskAsync("who is on EMEA", _bot.Manager);

        Assert.Equal(CardKind.DealList, answer.Card!.Kind);
        Assert.Equal("Who is in EMEA", answer.Card.Title);
        var section = Assert.Single(answer.Card.Sections);
        Assert.Equal("EMEA · 3 members · digest at 09:00 Berlin on weekdays · no digest channel bound", section.Heading);
        // The lost deal is no open deal; Tom set Arabic for himself.
        Assert.Equal(
            ["Mia Manager · manager · English · no open deals", "Rita Rep · rep · English · 2 open deals", "Tom Mate · rep · Arabic · 1 open deal"],
            section.Lines.Select(l => l.Text));
        Assert.Equal(section.Heading + "\n- " + string.Join("\n- ", section.Lines.Select(l => l.Text)), answer.Text);
    }

    [Theory]
    [InlineData("who is on EMEA", "Berlin")]
    [InlineData("مين في فريق EMEA", "برلين")]
    public async Task WhoIsOnEmea_EitherLanguage_TheTimeZoneNamedOnce(string text, string city)
    {
        var heading = (await _bot.AskAsync(text, _bot.Manager)).Card!.Sections.Single().Heading;

        Assert.Equal(1, heading.Split(city).Length - 1);
    }

    [Fact]
    public async Task WhoIsOnEmea_ChannelBound_SaysWhichPlatformWithoutItsId()
    {
        await _nudges.BindAsync(_bot.Emea.Id, ConversationKey.Slack("T0WORK", "C0SECRET42"), _bot.Manager.Id, _bot.Clock.GetUtcNow(), default);

        var answer = await _bot.AskAsync("members of EMEA", _bot.Manager);

        Assert.EndsWith("· digest posted in a Slack channel", answer.Card!.Sections.Single().Heading, StringComparison.Ordinal);
        Assert.DoesNotContain("C0SECRET42", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoIsOnAmericas_Admin_AnyTeam()
    {
        var answer = await _bot.AskAsync("who is on Americas", _bot.Admin);

        Assert.Equal(["Olga Other · rep · English · 1 open deal"], answer.Card!.Sections.Single().Lines.Select(l => l.Text));
    }

    [Fact]
    public async Task WhoIsOnAmericas_ManagerOfAnotherTeam_AnsweredAsAnUnknownTeam()
    {
        var seen = await _bot.AskAsync("members of Americas", _bot.Manager);
        var unknown = await _bot.AskAsync("members of Narnia", _bot.Manager);

        Assert.Equal(CardKind.Error, seen.Card!.Kind);
        Assert.Equal(unknown.Text.Replace("Narnia", "Americas", StringComparison.Ordinal), seen.Text);
        Assert.DoesNotContain("Olga", seen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowTheTeam_Rep_NamesAndRolesOfTheirOwnTeamOnly()
    {
        var answer = await _bot.AskAsync("show the team", _bot.Rep);

        var section = Assert.Single(answer.Card!.Sections);
        Assert.Equal("EMEA · 3 members · digest at 09:00 Berlin on weekdays", section.Heading);
        Assert.Equal(["Mia Manager · manager", "Rita Rep · rep", "Tom Mate · rep"], section.Lines.Select(l => l.Text));
    }

    [Fact]
    public async Task ShowTheTeam_ManagerOfTwoTeams_OneBlockEach()
    {
        _bot.Manager.Memberships.Add(new TeamMembership { PersonId = _bot.Manager.Id, TeamId = _bot.Americas.Id });

        var answer = await _bot.AskAsync("show my team", _bot.Manager);

        Assert.Equal("Members of your teams", answer.Card!.Title);
        Assert.Equal(["Americas · 2 members", "EMEA · 3 members"], answer.Card.Sections.Select(s => string.Join(" · ", s.Heading.Split(" · ").Take(2))));
        Assert.Contains("\n\nEMEA · 3 members", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhosOnADeal_NoTeamOfThatName_TheDealsCard()
    {
        var answer = await _bot.AskAsync("who's on Initech", _bot.Manager);

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
        Assert.Contains("Initech", answer.Card.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EMEA pipeline")]
    [InlineData("how is EMEA doing")]
    public async Task EmeaPipeline_Manager_StillThePipeline(string text)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal(CardKind.Pipeline, answer.Card!.Kind);
    }

    [Fact]
    public async Task WhatsNextForTeamFoods_ADealNamedLikeATeam_StillTheDeal()
    {
        _bot.AddDeal("1010", "Team Foods", owner: _bot.Rep);

        var answer = await _bot.AskAsync("what's next for Team Foods", _bot.Manager);

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
        Assert.Contains("Team Foods", answer.Card.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoIsOnEmea_InArabic_ArabicWordsAndIsolatedNames()
    {
        var answer = await _bot.AskAsync("مين في فريق EMEA", _bot.Manager);

        var say = ReplyTexts.Shared.In(ReplyLanguage.Arabic);
        var iso = ReplyLanguage.Arabic.Isolate;
        var section = Assert.Single(answer.Card!.Sections);
        Assert.Equal($"{iso("EMEA")} · 3 أعضاء · الملخص اليومي الساعة {iso("09:00")} بتوقيت برلين في أيام العمل · لا قناة مربوطة بالملخص", section.Heading);
        Assert.Equal(
            [$"{iso("Mia Manager")} · مدير · الإنجليزية · لا صفقات مفتوحة", $"{iso("Rita Rep")} · مندوب مبيعات · الإنجليزية · صفقتان مفتوحتان", $"{iso("Tom Mate")} · مندوب مبيعات · العربية · صفقة مفتوحة واحدة"],
            section.Lines.Select(l => l.Text));
        Assert.Equal(say.Lists("Team.Title", "EMEA"), answer.Card.Title);
    }

    [Fact]
    public async Task ListTeams_Admin_EveryTeamWithLanguageMembersOpenDealsAndZone()
    {
        var answer = await _bot.AskAsync("list teams", _bot.Admin);

        Assert.Equal("Teams", answer.Card!.Title);
        Assert.Equal(["2 teams you can see"], answer.Card.Body);
        Assert.Equal(
            ["Americas · English · 1 member · 1 open deal · New York time", "EMEA · English · 3 members · 3 open deals · Berlin time"],
            answer.Card.Sections.Single().Lines.Select(l => l.Text));
    }

    [Fact]
    public async Task ListTeams_Rep_OwnTeamWithoutDealCounts()
    {
        var answer = await _bot.AskAsync("which teams are there", _bot.Rep);

        Assert.Equal(["EMEA · English · 3 members · Berlin time"], answer.Card!.Sections.Single().Lines.Select(l => l.Text));
    }

    [Fact]
    public async Task ListTeams_InArabic_CountedInArabic()
    {
        var answer = await _bot.AskAsync("وش الفرق", _bot.Admin);

        var iso = ReplyLanguage.Arabic.Isolate;
        Assert.Equal(["فريقان تراهما"], answer.Card!.Body);
        Assert.Equal(
            [$"{iso("Americas")} · الإنجليزية · عضو واحد · صفقة مفتوحة واحدة · بتوقيت نيويورك", $"{iso("EMEA")} · الإنجليزية · 3 أعضاء · 3 صفقات مفتوحة · بتوقيت برلين"],
            answer.Card.Sections.Single().Lines.Select(l => l.Text));
    }
}
