using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesCoachBot.Core.Localization;

/// <summary>A reply language in JSON (<c>ask --json</c>): its code, <c>"ar"</c>.</summary>
public sealed class ReplyLanguageJsonConverter : JsonConverter<ReplyLanguage>
{
    public override ReplyLanguage? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReplyLanguage.FromCode(reader.GetString());

    public override void Write(Utf8JsonWriter writer, ReplyLanguage value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Code);
}
