using System.Text.Json.Serialization;

namespace SalesCoachBot.Core.Domain;

/// <summary>Database identity of a deal, as carried in card payloads.</summary>
[JsonConverter(typeof(DealIdJsonConverter))]
public readonly record struct DealId(long Value)
{
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
/// A conversation the bot takes part in, namespaced by channel
/// (for example <c>teams:19:abc@thread.tacv2</c>, <c>slack:T123:C456</c>, <c>cli:demo</c>).
/// </summary>
public readonly record struct ConversationKey(string Value)
{
    public static ConversationKey For(ChatChannel channel, string id) =>
        new($"{channel.ToString().ToLowerInvariant()}:{id}");

    public override string ToString() => Value;
}

public enum ChatChannel
{
    Cli,
    Teams,
    Slack,
}
