using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Home;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Home;
using SalesCoachBot.Slack.Tests.Fakes;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// App Home: golden views (type-checked against @slack/types' HomeView by tests/peers/slack/check.sh), the 100-block
/// limit, app_home_opened → views.publish, and an App Home button answered in the person's DM.
/// </summary>
public sealed class AppHomeTests
{
    public static TheoryData<string> Names => [.. Samples.Keys];

    private static Dictionary<string, HomeOverview> Samples => new()
    {
        ["home-rep"] = new HomeOverview("Pat Lee",
        [
            new HomeDealRow(new DealId(1042), "1042", "Initech platform", "Demo", 19, true, "Demo held with the buyer's team"),
            new HomeDealRow(new DealId(1001), "1001", "Acme Corp renewal", "Proposal", 4, false, "Written proposal sent to the decision maker"),
            new HomeDealRow(new DealId(1007), "1007", "Umbrella <pilot> & co", "Verbal agreement", 2, false, null),
        ], []),
        ["home-manager"] = new HomeOverview("Dana Kim",
        [
            new HomeDealRow(new DealId(1016), "1016", "Globex rollout", "Go live", 30, true, "Customer signs off the go-live checklist"),
        ],
        [
            new HomeTeamRow("Enterprise", 12, 3),
            new HomeTeamRow("Mid-market", 7, 0),
        ]),
        ["home-empty"] = new HomeOverview("Sam Ortiz", [], []),
        ["home-manager-ar"] = new HomeOverview("Dana Kim",
        [
            new HomeDealRow(new DealId(1016), "1016", "Globex rollout", "Go live", 30, true, "Customer signs off the go-live checklist"),
            new HomeDealRow(new DealId(1017), "1017", "مؤسسة الأفق", "العرض التوضيحي", 2, false, null),
        ],
        [
            new HomeTeamRow("Enterprise", 12, 3),
            new HomeTeamRow("Mid-market", 2, 0),
        ])
        {
            Language = ReplyLanguage.Arabic,
        },
        ["home-unknown"] = HomeOverview.Unknown,
    };

