using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SalesCoachBot.MicroBench.Before;

/// <summary>The removed writer: one <see cref="Utf8JsonWriter"/> and buffer per thread, its span valid until the thread's next call.</summary>
internal static class BeforeSlackWireJson
{
    private const int KeptBufferBytes = 64 * 1024;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? threadWriter;

    public static ReadOnlySpan<byte> Write<T>(T value, JsonTypeInfo<T> info)
    {
        var buffer = threadBuffer is { Capacity: <= KeptBufferBytes } kept ? kept : threadBuffer = new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = threadWriter ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, value, info);
        writer.Flush();
        return buffer.WrittenSpan;
    }
}
