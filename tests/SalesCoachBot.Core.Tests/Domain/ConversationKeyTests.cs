using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Tests.Domain;

/// <summary>The conversation key's one text form: what the database holds, read back into its parts and written again unchanged.</summary>
public sealed class ConversationKeyTests
{
    public static TheoryData<string, ChatChannel, string?, string, bool> StoredForms => new()
    {
        { "teams:19:abc@thread.tacv2", ChatChannel.Teams, null, "19:abc@thread.tacv2", false },
        { "teams:19:abc@thread.tacv2;messageid=1", ChatChannel.Teams, null, "19:abc@thread.tacv2;messageid=1", false },
        { "teams:a:personal-1", ChatChannel.Teams, null, "a:personal-1", false },
        { "slack:T123:C456", ChatChannel.Slack, "T123", "C456", false },
        { "slack:C456", ChatChannel.Slack, null, "C456", false },
        { "cli:default:dana@example.com", ChatChannel.Cli, null, "default:dana@example.com", false },
        { "slack-user:U123", ChatChannel.Slack, null, "U123", true },
        { "teams-user:00000000-0000-0000-0000-000000000020", ChatChannel.Teams, null, "00000000-0000-0000-0000-000000000020", true },
        { "teams:", ChatChannel.Teams, null, "", false },
    };

    [Theory]
    [MemberData(nameof(StoredForms))]
    public void Parse_StoredText_GivesItsPartsAndWritesTheSameText(string text, ChatChannel channel, string? workspace, string id, bool person)
    {
        var key = ConversationKey.Parse(text);

        Assert.Equal((channel, workspace, id, person), (key.Channel, key.Workspace, key.Id, key.IsPerson));
        Assert.Equal(text, key.ToString());
    }

    [Fact]
    public void Factories_WriteTheTextTheChannelsHaveAlwaysStored()
    {
        Assert.Equal("slack:T123:C456", ConversationKey.Slack("T123", "C456").ToString());
        Assert.Equal("teams:19:abc@thread.tacv2", ConversationKey.For(ChatChannel.Teams, "19:abc@thread.tacv2").ToString());
        Assert.Equal("cli:demo", ConversationKey.For(ChatChannel.Cli, "demo").ToString());
        Assert.Equal("slack-user:U1", ConversationKey.SlackUser("U1").ToString());
        Assert.Equal("teams-user:aad-1", ConversationKey.TeamsUser("aad-1").ToString());
        Assert.Equal(ConversationKey.Slack("T123", "C456"), ConversationKey.Parse("slack:T123:C456"));
        Assert.NotEqual(ConversationKey.SlackUser("U1"), ConversationKey.For(ChatChannel.Slack, "U1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sample")]
    [InlineData("Teams:19:abc")]
    [InlineData("email:dana@example.com")]
    public void TryParse_NotAKey_IsRefused(string text)
    {
        Assert.False(ConversationKey.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ConversationKey.Parse(text));
    }

    [Fact]
    public void Slack_OddWorkspaceFromARequest_StillRoundTrips()
    {
        // Ids come from requests: whatever they hold, the key is made and read back, never an exception.
        var key = ConversationKey.Slack("T1:X", "C1");

        Assert.Equal("slack:T1:X:C1", key.ToString());
        Assert.Equal(key, ConversationKey.Parse(key.ToString()));
    }
}
