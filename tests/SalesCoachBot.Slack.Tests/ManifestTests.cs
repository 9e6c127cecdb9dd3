using System.Runtime.CompilerServices;
using YamlDotNet.RepresentationModel;

namespace SalesCoachBot.Slack.Tests;

/// <summary>manifest/slack/manifest.yaml declares exactly what the code relies on (SlackAppRequirements), and its URLs point at our endpoints.</summary>
public sealed class ManifestTests
{
    private static readonly Lazy<YamlMappingNode> Manifest = new(() =>
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(ManifestPath());
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    });

    private static string ManifestPath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "manifest", "slack", "manifest.yaml"));

    private static YamlNode At(params string[] path)
    {
        YamlNode node = Manifest.Value;
        foreach (var key in path)
        {
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        }

        return node;
    }

    private static string Scalar(params string[] path) => ((YamlScalarNode)At(path)).Value!;

    private static List<string> List(params string[] path) => ((YamlSequenceNode)At(path)).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();

    [Fact]
    public void Manifest_BotScopes_AreExactlyTheOnesTheCodeUses()
    {
        var declared = List("oauth_config", "scopes", "bot");

        Assert.Equal(SlackAppRequirements.BotScopes.Keys.Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Manifest_BotEvents_AreExactlyTheOnesTheCodeHandles()
    {
        var declared = List("settings", "event_subscriptions", "bot_events");

        Assert.Equal(SlackAppRequirements.BotEvents.Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Manifest_CommandAndUrls_PointAtOurEndpointsUnderPublicBaseUrl()
    {
        var command = (YamlMappingNode)((YamlSequenceNode)At("features", "slash_commands")).Children.Single();

        Assert.Equal(SlackAppRequirements.SlashCommand, ((YamlScalarNode)command.Children[new YamlScalarNode("command")]).Value);
        Assert.Equal("${PublicBaseUrl}/slack/commands", ((YamlScalarNode)command.Children[new YamlScalarNode("url")]).Value);
        Assert.Equal("${PublicBaseUrl}/slack/events", Scalar("settings", "event_subscriptions", "request_url"));
        Assert.Equal("${PublicBaseUrl}/slack/interactions", Scalar("settings", "interactivity", "request_url"));
        Assert.Equal("true", Scalar("settings", "interactivity", "is_enabled"));
        Assert.Equal(["${PublicBaseUrl}" + Installs.SlackInstallEndpoints.RedirectPath], List("oauth_config", "redirect_urls"));
    }

    [Fact]
    public void Manifest_UsageHint_ShowsTheDealCommandsOfIssue15()
    {
        var command = (YamlMappingNode)((YamlSequenceNode)At("features", "slash_commands")).Children.Single();
        var hint = ((YamlScalarNode)command.Children[new YamlScalarNode("usage_hint")]).Value!;

        foreach (var form in new[] { "next step for", "note for", "called", "snooze", "history of", "new deal", "help" })
        {
            Assert.Contains(form, hint, StringComparison.Ordinal);
        }

        Assert.True(hint.Length <= 1000, $"{hint.Length} characters");
    }

    [Fact]
    public void Manifest_AppHomeAndSocketModeFlags_AreDeclared()
    {
        Assert.Equal("true", Scalar("features", "app_home", "home_tab_enabled"));
        Assert.Equal("true", Scalar("features", "app_home", "messages_tab_enabled"));
        Assert.Equal("false", Scalar("features", "app_home", "messages_tab_read_only_enabled"));
        Assert.Contains(Scalar("settings", "socket_mode_enabled"), new[] { "true", "false" });
        Assert.NotEmpty(Scalar("features", "bot_user", "display_name"));
    }

    [Fact]
    public void Requirements_EveryEventTheHandlerRoutes_IsSubscribed()
    {
        string[] handled = [SlackEventTypes.AppMention, SlackEventTypes.AppHomeOpened, SlackEventTypes.AppUninstalled, SlackEventTypes.TokensRevoked];

        Assert.All(handled, type => Assert.Contains(type, SlackAppRequirements.BotEvents));
        Assert.Contains("message.im", SlackAppRequirements.BotEvents);
    }
}