    internal static string Golden(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Goldens", "views", name + ".json");

    private static string RenderJson(HomeOverview overview) =>
        JsonSerializer.Serialize(new HomeViewRenderer().Render(overview), SlackJsonContext.Indented.HomeView) + "\n";

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_EachHomeKind_MatchesItsGolden(string name)
    {
        var json = RenderJson(Samples[name]);
        GoldenFile.AssertMatches(Golden(name), json);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_EachHomeKind_KeepsEveryDocumentedLimit(string name)
    {
        using var doc = JsonDocument.Parse(RenderJson(Samples[name]));
        Assert.Empty(BlockKitLimitCheck.ViewProblems(doc.RootElement));
    }

    [Fact]
    public void Render_DealRows_CarryStageDaysStalledMarkerNextItemAndAChecklistButton()
    {
        var view = new HomeViewRenderer().Render(Samples["home-rep"]);

        var first = view.Blocks.OfType<SectionBlock>().First(s => s.Accessory is not null);
        Assert.Contains("Demo · 19 days in stage · :warning: *stalled*", first.Text.Text, StringComparison.Ordinal);
        Assert.Contains("Next: Demo held with the buyer's team", first.Text.Text, StringComparison.Ordinal);
        var button = Assert.IsType<ButtonElement>(first.Accessory);
        Assert.StartsWith(BlockKitRenderer.ButtonActionPrefix, button.ActionId, StringComparison.Ordinal);
        Assert.Equal(new ShowChecklistPayload(new DealId(1042)), ActionPayload.TryParse(button.Value));
        Assert.Contains(view.Blocks.OfType<SectionBlock>(), s => s.Text.Text.Contains("Umbrella &lt;pilot&gt; &amp; co", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ArabicPerson_ArabicWordsLatinNamesIsolatedEnglishButtonCommands()
    {
        var view = new HomeViewRenderer().Render(Samples["home-manager-ar"]);

        var header = Assert.IsType<HeaderBlock>(view.Blocks[0]);
        Assert.Equal("صفقاتك المفتوحة", header.Text.Text);
        var deals = view.Blocks.OfType<SectionBlock>().Where(s => s.Accessory is not null).ToList();
        Assert.Equal("*\u2068Globex rollout\u2069* (\u2068#1016\u2069)\n\u2068Go live\u2069 · 30 يومًا في المرحلة · :warning: *متعثرة*\n" +
            "التالي: \u2068Customer signs off the go-live checklist\u2069", deals[0].Text.Text);
        Assert.Equal("*مؤسسة الأفق* (\u2068#1017\u2069)\nالعرض التوضيحي · يومان في المرحلة\nكل بنود القائمة مؤكَّدة.", deals[1].Text.Text);
        Assert.Equal("قائمة البنود", Assert.IsType<ButtonElement>(deals[0].Accessory).Text.Text);
        Assert.Equal(new ShowChecklistPayload(new DealId(1016)), ActionPayload.TryParse(Assert.IsType<ButtonElement>(deals[0].Accessory).Value));
        Assert.Contains(view.Blocks.OfType<SectionBlock>(), s => s.Text.Text == "*\u2068Mid-market\u2069*: لا صفقات متعثرة من صفقتين مفتوحتين");
        Assert.DoesNotContain(view.Blocks.OfType<SectionBlock>(), s => s.Text.Text.Contains("stalled", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_UnknownPersonInArabic_ArabicRefusal()
    {
        var view = new HomeViewRenderer().Render(HomeOverview.Unknown with { Language = ReplyLanguage.Arabic });

        Assert.Equal("مدرب المبيعات", Assert.IsType<HeaderBlock>(view.Blocks[0]).Text.Text);
        Assert.DoesNotContain("I don't know you", Assert.IsType<SectionBlock>(view.Blocks[1]).Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManagerWithThirtyTeamsAndTwoHundredDeals_StaysWithinOneHundredBlocksAndSaysWhatIsLeftOut()
    {
        var deals = Enumerable.Range(1, 200).Select(i => new HomeDealRow(new DealId(i), i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Deal {i}", "Demo", i, i % 3 == 0, "Demo held")).ToList();
        var teams = Enumerable.Range(1, 30).Select(i => new HomeTeamRow($"Team {i:00}", 10, i % 4)).ToList();

        var view = new HomeViewRenderer().Render(new HomeOverview("Big Boss", deals, teams));

        Assert.Equal(HomeViewRenderer.MaxBlocks, view.Blocks.Count);
        var texts = view.Blocks.OfType<ContextBlock>().SelectMany(c => c.Elements).Select(e => e.Text).ToList();
        var shownDeals = view.Blocks.OfType<SectionBlock>().Count(s => s.Accessory is not null);
        Assert.Contains(texts, t => t.Contains($"and {200 - shownDeals} more deals", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("and 10 more teams", StringComparison.Ordinal));
        Assert.Equal(view.Blocks.Count, view.Blocks.Select(b => b.BlockId).Where(id => id is not null).Distinct().Count() + view.Blocks.Count(b => b.BlockId is null));
    }

    [Fact]
    public async Task AppHomeOpened_SignedEvent_PublishesTheViewForThatUserWithTheWorkspaceToken()
    {
        await using var api = await RecordingSlackApi.StartAsync();
        await using var host = await SlackTestHost.StartAsync(api, services: UnknownPeople);

        var response = await host.PostJsonAsync("/slack/events", JsonSerializer.Serialize(new
        {
            type = "event_callback",
            team_id = "T0FAKE",
            event_id = "EvHome1",
            @event = new { type = "app_home_opened", user = "U0PAT", channel = "D0DM", tab = "home", event_ts = "1715000000.1" },
        }));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var publish = Assert.Single(await api.WaitForCallsAsync("/api/views.publish"));
        Assert.Equal("Bearer xoxb-test-token", publish.Authorization);
        using var body = JsonDocument.Parse(publish.Body);
        Assert.Equal("U0PAT", body.RootElement.GetProperty("user_id").GetString());
        Assert.Equal("home", body.RootElement.GetProperty("view").GetProperty("type").GetString());
        Assert.Contains("I don't know you yet", publish.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppHomeOpened_MessagesTab_PublishesNothing()
    {
        await using var api = await RecordingSlackApi.StartAsync();
        await using var host = await SlackTestHost.StartAsync(api, services: UnknownPeople);

        await host.PostJsonAsync("/slack/events", JsonSerializer.Serialize(new
        {
            type = "event_callback",
            team_id = "T0FAKE",
            event_id = "EvHome2",
            @event = new { type = "app_home_opened", user = "U0PAT", channel = "D0DM", tab = "messages" },
        }));

        await host.WorkDoneAsync();
        Assert.Empty(api.CallsTo("/api/views.publish"));
    }

    [Fact]
    public async Task HomeButton_NoChannelNoResponseUrl_ChecklistIsPostedToThePersonsDm()
    {
        await using var api = await RecordingSlackApi.StartAsync();
        api.Script("/api/conversations.open", new ScriptedAnswer(200, """{"ok":true,"channel":{"id":"D0DM"}}"""));
        await using var host = await SlackTestHost.StartAsync(api, services: UnknownPeople);
        host.Bot.Reply = _ => new Core.Conversations.BotAnswer("Initech checklist");
        var payload = JsonSerializer.Serialize(new
        {
            type = "block_actions",
            user = new { id = "U0PAT", name = "pat", team_id = "T0FAKE" },
            team = new { id = "T0FAKE" },
            container = new { type = "view", view_id = "V0HOME" },
            actions = new[] { new { type = "button", action_id = "coach-button-home-0", block_id = "coach-home-deal-0", value = new ShowChecklistPayload(new DealId(1042)).ToJson() } },
        });

        var response = await host.PostFormAsync("/slack/interactions", new Dictionary<string, string> { ["payload"] = payload });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.Single(await api.WaitForCallsAsync("/api/chat.postMessage"));
        Assert.Contains("\"channel\":\"D0DM\"", posted.Body, StringComparison.Ordinal);
        Assert.Contains("Initech checklist", posted.Body, StringComparison.Ordinal);
        var turn = Assert.Single(host.Bot.Turns);
        Assert.Equal(ConversationKey.Slack("T0FAKE", "D0DM"), turn.Conversation);
        Assert.Equal(new ShowChecklistPayload(new DealId(1042)), Assert.IsType<Core.Conversations.ActionInput>(turn.Input).Payload);
    }

    /// <summary>The core's stores at the boundary: nobody is known, so the home view is the polite "who are you".</summary>
    private static void UnknownPeople(IServiceCollection services)
    {
        var directory = new Mock<IDirectoryStore>();
        directory.Setup(d => d.FindPersonAsync(It.IsAny<ChatUser>(), It.IsAny<CancellationToken>())).ReturnsAsync((PersonView?)null);
        services.AddSingleton(directory.Object);
        services.AddSingleton(Mock.Of<IDealStore>());
        services.AddSingleton(Mock.Of<IProcessMapSource>());
        services.AddOptions<CoachingOptions>();
        services.AddScoped<TeamRulesProvider>();
    }
}
