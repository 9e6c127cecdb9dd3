using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Pipeline;

public sealed class PipelineUseCaseTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private Deal Deal(string id, Person owner, SalesTeam team, decimal amount, string currency, params (string Stage, int DaysAgo)[] path)
    {
        var now = _bot.Clock.GetUtcNow();
        var deal = _bot.Stores.AddDeal(id, "Deal " + id, owner, team, path[^1].Stage, now.AddDays(-path[^1].DaysAgo));
        deal.Amount = amount;
        deal.Currency = currency;
        deal.CreatedAt = now.AddDays(-path[0].DaysAgo);
        foreach (var (stage, daysAgo) in path)
        {
            _bot.Stores.History.Add(new StageHistoryEntry { Id = _bot.Stores.History.Count + 1, DealId = deal.Id, StageId = new StageId(stage), EnteredAt = now.AddDays(-daysAgo), Kind = StageChangeKind.Advanced });
        }

        return deal;
    }

    private Deal Won(string id, Person owner, SalesTeam team, decimal amount, string currency, params (string Stage, int DaysAgo)[] path)
    {
        var deal = Deal(id, owner, team, amount, currency, path);
        deal.Status = DealStatus.Won;
        deal.ClosedAt = deal.StageEnteredAt;
        return deal;
    }

    [Fact]
    public async Task Pipeline_Manager_OwnTeamOnlyWithStagesAmountsAndConversion()
    {
        Deal("1", _bot.Rep, _bot.Emea, 100_000, "EUR", ("discovery", 10));
        Deal("2", _bot.TeamMate, _bot.Emea, 50_000, "USD", ("discovery", 20), ("demo", 4));
        Deal("3", _bot.OtherRep, _bot.Americas, 70_000, "USD", ("discovery", 3));
        Won("4", _bot.Rep, _bot.Emea, 30_000, "EUR", ("discovery", 40), ("demo", 30), ("contract-signed", 10));

        var answer = await _bot.AskAsync("pipeline", _bot.Manager);

        Assert.Equal(CardKind.Pipeline, answer.Card!.Kind);
        Assert.Equal("Pipeline · EMEA", answer.Card.Title);
        var stages = answer.Card.Details!.Sections.Single(s => s.Heading == "By stage").Lines.Select(l => l.Text).ToList();
        Assert.StartsWith("Discovery: 1 deal · 100,000 EUR (weighted 33,333 EUR, 33%) · median 10 days in stage", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("Demo: 1 deal · 50,000 USD", stages[1], StringComparison.Ordinal);
        Assert.Contains("Open: 2 deals · 100,000 EUR · 50,000 USD", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Discovery → Demo: 67% (2 of 3)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Demo → Contract signed: 50% (1 of 2)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Median cycle (Discovery to Contract signed): 30 days over 1 deal won.", answer.Text, StringComparison.Ordinal);
        Assert.Contains("weighted by stage position", answer.Text, StringComparison.Ordinal);
        Assert.Contains("too thin to trust", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("70,000", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show the map for narnia", "show the map for EMEA")]
    [InlineData("what do we need to hit 2M for narnia", "what do we need to hit 2M for EMEA")]
    [InlineData("pipeline narnia", "pipeline EMEA last 90 days")]
    public async Task UnknownTeam_ExampleIsTheSameCommandForATeamTheyMaySee(string text, string example)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal("Unknown team", answer.Card!.Title);
        Assert.EndsWith($"For example: \"{example}\".", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_ManagerAsksAnotherTeam_RefusedLikeAnUnknownTeam()
    {
        Deal("3", _bot.OtherRep, _bot.Americas, 70_000, "USD", ("discovery", 3));

        var answer = await _bot.AskAsync("pipeline americas", _bot.Manager);

        Assert.Equal("Unknown team", answer.Card!.Title);
        Assert.Contains("I don't know a team called \"americas\" that you can see. Teams you can see: EMEA.", answer.Text, StringComparison.Ordinal);
        Assert.Contains("pipeline EMEA last 90 days", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("70,000", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_AdminNamesAnyTeam_SeesThatTeam()
    {
        Deal("3", _bot.OtherRep, _bot.Americas, 70_000, "USD", ("discovery", 3));
        Deal("1", _bot.Rep, _bot.Emea, 100_000, "EUR", ("discovery", 10));

        var answer = await _bot.AskAsync("pipeline americas", _bot.Admin);

        Assert.Equal("Pipeline · Americas", answer.Card!.Title);
        Assert.Contains("Open: 1 deal · 70,000 USD", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_Rep_SeesOwnDealsOnly()
    {
        Deal("1", _bot.Rep, _bot.Emea, 100_000, "EUR", ("discovery", 10));
        Deal("2", _bot.TeamMate, _bot.Emea, 50_000, "EUR", ("discovery", 4));

        var answer = await _bot.AskAsync("pipeline", _bot.Rep);

        Assert.Equal("Pipeline · your deals", answer.Card!.Title);
        Assert.Contains("Open: 1 deal · 100,000 EUR", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_RepNamesTeam_ToldTeamPipelinesAreForManagers()
    {
        var answer = await _bot.AskAsync("pipeline emea", _bot.Rep);

        Assert.Equal("Team figures are for managers", answer.Card!.Title);
        Assert.Contains("without a team to see your own deals", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_UnknownPerson_NoData()
    {
        Deal("1", _bot.Rep, _bot.Emea, 100_000, "EUR", ("discovery", 10));
        var stranger = new Person { Id = 99, Email = "eve@example.com", Name = "eve", Role = PersonRole.Admin };

        var answer = await _bot.AskAsync("pipeline", stranger);

        Assert.Equal("Who are you?", answer.Card!.Title);
        Assert.DoesNotContain("100,000", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pipeline emea last 0 days", "A window of 0 days")]
    [InlineData("pipeline last 900 years", "A window of 328,500 days")]
    [InlineData("pipeline emea last 99999 days", "A window of 99,999 days")]
    [InlineData("pipeline emea last 99999999999999999999 days", "A window of 2,147,483,647 days")]
    public async Task Pipeline_BadWindow_ClearAnswerWithExample(string text, string expected)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal("Pick another window", answer.Card!.Title);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.Contains("\"pipeline emea last 90 days\"", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_UnknownTeam_ListsTeamsAndExample()
    {
        var answer = await _bot.AskAsync("pipeline narnia", _bot.Admin);

        Assert.Contains("I don't know a team called \"narnia\" that you can see. Teams you can see: Americas, EMEA.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_Window_LastNinetyDaysLeavesOlderHistoryOut()
    {
        Deal("1", _bot.Rep, _bot.Emea, 1, "EUR", ("discovery", 200), ("demo", 150));
        Deal("2", _bot.Rep, _bot.Emea, 1, "EUR", ("discovery", 60), ("demo", 50));
        Deal("3", _bot.Rep, _bot.Emea, 1, "EUR", ("discovery", 40));

        var year = await _bot.AskAsync("pipeline", _bot.Manager);
        var quarter = await _bot.AskAsync("pipeline emea last 90 days", _bot.Manager);

        Assert.Contains("Discovery → Demo: 67% (2 of 3)", year.Text, StringComparison.Ordinal);
        Assert.Contains("Discovery → Demo: 50% (1 of 2)", quarter.Text, StringComparison.Ordinal);
        Assert.Equal("History: the last 90 days", quarter.Card!.Subtitle);
    }

    [Fact]
    public async Task Pipeline_WithChartPublisher_CardGetsImageAndAltTextSaysTheNumbers()
    {
        Deal("1", _bot.Rep, _bot.Emea, 1, "EUR", ("discovery", 10));
        Deal("2", _bot.Rep, _bot.Emea, 1, "EUR", ("discovery", 10));
        Deal("3", _bot.Rep, _bot.Emea, 1, "EUR", ("discovery", 20), ("demo", 3));
        var charts = new RecordingChartPublisher();
        var useCase = new PipelineUseCase(
            new InMemoryPipelineStore(_bot.Stores), new PipelineAccess(_bot.Stores),
            new TeamRulesProvider(_bot.Stores, Options.Create(new CoachingOptions())), charts);

        var answer = await useCase.HandleAsync(new PipelineCommand(null, null), Context(_bot.Manager), CancellationToken.None);

        var chart = Assert.IsType<FunnelChart>(Assert.Single(charts.Charts));
        Assert.Equal([("Discovery", 2), ("Demo", 1)], chart.Steps.Select(s => (s.Label, s.Count)));
        Assert.Equal("https://coach.example.com/charts/x.png", answer.Card!.Image!.Url);
        Assert.Equal("Pipeline funnel — EMEA: Discovery 2 open, 2 EUR; Demo 1 open, 1 EUR, 33% (1 of 3) converted from the stage before.", answer.Card.Image.AltText);
    }

    [Fact]
    public async Task ReverseFunnel_EnoughHistory_StageNeedsAndAssumptions()
    {
        // 10 entered discovery, 5 reached demo, all 5 won at 100k EUR: discovery 50% to won, demo 100%.
        for (var i = 0; i < 5; i++)
        {
            Won($"w{i}", _bot.Rep, _bot.Emea, 100_000, "EUR", ("discovery", 100), ("demo", 90), ("contract-signed", 60));
            Deal($"o{i}", _bot.Rep, _bot.Emea, 10_000, "EUR", ("discovery", 100));
        }

        var answer = await _bot.AskAsync("what do we need to hit €2M this year", _bot.Manager);

        Assert.Equal("To close 2,000,000 EUR by 31 Dec 2026", answer.Card!.Title);
        Assert.Contains("Won so far in the period: 500,000 EUR, so 1,500,000 EUR to go.", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Deal size: the median won deal, 100,000 EUR, from 5 deals won in the last 12 months, so 15 deals to win.", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Discovery: 30 to enter · you hold 5 now · 50% of deals entering it are won", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Demo: 15 to enter · you hold 0 now", answer.Text, StringComparison.Ordinal);

        // 5 open discovery deals are expected to bring 2.5 wins; (15 − 2.5) / 0.5 = 25 new deals over the 34.6 days (1.14 months) left.
        Assert.Contains("Beyond what you hold: 25 new deals into Discovery by 31 Dec 2026, about 22 a month over 1.1 months.", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Thin data", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    // 5 open discovery deals are expected to bring 2.5 wins at discovery's 50 %; 500,000 EUR is won already.
    [InlineData("what do we need to hit €700k this year", "What you hold now is expected to bring the rest: no new deals need to enter Discovery before 31 Dec 2026.")]
    [InlineData("what do we need to hit €800k this year", "Beyond what you hold: 1 new deal into Discovery by 31 Dec 2026")]
    [InlineData("كم نحتاج لتحقيق 700000 EUR هذه السنة", "يُتوقع أن يجلب ما لديك الآن الباقي: لا يلزم أن تدخل مرحلة")]
    public async Task ReverseFunnel_FewOrNoNewDealsNeeded_SaidPlainly(string question, string expected)
    {
        for (var i = 0; i < 5; i++)
        {
            Won($"w{i}", _bot.Rep, _bot.Emea, 100_000, "EUR", ("discovery", 100), ("demo", 90), ("contract-signed", 60));
            Deal($"o{i}", _bot.Rep, _bot.Emea, 10_000, "EUR", ("discovery", 100));
        }

        var answer = await _bot.AskAsync(question, _bot.Manager);

        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 new deals", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_KuwaitiDinarTarget_AmountsKeepThreeDecimals()
    {
        for (var i = 0; i < 5; i++)
        {
            Won($"k{i}", _bot.Rep, _bot.Emea, 1_000.125m, "KWD", ("discovery", 100), ("demo", 90), ("contract-signed", 60));
        }

        var answer = await _bot.AskAsync("what do we need to hit 12,345.675 KWD this year", _bot.Manager);

        // The dinar keeps three decimals: "12,345.675 KWD", and "5,000.625 KWD" won for five deals of 1,000.125.
        Assert.Equal("To close 12,345.675 KWD by 31 Dec 2026", answer.Card!.Title);
        Assert.Contains("Won so far in the period: 5,000.625 KWD, so 7,345.05 KWD to go.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_ThinHistory_SaysSoPlainly()
    {
        Won("w1", _bot.Rep, _bot.Emea, 100_000, "EUR", ("discovery", 100), ("demo", 90), ("contract-signed", 60));

        var answer = await _bot.AskAsync("reverse funnel 500k", _bot.Manager);

        Assert.Contains("Thin data: only 1 deal won in the last 12 months", answer.Text, StringComparison.Ordinal);
        Assert.Contains("500,000 EUR", answer.Card!.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reverse funnel 500k EMEA")]
    [InlineData("reverse funnel 500k EUR EMEA this quarter")]
    public async Task ReverseFunnel_TeamRightAfterTheAmount_PlannedForThatTeam(string text)
    {
        Won("w1", _bot.Rep, _bot.Emea, 100_000, "EUR", ("discovery", 100), ("demo", 90), ("contract-signed", 60));

        // The admin sees both teams: only EMEA has a deal won, so the team named decides the answer.
        var answer = await _bot.AskAsync(text, _bot.Admin);
        var americas = await _bot.AskAsync(text.Replace("EMEA", "Americas", StringComparison.Ordinal), _bot.Admin);
        var other = await _bot.AskAsync("reverse funnel 500k Narnia", _bot.Admin);

        Assert.Contains("500,000 EUR", answer.Card!.Title, StringComparison.Ordinal);
        Assert.Equal("Not enough history", americas.Card!.Title);
        Assert.Equal("Unknown team", other.Card!.Title);
    }

    [Theory]
    [InlineData("how's EMEA looking", "Pipeline for EMEA · the last 12 months")]
    [InlineData("what's next for EMEA this quarter", "Pipeline for EMEA · Q4 2026 so far")]
    [InlineData("EMEA?", "Pipeline for EMEA · the last 12 months")]
    // The period typed after the example's words ("how's {deal} looking", "how is {deal} doing") is the pipeline's.
    [InlineData("how's EMEA looking this quarter", "Pipeline for EMEA · Q4 2026 so far")]
    [InlineData("how is EMEA doing this month", "Pipeline for EMEA · November so far")]
    [InlineData("how's EMEA doing over the last 30 days", "Pipeline for EMEA · the last 30 days")]
    public async Task TeamAskedLikeADeal_ItsPipeline(string text, string start)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.StartsWith(start, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamAskedLikeADeal_NotTheirTeamOrARep_NoTeamFigures()
    {
        var otherTeam = await _bot.AskAsync("how's Americas looking", _bot.Manager);
        var rep = await _bot.AskAsync("how's EMEA looking", _bot.Rep);

        // Another team's name is no deal the manager may see; a rep's own team is refused as "pipeline EMEA" is.
        Assert.DoesNotContain("Pipeline for", otherTeam.Text, StringComparison.Ordinal);
        Assert.Contains("Americas", otherTeam.Text, StringComparison.Ordinal);
        Assert.StartsWith("Team figures are for managers and admins.", rep.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_NoWonDeals_ExplainsWhatIsMissing()
    {
        var answer = await _bot.AskAsync("what do we need to hit 2M", _bot.Manager);

        Assert.Equal("Not enough history", answer.Card!.Title);
    }

    [Theory]
    [InlineData("what do we need to hit 2 bananas", "couldn't read \"2 bananas\"")]
    [InlineData("reverse funnel 0", "above zero")]
    [InlineData("what do we need to hit -5M this quarter", "can't be negative (\"-5M\")")]
    public async Task ReverseFunnel_BadAmount_ClearAnswerWithExample(string text, string expected)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal("Which target?", answer.Card!.Title);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.Contains("what do we need to hit 2M", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what do we need to hit 2 bananas")]
    [InlineData("what do we need to hit -5M this quarter")]
    public async Task ReverseFunnel_BadAmountRunByAButton_AnsweredAsWhenTyped(string command)
    {
        // A button's words were not read for the sign and unit: "-5M" planned for 5M, "2 bananas" for 2.
        var typed = await _bot.AskAsync(command, _bot.Manager);
        var pressed = await _bot.TurnAsync(new ActionInput(new RunCommandPayload(command), []), _bot.Manager);

        Assert.Equal("Which target?", pressed.Card!.Title);
        Assert.Equal(typed.Text, pressed.Text);
    }

    [Theory]
    [InlineData("what do we need to hit 2M by 2020", "by 2020")]
    [InlineData("what do we need to hit 2M in Q7 for EMEA", "in Q7")]
    [InlineData("reverse funnel 500k next week", "next week")]
    [InlineData("what do we need to hit 2M by last year?", "by last year")]
    public async Task ReverseFunnel_PeriodNotKnown_RefusedByNameNotTheCurrentQuarter(string text, string period)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal("Which period?", answer.Card!.Title);
        Assert.Contains($"couldn't read \"{period}\" as a period", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what do we need to hit 2M end of quarter")]
    [InlineData("what do we need to hit 2M in Q1 for EMEA")]
    [InlineData("what do we need to hit 2M for EMEA")]
    public async Task ReverseFunnel_KnownOrNoPeriod_Planned(string text)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.NotEqual("Which period?", answer.Card!.Title);
    }

    private TurnContext Context(Person person)
    {
        var view = new PersonView(person.Id, person.Email, person.Name, person.Role, [.. person.Memberships.Select(m => m.TeamId)]);
        var turn = new ChatTurn(new ChatUser(ChatChannel.Cli, Email: person.Email), ConversationKey.For(ChatChannel.Cli, "t"), new TextInput("pipeline"));
        return new TurnContext(view, turn, _bot.Map, _bot.Clock.GetUtcNow());
    }

    private sealed class RecordingChartPublisher : IChartPublisher
    {
        public List<Chart> Charts { get; } = [];

        public Task<CardImage?> PublishAsync(Chart chart, CancellationToken cancellationToken)
        {
            Charts.Add(chart);
            return Task.FromResult<CardImage?>(new CardImage("https://coach.example.com/charts/x.png", chart.AltText));
        }
    }
}
