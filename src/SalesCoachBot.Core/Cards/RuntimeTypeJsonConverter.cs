using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
    // One writer per contract (a few dozen types, each seen on every card). A nested value is written by its type's
    // generated handler where it has one: JsonSerializer.Serialize would treat it as a document of its own and flush
    // the writer after each block and button.
    private static readonly ConcurrentDictionary<JsonTypeInfo, Action<Utf8JsonWriter, T>> Writers = new();

    private static readonly MethodInfo WriterOfType =
        typeof(RuntimeTypeJsonConverter<T>).GetMethod(nameof(WriterOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{typeof(T).Name} is written, never read.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        var info = options.GetTypeInfo(value.GetType());
        var write = Writers.GetOrAdd(info, static info => (Action<Utf8JsonWriter, T>)WriterOfType.MakeGenericMethod(info.Type).Invoke(null, [info])!);
        write(writer, value);
    }

    private static Action<Utf8JsonWriter, T> WriterOf<TRuntime>(JsonTypeInfo info)
        where TRuntime : T
    {
        var typed = (JsonTypeInfo<TRuntime>)info;

        // The generated handler is the serializer's own fast path; a contract without one goes through the serializer.
        return typed.SerializeHandler is { } handler
            ? (writer, value) => handler(writer, (TRuntime)value)
            : (writer, value) => JsonSerializer.Serialize(writer, (TRuntime)value, typed);
    }
}
