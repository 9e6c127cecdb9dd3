using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesCoachBot.Core.Cards;

/// <summary>
/// Writes a value of an abstract card type (a Block Kit block, an Adaptive Card element or button) with the
/// serializer's contract for its runtime type, which must be in the options' resolver. This is what
/// <c>[JsonDerivedType]</c> without a discriminator does, but that path keeps a stack of frames for every element
/// (17 % of a Teams turn's allocations, bench/README.md); each derived type's generated writer needs none.
/// Cards are only ever written: reading one back is refused.
/// </summary>
public sealed class RuntimeTypeJsonConverter<T> : JsonConverter<T>
    where T : class
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{typeof(T).Name} is written, never read.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
}
