using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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
[JsonDerivedType(typeof(SetNextStepPayload), "nextStep")]
[JsonDerivedType(typeof(NextStepFormPayload), "nextStepForm")]
[JsonDerivedType(typeof(PipelineDetailsPayload), "pipelineDetails")]
[JsonDerivedType(typeof(AddNotePayload), "note")]
[JsonDerivedType(typeof(NoteFormPayload), "noteForm")]
[JsonDerivedType(typeof(ShowHistoryPayload), "history")]
[JsonDerivedType(typeof(SaidNoPayload), "said-no")]
[JsonDerivedType(typeof(SaidNoFormPayload), "said-no-form")]
[JsonDerivedType(typeof(ReopenDealPayload), "reopen")]
public abstract record ActionPayload
{
    /// <summary>The longest payload read back from a chat client; anything longer is not one of ours.</summary>
    // Room for a form's text (a 2,000-character note, non-ASCII escaped as \uXXXX) beside the payload's own fields.
    public const int MaxJsonLength = 16384;

    /// <summary>Options for whole cards and answers (the outbox, <c>ask --json</c>); payloads in them are written as <see cref="JsonTypeInfo"/> writes them.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The payload's JSON contract (source-generated): what every channel writes into a card and reads back.</summary>
    public static JsonTypeInfo<ActionPayload> JsonTypeInfo => ActionPayloadJsonContext.Default.ActionPayload;

    /// <summary>The <c>kind</c> discriminator this payload is written with (an Adaptive Card's verb is the same word).</summary>
    [JsonIgnore]
    public string Kind => PayloadKinds.Of[GetType()];

    /// <summary>The payload as text, for channels whose buttons carry a string (Slack's <c>value</c>).</summary>
    /// <remarks>
    /// The same text <see cref="JsonTypeInfo"/> writes (<c>{"kind":…,</c> then the type's own properties), but through
    /// the payload type's own contract: the polymorphic one allocates a write stack per call, and a card writes five.
    /// </remarks>
    public string ToJson()
    {
        var own = JsonSerializer.SerializeToUtf8Bytes(this, ActionPayloadJsonContext.Default.GetTypeInfo(GetType())!);
        var properties = Encoding.UTF8.GetString(own.AsSpan(1, own.Length - 2));
        return properties.Length == 0 ? $"{{\"kind\":\"{Kind}\"}}" : $"{{\"kind\":\"{Kind}\",{properties}}}";
    }

    /// <summary>Parses a payload that came back from a chat client. Returns null when it is not one of ours.</summary>
    public static ActionPayload? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > MaxJsonLength)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, JsonTypeInfo);
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

    /// <summary>Reads a payload from card data a chat client sent back (other properties, such as inputs, are ignored).</summary>
    public static ActionPayload? TryParse(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || JsonMarshal.GetRawUtf8Value(element).Length > MaxJsonLength)
        {
            return null;
        }

        try
        {
            return element.Deserialize(JsonTypeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // The element's bytes are not valid UTF-8 (a document parsed from raw bytes keeps them as sent).
            return null;
        }
    }
}

