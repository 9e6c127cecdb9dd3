using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SalesCoachBot.Teams.Dispatch;

namespace SalesCoachBot.Teams.Tests.Manifest;

/// <summary>
/// The bot's command lists in manifest/manifest.json (the schema itself is checked by tests/peers/teams/check.sh):
/// within Teams' limits, and naming the commands of issue 15 in their canonical forms.
/// </summary>
public sealed class TeamsManifestTests
{
    private static JsonNode Manifest([CallerFilePath] string here = "") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "manifest", "manifest.json")))!;

    [Fact]
    public void CommandLists_WithinTeamsLimits()
    {
        foreach (var list in Manifest()["bots"]![0]!["commandLists"]!.AsArray())
        {
            var commands = list!["commands"]!.AsArray();
            Assert.InRange(commands.Count, 1, 10);
            Assert.All(commands, c => Assert.InRange(c!["title"]!.GetValue<string>().Length, 1, 32));
            Assert.All(commands, c => Assert.InRange(c!["description"]!.GetValue<string>().Length, 1, 128));
        }
    }

    [Theory]
    [InlineData("personal", new[] { "what's next for", "my deals", "done", "next step for", "note for", "called", "snooze", "history of", "new deal", "help" })]
    [InlineData("team", new[] { "what's next for", "link this chat to", "next step for", "note for", "history of", "snooze", "pipeline", "use this channel for", "help" })]
    public void CommandLists_NameTheNewCommands(string scope, string[] titles)
    {
        var list = Manifest()["bots"]![0]!["commandLists"]!.AsArray()
            .Single(l => l!["scopes"]!.AsArray().Any(s => s!.GetValue<string>() == scope))!;

        var listed = list["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()).ToList();

        Assert.All(titles, t => Assert.Contains(t, listed));
    }

    [Fact]
    public void Welcome_NamesTheNewCommands()
    {
        foreach (var form in new[] { "next step for DEAL", "note for DEAL", "called DEAL", "history of DEAL", "new deal NAME", "help" })
        {
            Assert.Contains(form, ActivityDispatcher.WelcomeText, StringComparison.Ordinal);
        }

        Assert.Contains("next step for DEAL", ActivityDispatcher.ChannelWelcomeText, StringComparison.Ordinal);
    }
}
