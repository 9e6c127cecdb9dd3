using System.Text.Json.Serialization;

namespace SalesCoachBot.Core.Domain;

/// <summary>Database identity of a deal, as carried in card payloads.</summary>
[JsonConverter(typeof(DealIdJsonConverter))]
public readonly record struct DealId(long Value) : IComparable<DealId>
{
    public int CompareTo(DealId other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A stage id from the process map (kebab-case, stable).</summary>
[JsonConverter(typeof(StageIdJsonConverter))]
public readonly record struct StageId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A checklist item id from the process map, unique within its stage.</summary>
[JsonConverter(typeof(ChecklistItemIdJsonConverter))]
public readonly record struct ChecklistItemId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>
/// Where the bot talks: a conversation in a chat channel, or a person it messages directly (the conversation with
/// them is opened or looked up when sending). <see cref="Workspace"/> is the Slack team a Slack channel belongs to;
/// Teams conversation ids and command-line names are unique on their own.
/// <para>
/// <see cref="ToString"/> is the key's one text form, the one the database stores and the logs show, and
/// <see cref="Parse"/> the one reader of it: <c>teams:19:abc@thread.tacv2</c>, <c>slack:T123:C456</c>,
/// <c>cli:demo</c>, <c>slack-user:U123</c>, <c>teams-user:&lt;AAD object id&gt;</c>.
/// </para>
/// </summary>
public readonly record struct ConversationKey
{
    private const string SlackUserPrefix = "slack-user";
    private const string TeamsUserPrefix = "teams-user";

    private ConversationKey(ChatChannel channel, string? workspace, string id, bool isPerson)
    {
        Channel = channel;
        Workspace = workspace;
        Id = id;
        IsPerson = isPerson;
    }

    public ChatChannel Channel { get; }

    /// <summary>The Slack team (<c>T…</c>) of a Slack channel; null for Teams, the command line and direct messages.</summary>
    public string? Workspace { get; }

    /// <summary>The channel's own id: a Teams conversation id, a Slack channel id, a Slack user id or AAD object id for a person.</summary>
    public string Id => field ?? string.Empty;

    /// <summary>A person to message directly (<c>slack-user:</c>, <c>teams-user:</c>) rather than a conversation.</summary>
    public bool IsPerson { get; }

    /// <summary>A conversation whose id is unique within its channel: Teams, the command line.</summary>
    public static ConversationKey For(ChatChannel channel, string id) => new(channel, null, id, false);

    /// <summary>A Slack channel (or DM) of a workspace.</summary>
    public static ConversationKey Slack(string workspace, string channelId) => new(ChatChannel.Slack, workspace, channelId, false);

    /// <summary>A Slack user, messaged in their DM with the bot (opened with conversations.open when sending).</summary>
    public static ConversationKey SlackUser(string userId) => new(ChatChannel.Slack, null, userId, true);

    /// <summary>A Teams user, messaged in their stored personal conversation with the bot.</summary>
    public static ConversationKey TeamsUser(string aadObjectId) => new(ChatChannel.Teams, null, aadObjectId, true);

    public override string ToString() => (Channel, IsPerson, Workspace) switch
    {
        (ChatChannel.Slack, true, _) => $"{SlackUserPrefix}:{Id}",
        (ChatChannel.Teams, true, _) => $"{TeamsUserPrefix}:{Id}",
        (ChatChannel.Slack, false, { } workspace) => $"slack:{workspace}:{Id}",
        _ => $"{Prefix(Channel)}:{Id}",
    };

    /// <summary>Reads the text form back (<see cref="ToString"/>); a text that is not one is a <see cref="FormatException"/>.</summary>
    public static ConversationKey Parse(string text) =>
        TryParse(text, out var key) ? key : throw new FormatException($"'{text}' is not a conversation key (teams:…, slack:…, cli:…, slack-user:…, teams-user:…).");

    public static bool TryParse(string? text, out ConversationKey key)
    {
        key = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon < 0)
        {
            return false;
        }

        var id = text![(colon + 1)..];
        switch (text.AsSpan(0, colon))
        {
            case "teams":
                key = For(ChatChannel.Teams, id);
                return true;
            case "cli":
                key = For(ChatChannel.Cli, id);
                return true;
            case "slack":
                // Slack channel ids have no colon, so the last one ends the workspace; a key without one (from
                // before workspaces) is a channel of the configured workspace.
                var workspace = id.LastIndexOf(':');
                key = workspace < 0 ? new(ChatChannel.Slack, null, id, false) : Slack(id[..workspace], id[(workspace + 1)..]);
                return true;
            case SlackUserPrefix:
                key = SlackUser(id);
                return true;
            case TeamsUserPrefix:
                key = TeamsUser(id);
                return true;
            default:
                return false;
        }
    }

    private static string Prefix(ChatChannel channel) => channel switch
    {
        ChatChannel.Teams => "teams",
        ChatChannel.Slack => "slack",
        _ => "cli",
    };
}

public enum ChatChannel
{
    Cli,
    Teams,
    Slack,
}
