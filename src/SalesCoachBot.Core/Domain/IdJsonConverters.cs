using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesCoachBot.Core.Domain;

// Typed ids travel through card payloads as plain JSON scalars so cards stay small and readable.
internal sealed class DealIdJsonConverter : JsonConverter<DealId>
{
    public override DealId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new DealId(long.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            : new DealId(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, DealId value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Value);
}

internal sealed class StageIdJsonConverter : JsonConverter<StageId>
{
    public override StageId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A stage id must be a string."));

    public override void Write(Utf8JsonWriter writer, StageId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

internal sealed class ChecklistItemIdJsonConverter : JsonConverter<ChecklistItemId>
{
    public override ChecklistItemId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A checklist item id must be a string."));

    public override void Write(Utf8JsonWriter writer, ChecklistItemId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
