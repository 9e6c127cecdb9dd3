using System.Text.Json;
using System.Text.Json.Serialization;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Cards;

/// <summary>
/// Typed data carried by a card button. Serialised into the card (Adaptive Card <c>data</c>,
/// Slack button <c>value</c>) and parsed back when pressed; the <c>kind</c> discriminator
/// says which use case it asks for.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ConfirmItemsPayload), "confirm")]
[JsonDerivedType(typeof(ShowChecklistPayload), "checklist")]
[JsonDerivedType(typeof(UndoItemPayload), "undo")]
[JsonDerivedType(typeof(SnoozeDealPayload), "snooze")]
[JsonDerivedType(typeof(RunCommandPayload), "command")]
public abstract record ActionPayload
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses a payload that came back from a chat client. Returns null when it is not one of ours.</summary>
    public static ActionPayload? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > 4096)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ActionPayload>(json, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    public static ActionPayload? TryParse(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return TryParse(element.GetRawText());
        }
        catch (InvalidOperationException)
        {
            // The element's bytes are not valid UTF-8 (a document parsed from raw bytes keeps them as sent).
            return null;
        }
    }
}

/// <summary>Confirm the ticked checklist items of a deal at the stage version the card showed.</summary>
public sealed record ConfirmItemsPayload(DealId Deal, StageId Stage, int StageVersion) : ActionPayload;

/// <summary>Open the deal's current checklist card.</summary>
public sealed record ShowChecklistPayload(DealId Deal) : ActionPayload;

/// <summary>Withdraw one confirmation.</summary>
public sealed record UndoItemPayload(DealId Deal, StageId Stage, int StageVersion, ChecklistItemId Item) : ActionPayload;

/// <summary>Leave a deal out of stalled digests for some days.</summary>
public sealed record SnoozeDealPayload(DealId Deal, int Days) : ActionPayload;

/// <summary>Run a chat command as if typed (help buttons, "see all").</summary>
public sealed record RunCommandPayload(string Text) : ActionPayload;
