using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesCoachBot.Core.Domain;

// Typed ids travel through card payloads as plain JSON scalars so cards stay small and readable. Public because
// the JSON source generators of the channel projects (the Adaptive Card model) create them too.
public sealed class DealIdJsonConverter : JsonConverter<DealId>
{
    // Card payloads come back from chat clients and may be tampered with: anything that is not a
    // whole number is a JsonException (which ActionPayload.TryParse turns into "not ours"), never a FormatException.
    public override DealId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String when long.TryParse(reader.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => new DealId(parsed),
            JsonTokenType.Number when reader.TryGetInt64(out var number) => new DealId(number),
            _ => throw new JsonException("A deal id must be a whole number."),
        };

    public override void Write(Utf8JsonWriter writer, DealId value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Value);
}

public sealed class StageIdJsonConverter : JsonConverter<StageId>
{
    public override StageId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new((reader.TokenType == JsonTokenType.String ? reader.GetString() : null) ?? throw new JsonException("A stage id must be a string."));

    public override void Write(Utf8JsonWriter writer, StageId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

public sealed class ChecklistItemIdJsonConverter : JsonConverter<ChecklistItemId>
{
    public override ChecklistItemId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new((reader.TokenType == JsonTokenType.String ? reader.GetString() : null) ?? throw new JsonException("A checklist item id must be a string."));

    public override void Write(Utf8JsonWriter writer, ChecklistItemId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