/// <summary>Each payload type's <c>kind</c>, read once from the contract rather than declared twice.</summary>
file static class PayloadKinds
{
    public static readonly FrozenDictionary<Type, string> Of = ActionPayload.JsonTypeInfo.PolymorphismOptions!.DerivedTypes
        .ToFrozenDictionary(d => d.DerivedType, d => (string)d.TypeDiscriminator!);
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

/// <summary>
/// An "Add note" form submitted: <see cref="Text"/> is the form's one input, written as <c>note</c> (the input's id), not
/// <c>text</c>: the deal card also holds the next step's form, and input ids must be unique across a whole Adaptive Card.
/// </summary>
public sealed record AddNotePayload(DealId Deal, [property: JsonPropertyName(AddNotePayload.TextInput)] string? Text = null) : ActionPayload
{
    public const string TextInput = "note";
}

/// <summary>Asks for the "Add note" form as its own answer (Slack opens it as a modal).</summary>
public sealed record NoteFormPayload(DealId Deal) : ActionPayload;

/// <summary>
/// A page of a deal's history (1 = the newest entries); <see cref="Person"/>: only that person's entries, as typed;
/// <see cref="Period"/>: only those of a time asked for ("last week"), by <see cref="Coaching.PeriodWindows.Code"/>.
/// </summary>
public sealed record ShowHistoryPayload(DealId Deal, int Page, string? Person = null, string? Period = null) : ActionPayload;

/// <summary>
/// A "Set next step" form submitted: <see cref="Date"/> (ISO yyyy-MM-dd, from a date picker) and <see cref="Text"/> are the
/// form's inputs, whose ids are these property names, so a client that merges inputs into the data (Teams) fills them.
/// </summary>
public sealed record SetNextStepPayload(DealId Deal, string? Date = null, string? Text = null) : ActionPayload
{
    public const string DateInput = "date";
    public const string TextInput = "text";
}

/// <summary>
/// The pipeline summary's "Details" where a card cannot unfold them (Slack): the same question again, answered with the
/// details in the summary's thread. <see cref="Team"/>, <see cref="Days"/> and <see cref="Period"/> (a calendar period's
/// code, "this-month") as the summary was asked.
/// </summary>
public sealed record PipelineDetailsPayload(string? Team, int? Days, string? Period = null) : ActionPayload;

/// <summary>Asks for the "Set next step" form as its own answer (Slack opens it as a modal).</summary>
public sealed record NextStepFormPayload(DealId Deal) : ActionPayload;

/// <summary>
/// "Buyer said no" for a deal at the stage version the card showed: without <see cref="Reason"/> the bot asks for one;
/// a reason button carries it, and a card's text input named <see cref="ReasonInput"/> fills it with what was typed.
/// </summary>
public sealed record SaidNoPayload(DealId Deal, int StageVersion, string? Reason = null) : ActionPayload
{
    /// <summary>The id of the free-text input whose value arrives as <see cref="Reason"/> (the property's JSON name).</summary>
    public const string ReasonInput = "reason";
}

/// <summary>Asks for the "Another reason" form as its own answer (Slack opens it as a modal).</summary>
public sealed record SaidNoFormPayload(DealId Deal, int StageVersion) : ActionPayload;

/// <summary>Undo a close: reopen the deal, if it is still as closed at <see cref="StageVersion"/>.</summary>
public sealed record ReopenDealPayload(DealId Deal, int StageVersion) : ActionPayload;

/// <summary>
/// Writes a payload property of a channel's own card model (an Adaptive Card's <c>data</c>) with the payload's one
/// contract, <see cref="ActionPayload.JsonTypeInfo"/>, whatever options the card itself is written with.
/// </summary>
public sealed class ActionPayloadJsonConverter : JsonConverter<ActionPayload>
{
    public override ActionPayload? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, ActionPayload.JsonTypeInfo);

    public override void Write(Utf8JsonWriter writer, ActionPayload value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, ActionPayload.JsonTypeInfo);
}

/// <summary>Same settings as <see cref="ActionPayload.JsonOptions"/> (web defaults, nulls left out), generated at build time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(ActionPayload))]
[JsonSerializable(typeof(ConfirmItemsPayload))]
[JsonSerializable(typeof(ShowChecklistPayload))]
[JsonSerializable(typeof(UndoItemPayload))]
[JsonSerializable(typeof(SnoozeDealPayload))]
[JsonSerializable(typeof(RunCommandPayload))]
[JsonSerializable(typeof(SetNextStepPayload))]
[JsonSerializable(typeof(NextStepFormPayload))]
[JsonSerializable(typeof(PipelineDetailsPayload))]
[JsonSerializable(typeof(AddNotePayload))]
[JsonSerializable(typeof(NoteFormPayload))]
[JsonSerializable(typeof(ShowHistoryPayload))]
[JsonSerializable(typeof(SaidNoPayload))]
[JsonSerializable(typeof(SaidNoFormPayload))]
[JsonSerializable(typeof(ReopenDealPayload))]
internal sealed partial class ActionPayloadJsonContext : JsonSerializerContext;
