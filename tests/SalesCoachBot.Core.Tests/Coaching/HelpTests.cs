using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Issue 15, point 10: help lists what the asker may do.</summary>
public sealed class HelpTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Help_Rep_DealCommandsWithTheNewOnesButNoTeamCommands()
    {
        var answer = await _bot.AskAsync("help");

        var section = Assert.Single(answer.Card!.Sections);
        Assert.Equal("Your deals", section.Heading);
        foreach (var command in new[] { "next step for Initech", "note for Initech", "called Initech", "snooze Initech 3 days", "unsnooze Initech",
                     "history of Initech", "Initech is not a fit", "new deal Contoso", "my deals", "stalled", "link this chat to Initech" })
        {
            Assert.Contains(section.Lines, l => l.Text.Contains(command, StringComparison.Ordinal));
            Assert.Contains(command, answer.Text, StringComparison.Ordinal);
        }

        // A rep's pipeline is their own deals': offered without a team, which only managers may name.
        Assert.DoesNotContain("pipeline EMEA", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("use this channel for", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(answer.Card.Actions, a => a.Label == "Pipeline");
    }

    [Fact]
    public async Task Help_ManagerAndAdmin_AlsoPipelineReverseFunnelMovesAndNudgeChannels()
    {
        foreach (var person in new[] { _bot.Manager, _bot.Admin })
        {
            var answer = await _bot.AskAsync("help", person);

            Assert.Equal(["Your deals", "Your teams (managers)"], answer.Card!.Sections.Select(s => s.Heading));
            var team = answer.Card.Sections[1].Lines.Select(l => l.Text).ToList();
            Assert.Contains(team, l => l.StartsWith("pipeline EMEA", StringComparison.Ordinal));
            Assert.Contains(team, l => l.StartsWith("what do we need to hit 2M", StringComparison.Ordinal));
            Assert.Contains(team, l => l.StartsWith("move Initech to proposal", StringComparison.Ordinal));
            Assert.Contains(team, l => l.StartsWith("use this channel for EMEA nudges", StringComparison.Ordinal));
            Assert.Contains(answer.Card.Actions, a => a.Label == "Pipeline" && a.Payload == new RunCommandPayload("pipeline"));
        }
    }

    [Fact]
    public async Task Unknown_Rep_SaysWhatWasNotUnderstoodThenTheRepCommands()
    {
        var answer = await _bot.AskAsync("flibbertigibbet");

        Assert.StartsWith("Sorry, I didn't understand \"flibbertigibbet\". Try:", answer.Text, StringComparison.Ordinal);
        Assert.Single(answer.Card!.Sections);
    }

    [Fact]
    public async Task Help_CrmManagesDeals_NoNewDeal()
    {
        using var bot = new BotHarness(configure: s => s.Configure<CrmOptions>(o => o.Provider = "hubspot"));

        var answer = await bot.AskAsync("help");

        Assert.DoesNotContain("new deal", answer.Text, StringComparison.Ordinal);
        Assert.Contains("next step for Initech", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thanks!", "You're welcome! Ask me what's next for any deal whenever you need.")]
    [InlineData("great, that helps", "You're welcome! Ask me what's next for any deal whenever you need.")]
    [InlineData("شكرا جزيلا", "العفو! اسألني عن الخطوة التالية لأي صفقة متى احتجت.")]
    [InlineData("يعطيك العافية يا كوتش", "العفو! اسألني عن الخطوة التالية لأي صفقة متى احتجت.")]
    public async Task Thanks_AnsweredInKindInTheLanguageTyped_NothingElse(string text, string expected)
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        var history = _bot.Stores.History.Count;

        var answer = await _bot.AskAsync(text);

        Assert.Equal(expected, answer.Text);
        Assert.Null(answer.Card);
        Assert.Equal(history, _bot.Stores.History.Count);
        Assert.Equal(new StageId("discovery"), deal.StageId);
    }
}
