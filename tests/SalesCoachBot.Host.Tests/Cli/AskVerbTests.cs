using System.Text.Json;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// The <c>ask</c> verb with the real Core and Data over a SQLite file seeded with the demo data and
/// the shipped map: what a newcomer does in the README's walk.
/// </summary>
public sealed class AskVerbTests : IAsyncLifetime
{
    private DemoAskHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoAskHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<(int Exit, string Out, string Err)> AskAsync(params string[] args) => _host.AskAsync(args);

    [Fact]
    public async Task Ask_WalkInitechThroughDemoChecklist_AdvancesToNextStage()
    {
        var map = ProcessMapLoader.Default;
        var demo = map.GetStage(new StageId("demo"));
        var next = map.NextOf(demo)!;

        var (exit, first, _) = await AskAsync("what's next for initech", "--as", "dana@example.com");
        Assert.Equal(0, exit);
        Assert.Contains($"Initech — {demo.Name}", first, StringComparison.Ordinal);

        var last = string.Empty;
        foreach (var item in demo.RequiredItems)
        {
            (exit, last, _) = await AskAsync($"done {item.Id} for 1002", "--as", "dana@example.com");
            Assert.Equal(0, exit);
        }

        Assert.Contains($"moved from {demo.Name} to {next.Name}", last, StringComparison.Ordinal);
        var (_, after, _) = await AskAsync("next #1002", "--as", "dana@example.com");
        Assert.Contains($"Initech — {next.Name}", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ConversationLink_PersistsAcrossRuns()
    {
        await AskAsync("link this chat to initech", "--as", "dana@example.com", "--conversation", "walk");

        var (exit, linked, _) = await AskAsync("what's next for this deal", "--as", "dana@example.com", "--conversation", "walk");
        var (_, unlinked, _) = await AskAsync("what's next", "--as", "dana@example.com", "--conversation", "other");

        Assert.Equal(0, exit);
        Assert.Contains("Initech —", linked, StringComparison.Ordinal);
        Assert.Contains("Which deal", unlinked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Json_PrintsTextAndTypedCard()
    {
        var (exit, output, _) = await AskAsync("what's next for initech", "--as", "dana@example.com", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.StartsWith("Initech —", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        var card = json.RootElement.GetProperty("card");
        Assert.Equal("checklist", card.GetProperty("kind").GetString());
        var confirm = card.GetProperty("checklist").GetProperty("confirm").GetProperty("payload");
        Assert.Equal("confirm", confirm.GetProperty("kind").GetString());
        Assert.Equal("demo", confirm.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Ask_UnknownDeal_PoliteAnswerExitZero()
    {
        var (exit, output, _) = await AskAsync("what's next for zzqqxx industries", "--as", "dana@example.com");

        Assert.Equal(0, exit);
        Assert.Contains("can't find", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_UnknownPerson_ExitTwoAndNoAnswer()
    {
        var (exit, output, error) = await AskAsync("what's next for initech", "--as", "nobody@example.com");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("nobody@example.com", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("what's next")]
    [InlineData("what's next", "--as")]
    [InlineData("a", "b", "--as", "dana@example.com")]
    [InlineData("hi", "--as", "dana@example.com", "--bogus", "x")]
    public async Task Ask_BadArguments_UsageExitTwo(params string[] args)
    {
        var (exit, _, error) = await AskAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains("usage:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ask needs --as EMAIL (the person asking)", "hi")]
    [InlineData("ask needs --as EMAIL (the person asking)", "hi", "--as")]
    [InlineData("ask needs the TEXT to say, in quotes", "--as", "dana@example.com")]
    [InlineData("ask takes one TEXT: put it in quotes", "a", "b", "--as", "dana@example.com")]
    [InlineData("unknown option '--bogus'", "hi", "--as", "dana@example.com", "--bogus", "x")]
    public async Task Ask_BadArguments_SaysWhatIsWrongBeforeTheUsageLine(string mistake, params string[] args)
    {
        var (exit, output, error) = await AskAsync(args);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        var lines = error.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([mistake, $"usage: {Host.Cli.AskVerb.Usage}"], lines);
    }
}
